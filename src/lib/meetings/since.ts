/**
 * "Depuis le dernier COPIL": what changed between the state frozen when the last meeting was held (the
 * `dashboard` column of meeting_snapshots) and the state of the day, both the jsonb of `public.meeting_state`.
 * Pure: the dashboard block, the report's first page and the minutes read the same lists.
 */
import { compareCodes } from '#lib/domain/patterns.js';

export type ActionStatusName = 'planned' | 'in_progress' | 'done' | 'blocked' | 'abandoned';
export type DecisionStatusName = 'open' | 'done' | 'dropped';

export interface StateAction {
	id: string;
	code: string;
	title: string;
	lead_name?: string | null;
	status: ActionStatusName;
	progress: number;
	is_overdue?: boolean | null;
	is_stale?: boolean | null;
	due_on?: string | null;
}

export interface StateIndicator {
	id: string;
	name: string;
	unit?: string | null;
	target?: number | null;
	latest_value: number | null;
	latest_on: string | null;
	state?: string | null;
}

export interface StateDecision {
	id: string;
	code: string;
	text: string;
	status: DecisionStatusName;
	due_on?: string | null;
	owner_name?: string | null;
}

type Summary = { progress?: number | null; weather?: string | null };

/** The jsonb of public.meeting_state or public.meeting_lists (only what the comparison reads). */
export interface MeetingState {
	taken_on: string;
	/** The plan's mean progress and weather (public.meeting_lists); older snapshots have them in `dashboard` only. */
	summary?: Summary | null;
	dashboard?: { summary?: Summary | null } | null;
	actions?: StateAction[] | null;
	indicators?: StateIndicator[] | null;
	decisions?: StateDecision[] | null;
}

export type SinceAlertKind = 'blocked' | 'overdue' | 'stale' | 'indicator_off_track';

export interface SinceAlert {
	kind: SinceAlertKind;
	/** The action's code, null for an indicator. */
	code: string | null;
	subject: string;
}

export interface StatusChange {
	code: string;
	title: string;
	from: ActionStatusName;
	to: ActionStatusName;
}

export interface ProgressChange {
	code: string;
	title: string;
	from: number;
	to: number;
	/** to − from, in points (negative when progress went back). */
	gained: number;
}

export interface IndicatorChange {
	name: string;
	unit: string | null;
	from: number | null;
	fromOn: string | null;
	to: number | null;
	toOn: string | null;
}

export interface DecisionClosed {
	code: string;
	text: string;
	owner: string | null;
	status: 'done' | 'dropped';
}

export interface SinceMeeting {
	/** The day the frozen state was computed for, and the day of now. */
	from: string;
	to: string;
	statusChanges: StatusChange[];
	progress: ProgressChange[];
	overall: { from: number | null; to: number | null; gained: number | null };
	newAlerts: SinceAlert[];
	resolvedAlerts: SinceAlert[];
	decisionsClosed: DecisionClosed[];
	actionsAdded: { code: string; title: string }[];
	indicators: IndicatorChange[];
	/** Nothing of the above moved. */
	unchanged: boolean;
	/** How many actions' progress changed, when `progress` keeps only the largest moves (see largestMoves). */
	progressTotal?: number;
}

/** How many progress changes the dashboard lists; the COPIL report lists them all. */
export const SINCE_PROGRESS_MAX = 10;

/**
 * The dashboard's view of the changes: the `max` largest moves of progress, either way (ties by code), kept in
 * the plan's order, and how many there were. Everything else stays whole.
 */
