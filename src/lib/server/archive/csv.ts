/**
 * A table of the archive as CSV, the way the dashboard exports are written (a BOM and semicolons, which Excel
 * expects from a French file; numbers with a decimal comma): one column per field of the rows, a related row's
 * fields as `relation.field`, a list or a document as its JSON text. The JSON file beside it keeps the exact
 * values.
 */
import { csv } from '#lib/server/dashboard-export.js';

export type Row = Record<string, unknown>;

/** The row with a related row's fields flattened to `relation.field`; the columns in `omit` left out. */
export function flattenRow(row: Row, omit: readonly string[] = []): Row {
	const flat: Row = {};
	for (const [key, value] of Object.entries(row)) {
		if (omit.includes(key)) continue;
		if (value && typeof value === 'object' && !Array.isArray(value) && isShallow(value as Row)) {
			for (const [sub, inner] of Object.entries(value as Row)) flat[`${key}.${sub}`] = inner;
		} else flat[key] = value;
	}
	return flat;
}

const isShallow = (value: Row) => Object.values(value).every((v) => v === null || typeof v !== 'object');

/** The columns of the rows, in the order they first appear. */
export function columnsOf(rows: readonly Row[]): string[] {
	const columns = new Set<string>();
	for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
	return [...columns];
}

/** A value as a French spreadsheet reads it; null and undefined are empty cells (never 0). */
export function csvValue(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return String(value).replace('.', ',');
	if (typeof value === 'boolean') return value ? 'oui' : 'non';
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

export function tableCsv(rows: readonly Row[], omit: readonly string[] = []): string {
	const flat = rows.map((r) => flattenRow(r, omit));
	const fields = columnsOf(flat);
	const data = flat.map((r) => fields.map((f) => csvValue(r[f])));
	return csv(fields, data);
}
