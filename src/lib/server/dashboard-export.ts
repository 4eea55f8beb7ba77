/**
 * The data export of a dashboard (figures and actions), as CSV for any spreadsheet and as an Excel workbook.
 * The values are the ones the page shows (same SQL functions, same filters), raw numbers rather than
 * formatted text, so that the files can be recomputed and compared.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { statusLabels, weatherLabels, directionLabels } from '#lib/labels.js';
import { indicatorStateLabels } from '#lib/dashboard.js';
import { ACTION_STATUSES } from '#lib/domain/status.js';
import { m } from '#lib/paraglide/messages.js';
import type { DashboardAction, DashboardData } from './dashboard-data.js';
import type { ActionDetail } from './report/content.js';
import {
	ACTION_DATE_COLUMNS,
	actionColumns,
	actionRows,
	dayCell,
	figureRows,
	isDay,
	type Cell
} from './export-rows.js';

/** A number the way a French spreadsheet reads it (decimal comma, no thousands separator); a date as 2026-11-22. */
const csvCell = (value: Cell) =>
	typeof value === 'number' ? String(value).replace('.', ',') : isDay(value) ? value.day : (value ?? '');

export function csv(fields: string[], rows: Cell[][]): string {
	// A BOM and semicolons: what Excel expects from a French CSV file.
	return (
		'\ufeff' + Papa.unparse({ fields, data: rows.map((r) => r.map(csvCell)) }, { delimiter: ';', newline: '\r\n' })
	);
}

export function figuresCsv(data: DashboardData): string {
	return csv(
		[m.report_export_col_figure(), m.dashboard_col_value()],
		figureRows(data.summary).map((f) => [f.label, f.value])
	);
}

export function actionsCsv(actions: DashboardAction[], details: ActionDetail[]): string {
	return csv(actionColumns(), actionRows(actions, details));
}

const EUROS = '#,##0.00 "€"';
const DATE = 'dd/mm/yyyy';

/** A calendar day as Excel stores it: a date (midnight UTC, which exceljs writes as the day's serial number). */
const excelDate = (day: string) => new Date(`${day}T00:00:00Z`);

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
	for (const row of rows) {
		const added = sheet.addRow(row.map((v) => (isDay(v) ? excelDate(v.day) : v)));
		row.forEach((v, i) => {
			if (isDay(v)) added.getCell(i + 1).numFmt = DATE;
		});
	}
}

export async function workbook(data: DashboardData, details: ActionDetail[], charterTitle: string): Promise<Buffer> {
	const book = new ExcelJS.Workbook();
	book.creator = m.app_name();
	book.title = charterTitle;
	book.created = new Date(`${data.today}T12:00:00Z`);

	addTable(
		book,
		m.dashboard_export_sheet_figures(),
		[
			{ header: m.report_export_col_figure(), width: 48 },
			{ header: m.dashboard_col_value(), width: 18 }
		],
		figureRows(data.summary).map((f) => [f.label, f.value])
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
		actionColumns().map((header, i) => ({
			header,
			width: i === 2 || i === 16 ? 60 : i === 3 || i === 4 ? 26 : ACTION_DATE_COLUMNS.includes(i) ? 13 : 14,
			...(ACTION_DATE_COLUMNS.includes(i) ? { numFmt: DATE } : {})
		})),
		actionRows(data.actions ?? [], details)
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
			dayCell(i.target_on),
			directionLabels[i.direction](),
			i.latest_value,
			dayCell(i.latest_on),
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
