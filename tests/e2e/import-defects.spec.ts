/**
 * Issue 13, the import's defects (part "import"): the preview's counts are those the import then makes for
 * every sheet (they were 0 for partners, indicators and fundings); dates that do not exist or are
 * implausible are refused with the right words, in the plan and in the interns' lists; a cell Excel shows
 * as 40 % is read as 40; nothing is rounded or cut without a word; a column nothing reads is a visible
 * warning.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { superuserPool } from '../helpers/demo.ts';
import { sql } from '../helpers/env.ts';
import { createWorld, WORLD_PASSWORD, type World } from '../notifications/world.ts';
import { expectNoAxeViolations, signIn } from './helpers.ts';
import { createCharter, freshUser, signInAs, TEST_PASSWORD, type TestCharter } from './fixtures.ts';

let coordinator: { id: string; email: string };
const charters: TestCharter[] = [];
let dir: string;

test.beforeAll(async () => {
	coordinator = await freshUser('coordination', 'Irène Import');
	dir = await mkdtemp(path.join(tmpdir(), 'import-defects-'));
});
test.afterAll(async () => {
	for (const c of charters) await c.drop();
});

type Cell = string | number | null | { value: number; numFmt: string };

/** A workbook whose cells may carry a number format (a percentage, as Excel saves "40 %"). */
async function workbook(name: string, sheets: Record<string, Cell[][]>): Promise<string> {
	const book = new ExcelJS.Workbook();
	for (const [sheetName, rows] of Object.entries(sheets)) {
		const sheet = book.addWorksheet(sheetName);
		rows.forEach((row, r) =>
			row.forEach((cell, c) => {
				const target = sheet.getCell(r + 1, c + 1);
				if (cell !== null && typeof cell === 'object') {
					target.value = cell.value;
					target.numFmt = cell.numFmt;
				} else target.value = cell;
			})
		);
	}
	const file = path.join(dir, name);
	await writeFile(file, new Uint8Array(await book.xlsx.writeBuffer()));
	return file;
}

async function analyse(page: Page, file: string) {
	await page.getByLabel('Fichier du plan').setInputFiles(file);
	await page.getByRole('button', { name: 'Analyser le fichier' }).click();
	await expect(page.getByRole('heading', { name: 'Aperçu du fichier' })).toBeVisible();
}

