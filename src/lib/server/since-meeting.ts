/**
 * "Depuis le dernier COPIL" for a charter: its latest snapshot (the dashboard frozen when the last meeting was
 * held) against public.meeting_lists of today (the same lists, without the dashboard), compared by
 * src/lib/meetings/since.ts. Null when no meeting has
 * been held (or when the data cannot be read: the dashboard shows the rest).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { meetingHeading, type NamedMeeting } from '#lib/meetings/meeting-title.js';
import { sinceMeeting, type MeetingState, type SinceMeeting } from '#lib/meetings/since.js';

export interface LastSnapshot {
	meeting: NamedMeeting & { id: string };
	takenOn: string;
	state: MeetingState;
}

/** The charter's latest snapshot and its meeting, or null. */
export async function loadLastSnapshot(
	supabase: SupabaseClient<Database>,
	charterId: string
): Promise<LastSnapshot | null> {
	// Only what the comparison reads of the frozen json (its dashboard holds much more).
	const { data } = await supabase
		.from('meeting_snapshots')
		.select(
			'taken_on, taken_at, summary:dashboard->summary, old_summary:dashboard->dashboard->summary, actions:dashboard->actions, indicators:dashboard->indicators, decisions:dashboard->decisions, meeting:meetings(id, kind, starts_at)'
		)
		.eq('charter_id', charterId)
		.order('taken_at', { ascending: false })
		.limit(1)
		.maybeSingle();
	if (!data?.meeting) return null;
	const state = {
		taken_on: data.taken_on,
		summary: data.summary ?? data.old_summary,
		actions: data.actions,
		indicators: data.indicators,
		decisions: data.decisions
	} as unknown as MeetingState;
	return { meeting: data.meeting, takenOn: data.taken_on, state };
}

export interface SinceMeetingView extends SinceMeeting {
	/** "COPIL du 12/03/2027". */
	meeting: string;
	meetingId: string;
}

export async function loadSinceMeeting(
	supabase: SupabaseClient<Database>,
	charterId: string,
	today?: string
): Promise<SinceMeetingView | null> {
	const last = await loadLastSnapshot(supabase, charterId);
	return last ? sinceSnapshot(supabase, charterId, last, today) : null;
}

/**
 * The comparison of a snapshot already read with today's lists: the report reads the snapshot first (its day
 * starts the report's period), then compares while it loads the rest.
 */
export async function sinceSnapshot(
	supabase: SupabaseClient<Database>,
	charterId: string,
	last: LastSnapshot,
	today?: string
): Promise<SinceMeetingView | null> {
	const { data, error } = await supabase.rpc('meeting_lists', {
		p_charter_id: charterId,
		...(today ? { p_today: today } : {})
	});
	if (error || !data) return null;
	return {
		...sinceMeeting(last.state, data as unknown as MeetingState),
		meeting: meetingHeading(last.meeting),
		meetingId: last.meeting.id
	};
}
