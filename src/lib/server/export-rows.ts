/**
 * The rows of the dashboard exports, shared by the CSV files and the Excel workbook: the key figures under
 * their labels (never a technical key), and one row per action with its contributors and latest comment.
 * Dates are calendar days (`{ day: '2026-11-22' }`): the CSV writes them as they are, the workbook as real Excel
 * dates shown 22/11/2026.
 */
import { healthLabels, label, statusLabels, weatherLabels } from '#lib/labels.js';
import type { Summary } from '#lib/domain/types.js';
import { todayIso } from '#lib/format.js';
import { m } from '#lib/paraglide/messages.js';
import type { DashboardAction } from './dashboard-data.js';
import type { ActionDetail } from './report/content.js';

export interface DayCell {
	day: string;
}
export type Cell = string | number | DayCell | null;

/** A calendar date, or the day (in Paris) of an instant; null stays null. */
export function dayCell(value: string | null | undefined): DayCell | null {
	if (!value) return null;
	return { day: /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : todayIso(new Date(value)) };
}
export const isDay = (value: unknown): value is DayCell =>
	typeof value === 'object' && value !== null && 'day' in value;

/** The headline figures, in a fixed order, each under the words the dashboard uses. */
export function figureRows(summary: Summary): { label: string; value: Cell }[] {
	return [
		{ label: m.report_export_actions_total(), value: summary.actions_total },
		{ label: m.report_export_status({ status: statusLabels.planned() }), value: summary.planned },
		{ label: m.report_export_status({ status: statusLabels.in_progress() }), value: summary.in_progress },
		{ label: m.report_export_status({ status: statusLabels.done() }), value: summary.done },
		{ label: m.report_export_status({ status: statusLabels.blocked() }), value: summary.blocked },
		{ label: m.report_export_status({ status: statusLabels.abandoned() }), value: summary.abandoned },
		{ label: m.dashboard_export_progress(), value: summary.progress },
		{ label: m.report_export_overdue(), value: summary.overdue },
		{ label: m.dashboard_figure_stale({ days: summary.stale_after_days }), value: summary.stale },
		{ label: m.dashboard_export_behind(), value: summary.behind },
		{ label: m.dashboard_figure_weather(), value: summary.weather ? weatherLabels[summary.weather]() : null },
		{ label: m.dashboard_export_indicators_total(), value: summary.indicators_total },
		{ label: m.dashboard_export_indicators_on_track(), value: summary.indicators_on_track },
		{ label: m.dashboard_export_indicators_off_track(), value: summary.indicators_off_track },
		{ label: m.dashboard_export_indicators_no_data(), value: summary.indicators_no_data },
		{ label: m.dashboard_export_budget_planned(), value: summary.budget_planned },
		{ label: m.dashboard_export_budget_committed(), value: summary.budget_committed },
		{ label: m.dashboard_export_budget_paid(), value: summary.budget_paid },
		{ label: m.dashboard_export_fundings(), value: summary.fundings },
		{ label: m.dashboard_export_date(), value: dayCell(summary.today) }
	];
}

const yesNo = (value: boolean) => (value ? m.dashboard_export_yes() : m.dashboard_export_no());

export function actionColumns(): string[] {
	return [
		m.dashboard_export_col_objective(),
		m.plan_col_code(),
		m.plan_col_action(),
		m.plan_col_lead(),
		m.report_export_col_contributors(),
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
		m.dashboard_export_col_signal(),
		m.report_col_comment(),
		m.report_export_col_comment_on(),
		m.report_export_col_comment_author()
	];
}
/** The columns holding dates, by index in actionColumns(). */
export const ACTION_DATE_COLUMNS = [8, 9, 10, 17];

export function actionRow(a: DashboardAction, d: ActionDetail | undefined): Cell[] {
	return [
		a.objective_code,
		a.code,
		a.title,
		a.lead_name,
		(d?.contributors ?? []).join(', '),
		label(statusLabels, a.status),
		a.progress,
		label(healthLabels, a.health),
		dayCell(a.starts_on),
		dayCell(a.due_on),
		dayCell(a.last_update_at),
		a.days_without_update,
		yesNo(a.is_overdue),
		yesNo(a.is_stale),
		yesNo(a.is_behind),
		a.signal === 'red'
			? m.dashboard_export_signal_red()
			: a.signal === 'amber'
				? m.dashboard_export_signal_amber()
				: '',
		d?.latest_comment ?? null,
		dayCell(d?.latest_comment_at),
		d?.latest_comment_author ?? null
	];
}

export function actionRows(actions: DashboardAction[], details: ActionDetail[]): Cell[][] {
	const byId = new Map(details.map((d) => [d.action_id, d]));
	return actions.map((a) => actionRow(a, byId.get(a.id)));
}
