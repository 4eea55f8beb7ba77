import { loadCharter } from '#lib/server/charter-access.js';
import { loadDashboard, requireMember } from '#lib/server/dashboard-data.js';
import { parseFilters } from '#lib/domain/filters.js';
import { actionsCsv, exportFileName, figuresCsv } from '#lib/server/dashboard-export.js';
import { loadActionDetails } from '#lib/server/report/data.js';
import type { RequestHandler } from './$types';

/**
 * `export.csv`: the actions shown by the dashboard (same filters), one row each with its contributors and latest
 * comment; `?table=chiffres` gives the headline figures instead.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { charter, membership } = await loadCharter(locals, params.slug);
	requireMember(charter, membership);
	const figures = url.searchParams.get('table') === 'chiffres';
	const [data, details] = await Promise.all([
		loadDashboard(locals.supabase, charter.id, parseFilters(url), { withActions: !figures }),
		figures ? [] : loadActionDetails(locals.supabase, charter.id, null)
	]);
	const body = figures ? figuresCsv(data) : actionsCsv(data.actions ?? [], details);
	const name = exportFileName(figures ? 'chiffres-cles' : 'actions', charter.slug, data.today, 'csv');
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
