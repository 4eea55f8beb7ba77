/**
 * Spreadsheet import and export in the browser: a template file with errors is rejected with every problem
 * listed and changes nothing; the corrected file imports; a seeded charter exported then imported into a new
 * charter gives the same workbook back; the upload shows its progress, and everything works without
 * JavaScript.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { sql } from '../helpers/env.ts';
import { expectNoAxeViolations } from './helpers.ts';
import { createCharter, freshUser, signInAs, TEST_PASSWORD, type TestCharter } from './fixtures.ts';

let coordinator: { id: string; email: string };
const charters: TestCharter[] = [];
let dir: string;

test.beforeAll(async () => {
	coordinator = await freshUser('coordination', 'Ines Import');
	dir = await mkdtemp(path.join(tmpdir(), 'import-'));
});
test.afterAll(async () => {
	for (const c of charters) await c.drop();
});

async function emptyCharter(title: string): Promise<TestCharter> {
	const charter = await createCharter({ title, coordinatorId: coordinator.id });
	charters.push(charter);
	return charter;
}

async function workbook(name: string, sheets: Record<string, unknown[][]>): Promise<string> {
	const book = new ExcelJS.Workbook();
	for (const [sheet, rows] of Object.entries(sheets)) book.addWorksheet(sheet).addRows(rows);
	const file = path.join(dir, name);
	await writeFile(file, new Uint8Array(await book.xlsx.writeBuffer()));
	return file;
}

const header = [
	'Code',
	'Objectif',
	'Titre',
	'Pilote',
	'Contributeurs',
	'Début',
	'Échéance',
	'Statut',
	'Avancement (%)'
];
const partners = [
	['Organisation', 'Nom court', 'Type', 'Rôles'],
	['Faculté de médecine de Limoges', '', '', 'Signataire; Pilote'],
	['Ordre des médecins 87', '', '', 'Signataire']
];
const badFile = () =>
	workbook('plan-avec-erreurs.xlsx', {
		objectifs: [
			['Code', 'Titre'],
			['1', 'Former et accueillir'],
			['1', 'Objectif en double']
		],
		actions: [
			header,
			[
				'1.1',
				'1',
				'Stages en zone fragile',
				'Faculté de médecine de Limoges',
				'Ordre des médecins 87',
				'01/09/2026',
				'30/06/2027',
				'En cours',
				20
			],
			['1.2', '1', 'Accueil des internes', 'Mairie imaginaire', '', '32/13/2026', '', 'À venir', 150]
		],
		partenaires: partners
	});
const goodFile = () =>
	workbook('plan-corrige.xlsx', {
		objectifs: [
			['Code', 'Titre'],
			['1', 'Former et accueillir'],
			['2', 'Faciliter les installations']
		],
		actions: [
			header,
			[
				'1.1',
				'1',
				'Stages en zone fragile',
				'Faculté de médecine de Limoges',
				'Ordre des médecins 87',
				'01/09/2026',
				'30/06/2027',
				'En cours',
				20
			],
			['1.2', '1', 'Accueil des internes', 'Ordre des médecins 87', '', '01/10/2026', '', 'À venir', 0],
			['2.1', '2', 'Guichet unique installation', 'Faculté de Limoges', '', '', '31/12/2027', 'Bloquée', 10]
		],
		partenaires: partners
	});

async function analyse(page: Page, files: string | string[]) {
	await page.getByLabel('Fichier du plan').setInputFiles(files);
	await page.getByRole('button', { name: 'Analyser le fichier' }).click();
}

async function planCounts(charterId: string) {
	const [row] = await sql<{ objectives: number; actions: number }>(
		`select (select count(*)::int from public.objectives where charter_id = $1) as objectives,
			(select count(*)::int from public.actions where charter_id = $1) as actions`,
		[charterId]
	);
	return row;
}

/** The data sheets of a workbook (the notice aside), as text rows. */
async function sheetsOf(data: Buffer): Promise<Record<string, string[][]>> {
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(data as unknown as ArrayBuffer);
	const out: Record<string, string[][]> = {};
	book.eachSheet((sheet) => {
		if (sheet.name === 'notice') return;
		const rows: string[][] = [];
		sheet.eachRow((row) => {
			const values = (row.values as unknown[])
				.slice(1)
				.map((v) => (v instanceof Date ? v.toISOString() : String(v ?? '')));
			rows.push(values);
		});
		out[sheet.name] = rows;
	});
	return out;
}

async function download(request: APIRequestContext, url: string): Promise<Buffer> {
	const res = await request.get(url);
	expect(res.status()).toBe(200);
	return res.body();
}

