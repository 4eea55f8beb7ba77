/**
 * What the dashboard page sends to the browser: the parts of `loadDashboard`'s data its components read, and
 * nothing else (the hydration data is part of the page's weight). Each indicator's history is sent once, as
 * parallel arrays of dates, values and notes; its chart and its data table are both drawn from them
 * (`indicatorValues`). The report and the exports keep the whole data (`loadDashboard`).
 */
import { COMMUNE_LIST_MAX } from '#lib/domain/commune-match.js';
import type {
	Alert,
	DashboardAction,
	DashboardData,
	FundingGroup,
	Indicator,
	JournalEntry,
	PartnerContribution
} from '#lib/server/dashboard-data.js';

export type AlertView = Pick<
	Alert,
	| 'kind'
	| 'action_id'
	| 'action_code'
	| 'action_title'
	| 'lead_name'
	| 'due_on'
	| 'days'
	| 'indicator_id'
	| 'indicator_name'
	| 'unit'
	| 'latest_value'
	| 'latest_on'
	| 'reference_value'
	| 'target'
	| 'target_on'
>;
export type DueSoonView = Pick<
	DashboardAction,
	'id' | 'code' | 'title' | 'lead_name' | 'status' | 'progress' | 'due_on'
>;
export type UpdateView = Pick<
	JournalEntry,
	| 'id'
	| 'created_at'
	| 'action_id'
	| 'action_code'
	| 'action_title'
	| 'author_name'
	| 'author_role'
	| 'organization_name'
	| 'status'
	| 'progress'
	| 'comment'
	| 'kind'
>;
export type FundingView = Pick<
	FundingGroup,
	'grouping_key' | 'organization_id' | 'organization_name' | 'source' | 'planned' | 'committed' | 'paid' | 'fundings'
>;
export type PartnerView = Pick<
	PartnerContribution,
	'organization_id' | 'organization_name' | 'led' | 'contributed' | 'funded' | 'led_progress'
>;

/** An indicator's dated values, once: `on[i]`, `value[i]` and (when any value has one) `note[i]` go together. */
export interface IndicatorPoints {
	on: string[];
	value: number[];
	note: (string | null)[] | null;
}
export type IndicatorView = Pick<
	Indicator,
	| 'id'
	| 'name'
	| 'unit'
	| 'baseline'
	| 'target'
	| 'target_on'
	| 'direction'
	| 'note'
	| 'objective_code'
	| 'action_code'
	| 'value_count'
	| 'latest_value'
	| 'latest_on'
	| 'state'
> & { points: IndicatorPoints };

function pick<T extends object, K extends keyof T>(row: T, keys: readonly K[]): Pick<T, K> {
	const out = {} as Pick<T, K>;
	for (const key of keys) out[key] = row[key];
	return out;
}

const alertKeys = [
	'kind',
	'action_id',
	'action_code',
	'action_title',
	'lead_name',
	'due_on',
	'days',
	'indicator_id',
	'indicator_name',
	'unit',
	'latest_value',
	'latest_on',
	'reference_value',
	'target',
	'target_on'
] as const satisfies readonly (keyof AlertView)[];
const dueSoonKeys = ['id', 'code', 'title', 'lead_name', 'status', 'progress', 'due_on'] as const;
const updateKeys = [
	'id',
	'created_at',
	'action_id',
	'action_code',
	'action_title',
	'author_name',
	'author_role',
	'organization_name',
	'status',
	'progress',
	'comment',
	'kind'
] as const;
const fundingKeys = [
	'grouping_key',
	'organization_id',
	'organization_name',
	'source',
	'planned',
	'committed',
	'paid',
	'fundings'
] as const;
const partnerKeys = ['organization_id', 'organization_name', 'led', 'contributed', 'funded', 'led_progress'] as const;
const indicatorKeys = [
	'id',
	'name',
	'unit',
	'baseline',
	'target',
	'target_on',
	'direction',
	'note',
	'objective_code',
	'action_code',
	'value_count',
	'latest_value',
	'latest_on',
	'state'
] as const;

/** An indicator with its values as parallel arrays (notes only when one value has a note). */
export function indicatorView(indicator: Indicator): IndicatorView {
	const values = indicator.values ?? [];
	return {
		...pick(indicator, indicatorKeys),
		points: {
			on: values.map((v) => v.on),
			value: values.map((v) => Number(v.value)),
			note: values.some((v) => v.note) ? values.map((v) => v.note ?? null) : null
		}
	};
}

/** The values of an indicator's points, one object per date, for its chart and its data table. */
export function indicatorValues(points: IndicatorPoints): { on: string; value: number; note: string | null }[] {
	return points.on.map((on, i) => ({ on, value: points.value[i], note: points.note?.[i] ?? null }));
}

/**
 * The commune filter: the charter's communes as a list when they are few, else a text field (#lib/domain/
 * commune-match), with the label of the commune filtered on.
 */
function communeFilter(d: DashboardData) {
	const communes = d.options.communes;
	const code = d.filters.commune;
	return {
		list: communes.length <= COMMUNE_LIST_MAX,
		label: code ? (communes.find((o) => o.value === code)?.label ?? code) : null
	};
}

/** The dashboard's data as the page reads it. */
export function dashboardView(d: DashboardData) {
	const commune = communeFilter(d);
	return {
		today: d.today,
		filters: d.filters,
		summary: d.summary,
		objectives: d.objectives,
		// A long list of communes is not sent: the filter is then a text field.
		options: { ...d.options, communes: commune.list ? d.options.communes : [] },
		commune,
		trend: d.trend,
		alertCounts: d.alertCounts,
		dueSoonCount: d.dueSoonCount,
		alerts: d.alerts.map((a) => pick(a, alertKeys)),
		dueSoon: d.dueSoon.map((a) => pick(a, dueSoonKeys)),
		updates: d.updates.map((u) => pick(u, updateKeys)),
		fundings: d.fundings.map((f) => pick(f, fundingKeys)),
		partners: d.partners.map((p) => pick(p, partnerKeys)),
		indicators: d.indicators.map(indicatorView)
	};
}
export type DashboardView = ReturnType<typeof dashboardView>;
