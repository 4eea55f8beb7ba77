import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { loadMeetings, splitMeetings } from '#lib/server/meetings/meeting-pages.js';
import type { PageServerLoad } from './$types';

// Every member reads the charter's meetings (RLS); coordinators plan them.
export const load: PageServerLoad = async ({ locals, parent }) => {
	const { charter, membership } = await parent();
	if (!membership) error(404, m.meeting_not_found());
	const rows = await loadMeetings(locals.supabase, charter.id).catch(() => error(503, m.mplan_error_unavailable()));
	return { ...splitMeetings(rows, new Date()), coordinator: membership.role === 'coordinator' };
};
