import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { columnsOf, csvValue, flattenRow, tableCsv } from './csv.js';

describe('archive CSV', () => {
	it('writes a BOM, semicolons and a decimal comma; an empty value stays empty, never 0', () => {
		const text = tableCsv([
			{ id: 'a', amount: 1234.5, note: null, done: true },
			{ id: 'b', amount: 0, note: 'x;y', done: false }
		]);
		expect(text.startsWith('\ufeff')).toBe(true);
		const parsed = Papa.parse<string[]>(text.slice(1), { delimiter: ';' }).data;
		expect(parsed[0]).toEqual(['id', 'amount', 'note', 'done']);
		expect(parsed[1]).toEqual(['a', '1234,5', '', 'oui']);
		expect(parsed[2]).toEqual(['b', '0', 'x;y', 'non']);
	});

	it('flattens a related row to relation.field and keeps lists and documents as JSON text', () => {
		const row = flattenRow({ id: 'm', profile: { display_name: 'Ana', email: 'a@x.org' }, codes: ['87085'] });
		expect(row).toEqual({ id: 'm', 'profile.display_name': 'Ana', 'profile.email': 'a@x.org', codes: ['87085'] });
		expect(csvValue(row.codes)).toBe('["87085"]');
		expect(csvValue({ a: { b: 1 } })).toBe('{"a":{"b":1}}');
	});

	it('leaves out the JSON-only columns and a null relation stays one empty column', () => {
		const rows = [{ id: 's', dashboard: { big: 1 }, organization: null }];
		expect(columnsOf(rows.map((r) => flattenRow(r, ['dashboard'])))).toEqual(['id', 'organization']);
		expect(tableCsv(rows, ['dashboard'])).not.toContain('big');
	});

	it('unites the columns of rows that differ', () => {
		expect(columnsOf([{ a: 1 }, { b: 2, a: 3 }])).toEqual(['a', 'b']);
	});
});
