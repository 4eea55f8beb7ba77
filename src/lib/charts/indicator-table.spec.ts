import { describe, expect, it } from 'vitest';
import { indicatorTable } from './indicator-table.ts';

const indicator = {
	unit: 'médecins',
	baseline: 4,
	target: 20,
	target_on: '2027-12-31',
	values: [
		{ on: '2025-11-15', value: 14, note: null },
		{ on: '2026-06-30', value: 17, note: null }
	]
};

describe('indicatorTable', () => {
	it('lists the values, the baseline and the final target, without a notes column when there is no note', () => {
		const { columns, rows } = indicatorTable(indicator);
		expect(columns).toEqual(['Date', 'Valeur (médecins)']);
		expect(rows).toEqual([
			['15/11/2025', '14'],
			['30/06/2026', '17'],
			[expect.any(String), '4'],
			[expect.stringContaining('31/12/2027'), '20']
		]);
	});
	it('adds the yearly targets, and the notes column when one of them has a note', () => {
		const { columns, rows } = indicatorTable(indicator, [{ year: 2026, target: 16, note: 'Avenant n° 1' }]);
		expect(columns).toHaveLength(3);
		expect(rows).toContainEqual([expect.stringContaining('2026'), '16', 'Avenant n° 1']);
		expect(rows.every((row) => row.length === 3)).toBe(true);
	});
});
