/**
 * The installation pipeline of a charter's dashboard (public.support_pipeline,
 * supabase/migrations/20261123400200_installation_pipeline.sql), shaped for its tables and chart. A count is
 * `null` when it is withheld (1 or 2, for the roles that see counts only): it reads « < 3 », never 0.
 */
import type { Enums } from '#lib/database.types.js';
import { formatNumber } from '#lib/format.js';

export type Count = number | null;
export type SupportStatus = Enums<'support_status'>;
export type SupportNeed = Enums<'support_need'>;
export type Profession = Enums<'health_profession'>;

export const SUPPORT_STATUSES: readonly SupportStatus[] = ['new', 'in_progress', 'on_hold', 'installed', 'abandoned'];
export const OPEN_STATUSES: readonly SupportStatus[] = ['new', 'in_progress', 'on_hold'];

export interface PartnerReferrals {
	organization_id: string;
	organization_name: string | null;
	total: Count;
	answered: Count;
	on_time: Count;
	overdue: Count;
}

export interface InstallationCell {
	commune_code: string;
	commune_name: string | null;
	year: number;
	count: Count;
}

/** public.support_pipeline's document, as it comes from the database. */
export interface PipelineDocument {
	today: string;
	role: Enums<'member_role'>;
	/** Exact counts (the coordination); otherwise cells under 3 are withheld. */
	exact: boolean;
	requests_total: Count;
	requests_open: Count;
	by_status: { status: SupportStatus; count: Count }[];
	by_need: { need: SupportNeed; count: Count }[];
	by_profession: { profession: Profession; count: Count }[];
	installations_total: Count;
	installations_this_year: Count;
	/** Withheld from the roles that see counts only when fewer than 3 installations back it. */
	median_days: number | null;
	installations: InstallationCell[];
	/** Null for elected officials, who read no referral figures. */
	referrals: PartnerReferrals[] | null;
	referrals_overdue: Count;
}

/** What a withheld count reads. */
export const WITHHELD = '< 3';

/** A count for a table: « < 3 » when withheld, « 1 234 » otherwise. */
export function formatCount(count: Count | undefined): string {
	if (count === null) return WITHHELD;
	return formatNumber(count ?? 0);
}

/** The section is shown once the charter has a request (a withheld total still means there are some). */
export function hasRequests(pipeline: PipelineDocument | null): pipeline is PipelineDocument {
	return pipeline !== null && pipeline.requests_total !== 0;
}

/** Every status, in the order of the pipeline, with its count (0 when there is none). */
export function statusCounts(pipeline: PipelineDocument): { status: SupportStatus; count: Count }[] {
	const found = new Map(pipeline.by_status.map((s) => [s.status, s.count]));
	return SUPPORT_STATUSES.map((status) => ({ status, count: found.has(status) ? found.get(status)! : 0 }));
}

/** The bar drawn for a count: a withheld one draws nothing (its table cell says « < 3 »). */
export function barValue(count: Count): number {
	return count ?? 0;
}

/** Share of a partner's answered referrals answered by their due date, in %; null when it cannot be told. */
export function onTimeRate(partner: Pick<PartnerReferrals, 'answered' | 'on_time'>): number | null {
	if (partner.answered === null || partner.on_time === null || partner.answered === 0) return null;
	return Math.round((100 * partner.on_time) / partner.answered);
}

/** Whether a partner has overdue referrals to highlight (a withheld count is 1 or 2: still overdue). */
export function isOverdue(partner: Pick<PartnerReferrals, 'overdue'>): boolean {
	return partner.overdue === null || partner.overdue > 0;
}

export interface InstallationsTable {
	/** Newest first. */
	years: number[];
	rows: { code: string; name: string; counts: Count[] }[];
}

/**
 * Installations as a table of communes (rows, the most installations first, then by name) and years
 * (columns, newest first). A commune with no installation in a year has 0 there.
 */
export function installationsTable(cells: InstallationCell[], maxYears = 5): InstallationsTable {
	const years = [...new Set(cells.map((c) => c.year))].sort((a, b) => b - a).slice(0, maxYears);
	const communes = new Map<string, { name: string; counts: Map<number, Count>; weight: number }>();
	for (const cell of cells) {
		if (!years.includes(cell.year)) continue;
		const entry = communes.get(cell.commune_code) ?? {
			name: cell.commune_name ?? cell.commune_code,
			counts: new Map<number, Count>(),
			weight: 0
		};
		entry.counts.set(cell.year, cell.count);
		// A withheld cell weighs 1 for the order: fewer than 3.
		entry.weight += cell.count ?? 1;
		communes.set(cell.commune_code, entry);
	}
	const rows = [...communes.entries()]
		.sort((a, b) => b[1].weight - a[1].weight || a[1].name.localeCompare(b[1].name, 'fr'))
		.map(([code, e]) => ({
			code,
			name: e.name,
			counts: years.map((y) => (e.counts.has(y) ? e.counts.get(y)! : 0))
		}));
	return { years, rows };
}

/** The year of a `YYYY-MM-DD` day. */
export function yearOf(day: string): number {
	return Number(day.slice(0, 4));
}

// ------------------------------------------------------------------------------------------ the section's view
// Built on the server (the dashboard's load): the page's browser code then carries strings, not the labels,
// messages and rules, which keeps the dashboard's JavaScript under its weight budget (bench/RESULTS.md).

export interface PipelineFigure {
	key: string;
	label: string;
	value: string;
	raw: number | null;
	detail: string;
	alert: boolean;
}

export interface PipelineTableRow {
	key: string;
	/** The first cell heads the row. */
	cells: string[];
	late: boolean;
}

export interface PipelineTable {
	id: string;
	title: string;
	note: string | null;
	columns: { label: string; num: boolean }[];
	rows: PipelineTableRow[];
	empty: string;
	/** One card per row on a phone. */
	cards: boolean;
	/** Spans the section's width. */
	wide: boolean;
}

export interface PipelineView {
	title: string;
	intro: string;
	withheldNote: string | null;
	figuresLabel: string;
	figures: PipelineFigure[];
	chart: {
		caption: string;
		summary: string;
		series: string;
		bars: { label: string; value: number; status: SupportStatus }[];
		columns: string[];
		rows: string[][];
	};
	tables: PipelineTable[];
	lateMarker: string;
	/** The line of the dashboard's alerts, when referrals are overdue. */
	overdueAlert: { text: string; link: string } | null;
}
