/**
 * What an indicator's chart says and the data table beside it holds, for the dashboard's figure and the
 * indicator's own page: one place for the series' names and the rows (values, yearly targets, baseline, final
 * target), so that the chart and its table never disagree.
 */
import { withUnit } from '#lib/dashboard.js';
import { formatDate } from '#lib/format.js';
import { m } from '#lib/paraglide/messages.js';

export interface IndicatorTableInput {
	unit: string | null;
	baseline: number | null;
	target: number | null;
	target_on: string | null;
	values: { on: string; value: number; note?: string | null }[];
}
export interface YearTarget {
	year: number;
	target: number;
	note: string | null;
}

/** The chart's series names (`yearTargets` only when there are yearly targets). */
export function indicatorSeriesLabels(indicator: IndicatorTableInput, withYearTargets = false) {
	return {
		values: m.dashboard_indicator_series_values(),
		baseline: m.dashboard_indicator_series_baseline({ value: withUnit(indicator.baseline, indicator.unit) }),
		target: m.dashboard_indicator_series_target({ value: withUnit(indicator.target, indicator.unit) }),
		...(withYearTargets ? { yearTargets: m.targets_series() } : {})
	};
}

/** The data table of the chart: date (or what the row is), value, and the notes column when any row has one. */
export function indicatorTable(
	indicator: IndicatorTableInput,
	targets: YearTarget[] = []
): { columns: string[]; rows: string[][] } {
	const notes = indicator.values.some((v) => v.note) || targets.some((t) => t.note);
	const note = (text: string | null | undefined) => (notes ? [text ?? ''] : []);
	const columns = [
		m.dashboard_col_date(),
		indicator.unit ? `${m.dashboard_col_value()} (${indicator.unit})` : m.dashboard_col_value(),
		...(notes ? [m.dashboard_col_note()] : [])
	];
	const rows = [
		...indicator.values.map((v) => [formatDate(v.on), withUnit(v.value, null), ...note(v.note)]),
		...targets.map((t) => [m.targets_row({ year: String(t.year) }), withUnit(t.target, null), ...note(t.note)]),
		...(indicator.baseline !== null
			? [[m.dashboard_indicator_series_baseline_short(), withUnit(indicator.baseline, null), ...note('')]]
			: []),
		...(indicator.target !== null
			? [
					[
						indicator.target_on
							? m.dashboard_indicator_target_row({ date: formatDate(indicator.target_on) })
							: m.dashboard_indicator_series_target_short(),
						withUnit(indicator.target, null),
						...note('')
					]
				]
			: [])
	];
	return { columns, rows };
}
