/**
 * The data export of a dashboard (figures and actions), as CSV for any spreadsheet and as an Excel workbook.
 * The values are the ones the page shows (same SQL functions, same filters), raw numbers rather than
 * formatted text, so that the files can be recomputed and compared.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { healthLabels, label, statusLabels, weatherLabels, directionLabels } from '#lib/labels.js';
import { indicatorStateLabels } from '#lib/dashboard.js';
import { ACTION_STATUSES } from '#lib/domain/status.js';
import type { Summary } from '#lib/domain/types.js';
import { m } from '#lib/paraglide/messages.js';
import type { DashboardAction, DashboardData } from './dashboard-data.js';

type Cell = string | number | null;

/** The headline figures, in a fixed order, under stable keys (the first column of the CSV and the sheet). */
export function figureRows(summary: Summary): { key: string; label: string; value: Cell }[] {
	return [
		{ key: 'actions_total', label: m.dashboard_figure_actions(), value: summary.actions_total },
		{ key: 'planned', label: statusLabels.planned(), value: summary.planned },
		{ key: 'in_progress', label: statusLabels.in_progress(), value: summary.in_progress },
		{ key: 'done', label: statusLabels.done(), value: summary.done },
		{ key: 'blocked', label: statusLabels.blocked(), value: summary.blocked },
		{ key: 'abandoned', label: statusLabels.abandoned(), value: summary.abandoned },
		{ key: 'progress', label: m.dashboard_export_progress(), value: summary.progress },
		{ key: 'overdue', label: m.dashboard_figure_overdue(), value: summary.overdue },
		{ key: 'stale', label: m.dashboard_figure_stale({ days: summary.stale_after_days }), value: summary.stale },
		{ key: 'behind', label: m.dashboard_export_behind(), value: summary.behind },
		{
			key: 'weather',
			label: m.dashboard_figure_weather(),
			value: summary.weather ? weatherLabels[summary.weather]() : null
		},
		{ key: 'indicators_total', label: m.dashboard_export_indicators_total(), value: summary.indicators_total },
		{ key: 'indicators_on_track', label: m.dashboard_export_indicators_on_track(), value: summary.indicators_on_track },
		{
			key: 'indicators_off_track',
			label: m.dashboard_export_indicators_off_track(),
			value: summary.indicators_off_track
		},
		{ key: 'indicators_no_data', label: m.dashboard_export_indicators_no_data(), value: summary.indicators_no_data },
		{ key: 'budget_planned', label: m.dashboard_export_budget_planned(), value: summary.budget_planned },
		{ key: 'budget_committed', label: m.dashboard_export_budget_committed(), value: summary.budget_committed },
		{ key: 'budget_paid', label: m.dashboard_export_budget_paid(), value: summary.budget_paid },
		{ key: 'fundings', label: m.dashboard_export_fundings(), value: summary.fundings },
		{ key: 'date', label: m.dashboard_export_date(), value: summary.today }
	];
}

const yesNo = (value: boolean) => (value ? m.dashboard_export_yes() : m.dashboard_export_no());

function actionColumns(): string[] {
	return [
		m.dashboard_export_col_objective(),
		m.plan_col_code(),
		m.plan_col_action(),
		m.plan_col_lead(),
		m.plan_col_status(),
		m.dashboard_export_col_progress(),
		m.plan_col_health(),
		m.dashboard_export_col_starts(),
		m.plan_col_due(),
		m.dashboard_export_col_last_update(),
		m.dashboard_export_col_idle_days(),
		m.dashboard_export_col_overdue(),
		m.dashboard_export_col_stale(),
		m.dashboard_export_col_behind(),
		m.dashboard_export_col_signal()
	];
}

function actionRow(a: DashboardAction): Cell[] {
	return [
		a.objective_code,
		a.code,
		a.title,
		a.lead_name,
		label(statusLabels, a.status),
		a.progress,
		label(healthLabels, a.health),
		a.starts_on,
		a.due_on,
		a.last_update_at ? a.last_update_at.slice(0, 10) : null,
		a.days_without_update,
		yesNo(a.is_overdue),
		yesNo(a.is_stale),
		yesNo(a.is_behind),
		a.signal === 'red' ? m.dashboard_export_signal_red() : a.signal === 'amber' ? m.dashboard_export_signal_amber() : ''
	];
}

/** A number the way a French spreadsheet reads it (decimal comma, no thousands separator). */
const csvCell = (value: Cell) => (typeof value === 'number' ? String(value).replace('.', ',') : (value ?? ''));

function csv(fields: string[], rows: Cell[][]): string {
	// A BOM and semicolons: what Excel expects from a French CSV file.
	return (
		'\ufeff' + Papa.unparse({ fields, data: rows.map((r) => r.map(csvCell)) }, { delimiter: ';', newline: '\r\n' })
	);
}

export function figuresCsv(data: DashboardData): string {
	return csv(
		[m.dashboard_export_col_key(), m.dashboard_export_col_label(), m.dashboard_export_col_value()],
		figureRows(data.summary).map((f) => [f.key, f.label, f.value])
	);
}

export function actionsCsv(actions: DashboardAction[]): string {
	return csv(actionColumns(), actions.map(actionRow));
}

const EUROS = '#,##0.00 "€"';

function addTable(
	book: ExcelJS.Workbook,
	name: string,
	columns: { header: string; width?: number; numFmt?: string }[],
	rows: Cell[][]
): void {
	const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.columns = columns.map((c) => ({
		header: c.header,
		width: c.width ?? 16,
		style: c.numFmt ? { numFmt: c.numFmt } : {}
	}));
	sheet.getRow(1).font = { bold: true };
	for (const row of rows) sheet.addRow(row);
}

