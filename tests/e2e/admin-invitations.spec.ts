/**
 * Invitations: a coordinator invites a new partner representative, who receives the e-mail in the dev
 * mailbox, signs in from its link, lands in the charter and can update only their organization's actions.
 * Resending, withdrawing, inviting someone who already has an account, changing and removing members.
 */
import { expect, test, type Browser } from '@playwright/test';
import { sql, uniqueEmail } from '../helpers/env.ts';
import { codeOf, confirmLinkOf, expectNoAxeViolations, openEmailLink, waitForMail } from './helpers.ts';
import {
	createCharter,
	forgePost,
	freshUser,
	journalCount,
	signInAs,
	TEST_PASSWORD,
	type TestCharter
} from './fixtures.ts';

let charter: TestCharter;
let coordinator: { id: string; email: string };

test.beforeAll(async () => {
	coordinator = await freshUser('coordination', 'Coordination Invitations');
	charter = await createCharter({
		title: 'Invitations',
		coordinatorId: coordinator.id,
		partners: ['Ordre des médecins 87', 'ARS Nouvelle-Aquitaine'],
		objectives: [{ code: '1', title: 'Objectif des invitations' }],
		actions: [
			{ code: '1.1', objective: '1', title: 'Action de l’Ordre', lead: 'Ordre des médecins 87' },
			{ code: '1.2', objective: '1', title: 'Action de l’ARS', lead: 'ARS Nouvelle-Aquitaine' }
		]
	});
});
test.afterAll(async () => charter?.drop());

const membersUrl = () => `/chartes/${charter.slug}/administration/membres`;

async function invite(page: import('@playwright/test').Page, email: string, role: string, organization?: string) {
	const form = page.locator('form[action="?/inviter"]');
	await form.getByLabel('Adresse e-mail').fill(email);
	await form.getByLabel('Rôle').selectOption({ label: role });
	if (organization) await form.getByLabel('Organisation représentée').selectOption({ label: organization });
	await form.getByRole('button', { name: "Envoyer l'invitation" }).click();
}

/** A new browser, where the person opens the e-mail's link and presses the landing page's button. */
async function openInNewContext(browser: Browser, url: string) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await openEmailLink(page, url);
	return { context, page };
}

test('a coordinator invites a new partner representative, who signs in from the e-mail and updates only their organization’s actions', async ({
	page,
	browser
}) => {
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(membersUrl());
	await page.waitForLoadState('networkidle');
	await expectNoAxeViolations(page);
	// The coordinator's own row offers nothing to change.
	const own = page.getByRole('row', { name: /Coordination Invitations/ });
	await expect(own).toContainText('vous');
	await expect(own.locator('select, button')).toHaveCount(0);

	const email = uniqueEmail('nouveau.partenaire');
	const since = new Date(Date.now() - 1000);
	await invite(page, email, 'Partenaire', 'Ordre des médecins 87');
	await expect(page.getByText(`Invitation envoyée à ${email}.`)).toBeVisible();
	const invitations = page.locator('section[aria-labelledby="invitations-title"]');
	const row = invitations.getByRole('row', { name: new RegExp(email.replace('.', '\\.')) });
	await expect(row).toContainText('En attente');
	await expect(row).toContainText('Ordre des médecins 87');

	// A new account's invitation names the charter, the role, the organization and who invites, and says how long
	// its link and code work.
	const mail = await waitForMail(email, since);
	expect(mail.subject).toBe(`Invitation à rejoindre « ${charter.title} »`);
	expect(mail.text).toContain('Coordination Invitations');
	expect(mail.text).toContain(`la charte « ${charter.title} »`);
	expect(mail.text).toContain('pour Conseil départemental de l’Ordre des médecins de la Haute-Vienne.');
	expect(mail.text).toMatch(/Ce lien et ce code sont valables une heure/);
	expect(mail.text).toMatch(/saisir ce code sur la page de connexion \(\S+\/connexion\) : \d{6}/);
	const link = confirmLinkOf(mail.text);
	expect(link).toContain('type=invite');

	const { context, page: invited } = await openInNewContext(browser, link);
	await expect(invited).toHaveURL(/\/bienvenue/);
	await invited.waitForLoadState('networkidle');
	// The orientation page says what the role does, and asks the name instead of guessing it from the address.
	await expect(
		invited.getByRole('heading', { name: /Invitations .*: .*, pour Conseil départemental de l’Ordre/ })
	).toBeVisible();
	await expect(invited.getByText(/Vous représentez Conseil départemental de l’Ordre/)).toBeVisible();
	await expect(invited.getByLabel('Nom affiché')).toHaveValue('');
	await expectNoAxeViolations(invited);
	await invited.getByLabel('Nom affiché').fill('Nadia Nouvelle');
	await invited.getByRole('button', { name: 'Enregistrer et continuer' }).click();
	await expect(invited).toHaveURL(new RegExp(`/chartes/${charter.slug}$`));
	await expect(invited.getByText('Votre rôle : Partenaire — Ordre des médecins 87')).toBeVisible();

	// Their organization's action: the form is there and works.
	await invited.goto(`/chartes/${charter.slug}/actions/${charter.actions['1.1']}`);
	await invited.waitForLoadState('networkidle');
	const form = invited.locator('form[action="?/avancement"]');
	await form.getByLabel('Avancement (%)').fill('15');
	await form.getByLabel('Statut').selectOption({ label: 'En cours' });
	await form.getByLabel('Commentaire').fill('Premier point d’étape de Nadia.');
	await form.getByRole('button', { name: 'Enregistrer la mise à jour' }).click();
	await expect(invited.locator('.timeline > li').first()).toContainText('Nadia Nouvelle');
	expect(await journalCount(charter.actions['1.1'])).toBe(1);

	// Another organization's action: no form, and the database refuses a forged update.
	await invited.goto(`/chartes/${charter.slug}/actions/${charter.actions['1.2']}`);
	await expect(invited.locator('form[action="?/avancement"]')).toHaveCount(0);
	const [{ version }] = await sql<{ version: number }>('select version from public.actions where id = $1', [
		charter.actions['1.2']
	]);
	const forged = await forgePost(invited, `/chartes/${charter.slug}/actions/${charter.actions['1.2']}?/avancement`, {
		version: String(version),
		status: 'in_progress',
		progress: '90',
		health: 'on_track'
	});
	expect(forged.status).toBe(403);
	expect(await journalCount(charter.actions['1.2'])).toBe(0);
	await context.close();

	// The coordinator sees the invitation accepted and the new member.
	await page.reload();
	await expect(row).toContainText('Acceptée');
	await expect(page.getByRole('row', { name: /Nadia Nouvelle/ })).toBeVisible();
});

