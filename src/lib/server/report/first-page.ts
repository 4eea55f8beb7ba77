/**
 * The report's first page: the charter and the period, the key figures, what changed since the previous
 * report, and what the COPIL must decide (the dashboard's points of attention, each with the pilot's latest
 * word and the decision it calls for).
 */
import { formatDate, formatPercent } from '#lib/format.js';
import type { Summary } from '#lib/domain/types.js';
import { withUnit } from '#lib/dashboard.js';
import { m } from '#lib/paraglide/messages.js';
import type { AlertKind } from '../dashboard-data.js';
import type { Decision, ReportContent } from './content.js';
import { CONTENT_WIDTH, PAGE, clipText } from './layout.js';
import { COLORS, type Part, type ReportWriter } from './writer.js';
import { changeText, days, updatesText, valueOn } from './words.js';

export interface ReportHead {
	title: string;
	territory: string | null;
	today: string;
	since: string;
	filtered: boolean;
}

export function drawTitle(w: ReportWriter, head: ReportHead): void {
	w.paragraph([{ text: m.dashboard_report_kicker().toUpperCase(), font: 'bold', size: 8.5, color: COLORS.accent }], {
		after: 2
	});
	w.paragraph([{ text: head.title, font: 'bold', size: 18 }], { after: 3 });
	const stamp = [m.dashboard_report_issued({ date: formatDate(head.today) }), head.territory]
		.filter(Boolean)
		.join(' — ');
	w.paragraph([{ text: `${stamp}. ${m.report_period({ date: formatDate(head.since) })}.`, color: COLORS.muted }], {
		after: 2
	});
	if (head.filtered) w.paragraph([{ text: m.dashboard_report_filtered(), font: 'bold', color: COLORS.warn }]);
	w.doc
		.moveTo(PAGE.left, w.y + 2)
		.lineTo(PAGE.left + CONTENT_WIDTH, w.y + 2)
		.lineWidth(2.5)
		.strokeColor(COLORS.accent)
		.stroke();
	w.space(12);
}

/** The key figures, side by side in boxes: the number large, its label below. */
export function drawFigures(w: ReportWriter, s: Summary): void {
	const figures: { value: string; label: string; alert?: boolean }[] = [
		{ value: String(s.actions_total), label: m.report_figure_actions() },
		{ value: formatPercent(s.progress), label: m.report_figure_progress() },
		{ value: String(s.done), label: m.report_figure_done() },
		{ value: String(s.blocked), label: m.report_figure_blocked(), alert: s.blocked > 0 },
		{ value: String(s.overdue), label: m.report_figure_overdue(), alert: s.overdue > 0 },
		{ value: String(s.stale), label: m.report_figure_stale({ days: s.stale_after_days }), alert: s.stale > 0 },
		{ value: String(s.indicators_off_track), label: m.report_figure_off_track(), alert: s.indicators_off_track > 0 }
	];
	const gap = 6;
	const width = (CONTENT_WIDTH - gap * (figures.length - 1)) / figures.length;
	const inner = width - 10;
	const height = Math.max(...figures.map((f) => w.measure([{ text: f.label, size: 7.8 }], inner, 7.8))) + 20 + 5 + 12;
	w.ensure(height);
	figures.forEach((f, i) => {
		const x = PAGE.left + i * (width + gap);
		w.doc.lineWidth(f.alert ? 1.4 : 0.7).strokeColor(f.alert ? COLORS.danger : COLORS.border);
		w.doc.rect(x, w.y, width, height).stroke();
		w.place(
			[{ text: f.value, font: 'bold', size: 16, color: f.alert ? COLORS.danger : COLORS.text }],
			x + 5,
			w.y + 6,
			inner,
			16
		);
		w.place([{ text: f.label, size: 7.8, color: COLORS.text }], x + 5, w.y + 30, inner, 7.8);
	});
	w.y += height + 4;
}

