/**
 * The report's pages about meetings: "Depuis le dernier COPIL" (src/lib/meetings/since.ts, the first page when a
 * meeting has been held) and the "Relevé de décisions" (open decisions first, overdue ones said so in words;
 * then those done since the last meeting).
 */
import { formatDate, formatNumber, formatPercent } from '#lib/format.js';
import { decisionStatusLabels, label, statusLabels } from '#lib/labels.js';
import { withUnit } from '#lib/dashboard.js';
import { m } from '#lib/paraglide/messages.js';
import type { SinceAlert, SinceAlertKind, SinceMeeting } from '#lib/meetings/since.js';
import { CONTENT_WIDTH, PAGE } from './layout.js';
import { COLORS, type Column, type Part, type ReportWriter, type Row } from './writer.js';

export interface RegisterDecision {
	code: string;
	text: string;
	owner: string | null;
	due_on: string | null;
	status: 'open' | 'done' | 'dropped';
	status_changed_at: string | null;
	meeting: string | null;
}

export interface RegisterEntry extends RegisterDecision {
	overdue: boolean;
}

/** Open decisions (overdue first, then by due date), and those done on or after `since`. */
export function decisionRegister(
	decisions: RegisterDecision[],
	today: string,
	since: string
): { open: RegisterEntry[]; done: RegisterEntry[] } {
	const entry = (d: RegisterDecision): RegisterEntry => ({
		...d,
		overdue: d.status === 'open' && d.due_on !== null && d.due_on < today
	});
	const open = decisions
		.filter((d) => d.status === 'open')
		.map(entry)
		.sort(
			(a, b) =>
				Number(b.overdue) - Number(a.overdue) ||
				(a.due_on ?? '9999').localeCompare(b.due_on ?? '9999') ||
				a.code.localeCompare(b.code)
		);
	const done = decisions
		.filter((d) => d.status === 'done' && d.status_changed_at !== null && d.status_changed_at.slice(0, 10) >= since)
		.map(entry);
	return { open, done };
}

const alertWord: Record<SinceAlertKind, () => string> = {
	blocked: m.since_alert_blocked,
	overdue: m.since_alert_overdue,
	stale: m.since_alert_stale,
	indicator_off_track: m.since_alert_indicator_off_track
};
const points = (n: number | null) =>
	n === null ? '—' : m.since_points({ value: `${n > 0 ? '+' : n < 0 ? '−' : ''}${formatNumber(Math.abs(n))}` });
const alertText = (a: SinceAlert) => `${alertWord[a.kind]()} : ${[a.code, a.subject].filter(Boolean).join('  ')}`;

function bullets(w: ReportWriter, title: string, lines: string[]): void {
	if (!lines.length) return;
	w.space(4);
	w.ensure(30);
	w.paragraph([{ text: title, font: 'bold', size: 10.5 }], { size: 10.5, after: 3 });
	for (const line of lines) {
		const h = w.measure([{ text: line }], CONTENT_WIDTH - 12, 9.5);
		w.ensure(h);
		w.doc.circle(PAGE.left + 3, w.y + 5.5, 1.8).fill(COLORS.accent);
		w.place([{ text: line }], PAGE.left + 12, w.y, CONTENT_WIDTH - 12, 9.5);
		w.y += h + 3;
	}
}

export function drawSinceMeeting(w: ReportWriter, s: SinceMeeting & { meeting: string }): void {
	const from = formatDate(s.from);
	const columns: Column[] = [
		{ header: m.since_col_action(), min: 200, weight: 4 },
		{ header: m.since_col_before({ date: from }), min: 70, weight: 0, align: 'right' },
		{ header: m.since_col_now(), min: 70, weight: 0, align: 'right' },
		{ header: m.since_col_gained(), min: 70, weight: 0, align: 'right' }
	];
	const row = (name: Part, a: number | null, b: number | null, g: number | null): Row => ({
		cells: [[name], [{ text: formatPercent(a) }], [{ text: formatPercent(b) }], [{ text: points(g), font: 'bold' }]]
	});
	const rows: Row[] = [
		row({ text: m.since_overall(), font: 'bold' }, s.overall.from, s.overall.to, s.overall.gained),
		...s.progress.map((p) => row({ text: `${p.code}  ${p.title}` }, p.from, p.to, p.gained))
	];
	w.heading(m.report_since_meeting({ meeting: s.meeting }), w.tableLead(columns, rows) + 20);
	w.paragraph([{ text: m.since_intro({ date: from }), color: COLORS.muted }]);
	if (s.unchanged) w.paragraph([{ text: m.since_unchanged() }]);
	w.table(columns, rows);
	bullets(
		w,
		m.since_status_title(),
		s.statusChanges.map((c) => `${c.code}  ${c.title} : ${label(statusLabels, c.from)} → ${label(statusLabels, c.to)}`)
	);
	bullets(w, m.since_new_alerts_title(), s.newAlerts.map(alertText));
	bullets(w, m.since_resolved_alerts_title(), s.resolvedAlerts.map(alertText));
	bullets(
		w,
		m.since_decisions_title(),
		s.decisionsClosed.map(
			(d) => `${d.code}  ${d.text}${d.owner ? ` (${d.owner})` : ''} : ${label(decisionStatusLabels, d.status)}`
		)
	);
	bullets(
		w,
		m.since_added_title(),
		s.actionsAdded.map((a) => `${a.code}  ${a.title}`)
	);
	bullets(
		w,
		m.since_indicators_title(),
		s.indicators.map(
			(i) =>
				`${i.name} : ${withUnit(i.from, i.unit)} (${formatDate(i.fromOn)}) → ${withUnit(i.to, i.unit)} (${formatDate(i.toOn)})`
		)
	);
}

export function drawRegister(w: ReportWriter, register: { open: RegisterEntry[]; done: RegisterEntry[] }): void {
	const columns: Column[] = [
		{ header: m.report_register_col_code(), min: 34, weight: 0 },
		{ header: m.report_register_col_text(), min: 200, weight: 4 },
		{ header: m.report_register_col_owner(), min: 90, weight: 1 },
		{ header: m.report_register_col_due(), min: 70, weight: 0 },
		{ header: m.report_register_col_status(), min: 70, weight: 0 }
	];
	const rows = (entries: RegisterEntry[]): Row[] =>
		entries.map((d) => ({
			cells: [
				[{ text: d.code, font: 'bold' }],
				[{ text: d.text }, ...(d.meeting ? [{ text: d.meeting, size: 7.6, color: COLORS.muted }] : [])],
				[{ text: d.owner ?? '—' }],
				[
					{ text: formatDate(d.due_on) },
					...(d.overdue ? [{ text: m.report_register_overdue(), font: 'bold' as const, color: COLORS.danger }] : [])
				],
				[{ text: label(decisionStatusLabels, d.status) }]
			]
		}));
	const title = m.report_register_title();
	if (!register.open.length && !register.done.length) {
		w.heading(title, 20);
		w.paragraph([{ text: m.report_register_none() }]);
		return;
	}
	const sub = (text: string) => w.paragraph([{ text, font: 'bold', size: 10.5 }], { size: 10.5, after: 3 });
	w.heading(title, 60);
	if (register.open.length) {
		const r = rows(register.open);
		w.ensure(w.tableLead(columns, r) + 18);
		sub(m.report_register_open());
		w.table(columns, r);
	}
	if (register.done.length) {
		const r = rows(register.done);
		w.space(6);
		w.ensure(w.tableLead(columns, r) + 18);
		sub(m.report_register_done());
		w.table(columns, r);
	}
}
