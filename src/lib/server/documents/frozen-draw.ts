/**
 * The frozen COPIL report of a held meeting, drawn from its snapshot alone (public.meeting_state as frozen in
 * meeting_snapshots.dashboard), never from today's data. Nothing here writes: frozen-report.ts files it, and the
 * demo (scripts/seed/demo-files.ts) draws it outside the app, which is why this module reads no settings.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { meetingHeading } from '#lib/meetings/meeting-title.js';
import { sinceMeeting, type MeetingState } from '#lib/meetings/since.js';
import { frozenReport, type FrozenState } from '#lib/server/report/frozen.js';
import { decisionRegister } from '#lib/server/report/meeting-pages.js';
import { renderReport } from '#lib/server/report/render.js';

type Client = SupabaseClient<Database>;
export type ReportCharter = Parameters<typeof renderReport>[0]['charter'] & { id: string; slug: string };

export const frozenReportFileName = (slug: string, day: string) => `rapport-copil-${slug}-${day}-fige.pdf`;

/** The snapshot of a held meeting of this charter, or null. */
export async function loadSnapshot(supabase: Client, charterId: string, meetingId: string) {
	const { data, error } = await supabase
		.from('meeting_snapshots')
		.select('id, taken_on, taken_at, report_path, dashboard, meeting:meetings(id, kind, starts_at)')
		.eq('meeting_id', meetingId)
		.eq('charter_id', charterId)
		.maybeSingle();
	if (error) throw new Error(`meeting_snapshots: ${error.message}`);
	return data?.meeting ? data : null;
}
export type Snapshot = NonNullable<Awaited<ReturnType<typeof loadSnapshot>>>;

/** The report as it was presented, drawn from the snapshot; its first page compares with the meeting before. */
export async function drawFrozenReport(supabase: Client, charter: ReportCharter, snapshot: Snapshot) {
	const { data: previous } = await supabase
		.from('meeting_snapshots')
		.select('taken_on, dashboard, meeting:meetings(kind, starts_at)')
		.eq('charter_id', charter.id)
		.lt('taken_at', snapshot.taken_at)
		.order('taken_at', { ascending: false })
		.limit(1)
		.maybeSingle();
	const state = snapshot.dashboard as unknown as FrozenState;
	const { data, details, since } = frozenReport(state);
	return renderReport({
		charter,
		data,
		details,
		since: previous?.taken_on ?? since,
		sinceMeeting: previous?.meeting
			? {
					...sinceMeeting(previous.dashboard as unknown as MeetingState, state as unknown as MeetingState),
					meeting: meetingHeading(previous.meeting)
				}
			: null,
		// The decisions still open when the meeting was held, as frozen.
		register: {
			open: decisionRegister(
				(state as unknown as MeetingState).decisions?.map((d) => ({
					code: d.code,
					text: d.text,
					owner: d.owner_name ?? null,
					due_on: d.due_on ?? null,
					status: d.status,
					status_changed_at: null,
					meeting: null
				})) ?? [],
				state.taken_on,
				state.taken_on
			).open,
			done: []
		}
	});
}
