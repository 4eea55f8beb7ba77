/**
 * The COPIL report of a held meeting, drawn again from its snapshot alone (public.meeting_state as frozen in
 * meeting_snapshots.dashboard): never from today's data.
 */
import { parseFilters } from '#lib/domain/filters.js';
import type { DashboardAction, DashboardData, TrendPoint } from '../dashboard-data.js';
import type { ActionDetail } from './content.js';
import { shiftIso, DEFAULT_PERIOD_DAYS } from './since.js';

interface FrozenDocument extends Omit<
	DashboardData,
	'filters' | 'alertCounts' | 'dueSoon' | 'dueSoonCount' | 'trend' | 'actions'
> {
	alert_counts: DashboardData['alertCounts'];
	due_soon: DashboardAction[];
	due_soon_count: number;
}

export interface FrozenState {
	taken_on: string;
	dashboard: FrozenDocument;
	report?: { since?: string; actions?: DashboardAction[]; trend?: TrendPoint[]; details?: ActionDetail[] } | null;
}

export function frozenReport(state: FrozenState): { data: DashboardData; details: ActionDetail[]; since: string } {
	const d = state.dashboard;
	return {
		data: {
			today: d.today ?? state.taken_on,
			filters: parseFilters(new URL('http://frozen/')),
			summary: d.summary,
			objectives: d.objectives ?? [],
			indicators: d.indicators ?? [],
			fundings: d.fundings ?? [],
			partners: d.partners ?? [],
			alerts: d.alerts ?? [],
			alertCounts: d.alert_counts,
			updates: d.updates ?? [],
			dueSoon: d.due_soon ?? [],
			dueSoonCount: d.due_soon_count ?? 0,
			options: d.options,
			trend: state.report?.trend ?? [],
			actions: state.report?.actions ?? []
		},
		details: state.report?.details ?? [],
		since: state.report?.since ?? shiftIso(state.taken_on, -DEFAULT_PERIOD_DAYS)
	};
}
