/** Small phrases of the report, in the user's language: day counts, a change of state, a value with its date. */
import { formatDate, formatPercent } from '#lib/format.js';
import { statusLabels } from '#lib/labels.js';
import { withUnit } from '#lib/dashboard.js';
import { m } from '#lib/paraglide/messages.js';
import type { ActionChange } from './content.js';

export const days = (count: number) => (count === 1 ? m.report_days_one() : m.report_days_other({ count }));

/** "En cours → Réalisée, 40 % → 100 %", or "état inchangé" when the journal moved without changing the state. */
export function changeText(c: ActionChange): string {
	const parts: string[] = [];
	if (c.statusBefore && c.statusBefore !== c.status) {
		parts.push(`${statusLabels[c.statusBefore]()} → ${statusLabels[c.status]()}`);
	}
	if (c.progressBefore !== null && c.progressBefore !== c.progress) {
		parts.push(`${formatPercent(c.progressBefore)} → ${formatPercent(c.progress)}`);
	}
	if (!parts.length && c.statusBefore === null) parts.push(`${statusLabels[c.status]()}, ${formatPercent(c.progress)}`);
	return parts.length ? parts.join(', ') : m.report_change_unchanged();
}

export function updatesText(c: ActionChange): string {
	const date = formatDate(c.lastUpdateAt);
	return c.updates === 1
		? m.report_change_updates_one({ date })
		: m.report_change_updates_other({ count: c.updates, date });
}

export function valueOn(value: number | null, unit: string | null, on: string | null): string {
	return m.report_indicator_value({ value: withUnit(value, unit), date: formatDate(on) });
}

export interface ChangeLine {
	code: string;
	title: string;
	text: string;
}

/** What changed since the previous report, in words, for the report page (the PDF draws the same lines). */
export function changeLines(c: { changes: ActionChange[] }): ChangeLine[] {
	return c.changes.map((a) => ({ code: a.code, title: a.title, text: `${changeText(a)} (${updatesText(a)})` }));
}
