/**
 * The data of a charter's steering dashboard, COPIL report and exports. Every figure comes from the SQL
 * functions of supabase/migrations/20261123200000_dashboard.sql, called as the signed-in user (RLS decides),
 * a fixed number of queries in parallel whatever the size of the plan.
 */
import { error, redirect } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Enums } from '#lib/database.types.js';
import type { DashboardFilters } from '#lib/domain/filters.js';
import type { ActionCounts, ActionStatus, IndicatorState, Summary } from '#lib/domain/types.js';
import { todayIso } from '#lib/format.js';
import { m } from '#lib/paraglide/messages.js';

type Rpc = Database['public']['Functions'];
type Row<F extends keyof Rpc> = Rpc[F]['Returns'] extends (infer R)[] ? R : never;
/** Generated types call every returned column non-null; dates, sums and names can be null. */
type Nullable<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | null };

// The parts of public.charter_dashboard's JSON document (supabase/migrations/20261123200000_dashboard.sql); its
// `summary` is the Summary of #lib/domain/types, which the pages' components read too.

export interface ObjectiveFigures extends ActionCounts {
	id: string;
	code: string;
	title: string;
}

export type DashboardAction = Nullable<
	Omit<Row<'dashboard_actions'>, 'signal'>,
	| 'objective_code'
	| 'objective_title'
	| 'lead_name'
	| 'lead_organization_id'
	| 'starts_on'
	| 'due_on'
	| 'last_update_at'
	| 'days_without_update'
> & { signal: 'red' | 'amber' | null };

export interface IndicatorPoint {
	on: string;
	value: number;
	note?: string | null;
}
export interface Indicator {
	id: string;
	name: string;
	unit: string | null;
	baseline: number | null;
	target: number | null;
	target_on: string | null;
	direction: Enums<'indicator_direction'>;
	note: string | null;
	objective_id: string | null;
	objective_code: string | null;
	action_id: string | null;
	action_code: string | null;
	action_title: string | null;
	value_count: number;
	latest_value: number | null;
	latest_on: string | null;
	reference_value: number | null;
	state: IndicatorState;
	values: IndicatorPoint[];
}

export interface FundingGroup {
	grouping_key: 'funder' | 'source';
	organization_id: string | null;
	organization_name: string | null;
	source: string | null;
	planned: number | null;
	committed: number | null;
	paid: number | null;
	fundings: number;
	unknown_amounts: number;
}

export interface PartnerContribution {
	organization_id: string;
	organization_name: string;
	led: number;
	contributed: number;
	funded: number;
	led_progress: number | null;
	led_red: number;
}

export type AlertKind = 'blocked' | 'overdue' | 'stale' | 'indicator_off_track';
export interface Alert {
	kind: AlertKind;
	action_id: string | null;
	action_code: string | null;
	action_title: string | null;
	lead_name: string | null;
	objective_code: string | null;
	due_on: string | null;
	last_update_at: string | null;
	days: number | null;
	indicator_id: string | null;
	indicator_name: string | null;
	unit: string | null;
	latest_value: number | null;
	latest_on: string | null;
	reference_value: number | null;
	target: number | null;
	target_on: string | null;
	direction: Enums<'indicator_direction'> | null;
}

export interface JournalEntry {
	id: string;
	created_at: string;
	action_id: string;
	action_code: string;
	action_title: string;
	author_name: string | null;
	author_role: Enums<'member_role'> | null;
	organization_name: string | null;
	status: ActionStatus;
	progress: number;
	health: Enums<'action_health'>;
	previous_status: ActionStatus | null;
	comment: string | null;
	kind: Enums<'update_kind'> | null;
}

export interface TrendPoint {
	month: string;
	progress: number | null;
}
export interface FilterOption {
	value: string;
	label: string;
}

