import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { expectNoAxeViolations, signIn } from './helpers.ts';
import { drawnPixels, figure } from './dashboard-helpers.ts';

const FIGURES = ['actions_total', 'progress', 'overdue', 'stale', 'indicators_on_track', 'indicators_off_track'];
/** The words the key-figures export uses for each figure of the dashboard (labels, not keys). */
const LABELS: Record<string, string> = {
	actions_total: 'Actions au total',
	progress: 'Avancement global (%)',
	overdue: "Actions dont l'échéance est dépassée",
	stale: 'Sans mise à jour depuis plus de 60 jours',
	indicators_on_track: 'Indicateurs sur la bonne trajectoire',
	indicators_off_track: 'Indicateurs en écart',
	blocked: 'Actions : Bloquée'
};

async function shownFigures(page: Page): Promise<Record<string, number>> {
	const values: Record<string, number> = {};
	for (const key of FIGURES) values[key] = Number(await figure(page, key));
	values.blocked = Number(await page.locator('.headline [data-figure="blocked_total"]').getAttribute('data-value'));
	return values;
}

const frNumber = (value: unknown) => Number(String(value).replace(',', '.'));

test.describe('COPIL report and exports', () => {
	test('the report page prints to 2 to 4 A4 pages, without navigation, instructions or orphan headings', async ({
		page
	}) => {
		await signIn(page, 'coordination.hv@example.org');
		await page.goto('/chartes/haute-vienne/rapport');
		await expect(
			page.getByRole('heading', { level: 1, name: 'Plan d’attractivité médicale de la Haute-Vienne' })
		).toBeVisible();
		await expect(page.getByText(/Établi le \d{2}\/\d{2}\/\d{4}/)).toBeVisible();
		// Charts are drawn before printing, and their tables are printed with them.
		expect(await drawnPixels(page, page.locator('#report-chart-status-canvas'))).toBeGreaterThan(500);
		await expect(page.getByRole('figure', { name: 'Actions par statut' }).getByRole('table')).toBeVisible();
		await expect(page.getByRole('link', { name: 'Télécharger le rapport COPIL (PDF)' })).toBeVisible();
		await expectNoAxeViolations(page);

		await page.setViewportSize({ width: 794, height: 1123 });
		await page.emulateMedia({ media: 'print' });
		await expect(page.locator('.app-header')).toBeHidden();
		await expect(page.getByRole('navigation', { name: 'Rubriques de la charte' })).toBeHidden();
		await expect(page.getByRole('link', { name: 'Télécharger le rapport COPIL (PDF)' })).toBeHidden();
		await expect(page.getByLabel('Changements depuis le')).toBeHidden();
		await expect(page.getByRole('region', { name: /^Depuis le COPIL du/ })).toBeHidden();
		// Nothing printed tells users what to do.
		expect(await page.locator('article.report').innerText()).not.toMatch(/imprimez|Enregistrer au format PDF|cliquez/i);
		// Headings stay with what follows them, and action titles get room.
		const headings = await page
			.locator('article.report h2, article.report h3')
			.evaluateAll((hs) => hs.map((h) => getComputedStyle(h).breakAfter));
		expect(headings.length).toBeGreaterThan(3);
		for (const b of headings) expect(b).toBe('avoid');
		const titleWidths = await page
			.locator('article.report tbody th[scope="row"]')
			// (the "Depuis le COPIL" block is not printed: the PDF report has it as its first page)
			.evaluateAll((ths) => ths.filter((th) => !th.closest('.since')).map((th) => th.getBoundingClientRect().width));
		expect(Math.min(...titleWidths)).toBeGreaterThan(150);
		await page.screenshot({ path: test.info().outputPath('report-print.png'), fullPage: true });

		const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
		const text = pdf.toString('latin1');
		const pages = text.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
		// A 7-action charter: 2 to 4 pages (it printed 9, two of them 80 % blank).
		expect(pages).toBeGreaterThanOrEqual(2);
		expect(pages).toBeLessThanOrEqual(4);
		// A4 portrait: 595 x 842 points.
		expect(text).toMatch(/\/MediaBox\s*\[\s*0 0 59[45]\.\d* 84[12]\.\d*\s*\]/);
		await test.info().attach('rapport-copil.pdf', { body: pdf, contentType: 'application/pdf' });
	});

	test('CSV and XLSX exports download and parse back to the figures the dashboard shows', async ({ page }) => {
		await signIn(page, 'ars.na@example.org');
		await page.goto('/chartes/haute-vienne/tableau-de-bord');
		const shown = await shownFigures(page);
		expect(shown.actions_total).toBe(7);

		const [figuresDownload] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Chiffres clés (CSV)' }).click()
		]);
		expect(figuresDownload.suggestedFilename()).toMatch(/^chiffres-cles-haute-vienne-\d{4}-\d{2}-\d{2}\.csv$/);
		const figuresCsv = (await readFile((await figuresDownload.path())!, 'utf8')).replace(/^\ufeff/, '');
		const rows = Papa.parse<Record<string, string>>(figuresCsv, {
			header: true,
			delimiter: ';',
			skipEmptyLines: true
		}).data;
		const csvFigures = Object.fromEntries(rows.map((r) => [r['Chiffre clé'], r.Valeur]));
		for (const key of FIGURES) expect(frNumber(csvFigures[LABELS[key]]), key).toBe(shown[key]);
		expect(frNumber(csvFigures[LABELS.blocked])).toBe(shown.blocked);
		for (const label of Object.keys(csvFigures)) expect(label).not.toMatch(/^[a-z]+(_[a-z]+)+$/);

		const [actionsDownload] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Actions (CSV)' }).click()
		]);
		const actionsCsv = (await readFile((await actionsDownload.path())!, 'utf8')).replace(/^\ufeff/, '');
		const actions = Papa.parse<Record<string, string>>(actionsCsv, {
			header: true,
			delimiter: ';',
			skipEmptyLines: true
		}).data;
		expect(actions).toHaveLength(shown.actions_total);
		expect(actions.filter((a) => a['Échéance dépassée'] === 'oui')).toHaveLength(shown.overdue);
		expect(actions.filter((a) => a['Sans mise à jour'] === 'oui')).toHaveLength(shown.stale);
		const counted = actions.filter((a) => a.Statut !== 'Abandonnée');
		const mean = counted.reduce((n, a) => n + Number(a['Avancement (%)']), 0) / counted.length;
		expect(Math.round(mean * 10) / 10).toBe(shown.progress);

		const [xlsxDownload] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Classeur Excel' }).click()
		]);
		const book = new ExcelJS.Workbook();
		await book.xlsx.readFile((await xlsxDownload.path())!);
		expect(book.worksheets.map((s) => s.name)).toEqual([
			'Chiffres clés',
			'Objectifs',
			'Actions',
			'Indicateurs',
			'Financements',
			'Partenaires',
			"Points d'attention"
		]);
		const sheetFigures: Record<string, unknown> = {};
		book.getWorksheet('Chiffres clés')!.eachRow((row, n) => {
			if (n > 1) sheetFigures[String(row.getCell(1).value)] = row.getCell(2).value;
		});
		for (const key of FIGURES) expect(Number(sheetFigures[LABELS[key]]), key).toBe(shown[key]);
		expect(book.getWorksheet('Actions')!.rowCount - 1).toBe(shown.actions_total);
		const objectiveTotal = book
			.getWorksheet('Objectifs')!
			.getSheetValues()
			.slice(2)
			.reduce((n: number, row) => n + Number((row as unknown[])[3]), 0);
		expect(objectiveTotal).toBe(shown.actions_total);
	});

	test('exports follow the dashboard filters', async ({ page }) => {
		await signIn(page, 'coordination.hv@example.org');
		await page.goto('/chartes/haute-vienne/tableau-de-bord?statut=in_progress');
		expect(await figure(page, 'actions_total')).toBe('4');
		const href = await page.getByRole('link', { name: 'Actions (CSV)' }).getAttribute('href');
		expect(href).toContain('statut=in_progress');
		const response = await page.request.get(href!);
		const actions = Papa.parse<Record<string, string>>((await response.text()).replace(/^\ufeff/, ''), {
			header: true,
			delimiter: ';',
			skipEmptyLines: true
		}).data;
		expect(actions.map((a) => a.Statut)).toEqual(['En cours', 'En cours', 'En cours', 'En cours']);
	});
});
