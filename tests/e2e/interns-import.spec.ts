/**
 * The placement register beyond one placement: the form without JavaScript (a plain POST, the commune as an
 * INSEE code checked and named back), the import of a faculty's list with its preview and errors, and the
 * officials page where a coordinator sees which communes receiving interns have nobody to tell, and registers
 * an official with their communes through the invitations module.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { superuserPool } from '../helpers/demo.ts';
import { createWorld, WORLD_PASSWORD, type World } from '../notifications/world.ts';
import { expectNoAxeViolations, signIn, waitForMail } from './helpers.ts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const BELLAC = '87011';
const SAINT_JUNIEN = '87154';
const shots = path.join(process.cwd(), '.local', 'test-results', 'screenshots');
const su = superuserPool();
let world: World;

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const fr = (iso: string) => iso.split('-').reverse().join('/');

/** A faculty's list as French Excel saves it: semicolons, its own headers, dates as 02/11/2026. */
function facultyCsv(rows: Record<string, string>[]): string {
	const headers = [
		'Prénom',
		'Nom',
		'Filière',
		'Niveau',
		'Lieu de stage',
		'Code INSEE',
		'Date de début',
		'Date de fin',
		'Statut'
	];
	const keys = ['first_name', 'last_name', 'profession', 'level', 'host', 'commune', 'starts_on', 'ends_on', 'status'];
	const cell = (key: string, value = '') => (key.endsWith('_on') && value ? fr(value) : value);
	return [headers.join(';'), ...rows.map((r) => keys.map((k) => cell(k, r[k])).join(';'))].join('\r\n');
}

async function screenshots(page: Page, name: string): Promise<void> {
	if (!process.env.E2E_SCREENSHOTS) return;
	mkdirSync(shots, { recursive: true });
	for (const width of [1280, 375]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 900 });
}

test.beforeAll(async () => {
	world = await createWorld(su, [[BELLAC]]);
});

test.afterAll(async () => {
	// The account the invitation created, if any, goes with the test's charter.
	if (world) await su.query('delete from auth.users where email = $1', [`maire.junien.${world.tag}@example.com`]);
	await world?.remove();
	await su.end();
});

test('the placement form works without JavaScript, the commune checked against the communes of France', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	try {
		await signIn(page, world.coordinator.email, WORLD_PASSWORD);
		await page.goto(`/chartes/${world.slug}/stagiaires/nouveau`);
		await page.getByLabel('Prénom').fill('Gaspard');
		await page.getByLabel('Niveau').selectOption('externe');
		await page.getByLabel("Structure d'accueil", { exact: true }).selectOption({ label: world.hostName });
		await page.getByLabel('Commune du stage').fill('99999');
		await page.getByLabel("Date d'arrivée").fill(inDays(60));
		await page.getByLabel('Date de fin').fill(inDays(150));
		await page.getByRole('button', { name: 'Enregistrer le stage' }).click();
		await expect(page.getByText('Aucune commune ne porte le code INSEE 99999.')).toBeVisible();
		await expect(page.getByLabel('Prénom')).toHaveValue('Gaspard');
		// A year typed on three digits, a day that does not exist, a placement of more than a year: each said.
		await page.getByLabel('Commune du stage').fill(BELLAC);
		await page.getByLabel("Date d'arrivée").fill('0202-05-02');
		await page.getByLabel('Date de fin').fill('0203-11-01');
		await page.getByRole('button', { name: 'Enregistrer le stage' }).click();
		await expect(page.getByText("Le 02/05/0202 n'est pas plausible")).toBeVisible();
		const forged = await page.request.post(`/chartes/${world.slug}/stagiaires/nouveau`, {
			form: {
				firstName: 'Gaspard',
				profession: 'medecine',
				level: 'externe',
				hostOrganizationId: world.hostId,
				communeCode: BELLAC,
				startsOn: '2026-06-31',
				endsOn: '2026-08-31'
			},
			headers: { origin: new URL(page.url()).origin }
		});
		expect(await forged.text()).toContain("Le 31/06/2026 n'existe pas");
		await page.getByLabel("Date d'arrivée").fill(inDays(60));
		await page.getByLabel('Date de fin').fill(inDays(60 + 400));
		await page.getByRole('button', { name: 'Enregistrer le stage' }).click();
		await expect(page.getByText('Un stage dure au plus 12 mois')).toBeVisible();
		await page.getByLabel('Date de fin').fill(inDays(150));
		await page.getByRole('button', { name: 'Enregistrer le stage' }).click();
		await expect(page.getByText('Stage enregistré.')).toBeVisible();
		await expect(page.getByText('Commune : Bellac')).toBeVisible();
		await expect(page.getByLabel('Commune du stage')).toHaveValue(BELLAC);
	} finally {
		await context.close();
	}
});

