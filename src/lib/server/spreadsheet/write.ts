/**
 * Writing sheets: an XLSX workbook (exceljs) with a notice sheet that documents every column, or one CSV
 * per sheet (papaparse; semicolons and a byte-order mark, as French Excel expects).
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { m } from '#lib/paraglide/messages.js';
import type { ColumnSpec, SheetSpec } from './types.js';

/** A row to write: values by column key; lists as arrays, dates as YYYY-MM-DD strings. */
export type OutputRow = Record<string, string | number | string[] | null | undefined>;

const fr = { locale: 'fr' as const };

interface Validations {
	dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

function displayValue(column: ColumnSpec, value: OutputRow[string]): string | number | null {
	if (value === null || value === undefined || value === '') return null;
	if (Array.isArray(value)) {
		const items = column.values ? value.map((v) => column.values![v]?.[0] ?? v) : value;
		return items.join(column.separator === ',' ? ', ' : '; ') || null;
	}
	if (column.type === 'enum') return column.values?.[String(value)]?.[0] ?? String(value);
	if (column.type === 'date' && typeof value === 'string') {
		const [y, mo, d] = value.split('-');
		return `${d}/${mo}/${y}`;
	}
	return value;
}

/** The workbook: a notice sheet, then one sheet per spec with its header row and the given rows. */
export async function buildWorkbook(
	specs: SheetSpec[],
	data: Record<string, OutputRow[]>,
	options: { title: string }
): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = m.app_name({}, fr);
	workbook.created = new Date();

	const notice = workbook.addWorksheet(m.admin_sheet_notice_name({}, fr));
	notice.columns = [{ width: 22 }, { width: 28 }, { width: 14 }, { width: 80 }, { width: 28 }];
	notice.addRow([options.title]).font = { bold: true, size: 14 };
	notice.addRow([m.admin_sheet_notice_intro({}, fr)]);
	for (const spec of specs) {
		notice.addRow([]);
		notice.addRow([`${spec.name} — ${spec.title}`]).font = { bold: true, size: 12 };
		notice.addRow([spec.description]);
		const header = notice.addRow([
			m.admin_sheet_notice_sheet({}, fr),
			m.admin_sheet_notice_column({}, fr),
			m.admin_sheet_notice_required({}, fr),
			m.admin_sheet_notice_content({}, fr),
			m.admin_sheet_notice_example({}, fr)
		]);
		header.font = { bold: true };
		for (const column of spec.columns) {
			notice.addRow([
				spec.name,
				column.header,
				column.required ? m.admin_sheet_yes({}, fr) : m.admin_sheet_no({}, fr),
				column.description,
				column.example ?? ''
			]).alignment = { wrapText: true, vertical: 'top' };
		}
	}

	for (const spec of specs) {
		const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
		sheet.columns = spec.columns.map((c) => ({
			header: c.header,
			key: c.key,
			width: Math.min(60, Math.max(12, c.header.length + 4, c.type === 'text' && (c.max ?? 0) > 200 ? 50 : 0))
		}));
		sheet.getRow(1).font = { bold: true };
		for (const row of data[spec.name] ?? []) {
			const values: Record<string, string | number | Date | null> = {};
			for (const column of spec.columns) {
				const value = row[column.key];
				if (column.type === 'date' && typeof value === 'string' && value) {
					const [y, mo, d] = value.split('-').map(Number);
					values[column.key] = new Date(Date.UTC(y, mo - 1, d));
				} else values[column.key] = displayValue(column, value);
			}
			sheet.addRow(values);
		}
		spec.columns.forEach((column, i) => {
			if (column.type === 'date') sheet.getColumn(i + 1).numFmt = 'dd/mm/yyyy';
			if (column.type === 'enum' && column.values) {
				const letter = sheet.getColumn(i + 1).letter;
				const choices = Object.values(column.values).map((s) => s[0]);
				// Excel's list validation takes at most 255 characters of choices.
				if (choices.join(',').length < 250) {
					// exceljs has range validations at run time but not in its type definitions.
					(sheet as unknown as Validations).dataValidations.add(`${letter}2:${letter}2000`, {
						type: 'list',
						allowBlank: true,
						formulae: [`"${choices.join(',')}"`],
						showErrorMessage: false
					});
				}
			}
		});
	}
	listsFromSheets(workbook, specs);
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * The drop-down lists that take their values from another sheet (`choicesFrom`): the pilot of an action is
 * chosen among the partners sheet's organizations, those the template is pre-filled with and those added.
 * A name typed by hand stays allowed (a short name, for instance): the import checks it.
 */
function listsFromSheets(workbook: ExcelJS.Workbook, specs: SheetSpec[]): void {
	for (const spec of specs) {
		const sheet = workbook.getWorksheet(spec.name);
		spec.columns.forEach((column, i) => {
			const from = column.choicesFrom;
			const source = from && specs.find((s) => s.name === from.sheet);
			const index = source?.columns.findIndex((c) => c.key === from?.column) ?? -1;
			if (!sheet || !source || index < 0 || !workbook.getWorksheet(source.name)) return;
			const letter = sheet.getColumn(i + 1).letter;
			const sourceLetter = workbook.getWorksheet(source.name)!.getColumn(index + 1).letter;
			(sheet as unknown as Validations).dataValidations.add(`${letter}2:${letter}2000`, {
				type: 'list',
				allowBlank: true,
				formulae: [`${source.name}!$${sourceLetter}$2:$${sourceLetter}$500`],
				showErrorMessage: false
			});
		});
	}
}

/** One sheet as CSV text (with a byte-order mark so that Excel reads the accents). */
export function buildCsv(spec: SheetSpec, rows: OutputRow[]): string {
	const data = rows.map((row) => spec.columns.map((column) => displayValue(column, row[column.key]) ?? ''));
	return (
		'\uFEFF' + Papa.unparse({ fields: spec.columns.map((c) => c.header), data }, { delimiter: ';', newline: '\r\n' })
	);
}
