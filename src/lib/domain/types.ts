/**
 * The shapes shared by the server that loads them and the components that show them: the figures the dashboard's
 * SQL functions return (supabase/migrations/20261123200000_dashboard.sql, where the rules are written), and the
 * newer state of an action that an update form meets on a conflict.
 */
import type { Enums } from '#lib/database.types.js';
import type { Weather } from '#lib/labels.js';

export type ActionStatus = Enums<'action_status'>;

/**
 * Where an indicator stands: no value yet, target reached, moving towards it (or steady), moving away from it
 * (or past its date), or one value without a baseline (no trend yet).
 */
export type IndicatorState = 'no_data' | 'reached' | 'on_track' | 'off_track' | 'single';

/** How a set of actions stands: the figures a charter's summary and each of its objectives share. */
export interface ActionCounts {
	actions_total: number;
	planned: number;
	in_progress: number;
	done: number;
	blocked: number;
	abandoned: number;
	/** Mean progress of the actions that are not abandoned, 0-100, one decimal; null without action. */
	progress: number | null;
	overdue: number;
	stale: number;
	behind: number;
	red: number;
	amber: number;
	weather: Weather | null;
}

/** The headline figures of a charter (or of the actions its filters keep): `summary` in charter_dashboard. */
export interface Summary extends ActionCounts {
	indicators_total: number;
	indicators_on_track: number;
	indicators_off_track: number;
	indicators_no_data: number;
	indicators_single: number;
	budget_planned: number | null;
	budget_committed: number | null;
	budget_paid: number | null;
	fundings: number;
	fundings_unknown: number;
	stale_after_days: number;
	today: string;
}

/** The newer state someone else saved since an action's update form was loaded, as the update action returns it. */
export interface ActionConflict {
	version: number;
	status: ActionStatus;
	progress: number;
	health: Enums<'action_health'>;
	lastUpdateAt: string | null;
	author: string | null;
	organization: string | null;
	comment: string | null;
}

/** A dated value of an indicator as its forms carry it (the action's update form, the indicator's page). */
export type IndicatorValueInput = {
	indicatorId: string;
	measuredOn: string;
	value: number | null;
	note: string;
};
