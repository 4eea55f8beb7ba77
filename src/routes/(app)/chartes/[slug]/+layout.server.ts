import { loadCharter } from '#lib/server/memberships.js';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, params, parent }) => {
	const { memberships } = await parent();
	const { charter, membership } = await loadCharter(locals.supabase, params.slug, memberships);
	return { charter, membership };
};
