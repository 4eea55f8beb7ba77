import { filterQuery, parseFilters } from '#lib/domain/filters.js';
import { loadDashboard, requireMember } from '#lib/server/dashboard-data.js';
import { publicationAction } from '#lib/server/publication-action.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const { charter, membership } = await parent();
	requireMember(charter, membership);
	const filters = parseFilters(url);
	const dashboard = await loadDashboard(locals.supabase, charter.id, filters);
	return {
		dashboard,
		query: filterQuery(filters),
		canPublish: membership?.role === 'coordinator'
	};
};

export const actions: Actions = { publication: publicationAction };
