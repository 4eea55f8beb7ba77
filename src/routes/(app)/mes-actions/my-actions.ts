/**
 * What *Mes actions* shows, from the rows of `my_actions()` (already ordered by charter, objective and action).
 *
 * A representative in one or two charters sees every action on one page. Someone followed in many charters (an
 * ARS sits in twenty) would get hundreds of rows, a megabyte of HTML nobody reads: above FULL_LIST_MAX actions
 * across several charters, the page shows the figures, the first actions needing attention and one line per
 * charter; each charter's full list is `?charte=<slug>`.
 */
import type { Database } from '#lib/database.types.js';

export type MyActionRow = Database['public']['Functions']['my_actions']['Returns'][number];

export interface ObjectiveGroup {
	id: string;
	code: string;
	title: string;
	actions: MyActionRow[];
}
export interface CharterGroup {
	id: string;
	slug: string;
	title: string;
	objectives: ObjectiveGroup[];
}
export interface FlagCounts {
	total: number;
	overdue: number;
	stale: number;
	blocked: number;
}
export interface CharterSummary extends FlagCounts {
	id: string;
	slug: string;
	title: string;
}

/** Above this many actions, spread over more than one charter, each charter's list is a page of its own. */
export const FULL_LIST_MAX = 100;
/** How many of the actions needing attention the summary shows. */
export const ATTENTION_PREVIEW = 20;

export type MyActionsView =
	| {
			mode: 'list';
			charter: { slug: string; title: string } | null;
			counts: FlagCounts;
			attention: MyActionRow[];
			charters: CharterGroup[];
	  }
	| {
			mode: 'summary';
			counts: FlagCounts;
			attention: MyActionRow[];
			attentionTotal: number;
			summaries: CharterSummary[];
	  };

/** Groups the rows by charter, then objective, keeping the SQL's order. */
export function groupByCharter(rows: MyActionRow[]): CharterGroup[] {
	const charters: CharterGroup[] = [];
	for (const row of rows) {
		let charter = charters.at(-1);
		if (charter?.id !== row.charter_id) {
			charter = { id: row.charter_id, slug: row.charter_slug, title: row.charter_title, objectives: [] };
			charters.push(charter);
		}
		let objective = charter.objectives.at(-1);
		if (objective?.id !== row.objective_id) {
			objective = { id: row.objective_id, code: row.objective_code, title: row.objective_title, actions: [] };
			charter.objectives.push(objective);
		}
		objective.actions.push(row);
	}
	return charters;
}

/** What needs attention first: overdue, then blocked, then stale; the oldest news first within each. */
export function attentionFirst(rows: MyActionRow[]): MyActionRow[] {
	const weight = (r: MyActionRow) => (r.is_overdue ? 4 : 0) + (r.is_blocked ? 2 : 0) + (r.is_stale ? 1 : 0);
	return rows
		.filter((r) => r.is_overdue || r.is_stale || r.is_blocked)
		.sort((a, b) => weight(b) - weight(a) || a.last_activity_at.localeCompare(b.last_activity_at));
}

export function countFlags(rows: MyActionRow[]): FlagCounts {
	return {
		total: rows.length,
		overdue: rows.filter((r) => r.is_overdue).length,
		stale: rows.filter((r) => r.is_stale).length,
		blocked: rows.filter((r) => r.is_blocked).length
	};
}

/** One line per charter, in the rows' order, with its counts. */
export function charterSummaries(rows: MyActionRow[]): CharterSummary[] {
	return groupByCharter(rows).map((c) => {
		const actions = c.objectives.flatMap((o) => o.actions);
		return { id: c.id, slug: c.slug, title: c.title, ...countFlags(actions) };
	});
}

/**
 * The page for these rows and the `?charte=` asked for (null: none). Null when that charter holds none of the
 * user's actions (the page says so).
 */
export function myActionsView(rows: MyActionRow[], charterSlug: string | null): MyActionsView | null {
	if (charterSlug !== null) {
		const own = rows.filter((r) => r.charter_slug === charterSlug);
		if (own.length === 0) return null;
		return {
			mode: 'list',
			charter: { slug: charterSlug, title: own[0].charter_title },
			counts: countFlags(own),
			attention: attentionFirst(own),
			charters: groupByCharter(own)
		};
	}
	const summaries = charterSummaries(rows);
	const attention = attentionFirst(rows);
	if (rows.length <= FULL_LIST_MAX || summaries.length < 2) {
		return { mode: 'list', charter: null, counts: countFlags(rows), attention, charters: groupByCharter(rows) };
	}
	return {
		mode: 'summary',
		counts: countFlags(rows),
		attention: attention.slice(0, ATTENTION_PREVIEW),
		attentionTotal: attention.length,
		summaries
	};
}
