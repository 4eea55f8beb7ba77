/**
 * What the report reads about meetings, as the signed-in user: "Depuis le dernier COPIL" (the charter's latest
 * snapshot against today's state) and the decisions for the register.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { meetingHeading } from '#lib/meetings/meeting-title.js';
import { sinceSnapshot, type LastSnapshot, type SinceMeetingView } from '../since-meeting.js';
import type { RegisterDecision } from './meeting-pages.js';

export async function loadRegisterDecisions(
	supabase: SupabaseClient<Database>,
	charterId: string
): Promise<RegisterDecision[]> {
	const { data } = await supabase
		.from('decisions')
		.select(
			'code, number, text, due_on, status, status_changed_at, owner:organizations(name, short_name), meeting:meetings(kind, starts_at)'
		)
		.eq('charter_id', charterId)
		.order('number');
	return (data ?? []).map((d) => ({
		code: d.code,
		text: d.text,
		owner: d.owner ? (d.owner.short_name ?? d.owner.name) : null,
		due_on: d.due_on,
		status: d.status,
		status_changed_at: d.status_changed_at,
		meeting: d.meeting ? meetingHeading(d.meeting) : null
	}));
}

/** `last`: the charter's latest snapshot (loadLastSnapshot), read first since it starts the report's period. */
export async function loadMeetingReport(
	supabase: SupabaseClient<Database>,
	charterId: string,
	last: LastSnapshot | null
): Promise<{ sinceMeeting: SinceMeetingView | null; decisions: RegisterDecision[] }> {
	const [sinceMeeting, decisions] = await Promise.all([
		last ? sinceSnapshot(supabase, charterId, last) : null,
		loadRegisterDecisions(supabase, charterId)
	]);
	return { sinceMeeting, decisions };
}
