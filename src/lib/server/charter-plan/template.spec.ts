import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { ACTIONS_SHEET, PLAN_SHEETS } from './template.ts';
import { buildWorkbook } from '../spreadsheet/write.ts';
import { parseDate, parseNumber, splitList } from '../spreadsheet/parse.ts';
import { loose } from '../spreadsheet/normalize.ts';

describe('spreadsheet template', () => {
	test('docs/import-template.md documents every sheet and column', () => {
		const doc = readFileSync(new URL('../../../../docs/import-template.md', import.meta.url), 'utf8');
		for (const sheet of PLAN_SHEETS) {
			expect(doc).toContain(`\`${sheet.name}\``);
			for (const column of sheet.columns)
				expect(doc, `${sheet.name} / ${column.header}`).toContain(`| ${column.header}`);
		}
	});

	test('column names match without case, accents or brackets', () => {
		expect(loose('Avancement (%)')).toBe(loose('avancement'));
		expect(loose('ÉCHÉANCE')).toBe('echeance');
	});

	test('dates, numbers and lists are read the way French spreadsheets write them', () => {
		expect(parseDate('22/11/2026')).toBe('2026-11-22');
		expect(parseDate('2026-11-22')).toBe('2026-11-22');
		expect(parseDate('1.2.2027')).toBe('2027-02-01');
		expect(parseDate(new Date(Date.UTC(2026, 10, 22)))).toBe('2026-11-22');
		expect(parseDate(46348)).toBe('2026-11-22');
		expect(parseDate('31/02/2026')).toBeNull();
		expect(parseDate('demain')).toBeNull();
		expect(parseNumber('600 000 €')).toBe(600000);
		expect(parseNumber('1\u202f234,5')).toBe(1234.5);
		expect(parseNumber('45 %')).toBe(45);
		expect(parseNumber('douze')).toBeNull();
		expect(splitList('ARS; Région\nDépartement 87')).toEqual(['ARS', 'Région', 'Département 87']);
		expect(splitList('87085, 87187 87011', true)).toEqual(['87085', '87187', '87011']);
	});
});

describe('the template workbook', () => {
	test("it lists the charter's partners and offers drop-down lists for the pilot, the status and the health", async () => {
		const data = await buildWorkbook(
			PLAN_SHEETS,
			{ partenaires: [{ name: 'ARS Nouvelle-Aquitaine', kind: 'ars', roles: ['signatory'] }] },
			{ title: 'Modèle' }
		);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(data as unknown as ArrayBuffer);
		const partners = book.getWorksheet('partenaires')!;
		expect(partners.getRow(2).getCell(1).value).toBe('ARS Nouvelle-Aquitaine');
		const actions = book.getWorksheet('actions')!;
		const column = (header: string) =>
			actions.getColumn(ACTIONS_SHEET.columns.findIndex((c) => c.header === header) + 1).letter;
		const validation = (header: string) =>
			(actions as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations
				.model[`${column(header)}2`];
		expect(validation('Pilote')?.formulae).toEqual(['partenaires!$A$2:$A$500']);
		expect(validation('Statut')?.formulae[0]).toContain('En cours');
		expect(validation('Santé')?.formulae[0]).toContain('À risque');
	});
});
