/** Parsing the cells of a raw sheet by column type, with a French message for every cell that does not fit. */
import { m } from '#lib/paraglide/messages.js';
import { decimalsOf, parseDate, parseNumber, readDate, DATE_MAX, DATE_MIN } from './cells.js';
import { loose } from './normalize.js';
import type { CellValue, ColumnSpec, ParsedRow, Problem, RawSheet } from './types.js';

export { parseDate, parseNumber } from './cells.js';

export function cellText(value: CellValue): string {
	if (value === null) return '';
	if (value instanceof Date) return parseDate(value) ?? '';
	return String(value).trim();
}

/** A cell as the messages quote it: 22/11/2026 for a date, 45,5 for a number (the French decimal comma). */
export function shown(value: CellValue): string {
	if (value instanceof Date && !Number.isNaN(value.getTime())) {
		const d = value.toISOString().slice(0, 10).split('-');
		return `${d[2]}/${d[1]}/${d[0]}`;
	}
	if (typeof value === 'number') return String(value).replace('.', ',');
	return cellText(value);
}

const frenchDate = (iso: string) => iso.split('-').reverse().join('/');

/** The message for a date cell that is not a plausible date, by reason. */
function dateMessage(value: CellValue, reason: 'unreadable' | 'nonexistent' | 'implausible'): string {
	const v = shown(value);
	if (reason === 'nonexistent') return m.import_date_nonexistent({ value: v });
	if (reason === 'implausible')
		return m.import_date_implausible({ value: v, min: frenchDate(DATE_MIN), max: frenchDate(DATE_MAX) });
	return m.admin_sheet_bad_date({ value: v });
}

/** The message for a number the column cannot hold as written, or null: nothing is ever rounded silently. */
function numberMessage(column: ColumnSpec, cell: CellValue, n: number | null): string | null {
	const value = shown(cell);
	if (n === null)
		return column.type === 'integer' ? m.admin_sheet_bad_integer({ value }) : m.admin_sheet_bad_number({ value });
	if (column.type === 'integer' && !Number.isInteger(n))
		return m.import_not_whole({ value, below: String(Math.floor(n)), above: String(Math.ceil(n)) });
	if (column.decimals !== undefined && decimalsOf(n) > column.decimals)
		return m.import_too_many_decimals({ value, decimals: String(column.decimals) });
	if ((column.min !== undefined && n < column.min) || (column.maxValue !== undefined && n > column.maxValue))
		return m.admin_sheet_out_of_range({
			value,
			min: String(column.min ?? '—'),
			max: String(column.maxValue ?? '—')
		});
	return null;
}

/** Splits a list cell: ";" and line breaks always, "," and spaces too for codes (`codes`). */
export function splitList(value: CellValue, codes = false): string[] {
	const text = cellText(value);
	if (!text) return [];
	return text
		.split(codes ? /[\s;,\n]+/ : /[;\n]+/)
		.map((part) => part.trim())
		.filter(Boolean);
}

function enumValue(column: ColumnSpec, value: CellValue): string | null {
	const text = loose(cellText(value));
	for (const [code, spellings] of Object.entries(column.values ?? {})) {
		if (loose(code) === text || spellings.some((s) => loose(s) === text)) return code;
	}
	return null;
}

export function parseSheet(sheet: RawSheet): { rows: ParsedRow[]; problems: Problem[] } {
	const problems: Problem[] = [];
	const rows: ParsedRow[] = [];
	const problem = (row: number, column: ColumnSpec, message: string) =>
		problems.push({ level: 'error', sheet: sheet.spec.name, row, column: column.header, message });

	for (const raw of sheet.rows) {
		const values: ParsedRow['values'] = {};
		for (const column of sheet.spec.columns) {
			const cell = raw.cells[column.key] ?? null;
			values[column.key] = column.type === 'list' ? [] : null;
			if (cell === null) {
				if (column.required) problem(raw.row, column, m.admin_sheet_required());
				continue;
			}
			switch (column.type) {
				case 'text': {
					const text = cellText(cell);
					// Nothing is cut: a text longer than the column holds refuses the row, with the length found.
					if (column.max && text.length > column.max)
						problem(raw.row, column, m.import_too_long({ max: String(column.max), length: String(text.length) }));
					else values[column.key] = text;
					break;
				}
				case 'date': {
					const reading = readDate(cell);
					if (!reading.ok) problem(raw.row, column, dateMessage(cell, reading.reason));
					else values[column.key] = reading.date;
					break;
				}
				case 'integer':
				case 'number': {
					const n = parseNumber(cell);
					const message = numberMessage(column, cell, n);
					if (message) problem(raw.row, column, message);
					else values[column.key] = n;
					break;
				}
				case 'enum': {
					const code = enumValue(column, cell);
					if (code === null) {
						problem(
							raw.row,
							column,
							m.admin_sheet_bad_choice({
								value: cellText(cell),
								choices: Object.values(column.values ?? {})
									.map((s) => s[0])
									.join(', ')
							})
						);
					} else values[column.key] = code;
					break;
				}
				case 'list': {
					const items = splitList(cell, column.separator === ',');
					if (column.values) {
						const codes: string[] = [];
						for (const item of items) {
							const code = enumValue(column, item);
							if (code === null)
								problem(
									raw.row,
									column,
									m.admin_sheet_bad_choice({
										value: item,
										choices: Object.values(column.values)
											.map((s) => s[0])
											.join(', ')
									})
								);
							else if (!codes.includes(code)) codes.push(code);
						}
						values[column.key] = codes;
					} else values[column.key] = items;
					break;
				}
			}
		}
		rows.push({ row: raw.row, values });
	}
	return { rows, problems };
}
