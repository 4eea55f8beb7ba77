/**
 * Cells as imports read them: dates that do not exist or are implausible, Excel percentages, and numbers or
 * texts a column cannot hold, refused with a message instead of being rounded or cut.
 */
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { ACTIONS_SHEET } from '../charter-plan/template.ts';
import { INDICATORS_SHEET } from '../charter-plan/template-partners.ts';
import { decimalsOf, percentOf, readDate } from './cells.ts';
import { parseSheet } from './parse.ts';
import { findHeader, isPercentFormat, readSheets } from './read.ts';
import type { RawSheet } from './types.ts';

const sheet = (spec: RawSheet['spec'], cells: RawSheet['rows'][number]['cells']): RawSheet => ({
	spec,
	headers: [],
	rows: [{ row: 2, cells }]
});
const messages = (s: RawSheet) => parseSheet(s).problems.map((p) => `${p.column}: ${p.message}`);

describe('dates', () => {
	test('a day that does not exist is told apart from an unreadable or implausible one', () => {
		expect(readDate('31/06/2026')).toEqual({ ok: false, reason: 'nonexistent' });
		expect(readDate('29/02/2027')).toEqual({ ok: false, reason: 'nonexistent' });
		expect(readDate('2026-13-01')).toEqual({ ok: false, reason: 'nonexistent' });
		expect(readDate('29/02/2028')).toEqual({ ok: true, date: '2028-02-29' });
		expect(readDate('demain')).toEqual({ ok: false, reason: 'unreadable' });
		for (const implausible of ['02/05/0202', '01/11/0203', '01/01/1999', '01/01/2101', '01/05/26', 3_000_000])
			expect(readDate(implausible), String(implausible)).toEqual({ ok: false, reason: 'implausible' });
		expect(readDate(new Date(Date.UTC(202, 4, 2)))).toEqual({ ok: false, reason: 'implausible' });
		expect(readDate('01/01/2000')).toEqual({ ok: true, date: '2000-01-01' });
		expect(readDate('31/12/2100')).toEqual({ ok: true, date: '2100-12-31' });
	});

	test('the messages say the date does not exist, or is out of the range, with the range', () => {
		expect(messages(sheet(ACTIONS_SHEET, { starts_on: '31/06/2026', due_on: '02/05/0202' }))).toEqual(
			expect.arrayContaining([
				"Début: La date « 31/06/2026 » n'existe pas : vérifiez le jour et le mois.",
				expect.stringMatching(/^Échéance: La date « 02\/05\/0202 » n'est pas plausible : .*01\/01\/2000.*31\/12\/2100/)
			])
		);
		expect(messages(sheet(ACTIONS_SHEET, { starts_on: 'bientôt' })).join()).toContain('Date illisible « bientôt »');
	});
});

describe('numbers and texts are never rounded or cut', () => {
	test('a percentage cell is read as shown, without floating-point noise', () => {
		expect(percentOf(0.4)).toBe(40);
		expect(percentOf(0.455)).toBe(45.5);
		expect(percentOf(0.07)).toBe(7);
		expect(isPercentFormat('0%')).toBe(true);
		expect(isPercentFormat('0.0 %')).toBe(true);
		expect(isPercentFormat('0 "%"')).toBe(false);
		expect(isPercentFormat('General')).toBe(false);
		expect(decimalsOf(12.345)).toBe(3);
		expect(decimalsOf(1e-7)).toBe(7);
	});

	test('45,5 % in a whole-number column, three decimals in a value or a text too long refuse the row', () => {
		const progress = parseSheet(sheet(ACTIONS_SHEET, { progress: '45,5 %' }));
		expect(progress.rows[0].values.progress).toBeNull();
		expect(progress.problems.map((p) => p.message)).toContain(
			"« 45,5 % » n'est pas un nombre entier : rien n'est arrondi, écrivez 45 ou 46."
		);
		expect(messages(sheet(ACTIONS_SHEET, { progress: 45.5 })).join()).toContain('« 45,5 »');
		const baseline = parseSheet(sheet(INDICATORS_SHEET, { name: 'Internes', baseline: 12.345, target: 12.34 }));
		expect(baseline.problems.map((p) => p.column)).toEqual(['Valeur de référence']);
		expect(baseline.problems[0].message).toContain('trop de décimales');
		expect(baseline.rows[0].values.target).toBe(12.34);
		const long = 'é'.repeat(10_001);
		const text = parseSheet(sheet(ACTIONS_SHEET, { description: long }));
		expect(text.problems.find((p) => p.column === 'Description')?.message).toBe(
			"Texte trop long : 10001 caractères pour 10000 au plus. Rien n'est coupé : raccourcissez-le dans le fichier."
		);
		expect(text.rows[0].values.description).toBeNull();
		expect(parseSheet(sheet(ACTIONS_SHEET, { description: long.slice(1) })).rows[0].values.description).toBe(
			long.slice(1)
		);
	});
});

describe('reading a workbook', () => {
	async function book(rows: unknown[][], format?: { cell: string; numFmt: string }) {
		const workbook = new ExcelJS.Workbook();
		const ws = workbook.addWorksheet('actions');
		ws.addRows(rows);
		if (format) ws.getCell(format.cell).numFmt = format.numFmt;
		return [{ name: 'plan.xlsx', data: new Uint8Array(await workbook.xlsx.writeBuffer()) }];
	}

	test('a title row and a blank row above the headers are skipped, and row numbers stay those of the sheet', async () => {
		const files = await book(
			[
				['Plan d’attractivité médicale 2025-2028 — suivi des actions'],
				[],
				['Code', 'Objectif', 'Titre', 'Pilote', 'Avancement', 'Commentaire du COPIL'],
				['1.1', '1', 'Stages en zone fragile', 'ARS', 0.4, 'à revoir']
			],
			{ cell: 'E4', numFmt: '0%' }
		);
		const read = await readSheets(files, [ACTIONS_SHEET]);
		expect(read.sheets[0].headers).toContain('Code');
		expect(read.sheets[0].rows).toEqual([
			{
				row: 4,
				cells: { code: '1.1', objective: '1', title: 'Stages en zone fragile', lead: 'ARS', progress: 40 }
			}
		]);
		expect(read.problems).toEqual([
			expect.objectContaining({ level: 'warning', kind: 'ignored_column', row: 3, column: 'Commentaire du COPIL' })
		]);
	});

	test('the header is the first row naming a required column or two known ones', () => {
		const r = (row: number, ...cells: string[]) => ({ row, cells });
		expect(findHeader([r(1, 'Suivi'), r(2, 'Code', 'Titre')], ACTIONS_SHEET)).toBe(1);
		expect(findHeader([r(1, 'Titre du plan : Haute-Vienne'), r(3, 'Code')], ACTIONS_SHEET)).toBe(1);
		expect(findHeader([r(1, 'Code', 'Titre'), r(2, '1.1', 'x')], ACTIONS_SHEET)).toBe(0);
		expect(findHeader([r(1, 'rien'), r(2, 'du tout')], ACTIONS_SHEET)).toBe(0);
	});
});
