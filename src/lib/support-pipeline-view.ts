/**
 * The dashboard section "Installation des professionnels" as strings, from public.support_pipeline's document
 * (#lib/support-pipeline.js): built on the server so that the page's browser code carries no labels nor rules.
 */
import { formatPercent } from '#lib/format.js';
import { professionLabels, supportNeedLabels, supportStatusLabels } from '#lib/labels.js';
import { m } from '#lib/paraglide/messages.js';
import {
	barValue,
	formatCount,
	installationsTable,
	isOverdue,
	onTimeRate,
	statusCounts,
	yearOf,
	type PipelineDocument,
	type PipelineTable,
	type PipelineView
} from '#lib/support-pipeline.js';

const col = (label: string, num = true) => ({ label, num });

function referralsTable(p: PipelineDocument): PipelineTable | null {
	if (p.referrals === null) return null;
	return {
		id: 'pipeline-referrals',
		title: m.pipeline_referrals_title(),
		note: null,
		columns: [
			col(m.pipeline_col_partner(), false),
			col(m.pipeline_col_referrals()),
			col(m.pipeline_col_answered()),
			col(m.pipeline_col_on_time()),
			col(m.pipeline_col_rate()),
			col(m.pipeline_col_overdue())
		],
		rows: p.referrals.map((r) => ({
			key: r.organization_id,
			late: isOverdue(r),
			cells: [
				r.organization_name ?? '—',
				formatCount(r.total),
				formatCount(r.answered),
				formatCount(r.on_time),
				formatPercent(onTimeRate(r)),
				formatCount(r.overdue)
			]
		})),
		empty: m.pipeline_referrals_empty(),
		cards: true,
		wide: true
	};
}

export function pipelineView(p: PipelineDocument): PipelineView {
	const statuses = statusCounts(p);
	const installations = installationsTable(p.installations);
	const referrals = referralsTable(p);
	const median =
		p.median_days !== null
			? m.pipeline_median_detail()
			: p.installations_total === 0
				? m.pipeline_median_none()
				: m.pipeline_median_withheld();
	const figures = [
		{
			key: 'requests_open',
			label: m.pipeline_figure_open(),
			value: formatCount(p.requests_open),
			raw: p.requests_open,
			detail: m.pipeline_figure_open_detail({ total: formatCount(p.requests_total) }),
			alert: false
		},
		{
			key: 'installations_this_year',
			label: m.pipeline_figure_installed_year({ year: String(yearOf(p.today)) }),
			value: formatCount(p.installations_this_year),
			raw: p.installations_this_year,
			detail: m.pipeline_figure_installed_total({ total: formatCount(p.installations_total) }),
			alert: false
		},
		{
			key: 'median_days',
			label: m.pipeline_figure_median(),
			value: p.median_days === null ? '—' : m.pipeline_median_days({ days: formatCount(p.median_days) }),
			raw: p.median_days,
			detail: median,
			alert: false
		}
	];
	if (p.referrals !== null)
		figures.push({
			key: 'referrals_overdue',
			label: m.pipeline_figure_overdue(),
			value: formatCount(p.referrals_overdue),
			raw: p.referrals_overdue,
			detail: m.pipeline_figure_overdue_detail(),
			alert: p.referrals_overdue !== 0
		});
	const tables: PipelineTable[] = [
		{
			id: 'pipeline-needs',
			title: m.pipeline_needs_title(),
			note: m.pipeline_needs_note(),
			columns: [col(m.pipeline_col_need(), false), col(m.pipeline_col_requests())],
			rows: p.by_need.map((n) => ({
				key: n.need,
				late: false,
				cells: [supportNeedLabels[n.need](), formatCount(n.count)]
			})),
			empty: '',
			cards: false,
			wide: false
		},
		{
			id: 'pipeline-professions',
			title: m.pipeline_professions_title(),
			note: null,
			columns: [col(m.pipeline_col_profession(), false), col(m.pipeline_col_requests())],
			rows: p.by_profession.map((n) => ({
				key: n.profession,
				late: false,
				cells: [professionLabels[n.profession](), formatCount(n.count)]
			})),
			empty: '',
			cards: false,
			wide: false
		},
		{
			id: 'pipeline-installations',
			title: m.pipeline_installations_title(),
			note: null,
			columns: [col(m.pipeline_col_commune(), false), ...installations.years.map((y) => col(String(y)))],
			rows: installations.rows.map((r) => ({
				key: r.code,
				late: false,
				cells: [r.name, ...r.counts.map((c) => formatCount(c))]
			})),
			empty: m.pipeline_installations_empty(),
			cards: true,
			wide: true
		}
	];
	if (referrals) tables.push(referrals);
	return {
		title: m.pipeline_title(),
		intro: m.pipeline_intro(),
		withheldNote: p.exact ? null : m.pipeline_withheld_note(),
		figuresLabel: m.pipeline_figures_label(),
		figures,
		chart: {
			caption: m.pipeline_chart_status_caption(),
			summary: m.pipeline_chart_status_summary({
				details: statuses.map((s) => `${supportStatusLabels[s.status]()} ${formatCount(s.count)}`).join(', ')
			}),
			series: m.pipeline_col_requests(),
			bars: statuses.map((s) => ({
				label: supportStatusLabels[s.status](),
				value: barValue(s.count),
				status: s.status
			})),
			columns: [m.pipeline_col_status(), m.pipeline_col_requests()],
			rows: statuses.map((s) => [supportStatusLabels[s.status](), formatCount(s.count)])
		},
		tables,
		lateMarker: m.pipeline_overdue_marker(),
		overdueAlert:
			p.referrals !== null && p.referrals_overdue !== 0
				? {
						text: m.pipeline_alert_overdue({ count: formatCount(p.referrals_overdue) }),
						link: m.pipeline_alert_overdue_link()
					}
				: null
	};
}
