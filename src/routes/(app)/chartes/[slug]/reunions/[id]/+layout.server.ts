import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { isUuid } from '#lib/domain/patterns.js';
import type { LayoutServerLoad } from './$types';

// The meeting every tab of the meeting's pages shows (RLS: members of the charter only).
export const load: LayoutServerLoad = async ({ locals, params, parent }) => {
	const { charter, membership } = await parent();
	if (!membership || !isUuid(params.id)) error(404, m.meeting_not_found());
	const { data, error: failed } = await locals.supabase
		.from('meetings')
		.select('*')
		.eq('id', params.id)
		.eq('charter_id', charter.id)
		.maybeSingle();
	if (failed) error(503, m.meeting_not_found());
	if (!data) error(404, m.meeting_not_found());
	return { meeting: data, coordinator: membership.role === 'coordinator' };
};