test('a file with errors is rejected with each problem listed; the corrected file imports', async ({ page }) => {
	const charter = await emptyCharter('Import');
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(`/chartes/${charter.slug}/administration/import`);
	await page.waitForLoadState('networkidle');
	await expectNoAxeViolations(page);

	await analyse(page, await badFile());
	const problems = page.getByRole('table', { name: 'Problèmes par feuille, ligne et colonne' });
	await expect(page.getByText("Problèmes à corriger avant l'import : 4")).toBeVisible();
	const expectProblem = async (sheet: string, row: string, column: string, message: RegExp) =>
		expect(
			problems
				.getByRole('row')
				.filter({ hasText: message })
				.filter({ has: page.getByRole('cell', { name: column, exact: true }) })
		).toContainText(new RegExp(`${sheet}\\s*${row}`));
	await expectProblem('objectifs', '3', 'Code', /Code 1 en double/);
	await expectProblem('actions', '3', 'Pilote', /Partenaire inconnu « Mairie imaginaire »/);
	await expectProblem('actions', '3', 'Début', /La date « 32\/13\/2026 » n'existe pas/);
	await expectProblem('actions', '3', 'Avancement (%)', /hors limites/);
	await expect(page.getByRole('button', { name: 'Importer dans la charte' })).toHaveCount(0);
	await expect(page.getByText('Corrigez ces problèmes dans votre fichier, puis analysez-le à nouveau')).toBeVisible();
	await expectNoAxeViolations(page);
	expect(await planCounts(charter.id)).toEqual({ objectives: 0, actions: 0 });

	await analyse(page, await goodFile());
	await expect(page.getByText('Aucun problème : le fichier peut être importé.')).toBeVisible();
	await expect(page.getByRole('row', { name: /Actions \(actions\)/ })).toContainText('3');
	await page.getByRole('button', { name: 'Importer dans la charte' }).click();
	await expect(page.getByText('Import terminé.')).toBeVisible();
	await expect(page.getByText('Objectifs : 2 · actions : 3')).toBeVisible();
	expect(await planCounts(charter.id)).toEqual({ objectives: 2, actions: 3 });

	await page.getByRole('link', { name: "Voir le plan d'action" }).click();
	await expect(page.getByRole('row', { name: /Guichet unique installation/ })).toContainText('Bloquée');
});

test('a seeded charter exported then imported into a new charter gives the same workbook', async ({
	page,
	browser
}) => {
	// The Haute-Vienne coordinator exports the plan (read only).
	const hvContext = await browser.newContext();
	const hv = await hvContext.newPage();
	await signInAs(hv, 'coordination.hv@example.org', 'charte-demo-2026');
	const original = await download(hv.request, '/chartes/haute-vienne/administration/import/export.xlsx');
	await hvContext.close();
	const file = path.join(dir, 'haute-vienne.xlsx');
	await writeFile(file, original);

	const copy = await emptyCharter('Copie de la Haute-Vienne');
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(`/chartes/${copy.slug}/administration/import`);
	await page.waitForLoadState('networkidle');
	// The upload shows where it is: hold the server's answer to see the analysis step.
	await page.route(
		(url) => url.search === '?/apercu',
		async (route) => {
			await new Promise((r) => setTimeout(r, 1500));
			await route.continue();
		}
	);
	await analyse(page, file);
	const progress = page.locator('.progress-block');
	await expect(progress).toContainText(/Envoi du fichier : \d+ %|Analyse du fichier en cours…/);
	await expect(progress.locator('progress')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Analyser le fichier' })).toBeDisabled();
	await expect(page.getByText('Aucun problème : le fichier peut être importé.')).toBeVisible();
	await page.getByRole('button', { name: 'Importer dans la charte' }).click();
	await expect(page.getByText('Import terminé.')).toBeVisible();

	const again = await download(page.request, `/chartes/${copy.slug}/administration/import/export.xlsx`);
	const [before, after] = [await sheetsOf(original), await sheetsOf(again)];
	expect(Object.keys(after)).toEqual(['objectifs', 'actions', 'partenaires', 'indicateurs', 'financements']);
	expect(before.actions.length).toBeGreaterThan(5);
	expect(after).toEqual(before);
});

test('the template downloads, and the import works without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	const charter = await emptyCharter('Import sans JavaScript');
	await signInAs(page, coordinator.email, TEST_PASSWORD);

	const template = await sheetsOf(
		await download(page.request, `/chartes/${charter.slug}/administration/import/modele.xlsx`)
	);
	expect(template.actions[0]).toContain('Avancement (%)');
	expect(template.partenaires[0]).toEqual([
		'Organisation',
		'Nom court',
		'Type',
		'Code territoire',
		'Rôles',
		'E-mails des représentants'
	]);
	const csv = await page.request.get(`/chartes/${charter.slug}/administration/import/modele-actions.csv`);
	expect(await csv.text()).toContain('Code;Objectif;Titre');

	await page.goto(`/chartes/${charter.slug}/administration/import`);
	await analyse(page, await badFile());
	await expect(page.getByRole('table', { name: 'Problèmes par feuille, ligne et colonne' })).toContainText(
		'Mairie imaginaire'
	);
	await analyse(page, await goodFile());
	await page.getByRole('button', { name: 'Importer dans la charte' }).click();
	await expect(page.getByText('Import terminé.')).toBeVisible();
	expect(await planCounts(charter.id)).toEqual({ objectives: 2, actions: 3 });
	await context.close();
});
