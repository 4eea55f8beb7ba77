import { error } from '@sveltejs/kit';
import { todayIso } from '#lib/format.js';
import { parseSort, sortOverview, type OverviewRow } from '#lib/overview.js';
import { canCreateCharters } from '#lib/server/charter-creators.js';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { memberships } = await parent();
	// Two queries: every charter the user may see (their own and the published ones), with action counts; and
	// the headline figures of the charters they are a member of (the cross-charter view), computed in SQL.
	const [list, overview, canCreate] = await Promise.all([
		locals.supabase
			.from('charters')
			.select(
				'id, slug, title, short_title, scope_level, territory_label, signed_on, starts_on, ends_on, status, is_public, actions(count)'
			)
			.is('actions.archived_at', null)
			.order('title'),
		memberships.length
			? locals.supabase.rpc('charters_overview', { p_today: todayIso() })
			: Promise.resolve({ data: [], error: null }),
		canCreateCharters(locals.supabase, locals.user!.id)
	]);
	if (list.error || overview.error) error(503, m.error_charters_unavailable());
	const mine = new Map(memberships.map((m) => [m.charterId, m]));
	const charters = (list.data ?? []).map((c) => ({
		...c,
		actionCount: c.actions[0]?.count ?? 0,
		membership: mine.get(c.id) ?? null
	}));
	const sort = parseSort(url.searchParams);
	// The headline figures (delays, budget, indicators) are the partners' and the coordination's business: an
	// elected official follows their communes' interns on Ma commune, not these.
	const rows = ((overview.data ?? []) as unknown as OverviewRow[])
		.map((row) => ({ ...row, role: mine.get(row.charter_id)?.role ?? null }))
		.filter((row) => row.role !== 'elected_official');
	return {
		mine: charters.filter((c) => c.membership),
		published: charters.filter((c) => !c.membership),
		overview: sortOverview(rows, sort.key, sort.order),
		sort,
		canCreate
	};
};
