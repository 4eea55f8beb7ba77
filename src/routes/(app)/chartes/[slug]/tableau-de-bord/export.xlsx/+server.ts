import { loadCharter, loadMemberships } from '#lib/server/memberships.js';
import { parseFilters } from '#lib/domain/filters.js';
import { loadDashboard, requireMember } from '#lib/server/dashboard-data.js';
import { exportFileName, workbook } from '#lib/server/dashboard-export.js';
import type { RequestHandler } from './$types';

/** `export.xlsx`: the dashboard's data (figures, objectives, actions, indicators, money, partners, alerts). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const memberships = await loadMemberships(locals.supabase, locals.user!.id);
	const { charter, membership } = await loadCharter(locals.supabase, params.slug, memberships);
	requireMember(charter, membership);
	const data = await loadDashboard(locals.supabase, charter.id, parseFilters(url), { withActions: true });
	const body = await workbook(data, charter.title);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${exportFileName('tableau-de-bord', charter.slug, data.today, 'xlsx')}"`,
			'cache-control': 'private, no-store'
		}
	});
};
