/** The charts' time axis: months without a date library. */
import { formatMonthShort } from '#lib/format.js';

/** The first day of each month from `start` to `end` (timestamps), every nth so that at most `limit` remain. */
export function monthTicks(start: number, end: number, limit: number): number[] {
	const from = new Date(start);
	const months: number[] = [];
	const cursor = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1, 12));
	if (cursor.getTime() < start) cursor.setUTCMonth(cursor.getUTCMonth() + 1);
	for (; cursor.getTime() <= end; cursor.setUTCMonth(cursor.getUTCMonth() + 1)) months.push(cursor.getTime());
	const step = Math.max(1, Math.ceil(months.length / limit));
	return months.filter((_, i) => i % step === 0);
}

/**
 * A time axis without a date library: a linear axis of timestamps (so that values keep their true spacing),
 * ticks on the first day of months, labelled « nov. 2026 ».
 */
export function monthAxis(start: number, end: number, limit: number) {
	return {
		type: 'linear' as const,
		min: start,
		max: end,
		afterBuildTicks: (axis: { ticks: { value: number }[]; min: number; max: number }) => {
			const ticks = monthTicks(axis.min, axis.max, limit);
			// A span shorter than a month still shows where it is.
			axis.ticks = (ticks.length ? ticks : [axis.min]).map((value) => ({ value }));
		},
		ticks: {
			maxRotation: 0,
			// Chart.js still drops labels that would overlap on a narrow chart.
			autoSkip: true,
			autoSkipPadding: 12,
			callback: (value: string | number) => formatMonthShort(Number(value))
		}
	};
}
