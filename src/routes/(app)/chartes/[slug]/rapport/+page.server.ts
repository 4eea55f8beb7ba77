import { filterQuery, parseFilters } from '#lib/domain/filters.js';
import { loadDashboard, requireMember } from '#lib/server/dashboard-data.js';
import type { PageServerLoad } from './$types';

/** The COPIL report: the dashboard's data with every action, laid out for printing. */
export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const { charter, membership } = await parent();
	requireMember(charter, membership);
	const filters = parseFilters(url);
	const dashboard = await loadDashboard(locals.supabase, charter.id, filters, { withActions: true });
	return { dashboard, query: filterQuery(filters) };
};