test('resending sends a new link; withdrawing makes it useless', async ({ page, browser }) => {
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(membersUrl());
	await page.waitForLoadState('networkidle');
	const email = uniqueEmail('retire');
	await invite(page, email, 'Membre du COPIL');
	await expect(page.getByText(`Invitation envoyée à ${email}.`)).toBeVisible();

	const since = new Date();
	const row = page.getByRole('row', { name: new RegExp(email.replace('.', '\\.')) });
	await row.getByRole('button', { name: /Renvoyer/ }).click();
	await expect(page.getByText(`Invitation renvoyée à ${email}`)).toBeVisible();
	await expect(row).toContainText('Envois : 2');
	const resent = await waitForMail(email, since);

	await row.getByRole('button', { name: /Retirer/ }).click();
	// The question takes the focus, so that keyboard and screen reader users land on it.
	const question = page.locator('section.confirm');
	await expect(question).toBeFocused();
	await expect(question.getByRole('heading')).toHaveText(`Retirer l'invitation de ${email} ?`);
	await question.getByRole('button', { name: "Retirer l'invitation" }).click();
	await expect(page.getByText('Invitation retirée.')).toBeVisible();
	await expect(row).toContainText('Retirée');

	// The link still signs the person in, but makes nobody a member.
	const { context, page: visitor } = await openInNewContext(browser, confirmLinkOf(resent.text));
	await expect(visitor).toHaveURL(/\/bienvenue/);
	const members = await sql(
		'select 1 from public.charter_members m join public.profiles p on p.id = m.user_id where p.email = $1',
		[email]
	);
	expect(members).toHaveLength(0);
	await context.close();
});

