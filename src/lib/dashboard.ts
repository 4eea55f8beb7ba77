/**
 * Words and small helpers shared by the dashboard, the COPIL report and the public page. The rules
 * themselves (weather, lateness, indicator state) live in SQL (supabase/migrations/20261123200000_dashboard.sql);
 * this module only says them in words.
 */
import { ACTION_STATUSES } from '#lib/domain/status.js';
import type { ActionStatus, IndicatorState } from '#lib/domain/types.js';
import { m } from '#lib/paraglide/messages.js';
import { statusLabels, type Weather } from '#lib/labels.js';
import { formatEuros, formatNumber, formatPercent } from '#lib/format.js';
import type { PatternKind } from '#lib/charts/setup.js';

/** Colour and pattern of each status in charts (the label always goes with them). */
export const statusStyle: Record<
	ActionStatus,
	{ color: 'neutral' | 'accent' | 'ok' | 'danger' | 'dark'; pattern: PatternKind }
> = {
	planned: { color: 'neutral', pattern: 'dots' },
	in_progress: { color: 'accent', pattern: 'solid' },
	done: { color: 'ok', pattern: 'solid' },
	blocked: { color: 'danger', pattern: 'cross' },
	abandoned: { color: 'dark', pattern: 'stripes' }
};

/** The bars of the "actions by status" chart, in the usual order of the statuses. */
export function statusBars(counts: Record<ActionStatus, number>) {
	return ACTION_STATUSES.map((s) => ({ label: statusLabels[s](), value: counts[s], ...statusStyle[s] }));
}

/** A line of the money table: amounts planned, committed and paid, any of them unknown. */
interface MoneyRow {
	grouping_key: string;
	planned: number | null;
	committed: number | null;
	paid: number | null;
}

/** The dashboard's money by funder and by source, and whether any amount at all is known. */
export function moneyGroups<R extends MoneyRow>(fundings: R[]) {
	const funders = fundings.filter((f) => f.grouping_key === 'funder');
	return {
		funders,
		sources: fundings.filter((f) => f.grouping_key === 'source'),
		known: funders.some((f) => f.planned !== null || f.committed !== null || f.paid !== null)
	};
}

/** An amount in euros, or the words saying it is not known (never a misleading 0 €). */
export const amountOrUnknown = (v: number | null) => (v === null ? m.dashboard_amount_unknown() : formatEuros(v));

/** The three series of the money chart: planned, committed, paid. */
export function moneySeries(rows: MoneyRow[]) {
	return [
		{
			label: m.dashboard_money_planned(),
			values: rows.map((r) => r.planned),
			color: 'accent' as const,
			pattern: 'solid' as const
		},
		{
			label: m.dashboard_money_committed(),
			values: rows.map((r) => r.committed),
			color: 'warn' as const,
			pattern: 'stripes' as const
		},
		{ label: m.dashboard_money_paid(), values: rows.map((r) => r.paid), color: 'ok' as const, pattern: 'dots' as const }
	];
}

export interface WeatherInput {
	weather: Weather | null;
	red: number;
	amber: number;
	actions_total: number;
	abandoned: number;
	progress: number | null;
}

/** Why this weather, for this objective (or the whole plan), in one sentence. */
export function weatherReason(x: WeatherInput): string {
	const counted = x.actions_total - x.abandoned;
	switch (x.weather) {
		case 'compromised':
			return m.dashboard_weather_reason_compromised({ red: x.red, total: counted });
		case 'watch':
			if (x.red === 0) return m.dashboard_weather_reason_watch_amber({ amber: x.amber });
			if (x.amber === 0) return m.dashboard_weather_reason_watch_red({ red: x.red, total: counted });
			return m.dashboard_weather_reason_watch({ red: x.red, amber: x.amber });
		case 'secure':
			return m.dashboard_weather_reason_secure({ progress: formatPercent(x.progress) });
		case 'good':
			return m.dashboard_weather_reason_good({ progress: formatPercent(x.progress) });
		default:
			return m.dashboard_weather_reason_none();
	}
}

/** The rule, as the tooltip and the page's explanation state it. */
export function weatherRule(): string {
	return m.dashboard_weather_rule_short();
}

export const indicatorStateLabels: Record<IndicatorState, () => string> = {
	no_data: m.dashboard_indicator_state_no_data,
	reached: m.dashboard_indicator_state_reached,
	on_track: m.dashboard_indicator_state_on_track,
	off_track: m.dashboard_indicator_state_off_track,
	single: m.dashboard_indicator_state_single
};
export const indicatorStateTone: Record<IndicatorState, 'ok' | 'info' | 'warn' | 'danger' | 'neutral'> = {
	no_data: 'neutral',
	reached: 'ok',
	on_track: 'info',
	off_track: 'danger',
	single: 'neutral'
};

/** A value with its unit: "450 participants", "12,5 %". */
export function withUnit(value: number | string | null | undefined, unit: string | null | undefined): string {
	if (value === null || value === undefined) return '—';
	const n = formatNumber(value);
	if (!unit) return n;
	return unit === '%' ? `${n} %` : `${n} ${unit}`;
}
