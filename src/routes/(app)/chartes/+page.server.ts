import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { memberships } = await parent();
	// One query: every charter the user may see (their own and the published ones), with action counts.
	const { data, error: err } = await locals.supabase
		.from('charters')
		.select(
			'id, slug, title, short_title, scope_level, territory_label, signed_on, starts_on, ends_on, status, is_public, actions(count)'
		)
		.is('actions.archived_at', null)
		.order('title');
	if (err) error(503, 'Les chartes sont momentanément indisponibles.');
	const mine = new Map(memberships.map((m) => [m.charterId, m]));
	const charters = (data ?? []).map((c) => ({
		...c,
		actionCount: c.actions[0]?.count ?? 0,
		membership: mine.get(c.id) ?? null
	}));
	return {
		mine: charters.filter((c) => c.membership),
		published: charters.filter((c) => !c.membership)
	};
};
