import { loadCharter } from '#lib/server/charter-access.js';
import { loadDashboard, requireMember } from '#lib/server/dashboard-data.js';
import { parseFilters } from '#lib/domain/filters.js';
import { exportFileName, workbook } from '#lib/server/dashboard-export.js';
import { loadActionDetails } from '#lib/server/report/data.js';
import type { RequestHandler } from './$types';

/** `export.xlsx`: the dashboard's data (figures, objectives, actions, indicators, money, partners, alerts). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { charter, membership } = await loadCharter(locals, params.slug);
	requireMember(charter, membership);
	const [data, details] = await Promise.all([
		loadDashboard(locals.supabase, charter.id, parseFilters(url), { withActions: true }),
		loadActionDetails(locals.supabase, charter.id, null)
	]);
	const body = await workbook(data, details, charter.title);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${exportFileName('tableau-de-bord', charter.slug, data.today, 'xlsx')}"`,
			'cache-control': 'private, no-store'
		}
	});
};
