/**
 * The update campaign before a COPIL (issue 15, item 2), in Chromium: the opening notice is written by the real
 * job (enqueue_campaign_notices), sent by the real sender and read from the dev mailbox; the representative opens
 * the link of their action, signs in and records an update with a typed comment ("Frein à lever"); the
 * coordinator's board then shows their organization up to date and the other one missing, and the dashboard says
 * how far the campaign is. Axe clean on the board; the board reads the same without JavaScript.
 */
import { expect, test } from '@playwright/test';
import { sql, serviceClient } from '../helpers/env.ts';
import { drainOutbox } from '../notifications/world.ts';
import { expectNoAxeViolations, waitForMail } from './helpers.ts';
import { createCharter, freshUser, signInAs, TEST_PASSWORD, type TestCharter } from './fixtures.ts';

const FAC = 'Faculté de médecine de Limoges';
const ARS = 'ARS Nouvelle-Aquitaine';
let charter: TestCharter;
let coordinator: { id: string; email: string };
let rep: { id: string; email: string };
let meetingId: string;
let dueOn: string;

test.beforeAll(async () => {
	coordinator = await freshUser('coordination-campagne', 'Camille Coordination');
	rep = await freshUser('fac-campagne', 'Inès Faculté');
	charter = await createCharter({
		title: 'Campagne avant COPIL',
		coordinatorId: coordinator.id,
		partners: [FAC, ARS],
		members: [{ userId: rep.id, role: 'partner_rep', organization: FAC }],
		objectives: [{ code: '1', title: 'Former et accueillir' }],
		actions: [
			{ code: '1.1', objective: '1', title: 'Stages en zone sous-dotée', lead: FAC },
			{ code: '1.2', objective: '1', title: 'Logement des internes', lead: ARS }
		]
	});
	const [meeting] = await sql<{ id: string; updates_due_on: string }>(
		`insert into public.meetings (charter_id, kind, title, starts_at, updates_due_on, campaign_opens_on)
		 values ($1, 'copil', 'COPIL de printemps', now() + interval '20 days', current_date + 10, current_date)
		 returning id, to_char(updates_due_on, 'DD/MM/YYYY') as updates_due_on`,
		[charter.id]
	);
	meetingId = meeting.id;
	dueOn = meeting.updates_due_on;
});
test.afterAll(async () => {
	await sql('delete from public.notifications where charter_id = $1', [charter.id]);
	await charter?.drop();
});

