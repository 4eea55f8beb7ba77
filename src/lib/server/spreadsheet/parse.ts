/** Parsing the cells of a raw sheet by column type, with a French message for every cell that does not fit. */
import { m } from '#lib/paraglide/messages.js';
import { loose } from './normalize.js';
import type { CellValue, ColumnSpec, ParsedRow, Problem, RawSheet } from './types.js';

const pad = (n: number) => String(n).padStart(2, '0');
const isoFromParts = (y: number, mo: number, d: number): string | null => {
	const date = new Date(Date.UTC(y, mo - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
		? `${y}-${pad(mo)}-${pad(d)}`
		: null;
};

/** 22/11/2026, 22-11-2026, 22.11.2026, 2026-11-22, an Excel date cell or serial number → 2026-11-22. */
export function parseDate(value: CellValue): string | null {
	if (value instanceof Date) {
		// exceljs reads date cells as UTC midnight.
		return Number.isNaN(value.getTime())
			? null
			: isoFromParts(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
	}
	if (typeof value === 'number') {
		// An Excel serial day (days since 1899-12-30), when a date cell lost its format.
		if (value < 1 || value > 200000 || !Number.isInteger(value)) return null;
		const date = new Date(Date.UTC(1899, 11, 30) + value * 86_400_000);
		return isoFromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
	}
	const text = String(value ?? '').trim();
	let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
	if (match) return isoFromParts(Number(match[1]), Number(match[2]), Number(match[3]));
	match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
	if (match) return isoFromParts(Number(match[3]), Number(match[2]), Number(match[1]));
	return null;
}

/** "1 234,56 €", "45 %", 1234.56 → a number; null when it is not one. */
export function parseNumber(value: CellValue): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string') return null;
	const text = value
		.replace(/[\s\u00a0\u202f]/g, '')
		.replace(/[€%]/g, '')
		.replace(',', '.');
	if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) return null;
	return Number(text);
}

export function cellText(value: CellValue): string {
	if (value === null) return '';
	if (value instanceof Date) return parseDate(value) ?? '';
	return String(value).trim();
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
					if (column.max && text.length > column.max)
						problem(raw.row, column, m.admin_error_too_long({ max: column.max }));
					else values[column.key] = text;
					break;
				}
				case 'date': {
					const date = parseDate(cell);
					if (date === null) problem(raw.row, column, m.admin_sheet_bad_date({ value: cellText(cell) }));
					else values[column.key] = date;
					break;
				}
				case 'integer':
				case 'number': {
					const n = parseNumber(cell);
					if (n === null || (column.type === 'integer' && !Number.isInteger(n))) {
						problem(
							raw.row,
							column,
							column.type === 'integer'
								? m.admin_sheet_bad_integer({ value: cellText(cell) })
								: m.admin_sheet_bad_number({ value: cellText(cell) })
						);
					} else if (
						(column.min !== undefined && n < column.min) ||
						(column.maxValue !== undefined && n > column.maxValue)
					) {
						problem(
							raw.row,
							column,
							m.admin_sheet_out_of_range({
								value: cellText(cell),
								min: String(column.min ?? '—'),
								max: String(column.maxValue ?? '—')
							})
						);
					} else values[column.key] = n;
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
