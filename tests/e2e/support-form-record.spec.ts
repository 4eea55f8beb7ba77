/**
 * The coordination's side of the entry door: recording a request taken by phone or at an event edition
 * (/chartes/[slug]/demandes/nouvelle, coordinators only), and the switch that opens the public form, which a
 * charter that is not published cannot open.
 */
import { expect, test } from '@playwright/test';
import { sql } from '../helpers/env.ts';
import { createCharter, freshUser, signInAs, TEST_PASSWORD, type TestCharter } from './fixtures.ts';
import { expectNoAxeViolations } from './helpers.ts';

let coordinator: { id: string; email: string };
let steering: { id: string; email: string };
let charter: TestCharter;

test.beforeAll(async () => {
	coordinator = await freshUser('coord-demandes', 'Coordination demandes');
	steering = await freshUser('copil-demandes', 'Copil demandes');
	charter = await createCharter({
		title: 'Charte des demandes',
		coordinatorId: coordinator.id,
		members: [{ userId: steering.id, role: 'steering' }]
	});
});

test.afterAll(async () => {
	await charter?.drop();
	await sql('delete from auth.users where id = any($1)', [[coordinator.id, steering.id]]);
});

test('a coordinator records a request taken by phone, with its communes, without any consent box', async ({ page }) => {
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(`/chartes/${charter.slug}/demandes/nouvelle`);
	await expect(page.getByRole('heading', { level: 1, name: "Enregistrer une demande d'accompagnement" })).toBeVisible();
	await expect(page.getByText(/dites à la personne que ses données servent/)).toBeVisible();
	await expect(page.getByRole('checkbox', { name: /J'accepte/ })).toHaveCount(0);
	await expectNoAxeViolations(page);

	await page.getByLabel('Reçue par *').selectOption('phone');
	await page.getByLabel('Prénom *').fill('Sami');
	await page.getByLabel('Nom *', { exact: true }).fill('Téléphone');
	await page.getByLabel('Téléphone', { exact: true }).fill('05 53 00 00 00');
	await page.getByLabel('Profession *').selectOption('kinesitherapie');
	await page.getByLabel('Où en êtes-vous ? *').selectOption('remplacant');
	await page.getByRole('checkbox', { name: 'Remplacements' }).check();
	// A name typed without picking from the list: the server resolves it (exactly one commune bears it).
	await page.getByRole('combobox', { name: /Communes envisagées/ }).fill('Marmande');
	await page.getByRole('button', { name: 'Enregistrer la demande' }).click();

	await page.waitForURL(new RegExp(`/chartes/${charter.slug}/demandes/\\d{4}-\\d{4}$`));
	const reference = page.url().split('/').pop();
	const [row] = await sql<{
		channel: string;
		consent_at: string | null;
		needs: string[];
		owner_id: string;
		created_by: string;
	}>(
		'select channel, consent_at, needs::text[] as needs, owner_id, created_by from public.support_requests where charter_id = $1 and reference = $2',
		[charter.id, reference]
	);
	expect(row).toEqual({
		channel: 'phone',
		consent_at: null,
		needs: ['remplacement'],
		owner_id: coordinator.id,
		created_by: coordinator.id
	});
	const communes = await sql<{ commune_code: string }>(
		'select commune_code from public.support_request_communes c join public.support_requests r on r.id = c.request_id where r.reference = $1 and r.charter_id = $2',
		[reference, charter.id]
	);
	expect(communes).toEqual([{ commune_code: '47157' }]);
	// A request the coordination records sends no e-mail to anyone.
	const [{ n }] = await sql<{ n: string }>(
		'select count(*) as n from public.notifications n join public.support_requests r on r.id = n.support_request_id where r.reference = $1 and r.charter_id = $2',
		[reference, charter.id]
	);
	expect(Number(n)).toBe(0);
});

test('an event edition pre-selects the channel and is passed to the request (an unknown one is refused once editions exist)', async ({
	page
}) => {
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	const edition = '3f0c9a4e-5b1d-4c2e-9f7a-1b2c3d4e5f60';
	await page.goto(`/chartes/${charter.slug}/demandes/nouvelle?edition=${edition}`);
	await expect(page.getByLabel('Reçue par *')).toHaveValue('event');
	await expect(page.getByText("Rattachée à l'édition d'événement")).toBeVisible();
	await expect(page.locator('input[name="occurrenceId"]')).toHaveValue(edition);
	await page.getByLabel('Prénom *').fill('Eva');
	await page.getByLabel('Nom *', { exact: true }).fill('Salon');
	await page.getByLabel('Adresse e-mail').fill('eva.salon@example.com');
	await page.getByLabel('Profession *').selectOption('medecine');
	await page.getByLabel('Où en êtes-vous ? *').selectOption('interne');
	await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
	const rows = () =>
		sql<{ channel: string; occurrence_id: string }>(
			'select channel, occurrence_id from public.support_requests where charter_id = $1 and requester_email = $2',
			[charter.id, 'eva.salon@example.com']
		);
	const [{ editions }] = await sql<{ editions: string | null }>(
		"select to_regclass('public.action_occurrences')::text as editions"
	);
	if (editions) {
		// No such edition: the database refuses the link (its foreign key), the form says so.
		await expect(page.getByText("Cette édition d'événement est introuvable dans la charte.")).toBeVisible();
		expect(await rows()).toHaveLength(0);
	} else {
		// Before the editions exist (20261123400100), the id passes through as it came.
		await page.waitForURL(/\/demandes\/\d{4}-\d{4}$/);
		expect(await rows()).toEqual([{ channel: 'event', occurrence_id: edition }]);
	}
});

test('other members of the charter cannot record a request', async ({ page }) => {
	await signInAs(page, steering.email, TEST_PASSWORD);
	const answer = await page.goto(`/chartes/${charter.slug}/demandes/nouvelle`);
	expect(answer?.status()).toBe(403);
});

test('the coordinator opens the public form only once the charter is published, and closes it', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await sql('update public.charters set is_public = false, intake_open = false where id = $1', [charter.id]);
	await page.goto(`/chartes/${charter.slug}/administration`);
	const section = page.getByRole('region', { name: /Formulaire public/ });
	await expect(section.getByText("Publiez d'abord la charte")).toBeVisible();
	await expect(section.getByRole('button')).toHaveCount(0);

	// A forged post to open it anyway is refused.
	const refused = await page.request.post(`/chartes/${charter.slug}/administration/formulaire-public`, {
		form: { open: 'true' },
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(refused.status()).toBe(409);
	expect(await refused.text()).toContain("La charte n'est pas publiée : le formulaire ne peut pas être ouvert.");
	expect(
		(await sql<{ intake_open: boolean }>('select intake_open from public.charters where id = $1', [charter.id]))[0]
			.intake_open
	).toBe(false);

	await sql('update public.charters set is_public = true where id = $1', [charter.id]);
	await page.reload();
	await section.getByRole('button', { name: 'Ouvrir le formulaire' }).click();
	await expect(page.getByText('Le formulaire public est ouvert.')).toBeVisible();
	expect(
		(await sql<{ intake_open: boolean }>('select intake_open from public.charters where id = $1', [charter.id]))[0]
			.intake_open
	).toBe(true);
	await page.goto(`/public/${charter.slug}`);
	await expect(page.getByRole('link', { name: /Vous souhaitez vous installer/ })).toBeVisible();

	await page.goto(`/chartes/${charter.slug}/administration`);
	await section.getByRole('button', { name: 'Fermer le formulaire' }).click();
	await expect(page.getByText('Le formulaire public est fermé.')).toBeVisible();
	expect(
		(await sql<{ intake_open: boolean }>('select intake_open from public.charters where id = $1', [charter.id]))[0]
			.intake_open
	).toBe(false);
	await context.close();
});
