/**
 * Sorting of the cross-charter view (/chartes): by a column named in the URL (`?tri=avancement&ordre=desc`),
 * on the server for pages without JavaScript and in the browser once the page is enhanced.
 */
import type { Weather } from '#lib/labels.js';

export interface OverviewRow {
	charter_id: string;
	slug: string;
	title: string;
	short_title: string | null;
	actions_total: number;
	in_progress: number;
	done: number;
	blocked: number;
	progress: number | null;
	overdue: number;
	stale: number;
	indicators_on_track: number;
	indicators_off_track: number;
	indicators_total: number;
	budget_planned: number | null;
	budget_committed: number | null;
	budget_paid: number | null;
	weather: Weather | null;
}

export const SORT_KEYS = [
	'titre',
	'meteo',
	'actions',
	'avancement',
	'retard',
	'bloquees',
	'sans-maj',
	'indicateurs',
	'budget'
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

const weatherRank: Record<Weather, number> = { compromised: 4, watch: 3, good: 2, secure: 1 };

const value = (row: OverviewRow, key: SortKey): number | string | null => {
	switch (key) {
		case 'titre':
			return (row.short_title ?? row.title).toLocaleLowerCase('fr');
		case 'meteo':
			return row.weather ? weatherRank[row.weather] : null;
		case 'actions':
			return row.actions_total;
		case 'avancement':
			return row.progress;
		case 'retard':
			return row.overdue;
		case 'bloquees':
			return row.blocked;
		case 'sans-maj':
			return row.stale;
		case 'indicateurs':
			return row.indicators_off_track;
		case 'budget':
			return row.budget_planned;
	}
};

/** The sort of the URL, or the default (by title, A to Z). */
export function parseSort(params: URLSearchParams): { key: SortKey; order: SortOrder } {
	const key = params.get('tri');
	const order = params.get('ordre');
	return {
		key: (SORT_KEYS as readonly string[]).includes(key ?? '') ? (key as SortKey) : 'titre',
		order: order === 'desc' ? 'desc' : 'asc'
	};
}

/** Sorted copy; empty values always last, ties by title. */
export function sortOverview<T extends OverviewRow>(rows: T[], key: SortKey, order: SortOrder): T[] {
	const sign = order === 'desc' ? -1 : 1;
	const byTitle = (a: T, b: T) => (a.short_title ?? a.title).localeCompare(b.short_title ?? b.title, 'fr');
	return [...rows].sort((a, b) => {
		const va = value(a, key);
		const vb = value(b, key);
		if (va === null && vb === null) return byTitle(a, b);
		if (va === null) return 1;
		if (vb === null) return -1;
		const diff = typeof va === 'string' ? va.localeCompare(vb as string, 'fr') : va - (vb as number);
		return diff !== 0 ? sign * diff : byTitle(a, b);
	});
}
