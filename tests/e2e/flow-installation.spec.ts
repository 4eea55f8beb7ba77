/**
 * From first contact to installation (issue 14), end to end and timed, on a published charter of its own with its
 * form open: a professional fills in the public form with the keyboard alone (axe clean); the coordination opens
 * the request from its notice e-mail and routes the housing need to a mairie and the premises need to a CPTS;
 * each partner's representative opens the referral e-mail (one click to the request after sign-in) and answers;
 * the coordination marks the request installed; the dashboard's pipeline and the indicator computed from the
 * installations change accordingly. Prints one line with the time and the clicks.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Browser } from '@playwright/test';
import { sql } from '../helpers/env.ts';
import { drainOutbox } from '../notifications/world.ts';
import { expectNoAxeViolations, waitForMail, tabTo } from './helpers.ts';
import { createCharter, freshUser, signInAs, TEST_PASSWORD, type TestCharter } from './fixtures.ts';
import { chooseWithKeys, markInstalled, routeNeed, typeInto } from './support-helpers.ts';

const MAIRIE = 'Mairie de Carpentras';
const CPTS = 'CPTS Cerebellum';
let charter: TestCharter;
let coordinator: { id: string; email: string };
const reps = {} as Record<typeof MAIRIE | typeof CPTS, { id: string; email: string }>;
let indicatorId: string;
const professional = `flow.${randomUUID().slice(0, 8)}@example.net`;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const inDays = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

test.beforeAll(async () => {
	coordinator = await freshUser('coordination-installation', 'Karine Coordination');
	reps[MAIRIE] = await freshUser('mairie-installation', 'Nadia Mairie');
	reps[CPTS] = await freshUser('cpts-installation', 'Thomas CPTS');
	charter = await createCharter({
		title: 'Installation de bout en bout',
		coordinatorId: coordinator.id,
		partners: [MAIRIE, CPTS],
		members: [
			{ userId: reps[MAIRIE].id, role: 'partner_rep', organization: MAIRIE },
			{ userId: reps[CPTS].id, role: 'partner_rep', organization: CPTS }
		]
	});
	await sql('update public.charters set is_public = true, intake_open = true where id = $1', [charter.id]);
	[{ id: indicatorId }] = await sql<{ id: string }>(
		`insert into public.indicators (charter_id, name, unit, target, source, source_profession)
		 values ($1, 'Installations de médecins', 'médecins', 10, 'installations', 'medecine') returning id`,
		[charter.id]
	);
});
test.afterAll(async () => {
	await sql('delete from public.notifications where charter_id = $1', [charter.id]);
	await charter?.drop();
});

const installedValue = async () =>
	(
		await sql<{ value: string }>(
			'select value::text from public.indicator_values where indicator_id = $1 order by measured_on desc limit 1',
			[indicatorId]
		)
	)[0]?.value ?? null;

async function partnerAnswers(
	browser: Browser,
	baseURL: string,
	organization: typeof MAIRIE | typeof CPTS,
	since: Date,
	reference: string
) {
	const mail = await waitForMail(reps[organization].email, since, 20_000);
	const link = new RegExp(`Ouvrir la demande ${reference} : (\\S+)`).exec(mail.text)?.[1];
	expect(link).toMatch(new RegExp(`^${baseURL}/demandes/[0-9a-f-]{36}$`));
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(link!);
	await expect(page).toHaveURL(/\/connexion\?suivant=/);
	const signIn = page.locator('form[action="?/motdepasse"]');
	await signIn.getByLabel('Adresse e-mail').fill(reps[organization].email);
	await signIn.getByLabel('Mot de passe').fill(TEST_PASSWORD);
	await signIn.getByRole('button', { name: 'Se connecter' }).click();
	// One click (the e-mail's): the referral itself, after sign-in.
	await page.waitForURL(link!);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Demande ${reference}`);
	await page.getByLabel('Votre réponse (facultatif)').fill(`${organization} s'en occupe.`);
	await page.getByRole('button', { name: 'Accepter' }).click();
	await expect(page.getByText('Réponse enregistrée.')).toBeVisible();
	await expect(page.getByText(professional)).toBeVisible();
	await context.close();
	return 1;
}

test('first contact to installation: public form, routing to a mairie and a CPTS, answers, installed, dashboard', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	const started = Date.now();
	const since = new Date(started - 1000);
	expect(await installedValue()).toBeNull();

	// 1. The professional, keyboard only.
	await page.goto(`/public/${charter.slug}/installation`);
	await expectNoAxeViolations(page);
	await page.waitForLoadState('networkidle');
	await typeInto(page, 'Prénom *', 'Lina');
	await typeInto(page, 'Nom *', 'Parcours');
	await typeInto(page, 'Adresse e-mail', professional);
	await chooseWithKeys(page, 'Profession *', 'medecine');
	await chooseWithKeys(page, 'Où en êtes-vous ? *', 'docteur_junior');
	await typeInto(page, 'Votre projet', 'Installation en cabinet de groupe, avec ma famille.');
	for (const need of ['Logement', 'Locaux professionnels']) {
		await tabTo(page, page.getByRole('checkbox', { name: need }));
		await page.keyboard.press('Space');
	}
	await tabTo(page, page.getByRole('combobox', { name: /Communes envisagées/ }));
	await page.keyboard.type('Carpentras');
	await expect(page.getByRole('option', { name: /Carpentras/ }).first()).toBeVisible();
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('Enter');
	await tabTo(page, page.getByRole('checkbox', { name: /J'accepte que mes données/ }));
	await page.keyboard.press('Space');
	await tabTo(page, page.getByRole('button', { name: 'Envoyer ma demande' }));
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/installation\/envoyee\?reference=/);
	const reference = (await page.getByText(/^Sa référence : \d{4}-\d{4}$/).textContent())!.replace(
		'Sa référence : ',
		''
	);
	await expectNoAxeViolations(page);
	const formSeconds = (Date.now() - started) / 1000;

	// 2. The coordination, from its notice e-mail, routes two needs.
	await drainOutbox({ charterId: charter.id, siteUrl: baseURL! });
	const ack = await waitForMail(professional, since, 20_000);
	expect(ack.text).toContain(reference);
	const notice = await waitForMail(coordinator.email, since, 20_000);
	const requestLink = new RegExp(`(${baseURL}/chartes/${charter.slug}/demandes/${reference})`).exec(notice.text)?.[1];
	expect(requestLink).toBeTruthy();
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(requestLink!);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Demande ${reference}`);
	await page.waitForLoadState('networkidle');
	const routed = new Date(Date.now() - 1000);
	await routeNeed(page, 'Logement', MAIRIE, inDays(10));
	await routeNeed(page, 'Locaux professionnels', CPTS, inDays(14));
	let clicks = 2;
	await drainOutbox({ charterId: charter.id, siteUrl: baseURL! });

	// 3. Each partner, from the referral e-mail.
	for (const organization of [MAIRIE, CPTS] as const)
		clicks += await partnerAnswers(browser, baseURL!, organization, routed, reference);

	// 4. The coordination reads the answers and records the installation.
	await page.reload();
	for (const organization of [MAIRIE, CPTS])
		await expect(page.locator('.journal')).toContainText(`Prise en charge — ${organization} s'en occupe.`);
	await markInstalled(page, today);
	clicks += 1;

	// 5. The dashboard's pipeline and the computed indicator follow.
	await page.goto(`/chartes/${charter.slug}/tableau-de-bord`);
	const pipeline = page.getByTestId('support-pipeline');
	await expect(pipeline.getByRole('heading', { level: 2, name: 'Installation des professionnels' })).toBeVisible();
	await expect(pipeline.locator('[data-figure="requests_open"]')).toHaveAttribute('data-value', '0');
	await expect(pipeline.getByRole('table', { name: 'Installations par commune et par année' })).toContainText(
		'Carpentras'
	);
	await expectNoAxeViolations(page);
	expect(await installedValue()).toBe('1.00');
	const seconds = Math.round((Date.now() - started) / 100) / 10;
	console.log(
		`flow: public form→installed ${seconds} s (form ${formSeconds.toFixed(1)} s), ${clicks} clicks after the form`
	);
	expect(seconds).toBeLessThan(120);
});
