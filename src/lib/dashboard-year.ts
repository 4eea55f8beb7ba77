/**
 * The dashboard of a past year (`?annee=2025`): which years a charter offers, how the address's year is read,
 * and the figures of its actions at the end of that year. The data is public.dashboard_year's
 * (supabase/migrations/20261123600200_targets_and_open_data.sql).
 */
import type { ActionStatus } from '#lib/domain/types.js';

export type YearIndicatorState = 'reached' | 'not_reached' | 'no_data' | 'no_target';
export type YearActionBasis = 'journal' | 'before_journal' | 'today';

export interface YearIndicator {
	id: string;
	name: string;
	unit: string | null;
	direction: 'increase' | 'decrease';
	baseline: number | null;
	final_target: number | null;
	final_target_on: string | null;
	year_target: number | null;
	year_target_note: string | null;
	target: number | null;
	value: number | null;
	measured_on: string | null;
	state: YearIndicatorState;
}
export interface YearAction {
	id: string;
	code: string;
	title: string;
	objective_id: string;
	objective_code: string;
	status: ActionStatus;
	progress: number;
	basis: YearActionBasis;
	entry_at: string | null;
}
export interface DashboardYear {
	year: number;
	ends_on: string;
	indicators: YearIndicator[];
	actions: YearAction[];
}

export const YEAR_PARAM = 'annee';

/** The year of the address: none (today's dashboard), a year 2000-2100, or 'invalid'. */
export function parseYear(value: string | null): number | null | 'invalid' {
	if (value === null || value.trim() === '') return null;
	if (!/^\d{4}$/.test(value.trim())) return 'invalid';
	const year = Number(value.trim());
	return year >= 2000 && year <= 2100 ? year : 'invalid';
}

/**
 * The past years a charter offers, newest first: from the year it started (or was signed; five years back when
 * neither is known) to last year, or to the year it ended when that is earlier.
 */
export function yearChoices(
	charter: { starts_on: string | null; signed_on: string | null; ends_on: string | null },
	today: string
): number[] {
	const current = Number(today.slice(0, 4));
	const start = Number((charter.starts_on ?? charter.signed_on ?? `${current - 5}`).slice(0, 4));
	const end = Math.min(current - 1, charter.ends_on ? Number(charter.ends_on.slice(0, 4)) : current - 1);
	const years: number[] = [];
	for (let y = end; y >= Math.max(start, 2000); y--) years.push(y);
	return years;
}

/** The actions at the end of the year: how many, by status, and their mean progress (abandoned ones aside). */
export function yearActionFigures(actions: YearAction[]): {
	count: number;
	byStatus: Record<ActionStatus, number>;
	progress: number | null;
} {
	const byStatus: Record<ActionStatus, number> = { planned: 0, in_progress: 0, done: 0, blocked: 0, abandoned: 0 };
	for (const a of actions) byStatus[a.status] += 1;
	const counted = actions.filter((a) => a.status !== 'abandoned');
	const progress = counted.length ? Math.round(counted.reduce((sum, a) => sum + a.progress, 0) / counted.length) : null;
	return { count: actions.length, byStatus, progress };
}