/** public.charter_dashboard's document, as it comes from the database. */
interface DashboardDocument {
	today: string;
	summary: Summary;
	objectives: ObjectiveFigures[];
	indicators: Indicator[];
	fundings: FundingGroup[];
	partners: PartnerContribution[];
	alerts: Alert[];
	alert_counts: Record<AlertKind, number>;
	updates: JournalEntry[];
	due_soon: DashboardAction[];
	due_soon_count: number;
	trend: TrendPoint[];
	options: { objectives: FilterOption[]; organizations: FilterOption[]; communes: FilterOption[] };
}

function rpcArgs(charterId: string, filters: DashboardFilters, today: string) {
	return {
		p_charter_id: charterId,
		p_today: today,
		...(filters.objective ? { p_objective_id: filters.objective } : {}),
		...(filters.organization ? { p_organization_id: filters.organization } : {}),
		...(filters.status ? { p_status: filters.status } : {}),
		...(filters.commune ? { p_commune_code: filters.commune } : {})
	};
}

function unavailable(): never {
	error(503, m.error_dashboard_unavailable());
}

/** How far ahead "what falls due soon" looks. */
export const DUE_SOON_DAYS = 60;

export interface DashboardData extends Omit<
	DashboardDocument,
	'due_soon' | 'due_soon_count' | 'alert_counts' | 'trend'
> {
	filters: DashboardFilters;
	alertCounts: Record<AlertKind, number>;
	dueSoon: DashboardAction[];
	dueSoonCount: number;
	trend: TrendPoint[];
	/** Every action shown, for the report and the exports (null on the dashboard itself). */
	actions: DashboardAction[] | null;
}

/**
 * Everything the dashboard shows: the charter's dashboard document (one SQL call, its progress trend included)
 * and, with `withActions`, the list of the actions shown (report and exports), in parallel.
 */
export async function loadDashboard(
	supabase: SupabaseClient<Database>,
	charterId: string,
	filters: DashboardFilters,
	{ today = todayIso(), withActions = false }: { today?: string; withActions?: boolean } = {}
): Promise<DashboardData> {
	const args = rpcArgs(charterId, filters, today);
	const none = Promise.resolve({ data: null, error: null });
	const [document, actions] = await Promise.all([
		supabase.rpc('charter_dashboard', { ...args, p_due_within_days: DUE_SOON_DAYS }),
		withActions ? supabase.rpc('dashboard_actions', args) : none
	]);
	if (document.error || actions.error || !document.data) unavailable();
	const d = document.data as unknown as DashboardDocument;
	return {
		today: d.today,
		filters,
		summary: d.summary,
		objectives: d.objectives,
		indicators: d.indicators,
		fundings: d.fundings,
		partners: d.partners,
		alerts: d.alerts,
		alertCounts: d.alert_counts,
		updates: d.updates,
		dueSoon: d.due_soon,
		dueSoonCount: d.due_soon_count,
		options: d.options,
		trend: d.trend ?? [],
		actions: withActions ? ((actions.data ?? []) as DashboardAction[]) : null
	};
}

/** Steering pages are for members; a published charter's visitors are sent to its public page. */
export function requireMember(
	charter: { slug: string; is_public: boolean },
	membership: { role: Enums<'member_role'> } | null
): void {
	if (!membership) {
		// A signed-in visitor who is not a member: the public page shows what is public.
		if (charter.is_public) redirect(303, `/public/${charter.slug}`);
		error(404, m.error_charter_not_found());
	}
}

/**
 * Publishes or unpublishes a charter's public page. RLS lets coordinators only update a charter, so for anyone
 * else no row changes and the answer is `forbidden`.
 */
export async function setPublication(
	supabase: SupabaseClient<Database>,
	slug: string,
	publish: boolean
): Promise<'ok' | 'forbidden' | 'failed'> {
	const { data, error: err } = await supabase
		.from('charters')
		.update({ is_public: publish })
		.eq('slug', slug)
		.select('is_public');
	if (err) return 'failed';
	return data?.length ? 'ok' : 'forbidden';
}
