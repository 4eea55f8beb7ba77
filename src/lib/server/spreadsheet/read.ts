/**
 * Reading an uploaded workbook (XLSX, with exceljs) or CSV files (papaparse) into raw sheets. A CSV file
 * holds one sheet, named by its file name (`actions.csv`, `modele-actions.csv`...).
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { m } from '#lib/paraglide/messages.js';
import { percentOf } from './cells.js';
import { loose } from './normalize.js';
import type { CellValue, ColumnSpec, Problem, RawRow, RawSheet, SheetSpec, UploadedFile } from './types.js';

export interface ReadResult {
	sheets: RawSheet[];
	problems: Problem[];
}

/** Which spec a sheet or file name stands for ("Actions", "modele-actions.csv" → actions). */
function specFor(name: string, specs: SheetSpec[]): SheetSpec | undefined {
	const n = loose(name.replace(/\.(csv|txt|xlsx)$/i, ''));
	return (
		specs.find((s) => loose(s.name) === n) ??
		specs.find((s) => n.split(' ').includes(loose(s.name)) || n.endsWith(loose(s.name)))
	);
}

function columnFor(header: string, columns: ColumnSpec[]): ColumnSpec | undefined {
	const h = loose(header);
	if (!h) return undefined;
	return columns.find((c) => [c.header, ...(c.aliases ?? [])].some((name) => loose(name) === h));
}

/** The value of an exceljs cell: formulas give their result, rich text its text, links their text. */
function cellValue(value: ExcelJS.CellValue): CellValue {
	if (value === null || value === undefined) return null;
	if (value instanceof Date || typeof value !== 'object') return value as CellValue;
	if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
	if ('richText' in value) return value.richText.map((r) => r.text).join('');
	if ('text' in value) return String(value.text);
	if ('error' in value) return null;
	return String(value);
}

/** A number format that shows a percentage ("0%", "0.0 %"), not a literal "%" in quotes. */
export const isPercentFormat = (format: string | undefined) => !!format && /%/.test(format.replace(/"[^"]*"/g, ''));

/** How many of a row's cells name a column of the spec, and whether one of them is a required column. */
function headerScore(cells: CellValue[], spec: SheetSpec): { matches: number; required: boolean } {
	const found = cells.map((c) => (c === null ? undefined : columnFor(String(c), spec.columns))).filter((c) => !!c);
	return { matches: new Set(found).size, required: found.some((c) => c.required) };
}

/**
 * The header row: the first of the sheet's first ten rows that names a required column, or two columns
 * (a real charter's sheet often has a title in row 1, a blank row, then the headers); else the first row.
 * The rows above it are the sheet's title and are skipped.
 */
export function findHeader<R extends { row: number; cells: CellValue[] }>(rows: R[], spec: SheetSpec): number {
	const index = rows.slice(0, 10).findIndex((r) => {
		const score = headerScore(r.cells, spec);
		return score.required || score.matches >= 2;
	});
	return Math.max(index, 0);
}

function toRawSheet(spec: SheetSpec, all: { row: number; cells: CellValue[] }[]) {
	const problems: Problem[] = [];
	const start = findHeader(all, spec);
	const headerRow = all[start]?.cells ?? [];
	const headerNumber = all[start]?.row ?? 1;
	const dataRows = all.slice(start + 1);
	const headers = headerRow.map((h) => (h === null ? '' : String(h).trim()));
	const mapping = headers.map((h) => columnFor(h, spec.columns));
	headers.forEach((header, i) => {
		if (header && !mapping[i]) {
			problems.push({
				level: 'warning',
				kind: 'ignored_column',
				sheet: spec.name,
				row: headerNumber,
				column: header,
				message: m.import_ignored_column({ column: header })
			});
		}
	});
	for (const column of spec.columns) {
		if (column.required && !mapping.includes(column)) {
			problems.push({
				level: 'error',
				sheet: spec.name,
				row: headerNumber,
				column: column.header,
				message: m.import_missing_column({ column: column.header, row: String(headerNumber) })
			});
		}
	}
	const rows: RawRow[] = [];
	for (const { row, cells } of dataRows) {
		const record: Record<string, CellValue> = {};
		let empty = true;
		mapping.forEach((column, i) => {
			if (!column) return;
			const value = cells[i] ?? null;
			const blank = value === null || (typeof value === 'string' && value.trim() === '');
			record[column.key] = blank ? null : value;
			if (!blank) empty = false;
		});
		if (!empty) rows.push({ row, cells: record });
	}
	return { sheet: { spec, headers, rows } satisfies RawSheet, problems };
}

/**
 * `anyName`: with a single spec, a file or worksheet named otherwise is read as that sheet (the lists
 * faculties send are named as they like: "Feuil1", "internes-novembre.csv").
 */
export interface ReadOptions {
	anyName?: boolean;
}

async function readXlsx(file: UploadedFile, specs: SheetSpec[], options: ReadOptions = {}): Promise<ReadResult> {
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(file.data as unknown as ArrayBuffer);
	} catch {
		return {
			sheets: [],
			problems: [{ level: 'error', sheet: file.name, row: null, column: null, message: m.admin_sheet_unreadable() }]
		};
	}
	const result: ReadResult = { sheets: [], problems: [] };
	const single = options.anyName && specs.length === 1 && !workbook.worksheets.some((w) => specFor(w.name, specs));
	workbook.eachSheet((worksheet) => {
		const spec = specFor(worksheet.name, specs) ?? (single && result.sheets.length === 0 ? specs[0] : undefined);
		if (!spec) return;
		const rows: { row: number; cells: CellValue[] }[] = [];
		const width = worksheet.columnCount;
		worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
			const values: CellValue[] = [];
			for (let c = 1; c <= Math.max(row.cellCount, width); c++) {
				const cell = row.getCell(c);
				const value = cellValue(cell.value);
				// What the person sees: a cell shown as 40 % holds 0.4.
				values.push(typeof value === 'number' && isPercentFormat(cell.numFmt) ? percentOf(value) : value);
			}
			rows.push({ row: rowNumber, cells: values });
		});
		const { sheet, problems } = toRawSheet(spec, rows);
		result.sheets.push(sheet);
		result.problems.push(...problems);
	});
	return result;
}

