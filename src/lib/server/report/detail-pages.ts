/**
 * The report after its first page: one table of every action with its latest comment (titles get room and wrap),
 * the charts at the size they are printed with their figures, the indicators and the fundings. A section with
 * nothing to show says so in one line.
 */
import { barsChart, trendChart } from '#lib/charts/builders.js';
import { indicatorStateLabels, moneyGroups, statusBars, withUnit, amountOrUnknown } from '#lib/dashboard.js';
import { formatDate, formatMonth, formatNumber, formatPercent } from '#lib/format.js';
import { statusLabels, weatherLabels } from '#lib/labels.js';
import { m } from '#lib/paraglide/messages.js';
import type { DashboardData, ObjectiveFigures } from '../dashboard-data.js';
import type { ActionRow, ReportContent } from './content.js';
import { renderChart, serverKit } from './charts.js';
import { CONTENT_WIDTH, PAGE, clipText } from './layout.js';
import { COLORS, type Column, type Part, type ReportWriter, type Row } from './writer.js';
import { valueOn } from './words.js';

const statusColor = (a: ActionRow) =>
	a.status === 'blocked' || a.signal === 'red' ? COLORS.danger : a.signal === 'amber' ? COLORS.warn : COLORS.text;

function actionCells(a: ActionRow): Part[][] {
	const flags: string[] = [];
	if (a.is_overdue) flags.push(m.dashboard_report_late());
	if (a.is_stale) flags.push(m.dashboard_report_stale());
	return [
		[{ text: a.code, font: 'bold' }],
		[
			{ text: a.title, font: 'bold' },
			{ text: m.report_lead({ name: a.lead_name ?? '—' }), size: 7.6 },
			...(a.contributors.length
				? [{ text: m.report_contributors({ names: a.contributors.join(', ') }), color: COLORS.muted, size: 7.6 }]
				: [])
		],
		[
			{ text: statusLabels[a.status](), font: 'bold', color: statusColor(a) },
			{ text: formatPercent(a.progress) },
			...flags.map((f) => ({ text: f, color: COLORS.danger, size: 7.6 }))
		],
		[{ text: formatDate(a.due_on) }],
		a.comment
			? [
					{ text: clipText(a.comment.text, 300, m.report_more()) },
					{
						text: a.comment.author
							? m.report_comment_by({ date: formatDate(a.comment.at), author: a.comment.author })
							: formatDate(a.comment.at),
						color: COLORS.muted,
						size: 7.6
					}
				]
			: [{ text: m.report_no_comment(), color: COLORS.muted, font: 'italic' }]
	];
}

/** An objective's heading row: its title, its weather and progress. */
function band(code: string, title: string | null, f: ObjectiveFigures | undefined): Part[] {
	const head = m.report_objective({ code, title: title ?? '' });
	const state = f?.weather
		? ` (${m.report_objective_state({ weather: weatherLabels[f.weather](), progress: formatPercent(f.progress) })})`
		: '';
	return [{ text: `${head}${state}`, font: 'bold', color: COLORS.accent }];
}

export function drawActions(w: ReportWriter, c: ReportContent, figures: ObjectiveFigures[]): void {
	const columns: Column[] = [
		{ header: m.report_col_code(), min: 26, weight: 0 },
		{ header: m.report_col_action(), min: 150, weight: 1 },
		{ header: m.report_col_state(), min: 60, weight: 0 },
		{ header: m.report_col_due(), min: 56, weight: 0 },
		{ header: m.report_col_comment(), min: 150, weight: 1 }
	];
	const rows: Row[] = c.objectives.flatMap((o): Row[] => [
		...(o.code
			? [
					{
						band: band(
							o.code,
							o.title,
							figures.find((f) => f.code === o.code)
						)
					}
				]
			: []),
		...o.rows.map((a) => ({ cells: actionCells(a) }))
	]);
	if (!rows.length) return;
	w.heading(m.report_actions_title(), w.tableLead(columns, rows));
	w.table(columns, rows);
}