export function largestMoves<T extends SinceMeeting>(since: T, max = SINCE_PROGRESS_MAX): T {
	if (since.progress.length <= max) return since;
	const kept = new Set(
		[...since.progress]
			.sort((a, b) => Math.abs(b.gained) - Math.abs(a.gained) || compareCodes(a.code, b.code))
			.slice(0, max)
	);
	return { ...since, progress: since.progress.filter((p) => kept.has(p)), progressTotal: since.progress.length };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const list = <T>(value: T[] | null | undefined): T[] => (Array.isArray(value) ? value : []);

/** The alerts of a state, keyed by kind and subject (the dashboard's rules, as meeting_state froze them). */
export function alertsOf(state: MeetingState): Map<string, SinceAlert> {
	const alerts = new Map<string, SinceAlert>();
	for (const a of list(state.actions)) {
		const add = (kind: SinceAlertKind) => alerts.set(`${kind}:${a.id}`, { kind, code: a.code, subject: a.title });
		if (a.status === 'blocked') add('blocked');
		if (a.is_overdue) add('overdue');
		if (a.is_stale) add('stale');
	}
	for (const i of list(state.indicators)) {
		if (i.state === 'off_track')
			alerts.set(`indicator_off_track:${i.id}`, { kind: 'indicator_off_track', code: null, subject: i.name });
	}
	return alerts;
}

export function sinceMeeting(before: MeetingState, now: MeetingState): SinceMeeting {
	const beforeActions = new Map(list(before.actions).map((a) => [a.id, a]));
	const statusChanges: StatusChange[] = [];
	const progress: ProgressChange[] = [];
	const actionsAdded: { code: string; title: string }[] = [];
	for (const a of list(now.actions)) {
		const was = beforeActions.get(a.id);
		if (!was) {
			actionsAdded.push({ code: a.code, title: a.title });
			continue;
		}
		if (was.status !== a.status) statusChanges.push({ code: a.code, title: a.title, from: was.status, to: a.status });
		if (Number(was.progress) !== Number(a.progress)) {
			progress.push({
				code: a.code,
				title: a.title,
				from: Number(was.progress),
				to: Number(a.progress),
				gained: round1(Number(a.progress) - Number(was.progress))
			});
		}
	}

	const fromMean = (before.summary ?? before.dashboard?.summary)?.progress ?? null;
	const toMean = (now.summary ?? now.dashboard?.summary)?.progress ?? null;
	const overall = {
		from: fromMean,
		to: toMean,
		gained: fromMean === null || toMean === null ? null : round1(Number(toMean) - Number(fromMean))
	};

	const alertsBefore = alertsOf(before);
	const alertsNow = alertsOf(now);
	const newAlerts = [...alertsNow].filter(([key]) => !alertsBefore.has(key)).map(([, a]) => a);
	const resolvedAlerts = [...alertsBefore].filter(([key]) => !alertsNow.has(key)).map(([, a]) => a);

	const beforeDecisions = new Map(list(before.decisions).map((d) => [d.id, d]));
	const decisionsClosed: DecisionClosed[] = [];
	for (const d of list(now.decisions)) {
		if (d.status === 'open') continue;
		const was = beforeDecisions.get(d.id);
		if (was && was.status === d.status) continue;
		decisionsClosed.push({ code: d.code, text: d.text, owner: d.owner_name ?? null, status: d.status });
	}

	const beforeIndicators = new Map(list(before.indicators).map((i) => [i.id, i]));
	const indicators: IndicatorChange[] = [];
	for (const i of list(now.indicators)) {
		const was = beforeIndicators.get(i.id);
		const from = was?.latest_value ?? null;
		const fromOn = was?.latest_on ?? null;
		if (from === i.latest_value && fromOn === i.latest_on) continue;
		if (i.latest_value === null && i.latest_on === null) continue;
		indicators.push({ name: i.name, unit: i.unit ?? null, from, fromOn, to: i.latest_value, toOn: i.latest_on });
	}

	return {
		from: before.taken_on,
		to: now.taken_on,
		statusChanges,
		progress,
		overall,
		newAlerts,
		resolvedAlerts,
		decisionsClosed,
		actionsAdded,
		indicators,
		unchanged:
			!statusChanges.length &&
			!progress.length &&
			!newAlerts.length &&
			!resolvedAlerts.length &&
			!decisionsClosed.length &&
			!actionsAdded.length &&
			!indicators.length
	};
}
