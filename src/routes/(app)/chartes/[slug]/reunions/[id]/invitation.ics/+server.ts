import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { isUuid } from '#lib/domain/patterns.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { addressOf, buildIcs, icsContentType, meetingUid } from '#lib/meetings/ics.js';
import type { RequestHandler } from './$types';

// The meeting's calendar file for a member (the same builder as the invitations): "Ajouter à mon agenda".
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { charter, membership } = await loadCharter(locals, params.slug);
	if (!membership || !isUuid(params.id)) error(404, m.meeting_not_found());
	const { data: meeting, error: failed } = await locals.supabase
		.from('meetings')
		.select('*')
		.eq('id', params.id)
		.eq('charter_id', charter.id)
		.maybeSingle();
	if (failed) error(503, m.mplan_error_unavailable());
	if (!meeting) error(404, m.meeting_not_found());
	const method = meeting.status === 'cancelled' ? 'CANCEL' : 'REQUEST';
	const text = buildIcs({
		uid: meetingUid(meeting.id),
		sequence: meeting.sequence,
		method,
		title: meeting.title,
		startsAt: meeting.starts_at,
		durationMinutes: meeting.duration_minutes,
		place: meeting.place,
		videoUrl: meeting.video_url,
		url: `${url.origin}/chartes/${charter.slug}/reunions/${meeting.id}`,
		organizer: {
			name: charter.title,
			email: addressOf(process.env.MAIL_FROM || 'Chartes partenariales <notifications@example.org>')
		},
		attendees: []
	});
	return new Response(text, {
		headers: {
			'content-type': icsContentType(method),
			'content-disposition': 'attachment; filename="invitation.ics"',
			'cache-control': 'private, no-store'
		}
	});
};
