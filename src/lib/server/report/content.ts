/**
 * What the COPIL report says, as data: what changed since the previous report, what the COPIL must decide, and
 * the action table. Pure functions over the dashboard's data (the same SQL rules) and the journal's details, so
 * that the PDF, the page and the tests read one truth.
 */
import type { ActionStatus } from '#lib/domain/types.js';
import type { Alert, AlertKind, DashboardAction, DashboardData, Indicator, IndicatorPoint } from '../dashboard-data.js';

/** One row of public.report_action_details (nullable where the SQL can give null). */
export interface ActionDetail {
	action_id: string;
	contributors: string[] | null;
	latest_comment: string | null;
	latest_comment_at: string | null;
	latest_comment_author: string | null;
	updates_since: number | null;
	status_before: ActionStatus | null;
	progress_before: number | null;
}

export interface ActionChange {
	code: string;
	title: string;
	status: ActionStatus;
	progress: number;
	statusBefore: ActionStatus | null;
	progressBefore: number | null;
	updates: number;
	lastUpdateAt: string | null;
}

export interface IndicatorChange {
	name: string;
	unit: string | null;
	values: IndicatorPoint[];
}

export interface Decision {
	kind: AlertKind;
	code: string | null;
	subject: string;
	lead: string | null;
	/** Days blocked without news, past the due date, or without update; null for an indicator. */
	days: number | null;
	dueOn: string | null;
	comment: string | null;
	indicator: Pick<Alert, 'unit' | 'latest_value' | 'latest_on' | 'target' | 'target_on'> | null;
}

export interface ActionRow extends DashboardAction {
	contributors: string[];
	comment: { text: string; at: string; author: string | null } | null;
}

export interface ObjectiveRows {
	code: string | null;
	title: string | null;
	rows: ActionRow[];
}

/** The actions whose journal moved since the date, in plan order. */
export function actionChanges(actions: DashboardAction[], details: Map<string, ActionDetail>): ActionChange[] {
	return actions.flatMap((a) => {
		const d = details.get(a.id);
		if (!d || !d.updates_since) return [];
		return [
			{
				code: a.code,
				title: a.title,
				status: a.status,
				progress: a.progress,
				statusBefore: d.status_before,
				progressBefore: d.progress_before,
				updates: d.updates_since,
				lastUpdateAt: a.last_update_at
			}
		];
	});
}

/** Indicator values measured on or after the date (the dashboard's series, oldest first). */
export function indicatorChanges(indicators: Indicator[], since: string): IndicatorChange[] {
	return indicators.flatMap((i) => {
		const values = i.values.filter((v) => v.on >= since);
		return values.length ? [{ name: i.name, unit: i.unit, values }] : [];
	});
}

/** The dashboard's points of attention, as what the COPIL must decide on, with the pilot's latest word. */
export function decisions(alerts: Alert[], details: Map<string, ActionDetail>): Decision[] {
	return alerts.map((a) => ({
		kind: a.kind,
		code: a.action_code,
		subject: a.indicator_name ?? a.action_title ?? '',
		lead: a.lead_name,
		days: a.days,
		dueOn: a.due_on,
		comment:
			a.kind !== 'indicator_off_track' && a.action_id ? (details.get(a.action_id)?.latest_comment ?? null) : null,
		indicator:
			a.kind === 'indicator_off_track'
				? {
						unit: a.unit,
						latest_value: a.latest_value,
						latest_on: a.latest_on,
						target: a.target,
						target_on: a.target_on
					}
				: null
	}));
}

/** The action table: one group per objective, in plan order, each row with its contributors and latest comment. */
export function actionTable(actions: DashboardAction[], details: Map<string, ActionDetail>): ObjectiveRows[] {
	const groups: ObjectiveRows[] = [];
	for (const a of actions) {
		const d = details.get(a.id);
		const row: ActionRow = {
			...a,
			contributors: d?.contributors ?? [],
			comment:
				d?.latest_comment && d.latest_comment_at
					? { text: d.latest_comment, at: d.latest_comment_at, author: d.latest_comment_author }
					: null
		};
		const last = groups.at(-1);
		if (last && last.code === a.objective_code) last.rows.push(row);
		else groups.push({ code: a.objective_code, title: a.objective_title, rows: [row] });
	}
	return groups;
}

export interface ReportContent {
	since: string;
	today: string;
	changes: ActionChange[];
	indicatorChanges: IndicatorChange[];
	decisions: Decision[];
	objectives: ObjectiveRows[];
}

export function reportContent(data: DashboardData, detailRows: ActionDetail[], since: string): ReportContent {
	const details = new Map(detailRows.map((d) => [d.action_id, d]));
	const actions = data.actions ?? [];
	return {
		since,
		today: data.today,
		changes: actionChanges(actions, details),
		indicatorChanges: indicatorChanges(data.indicators, since),
		decisions: decisions(data.alerts, details),
		objectives: actionTable(actions, details)
	};
}
