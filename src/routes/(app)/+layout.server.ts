import { loadMemberships } from '#lib/server/memberships.js';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	// The hook guarantees a user on (app) routes.
	const memberships = await loadMemberships(locals.supabase, locals.user!.id);
	return { memberships };
};
