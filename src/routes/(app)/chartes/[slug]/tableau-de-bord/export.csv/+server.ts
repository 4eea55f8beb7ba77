import { loadCharter } from '#lib/server/charter-access.js';
import { loadDashboard, requireMember } from '#lib/server/dashboard-data.js';
import { parseFilters } from '#lib/domain/filters.js';
import { actionsCsv, exportFileName, figuresCsv } from '#lib/server/dashboard-export.js';
import type { RequestHandler } from './$types';

/**
 * `export.csv`: the actions shown by the dashboard (same filters), one row each; `?table=chiffres` gives the
 * headline figures instead.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { charter, membership } = await loadCharter(locals, params.slug);
	requireMember(charter, membership);
	const figures = url.searchParams.get('table') === 'chiffres';
	const data = await loadDashboard(locals.supabase, charter.id, parseFilters(url), { withActions: !figures });
	const body = figures ? figuresCsv(data) : actionsCsv(data.actions ?? []);
	const name = exportFileName(figures ? 'chiffres-cles' : 'actions', charter.slug, data.today, 'csv');
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