export async function workbook(data: DashboardData, charterTitle: string): Promise<Buffer> {
	const book = new ExcelJS.Workbook();
	book.creator = m.app_name();
	book.title = charterTitle;
	book.created = new Date(`${data.today}T12:00:00Z`);

	addTable(
		book,
		m.dashboard_export_sheet_figures(),
		[
			{ header: m.dashboard_export_col_key(), width: 22 },
			{ header: m.dashboard_export_col_label(), width: 48 },
			{ header: m.dashboard_export_col_value(), width: 18 }
		],
		figureRows(data.summary).map((f) => [f.key, f.label, f.value])
	);
	addTable(
		book,
		m.dashboard_export_sheet_objectives(),
		[
			{ header: m.plan_col_code(), width: 8 },
			{ header: m.dashboard_export_col_objective_title(), width: 60 },
			{ header: m.dashboard_figure_actions(), width: 10 },
			...ACTION_STATUSES.map((s) => ({
				header: statusLabels[s](),
				width: 11
			})),
			{ header: m.dashboard_export_col_progress(), width: 14 },
			{ header: m.dashboard_figure_overdue(), width: 10 },
			{ header: m.dashboard_export_col_stale(), width: 14 },
			{ header: m.dashboard_figure_weather(), width: 16 }
		],
		data.objectives.map((o) => [
			o.code,
			o.title,
			o.actions_total,
			o.planned,
			o.in_progress,
			o.done,
			o.blocked,
			o.abandoned,
			o.progress,
			o.overdue,
			o.stale,
			o.weather ? weatherLabels[o.weather]() : null
		])
	);
	addTable(
		book,
		m.dashboard_export_sheet_actions(),
		actionColumns().map((header, i) => ({ header, width: i === 2 ? 60 : i === 3 ? 26 : 14 })),
		(data.actions ?? []).map(actionRow)
	);
	addTable(
		book,
		m.dashboard_export_sheet_indicators(),
		[
			{ header: m.dashboard_export_col_indicator(), width: 50 },
			{ header: m.dashboard_export_col_attached(), width: 12 },
			{ header: m.dashboard_export_col_unit(), width: 14 },
			{ header: m.dashboard_indicator_series_baseline_short(), width: 12 },
			{ header: m.dashboard_indicator_series_target_short(), width: 12 },
			{ header: m.dashboard_export_col_target_on(), width: 14 },
			{ header: m.dashboard_export_col_direction(), width: 14 },
			{ header: m.dashboard_export_col_latest(), width: 14 },
			{ header: m.dashboard_export_col_latest_on(), width: 14 },
			{ header: m.dashboard_export_col_state(), width: 22 },
			{ header: m.dashboard_export_col_values(), width: 40 }
		],
		data.indicators.map((i) => [
			i.name,
			i.action_code ?? i.objective_code ?? '',
			i.unit,
			i.baseline,
			i.target,
			i.target_on,
			directionLabels[i.direction](),
			i.latest_value,
			i.latest_on,
			indicatorStateLabels[i.state](),
			i.values.map((v) => `${v.on} : ${v.value}`).join(' ; ')
		])
	);
	addTable(
		book,
		m.dashboard_export_sheet_fundings(),
		[
			{ header: m.dashboard_export_col_grouping(), width: 14 },
			{ header: m.dashboard_col_funder(), width: 34 },
			{ header: m.dashboard_col_source(), width: 30 },
			{ header: m.dashboard_money_planned(), width: 16, numFmt: EUROS },
			{ header: m.dashboard_money_committed(), width: 16, numFmt: EUROS },
			{ header: m.dashboard_money_paid(), width: 16, numFmt: EUROS },
			{ header: m.dashboard_col_fundings(), width: 12 }
		],
		data.fundings.map((f) => [
			f.grouping_key === 'funder'
				? m.dashboard_export_grouping_funder()
				: f.grouping_key === 'source'
					? m.dashboard_export_grouping_source()
					: m.dashboard_export_grouping_total(),
			f.organization_name,
			f.source,
			f.planned,
			f.committed,
			f.paid,
			f.fundings
		])
	);
	addTable(
		book,
		m.dashboard_export_sheet_partners(),
		[
			{ header: m.dashboard_col_partner(), width: 34 },
			{ header: m.dashboard_partners_led(), width: 12 },
			{ header: m.dashboard_partners_contributed(), width: 14 },
			{ header: m.dashboard_partners_funded(), width: 12 },
			{ header: m.dashboard_partners_led_progress(), width: 22 }
		],
		data.partners.map((p) => [p.organization_name, p.led, p.contributed, p.funded, p.led_progress])
	);
	addTable(
		book,
		m.dashboard_export_sheet_alerts(),
		[
			{ header: m.dashboard_export_col_alert(), width: 26 },
			{ header: m.plan_col_code(), width: 8 },
			{ header: m.dashboard_export_col_subject(), width: 60 },
			{ header: m.dashboard_export_col_days(), width: 10 }
		],
		data.alerts.map((a) => [
			{
				blocked: m.dashboard_alerts_blocked(),
				overdue: m.dashboard_alerts_overdue(),
				indicator_off_track: m.dashboard_alerts_indicators(),
				stale: m.dashboard_alerts_stale({ days: data.summary.stale_after_days })
			}[a.kind],
			a.action_code,
			a.indicator_name ?? a.action_title,
			a.days
		])
	);
	return Buffer.from(await book.xlsx.writeBuffer());
}

/** `tableau-de-bord-haute-vienne-2026-11-22.csv`: the charter and the day in the file name. */
export function exportFileName(kind: string, slug: string, today: string, extension: 'csv' | 'xlsx'): string {
	return `${kind}-${slug}-${today}.${extension}`;
}
