import { error } from '@sveltejs/kit';
import { isUuid } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';
import { meetingHeading } from '#lib/meetings/meeting-title.js';
import { sinceMeeting, type MeetingState } from '#lib/meetings/since.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { frozenReport, type FrozenState } from '#lib/server/report/frozen.js';
import { renderReport } from '#lib/server/report/render.js';
import { decisionRegister } from '#lib/server/report/meeting-pages.js';
import type { RequestHandler } from './$types';

/**
 * `reunions/[id]/rapport.pdf`: the COPIL report as it was presented at a held meeting, drawn from its snapshot
 * alone (never from today's data); its first page compares it with the snapshot of the meeting before.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { charter, membership } = await loadCharter(locals, params.slug);
	if (!membership || !isUuid(params.id)) error(404, m.meeting_not_found());
	const { data: snapshot } = await locals.supabase
		.from('meeting_snapshots')
		.select('taken_on, taken_at, dashboard, meeting:meetings(id, kind, starts_at)')
		.eq('meeting_id', params.id)
		.eq('charter_id', charter.id)
		.maybeSingle();
	if (!snapshot?.meeting) error(404, m.minutes_not_held());
	const { data: previous } = await locals.supabase
		.from('meeting_snapshots')
		.select('taken_on, dashboard, meeting:meetings(kind, starts_at)')
		.eq('charter_id', charter.id)
		.lt('taken_at', snapshot.taken_at)
		.order('taken_at', { ascending: false })
		.limit(1)
		.maybeSingle();
	const state = snapshot.dashboard as unknown as FrozenState;
	const { data, details, since } = frozenReport(state);
	const body = await renderReport({
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
	const day = snapshot.taken_on;
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="rapport-copil-${charter.slug}-${day}-fige.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