test('a representative updates from the campaign e-mail; the board shows who is up to date and who is missing', async ({
	page,
	browser,
	baseURL
}) => {
	const since = new Date(Date.now() - 1000);
	const { data, error } = await serviceClient().rpc('enqueue_campaign_notices', { p_charter_id: charter.id });
	expect(error).toBeNull();
	expect(data).toBe(1);
	await drainOutbox({ charterId: charter.id, siteUrl: baseURL! });
	const mail = await waitForMail(rep.email, since, 20_000);
	expect(mail.subject).toMatch(
		new RegExp(`^COPIL du \\d{2}/\\d{2}/\\d{4} : vos actions à mettre à jour avant le ${dueOn}$`)
	);
	expect(mail.text).toContain('- 1.1 Stages en zone sous-dotée');
	expect(mail.text).not.toContain('1.2 Logement');
	const link = /Mettre à jour l'action 1\.1 : (\S+)/.exec(mail.text)?.[1];
	expect(link).toBe(
		`${baseURL}/chartes/${charter.slug}/actions/${charter.actions['1.1']}?formulaire=mise-a-jour#mise-a-jour`
	);

	await page.goto(link!);
	await expect(page).toHaveURL(/\/connexion\?suivant=/);
	const signIn = page.locator('form[action="?/motdepasse"]');
	await signIn.getByLabel('Adresse e-mail').fill(rep.email);
	await signIn.getByLabel('Mot de passe').fill(TEST_PASSWORD);
	await signIn.getByRole('button', { name: 'Se connecter' }).click();
	await page.waitForURL((url) => url.pathname === `/chartes/${charter.slug}/actions/${charter.actions['1.1']}`);

	const form = page.locator('#mise-a-jour form');
	await form.getByLabel('Avancement (%)').fill('40');
	// A typed comment without its text is refused next to the comment, with what was chosen kept.
	await form.getByRole('radio', { name: 'Frein à lever' }).check();
	await form.getByRole('button', { name: 'Enregistrer la mise à jour' }).click();
	await expect(form.locator('#update-comment-error')).toContainText('Un commentaire typé');
	await expect(form.getByRole('radio', { name: 'Frein à lever' })).toBeChecked();
	const comment = 'Le logement des stagiaires manque encore à Saint-Junien.';
	await form.getByLabel('Commentaire').fill(comment);
	await form.getByRole('button', { name: 'Enregistrer la mise à jour' }).click();
	await expect(page.getByText('Mise à jour enregistrée')).toBeVisible();
	const first = page.locator('.timeline > li').first();
	await expect(first).toContainText(comment);
	await expect(first.locator('[data-kind="frein"]')).toHaveText('Frein à lever');
	const [saved] = await sql<{ kind: string }>(
		'select kind from public.action_updates where action_id = $1 order by created_at desc limit 1',
		[charter.actions['1.1']]
	);
	expect(saved.kind).toBe('frein');

	// The coordinator, in a browser of their own.
	const context = await browser.newContext();
	const coord = await context.newPage();
	await signInAs(coord, coordinator.email, TEST_PASSWORD);
	await coord.goto(`/chartes/${charter.slug}/reunions/${meetingId}/campagne`);
	await expect(coord.getByRole('heading', { level: 2, name: 'Campagne de mise à jour' })).toBeVisible();
	await expect(coord.getByText('Actions mises à jour : 1 sur 2')).toBeVisible();
	const facRow = coord.getByRole('row', { name: /Faculté de médecine de Limoges/ });
	await expect(facRow).toContainText('Toutes à jour');
	await expect(facRow).toContainText(comment);
	await expect(facRow).toContainText('Frein à lever');
	const arsRow = coord.getByRole('row', { name: /Agence régionale de santé|ARS/ });
	await expect(arsRow.getByRole('link', { name: '1.2 Logement des internes' })).toHaveAttribute(
		'href',
		`/chartes/${charter.slug}/actions/${charter.actions['1.2']}`
	);
	await expectNoAxeViolations(coord);

	// The dashboard says how far the campaign is, with the way to the board.
	await coord.goto(`/chartes/${charter.slug}/tableau-de-bord`);
	const block = coord.getByTestId('campaign-status');
	await expect(block).toContainText(`Campagne en cours : 1 action sur 2 mise à jour, échéance le ${dueOn}`);
	await expect(block.getByRole('link', { name: 'Voir le suivi de la campagne' })).toHaveAttribute(
		'href',
		`/chartes/${charter.slug}/reunions/${meetingId}/campagne`
	);
	// The journal of the dashboard shows the kind too.
	await expect(coord.locator('[data-kind="frein"]').first()).toHaveText('Frein à lever');
	await context.close();
});

test('the board works without JavaScript, and a partner representative is told politely it is not theirs', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/connexion');
	const form = page.locator('form[action="?/motdepasse"]');
	await form.getByLabel('Adresse e-mail').fill(coordinator.email);
	await form.getByLabel('Mot de passe').fill(TEST_PASSWORD);
	await form.getByRole('button', { name: 'Se connecter' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
	await page.goto(`/chartes/${charter.slug}/reunions/${meetingId}/campagne`);
	await expect(page.getByRole('table')).toContainText('Logement des internes');
	await context.close();

	const repContext = await browser.newContext();
	const repPage = await repContext.newPage();
	await signInAs(repPage, rep.email, TEST_PASSWORD);
	await repPage.goto(`/chartes/${charter.slug}/reunions/${meetingId}/campagne`);
	await expect(
		repPage.getByText('Le suivi de la campagne est réservé à la coordination et au comité de pilotage.')
	).toBeVisible();
	await expect(repPage.getByRole('table')).toHaveCount(0);
	await repContext.close();
});
