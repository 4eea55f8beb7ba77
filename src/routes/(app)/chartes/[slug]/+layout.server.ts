import { loadCharterBySlug } from '#lib/server/memberships.js';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, params, parent }) => {
	// The charter and the memberships are fetched at the same time: neither needs the other.
	const [{ memberships }, charter] = await Promise.all([parent(), loadCharterBySlug(locals.supabase, params.slug)]);
	return { charter, membership: memberships.find((m) => m.charterId === charter.id) ?? null };
};
