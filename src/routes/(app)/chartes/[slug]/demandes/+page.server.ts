import { todayIso } from '#lib/format.js';
import { loadRequestList, parseListFilters, requireCoordinator } from '#lib/server/support-requests.js';
import type { PageServerLoad } from './$types';

/** The charter's requests, newest first, filtered by status and need (GET parameters: works without JS). */
export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { charter, membership } = await parent();
	requireCoordinator(membership);
	const filters = parseListFilters(url.searchParams);
	const today = todayIso();
	const requests = await loadRequestList(locals.supabase, charter.id, filters, today);
	return { requests, filters };
};