/** The rows, new and updated counts the preview gives for a sheet. */
async function counts(page: Page, title: string): Promise<string[]> {
	const row = page.getByRole('table', { name: 'Feuilles reconnues' }).getByRole('row', { name: new RegExp(title) });
	return (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
}

const plan = () =>
	workbook('plan-complet.xlsx', {
		objectifs: [
			['Code', 'Titre'],
			['1', 'Former et accueillir']
		],
		actions: [
			['Code', 'Objectif', 'Titre', 'Pilote', 'Statut', 'Avancement (%)'],
			['1.1', '1', 'Stages en zone fragile', 'Faculté de médecine de Limoges', 'En cours', 20]
		],
		partenaires: [
			['Organisation', 'Rôles'],
			['Faculté de médecine de Limoges', 'Signataire; Pilote'],
			['Ordre des médecins 87', 'Signataire'],
			['Région Nouvelle-Aquitaine', 'Financeur']
		],
		indicateurs: [
			['Nom', 'Action', 'Cible'],
			['Internes accueillis', '1.1', 12],
			['Maîtres de stage', '', 30]
		],
		financements: [
			['Financeur', 'Action', 'Source', 'Année', 'Prévu (€)'],
			['Région Nouvelle-Aquitaine', '1.1', 'Fonds propres', 2026, 5000]
		]
	});

test('the preview counts what the import then creates, for every sheet, and what a second import updates', async ({
	page
}) => {
	const charter = await createCharter({ title: 'Comptes', coordinatorId: coordinator.id });
	charters.push(charter);
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(`/chartes/${charter.slug}/administration/import`);
	const file = await plan();

	await analyse(page, file);
	// Sheet, rows, new, updated.
	expect(await counts(page, 'Partenaires')).toEqual(['3', '3', '0']);
	expect(await counts(page, 'Indicateurs')).toEqual(['2', '2', '0']);
	expect(await counts(page, 'Financements')).toEqual(['1', '1', '0']);
	expect(await counts(page, 'Actions')).toEqual(['1', '1', '0']);
	await page.getByRole('button', { name: 'Importer dans la charte' }).click();
	await expect(page.getByText('Import terminé.')).toBeVisible();
	const [made] = await sql<{ partners: number; indicators: number; fundings: number }>(
		`select (select count(distinct organization_id)::int from public.charter_partners where charter_id = $1) as partners,
			(select count(*)::int from public.indicators where charter_id = $1) as indicators,
			(select count(*)::int from public.fundings where charter_id = $1) as fundings`,
		[charter.id]
	);
	expect(made).toEqual({ partners: 3, indicators: 2, fundings: 1 });

	// The same file again: nothing is new, everything is an update, and the action is unchanged.
	await page.goto(`/chartes/${charter.slug}/administration/import`);
	await analyse(page, file);
	expect(await counts(page, 'Partenaires')).toEqual(['3', '0', '3']);
	expect(await counts(page, 'Indicateurs')).toEqual(['2', '0', '2']);
	expect(await counts(page, 'Financements')).toEqual(['1', '0', '1']);
	const actions = page.getByRole('table', { name: "Actions du fichier, avec leur pilote et ce que l'import change" });
	await expect(actions.getByRole('row', { name: /Stages en zone fragile/ })).toContainText(
		/1\.1.*Faculté de médecine de Limoges.*Inchangée/s
	);
	await expectNoAxeViolations(page);
});

test('dates that do not exist or are implausible, percentages, decimals and long texts, each with its words', async ({
	page
}) => {
	const charter = await createCharter({ title: 'Cellules', coordinatorId: coordinator.id });
	charters.push(charter);
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(`/chartes/${charter.slug}/administration/import`);
	const header = ['Code', 'Objectif', 'Titre', 'Pilote', 'Début', 'Échéance', 'Avancement (%)', 'Description'];
	const header2 = [...header, 'Commentaire du COPIL'];
	const lead = 'Faculté de médecine de Limoges';
	const percent = (value: number) => ({ value, numFmt: '0%' });
	const sheets = (rows: Cell[][]) => ({
		objectifs: [
			['Code', 'Titre'],
			['1', 'Former et accueillir']
		],
		actions: [header2, ...rows],
		partenaires: [['Organisation'], [lead]]
	});
	await analyse(
		page,
		await workbook(
			'dates.xlsx',
			sheets([
				['1.1', '1', 'Stages en zone fragile', lead, '31/06/2026', '02/05/0202', percent(0.4), '', 'à revoir'],
				['1.2', '1', 'Accueil des internes', lead, '01/09/2026', '', percent(0.455), 'x'.repeat(10_001), '']
			])
		)
	);
	const problems = page.getByRole('table', { name: 'Problèmes par feuille, ligne et colonne' });
	const problem = (column: string, text: string | RegExp) =>
		expect(
			problems
				.getByRole('row')
				.filter({ hasText: text })
				.filter({ has: page.getByRole('cell', { name: column, exact: true }) })
		).toHaveCount(1);
	await problem('Début', "La date « 31/06/2026 » n'existe pas");
	await problem('Échéance', /La date « 02\/05\/0202 » n'est pas plausible : .*01\/01\/2000.*31\/12\/2100/);
	await problem('Avancement (%)', "« 45,5 » n'est pas un nombre entier : rien n'est arrondi, écrivez 45 ou 46.");
	await problem('Description', "Texte trop long : 10001 caractères pour 10000 au plus. Rien n'est coupé");
	await expect(problems).not.toContainText('illisible');
	// 40 % is read as 40: no problem on row 2's progress.
	await expect(problems.getByRole('row').filter({ hasText: 'Avancement' })).toHaveCount(1);
	// The column nothing reads is a warning of its own, not a remark in a closed box.
	const ignored = page.getByRole('alert').filter({ hasText: 'des colonnes de votre fichier ne seront pas importées' });
	await expect(ignored).toBeVisible();
	await expect(ignored).toContainText('Feuille actions, ligne 1 : « Commentaire du COPIL »');
	await expectNoAxeViolations(page);

	await analyse(
		page,
		await workbook(
			'dates-corrigees.xlsx',
			sheets([
				['1.1', '1', 'Stages en zone fragile', lead, '30/06/2026', '02/05/2027', percent(0.4), 'y'.repeat(10_000), '']
			])
		)
	);
	await page.getByRole('button', { name: 'Importer dans la charte' }).click();
	await expect(page.getByText('Import terminé.')).toBeVisible();
	const [action] = await sql<{ progress: number; starts_on: string; length: number }>(
		`select progress, to_char(starts_on, 'YYYY-MM-DD') as starts_on, length(description) as length
		 from public.actions where charter_id = $1 and code = '1.1'`,
		[charter.id]
	);
	expect(action).toEqual({ progress: 40, starts_on: '2026-06-30', length: 10_000 });
});

test.describe('the interns’ list', () => {
	const su = superuserPool();
	let world: World;
	test.beforeAll(async () => {
		world = await createWorld(su, [['87011']]);
	});
	test.afterAll(async () => {
		await world?.remove();
		await su.end();
	});

	test('a placement from 02/05/0202 to 01/11/0203, one that does not exist or lasts too long, are refused', async ({
		page
	}) => {
		await signIn(page, world.coordinator.email, WORLD_PASSWORD);
		await page.goto(`/chartes/${world.slug}/stagiaires/import`);
		const csv = [
			'Prénom;Nom;Filière;Niveau;Lieu de stage;Code INSEE;Date de début;Date de fin',
			`Anna;Millet;Médecine;Interne;${world.hostName};87011;02/05/0202;01/11/0203`,
			`Bruno;Caron;Médecine;Interne;${world.hostName};87011;31/06/2026;30/11/2026`,
			`Chloé;Vidal;Médecine;Interne;${world.hostName};87011;02/11/2026;03/11/2027`
		].join('\r\n');
		await page.getByLabel('Fichier de la faculté (XLSX ou CSV)').setInputFiles({
			name: 'internes.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(csv)
		});
		await page.getByRole('button', { name: 'Analyser le fichier' }).click();
		const problems = page.getByRole('table', { name: 'Problèmes par feuille, ligne et colonne' });
		await expect(problems.getByRole('row', { name: /02\/05\/0202/ })).toContainText("n'est pas plausible");
		await expect(problems.getByRole('row', { name: /01\/11\/0203/ })).toContainText("n'est pas plausible");
		await expect(problems.getByRole('row', { name: /31\/06\/2026/ })).toContainText("n'existe pas");
		await expect(problems).toContainText('Stage de plus de 12 mois (du 02/11/2026 au 03/11/2027)');
		await expect(page.getByRole('button', { name: 'Importer ces stages' })).toHaveCount(0);
		const [{ n }] = await su.query('select count(*)::int as n from public.internships where charter_id = $1', [
			world.charterId
		]);
		expect(n).toBe(0);
	});
});