test('a coordinator imports the faculty’s list: preview with errors, then the corrected file', async ({ page }) => {
	await signIn(page, world.coordinator.email, WORLD_PASSWORD);
	await page.goto(`/chartes/${world.slug}/stagiaires`);
	await page.getByRole('link', { name: 'Importer une liste' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Importer la liste de la faculté' })).toBeVisible();

	const rows: Record<string, string>[] = [
		{
			first_name: 'Hortense',
			last_name: 'Blanc',
			profession: 'Médecine',
			level: 'Interne',
			host: world.hostName,
			commune: BELLAC,
			starts_on: inDays(35),
			ends_on: inDays(200),
			status: 'Confirmé'
		},
		{
			first_name: 'Ilan',
			last_name: 'Roux',
			profession: 'Pharmacie',
			level: 'Externe',
			host: 'Structure inconnue',
			commune: SAINT_JUNIEN,
			starts_on: inDays(36),
			ends_on: inDays(120)
		}
	];
	const upload = async (data: typeof rows) => {
		await page.getByLabel('Fichier de la faculté (XLSX ou CSV)').setInputFiles({
			name: 'internes-novembre.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(facultyCsv(data))
		});
		await page.getByRole('button', { name: 'Analyser le fichier' }).click();
	};
	await upload(rows);
	const problems = page.getByRole('table', { name: 'Problèmes par feuille, ligne et colonne' });
	await expect(problems).toContainText("« Structure inconnue » n'est pas dans l'annuaire");
	await expect(problems.getByRole('row', { name: /Structure inconnue/ })).toContainText('3');
	await expect(page.getByRole('button', { name: 'Importer ces stages' })).toHaveCount(0);
	await expectNoAxeViolations(page);
	await screenshots(page, 'interns-import-errors');

	rows[1].host = world.hostName;
	await upload(rows);
	await expect(page.getByText('Stages à ajouter : 2. Déjà au registre (ignorés) : 0.')).toBeVisible();
	await expect(page.getByText('Stages confirmés dont les élus seront prévenus par e-mail : 1.')).toBeVisible();
	await expectNoAxeViolations(page);
	await screenshots(page, 'interns-import-preview');
	const since = new Date();
	await page.getByRole('button', { name: 'Importer ces stages' }).click();
	await expect(page.getByText('Stages ajoutés au registre : 2.')).toBeVisible();
	const mail = await waitForMail(world.officials[0].email, since, 20_000);
	expect(mail.text).toContain('Prénom : Hortense');

	await page.getByRole('link', { name: 'Voir le registre des stages' }).click();
	await expect(page.getByRole('row', { name: /Hortense/ })).toContainText('Confirmé');
	await expect(page.getByRole('row', { name: /Ilan/ })).toContainText('Prévu');
});

test('the officials page shows the communes nobody is told about, and registers their official', async ({ page }) => {
	await signIn(page, world.coordinator.email, WORLD_PASSWORD);
	await page.goto(`/chartes/${world.slug}/stagiaires`);
	await page.getByRole('link', { name: 'Élus informés' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Élus informés des arrivées' })).toBeVisible();
	await expect(page.getByText('Communes sans élu inscrit : 1.')).toBeVisible();
	await expect(page.getByRole('row', { name: /Bellac/ })).toContainText('Élus inscrits : 1');
	const junien = page.getByRole('row', { name: /Saint-Junien/ });
	await expect(junien).toContainText('Aucun élu inscrit');
	await expectNoAxeViolations(page);
	await screenshots(page, 'interns-officials');

	await junien.getByRole('link', { name: "Inviter l'élu ou l'élue de Saint-Junien" }).click();
	await expect(page.getByRole('list', { name: /Communes représentées/ })).toContainText('Saint-Junien');
	const email = `maire.junien.${world.tag}@example.com`;
	await page.getByLabel("Adresse e-mail de l'élu ou de l'élue").fill(email);
	const since = new Date();
	await page.getByRole('button', { name: "Inscrire l'élu ou l'élue" }).click();
	await expect(page.getByText(`Invitation envoyée à ${email}`)).toBeVisible();
	await waitForMail(email, since, 20_000);
	await page.reload();
	await expect(page.getByRole('row', { name: /Saint-Junien/ })).toContainText('Invitation en attente');
	await expect(page.getByRole('table', { name: "Invitations d'élus en attente" })).toContainText(email);
	const [invitation] = await su.query(
		'select role, commune_codes, status from public.invitations where charter_id = $1 and email = $2',
		[world.charterId, email]
	);
	expect(invitation).toEqual({ role: 'elected_official', commune_codes: [SAINT_JUNIEN], status: 'pending' });
});
