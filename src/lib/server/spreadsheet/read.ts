/**
 * Reading an uploaded workbook (XLSX, with exceljs) or CSV files (papaparse) into raw sheets. A CSV file
 * holds one sheet, named by its file name (`actions.csv`, `modele-actions.csv`...).
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { m } from '#lib/paraglide/messages.js';
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

function toRawSheet(spec: SheetSpec, headerRow: CellValue[], dataRows: { row: number; cells: CellValue[] }[]) {
	const problems: Problem[] = [];
	const headers = headerRow.map((h) => (h === null ? '' : String(h).trim()));
	const mapping = headers.map((h) => columnFor(h, spec.columns));
	headers.forEach((header, i) => {
		if (header && !mapping[i]) {
			problems.push({
				level: 'warning',
				sheet: spec.name,
				row: 1,
				column: header,
				message: m.admin_sheet_unknown_column({ column: header })
			});
		}
	});
	for (const column of spec.columns) {
		if (column.required && !mapping.includes(column)) {
			problems.push({
				level: 'error',
				sheet: spec.name,
				row: 1,
				column: column.header,
				message: m.admin_sheet_missing_column({ column: column.header })
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
		let headerRow: CellValue[] | null = null;
		const dataRows: { row: number; cells: CellValue[] }[] = [];
		worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
			const values: CellValue[] = [];
			for (let c = 1; c <= Math.max(row.cellCount, headerRow?.length ?? 0); c++) {
				values.push(cellValue(row.getCell(c).value));
			}
			if (!headerRow) headerRow = values;
			else dataRows.push({ row: rowNumber, cells: values });
		});
		const { sheet, problems } = toRawSheet(spec, headerRow ?? [], dataRows);
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
	const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [';', ',', '\t'] });
	const [header = [], ...lines] = parsed.data;
	const { sheet, problems } = toRawSheet(
		spec,
		header,
		lines.map((cells, i) => ({ row: i + 2, cells }))
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