test('someone who already has an account gets a magic link to the charter', async ({ page, browser }) => {
	const existing = await freshUser('existant', 'Élodie Existante');
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(membersUrl());
	await page.waitForLoadState('networkidle');
	const since = new Date(Date.now() - 1000);
	await invite(page, existing.email, 'Partenaire', 'ARS Nouvelle-Aquitaine');
	await expect(page.getByText(`Invitation envoyée à ${existing.email}.`)).toBeVisible();
	const mail = await waitForMail(existing.email, since);
	expect(mail.subject).toBe(`Invitation à rejoindre « ${charter.title} »`);
	expect(mail.text).toContain('en tant que Partenaire');
	const { context, page: member } = await openInNewContext(browser, confirmLinkOf(mail.text));
	await expect(member).toHaveURL(new RegExp(`/chartes/${charter.slug}$`));
	await expect(member.getByText('Votre rôle : Partenaire — ARS Nouvelle-Aquitaine')).toBeVisible();
	await context.close();

	// The coordinator changes that member into a steering member, then removes them.
	await page.reload();
	// Hydrated first: a choice made before the scripts run would be reset by the enhanced form.
	await page.waitForLoadState('networkidle');
	const row = page.getByRole('row', { name: /Élodie Existante/ });
	await row.getByLabel('Rôle de Élodie Existante').selectOption({ label: 'Membre du COPIL' });
	await row.getByRole('button', { name: /Enregistrer/ }).click();
	await expect(page.getByText('Rôle de Élodie Existante enregistré.')).toBeVisible();
	const [role] = await sql<{ role: string }>(
		'select role from public.charter_members where charter_id = $1 and user_id = $2',
		[charter.id, existing.id]
	);
	expect(role.role).toBe('steering');
	await page
		.getByRole('row', { name: /Élodie Existante/ })
		.getByRole('button', { name: /Retirer de la charte/ })
		.click();
	const question = page.locator('section.confirm');
	await expect(question).toContainText('Retirer Élodie Existante de la charte ?');
	await question.getByRole('button', { name: 'Retirer de la charte' }).click();
	await expect(page.getByText('Élodie Existante ne fait plus partie de la charte.')).toBeVisible();
	expect(
		await sql('select 1 from public.charter_members where charter_id = $1 and user_id = $2', [charter.id, existing.id])
	).toHaveLength(0);

	// Changing one's own row is refused by the database even when forged.
	const [self] = await sql<{ id: string }>(
		'select id from public.charter_members where charter_id = $1 and user_id = $2',
		[charter.id, coordinator.id]
	);
	const forged = await forgePost(page, `${membersUrl()}?/membre`, {
		memberId: self.id,
		role: 'steering',
		organizationId: ''
	});
	expect(forged.status).toBe(403);
});

test('an invited person may type the invitation’s code instead; a name another member has is refused next to the field', async ({
	page,
	browser
}) => {
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(membersUrl());
	const email = uniqueEmail('code.invitation');
	const since = new Date(Date.now() - 1000);
	await invite(page, email, 'Membre du COPIL');
	await expect(page.getByText(`Invitation envoyée à ${email}.`)).toBeVisible();
	const mail = await waitForMail(email, since);

	const context = await browser.newContext({ javaScriptEnabled: false });
	const invited = await context.newPage();
	await invited.goto('/connexion?code');
	const form = invited.locator('form[action="?/code"]');
	await form.getByLabel('Adresse e-mail').fill(email);
	await form.getByLabel('Code à 6 chiffres').fill(codeOf(mail.text));
	await form.getByRole('button', { name: 'Valider le code' }).click();
	// A first sign-in: the orientation page, with the charter joined and the name asked.
	await expect(invited).toHaveURL(/\/bienvenue/);
	await expect(invited.getByText(/Vous suivez le tableau de bord de la charte/)).toBeVisible();
	await expect(invited.getByLabel('Nom affiché')).toHaveValue('');
	await invited.getByLabel('Nom affiché').fill('coordination invitations');
	await invited.getByRole('button', { name: 'Enregistrer et continuer' }).click();
	await expect(invited.getByText('Ce nom est déjà utilisé par une autre personne')).toBeVisible();
	await invited.getByLabel('Nom affiché').fill('Céline Codée');
	await invited.getByRole('button', { name: 'Enregistrer et continuer' }).click();
	await expect(invited).not.toHaveURL(/\/bienvenue/);
	const [profile] = await sql<{ display_name: string }>('select display_name from public.profiles where email = $1', [
		email
	]);
	expect(profile.display_name).toBe('Céline Codée');
	await context.close();
});

test('the invitation form works without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(membersUrl());
	// A partner representative without an organization: the error is next to the field.
	await invite(page, uniqueEmail('sans.js'), 'Partenaire');
	await expect(page.getByText("Choisissez l'organisation que cette personne représente.")).toBeVisible();
	// An elected official with communes typed as INSEE codes.
	const email = uniqueEmail('elu.sans.js');
	const form = page.locator('form[action="?/inviter"]');
	await form.getByLabel('Adresse e-mail').fill(email);
	await form.getByLabel('Rôle').selectOption({ label: 'Élu ou élue' });
	await form.getByLabel('Organisation représentée').selectOption({ label: 'Aucun' });
	await form.getByLabel('Communes couvertes').fill('87187, 87011');
	await form.getByRole('button', { name: "Envoyer l'invitation" }).click();
	await expect(page.getByText(`Invitation envoyée à ${email}.`)).toBeVisible();
	const [row] = await sql<{ commune_codes: string[]; role: string }>(
		'select commune_codes, role from public.invitations where email = $1',
		[email]
	);
	expect(row).toEqual({ commune_codes: ['87187', '87011'], role: 'elected_official' });
	await context.close();
});