function readCsv(file: UploadedFile, specs: SheetSpec[], options: ReadOptions = {}): ReadResult {
	const spec = specFor(file.name, specs) ?? (options.anyName && specs.length === 1 ? specs[0] : undefined);
	if (!spec) {
		return {
			sheets: [],
			problems: [
				{
					level: 'error',
					sheet: file.name,
					row: null,
					column: null,
					message: m.admin_sheet_csv_name({ names: specs.map((s) => `${s.name}.csv`).join(', ') })
				}
			]
		};
	}
	let text = new TextDecoder('utf-8').decode(file.data);
	// Excel writes a byte-order mark; a file that is not UTF-8 shows replacement characters: try Windows-1252.
	if (text.includes('\uFFFD')) text = new TextDecoder('windows-1252').decode(file.data);
	text = text.replace(/^\uFEFF/, '');
	const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [';', ',', '\t'] });
	const { sheet, problems } = toRawSheet(
		spec,
		parsed.data.map((cells, i) => ({ row: i + 1, cells }))
	);
	return { sheets: [sheet], problems };
}

/** Reads every uploaded file; sheets named by no spec are ignored (a notice sheet, for instance). */
export async function readSheets(
	files: UploadedFile[],
	specs: SheetSpec[],
	options: ReadOptions = {}
): Promise<ReadResult> {
	const result: ReadResult = { sheets: [], problems: [] };
	for (const file of files) {
		const isXlsx = /\.xlsx$/i.test(file.name) || (file.data[0] === 0x50 && file.data[1] === 0x4b);
		const part = isXlsx ? await readXlsx(file, specs, options) : readCsv(file, specs, options);
		for (const sheet of part.sheets) {
			if (result.sheets.some((s) => s.spec.name === sheet.spec.name)) {
				result.problems.push({
					level: 'error',
					sheet: sheet.spec.name,
					row: null,
					column: null,
					message: m.admin_sheet_twice()
				});
			} else result.sheets.push(sheet);
		}
		result.problems.push(...part.problems);
	}
	if (result.sheets.length === 0 && !result.problems.some((p) => p.level === 'error')) {
		result.problems.push({
			level: 'error',
			sheet: files[0]?.name ?? '',
			row: null,
			column: null,
			message: m.admin_sheet_none({ names: specs.map((s) => s.name).join(', ') })
		});
	}
	return result;
}