export function drawChanges(w: ReportWriter, c: ReportContent): void {
	const title = m.report_changes_title({ date: formatDate(c.since) });
	if (!c.changes.length && !c.indicatorChanges.length) {
		w.heading(title, 20);
		w.paragraph([{ text: m.report_changes_none({ date: formatDate(c.since) }) }]);
		return;
	}
	const items: Part[][] = [
		...c.changes.map((a) => [
			{ text: `${a.code}  ${a.title}`, font: 'bold' as const },
			{ text: `${changeText(a)} (${updatesText(a)})`, color: COLORS.text }
		]),
		...c.indicatorChanges.map((i) => [
			{
				text: m.report_indicator_values({
					name: i.name,
					values: i.values.map((v) => valueOn(v.value, i.unit, v.on)).join(' ; ')
				})
			}
		])
	];
	w.heading(title, w.measure(items[0], CONTENT_WIDTH - 12, 9.5));
	for (const item of items) bullet(w, item);
}

function bullet(w: ReportWriter, parts: Part[], color: string = COLORS.accent): void {
	const h = w.measure(parts, CONTENT_WIDTH - 12, 9.5);
	w.ensure(h);
	w.doc.circle(PAGE.left + 3, w.y + 5.5, 1.8).fill(color);
	w.place(parts, PAGE.left + 12, w.y, CONTENT_WIDTH - 12, 9.5);
	w.y += h + 4;
}

const decisionPrompt: Record<AlertKind, () => string> = {
	blocked: m.report_decision_blocked,
	overdue: m.report_decision_overdue,
	stale: m.report_decision_stale,
	indicator_off_track: m.report_decision_indicator
};

function decisionFacts(d: Decision): string {
	if (d.indicator) {
		const i = d.indicator;
		const latest = m.report_indicator_latest({
			value: withUnit(i.latest_value, i.unit),
			date: formatDate(i.latest_on)
		});
		if (i.target === null) return latest;
		const target = withUnit(i.target, i.unit);
		return `${latest} ; ${i.target_on ? m.report_indicator_target_on({ value: target, date: formatDate(i.target_on) }) : m.report_indicator_target({ value: target })}`;
	}
	const facts = [d.lead ? m.report_lead({ name: d.lead }) : null];
	if (d.kind === 'blocked' && d.days !== null) facts.push(m.report_blocked_for({ days: days(d.days) }));
	if (d.kind === 'overdue' && d.days !== null)
		facts.push(m.report_overdue_by({ date: formatDate(d.dueOn), days: days(d.days) }));
	if (d.kind === 'stale')
		facts.push(d.days === null ? m.report_never_updated() : m.report_stale_for({ days: days(d.days) }));
	return facts.filter(Boolean).join(', ');
}

const groupTitle = (kind: AlertKind, staleDays: number) =>
	({
		blocked: m.dashboard_alerts_blocked(),
		overdue: m.dashboard_alerts_overdue(),
		stale: m.dashboard_alerts_stale({ days: staleDays }),
		indicator_off_track: m.dashboard_alerts_indicators()
	})[kind];

export function drawDecisions(w: ReportWriter, c: ReportContent, staleDays: number): void {
	const title = m.report_decisions_title();
	if (!c.decisions.length) {
		w.heading(title, 20);
		w.paragraph([{ text: m.report_decisions_none() }]);
		return;
	}
	const kinds = [...new Set(c.decisions.map((d) => d.kind))];
	kinds.forEach((kind, k) => {
		const items = c.decisions.filter((d) => d.kind === kind);
		const parts = items.map((d): Part[] => [
			{ text: [d.code, d.subject].filter(Boolean).join('  '), font: 'bold' },
			{ text: `${decisionFacts(d)}.` },
			...(d.comment
				? [
						{
							text: m.report_last_comment({ text: clipText(d.comment, 320, m.report_more()) }),
							font: 'italic' as const
						}
					]
				: []),
			{ text: decisionPrompt[kind](), font: 'bold' as const, color: COLORS.danger }
		]);
		const sub: Part = { text: groupTitle(kind, staleDays), font: 'bold', size: 10.5 };
		const first = w.measure(parts[0], CONTENT_WIDTH - 12, 9.5) + w.measure([sub], CONTENT_WIDTH, 10.5) + 4;
		if (k === 0) w.heading(title, first);
		else w.space(2);
		w.ensure(first);
		w.paragraph([sub], { size: 10.5, after: 3 });
		for (const p of parts) bullet(w, p, COLORS.danger);
	});
}
