import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { loadAmendments } from '#lib/server/amendments/amendments.js';
import type { PageServerLoad } from './$types';

// Every member reads the charter's amendments (RLS); coordinators open and sign them.
export const load: PageServerLoad = async ({ locals, parent }) => {
	const { charter, membership } = await parent();
	if (!membership) error(404, m.life_not_found());
	const amendments = await loadAmendments(locals.supabase, charter.id).catch(() =>
		error(503, m.life_error_unavailable())
	);
	return { amendments, coordinator: membership.role === 'coordinator' };
};
