import { describe, expect, it } from 'vitest';
import { parseSort, sortOverview, type OverviewRow } from './overview.ts';

const row = (title: string, progress: number | null, overdue = 0): OverviewRow => ({
	charter_id: title,
	slug: title.toLowerCase(),
	title,
	short_title: null,
	actions_total: 1,
	in_progress: 1,
	done: 0,
	blocked: 0,
	progress,
	overdue,
	stale: 0,
	indicators_on_track: 0,
	indicators_off_track: 0,
	indicators_total: 0,
	budget_planned: null,
	budget_committed: null,
	budget_paid: null,
	weather: null
});

describe('cross-charter sort', () => {
	it('reads the sort from the URL and falls back to the title', () => {
		expect(parseSort(new URLSearchParams('tri=avancement&ordre=desc'))).toEqual({ key: 'avancement', order: 'desc' });
		expect(parseSort(new URLSearchParams('tri=nimporte&ordre=x'))).toEqual({ key: 'titre', order: 'asc' });
	});

	it('sorts numbers both ways and keeps empty values last', () => {
		const rows = [row('Bêta', 40), row('Alpha', null), row('Gamma', 80), row('Delta', 40, 2)];
		expect(sortOverview(rows, 'avancement', 'desc').map((r) => r.title)).toEqual(['Gamma', 'Bêta', 'Delta', 'Alpha']);
		expect(sortOverview(rows, 'avancement', 'asc').map((r) => r.title)).toEqual(['Bêta', 'Delta', 'Gamma', 'Alpha']);
		expect(sortOverview(rows, 'titre', 'asc').map((r) => r.title)).toEqual(['Alpha', 'Bêta', 'Delta', 'Gamma']);
		expect(sortOverview(rows, 'retard', 'desc')[0].title).toBe('Delta');
	});
});