/** The status bars and the trend side by side, each with its figures written out below. */
export function drawCharts(w: ReportWriter, d: DashboardData): void {
	const kit = serverKit();
	const bars = statusBars(d.summary);
	const gap = 18;
	const half = (CONTENT_WIDTH - gap) / 2;
	const chartHeight = 132;
	const hasTrend = d.trend.length > 1;
	const statusText = bars.map((b) => `${b.label} : ${formatNumber(b.value)}`).join(' ; ');
	const trendText = hasTrend
		? m.dashboard_chart_trend_summary({
				from: formatMonth(d.trend[0].month),
				start: formatPercent(d.trend[0].progress),
				to: formatMonth(d.trend.at(-1)!.month),
				end: formatPercent(d.trend.at(-1)!.progress)
			})
		: m.dashboard_chart_trend_empty();
	const caption = (t: string): Part[] => [{ text: t, font: 'bold', size: 9.5 }];
	const textH = Math.max(
		w.measure([{ text: statusText, size: 8 }], half, 8),
		w.measure([{ text: trendText, size: 8 }], half, 8)
	);
	const block = 16 + chartHeight + 6 + textH;
	w.heading(m.report_charts_title(), block);
	const top = w.y;
	w.place(caption(m.dashboard_chart_status_caption()), PAGE.left, top, half, 9.5);
	w.doc.image(
		renderChart(barsChart(kit, bars, m.dashboard_chart_status_series()), half, chartHeight),
		PAGE.left,
		top + 16,
		{
			width: half,
			height: chartHeight
		}
	);
	w.place([{ text: statusText, size: 8, color: COLORS.muted }], PAGE.left, top + 16 + chartHeight + 6, half, 8);
	const right = PAGE.left + half + gap;
	w.place(caption(m.dashboard_chart_trend_caption()), right, top, half, 9.5);
	if (hasTrend) {
		const trend = trendChart(kit, d.trend, m.dashboard_chart_trend_series());
		// Room for the last month's point, which sits on the chart's edge.
		trend.options = { ...trend.options, layout: { padding: { right: 10, top: 6 } } };
		trend.data.datasets[0].pointRadius = d.trend.length > 24 ? 0 : 2.5;
		w.doc.image(renderChart(trend, half, chartHeight), right, top + 16, {
			width: half,
			height: chartHeight
		});
	}
	w.place(
		[{ text: trendText, size: 8, color: COLORS.muted }],
		right,
		top + 16 + (hasTrend ? chartHeight + 6 : 0),
		half,
		8
	);
	w.y = top + block + 6;
}

/** A section with nothing to show: one line, not a heading over an empty box (nor a page of its own). */
function emptySection(w: ReportWriter, line: string): void {
	w.space(6);
	w.paragraph([{ text: line, color: COLORS.muted }]);
}

export function drawIndicators(w: ReportWriter, d: DashboardData): void {
	if (!d.indicators.length) {
		emptySection(w, m.report_indicators_none());
		return;
	}
	const columns: Column[] = [
		{ header: m.report_col_indicator(), min: 150, weight: 3 },
		{ header: m.report_col_attached(), min: 40, weight: 0 },
		{ header: m.report_col_baseline(), min: 62, weight: 0.5 },
		{ header: m.report_col_latest(), min: 80, weight: 0.7 },
		{ header: m.report_col_target(), min: 70, weight: 0.5 },
		{ header: m.report_col_trend(), min: 70, weight: 0.3 }
	];
	const rows: Row[] = d.indicators.map((i) => ({
		cells: [
			[{ text: i.name, font: 'bold' }, ...(i.note ? [{ text: i.note, size: 7.6, color: COLORS.muted }] : [])],
			[{ text: i.action_code ?? i.objective_code ?? '—' }],
			[{ text: withUnit(i.baseline, i.unit) }],
			[{ text: i.latest_value === null ? '—' : valueOn(i.latest_value, i.unit, i.latest_on) }],
			[{ text: withUnit(i.target, i.unit) }, ...(i.target_on ? [{ text: formatDate(i.target_on), size: 7.6 }] : [])],
			[
				{
					text: indicatorStateLabels[i.state](),
					font: i.state === 'off_track' ? 'bold' : 'regular',
					color: i.state === 'off_track' ? COLORS.danger : COLORS.text
				}
			]
		]
	}));
	w.heading(m.report_indicators_title(), w.tableLead(columns, rows));
	w.table(columns, rows);
}

export function drawFundings(w: ReportWriter, d: DashboardData): void {
	const { funders } = moneyGroups(d.fundings);
	if (!funders.length) {
		emptySection(w, m.report_fundings_none());
		return;
	}
	const columns: Column[] = [
		{ header: m.report_col_funder(), min: 160, weight: 3 },
		{ header: m.dashboard_money_planned(), min: 90, weight: 1, align: 'right' },
		{ header: m.dashboard_money_committed(), min: 90, weight: 1, align: 'right' },
		{ header: m.dashboard_money_paid(), min: 90, weight: 1, align: 'right' }
	];
	const money = (v: number | null): Part[] => [{ text: amountOrUnknown(v) }];
	const s = d.summary;
	const rows: Row[] = [
		...funders.map((f) => ({
			cells: [[{ text: f.organization_name ?? '—' }], money(f.planned), money(f.committed), money(f.paid)]
		})),
		{
			cells: [
				[{ text: m.report_total(), font: 'bold' as const }],
				money(s.budget_planned),
				money(s.budget_committed),
				money(s.budget_paid)
			]
		}
	];
	w.heading(m.report_fundings_title(), w.tableLead(columns, rows));
	w.table(columns, rows);
}
