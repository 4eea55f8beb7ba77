import { describe, expect, it } from 'vitest';
import type { Summary } from '#lib/domain/types.js';
import { actionColumns, ACTION_DATE_COLUMNS, dayCell, figureRows } from './export-rows.ts';

describe('export rows', () => {
	it('reads a timestamp as its day in Paris and keeps a calendar date as it is', () => {
		expect(dayCell('2026-11-22')).toEqual({ day: '2026-11-22' });
		// 23:30 UTC on 30 November is already 1 December in Paris.
		expect(dayCell('2026-11-30T23:30:00Z')).toEqual({ day: '2026-12-01' });
		expect(dayCell(null)).toBeNull();
		expect(dayCell('')).toBeNull();
	});

	it('labels every key figure in words, never a technical key', () => {
		const summary = {
			actions_total: 7,
			today: '2026-12-01',
			stale_after_days: 60,
			weather: null
		} as unknown as Summary;
		const rows = figureRows(summary);
		expect(rows[0]).toEqual({ label: 'Actions au total', value: 7 });
		for (const row of rows) expect(row.label).not.toMatch(/^[a-z]+(_[a-z]+)+$/);
		expect(rows.at(-1)!.value).toEqual({ day: '2026-12-01' });
	});

	it('has the contributors and the latest comment, and knows which columns are dates', () => {
		const columns = actionColumns();
		expect(columns).toContain('Partenaires contributeurs');
		expect(columns).toContain('Dernier commentaire');
		expect(ACTION_DATE_COLUMNS.map((i) => columns[i])).toEqual([
			'Début',
			'Échéance',
			'Dernière mise à jour',
			'Date du dernier commentaire'
		]);
	});
});
