import { indicatorView } from '#lib/dashboard-view.js';
import { error } from '@sveltejs/kit';
import { todayIso } from '#lib/format.js';
import type { Summary } from '#lib/domain/types.js';
import { m } from '#lib/paraglide/messages.js';
import { type DashboardAction, type Indicator, type ObjectiveFigures } from '#lib/server/dashboard-data.js';
import { publicationAction } from '#lib/server/publication-action.js';
import { loadPublicDocuments } from '#lib/server/open-data/data.js';
import type { Actions, PageServerLoad } from './$types';

/**
 * The public page of a published charter, reachable without an account: progress, objectives, actions and
 * indicators. No journal (comments, authors), no members, no money, no personal data: only what RLS shows
 * the public anyway. An unpublished or unknown charter is a 404, except for its coordinators, who get a
 * preview with the button that publishes it.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const { data: charter, error: err } = await locals.supabase
		.from('charters')
		.select(
			'id, slug, title, short_title, summary, territory_label, signed_on, starts_on, ends_on, status, is_public, intake_open, budget_total, open_data_licence'
		)
		.eq('slug', params.slug)
		.maybeSingle();
	if (err) error(503, m.error_charter_unavailable());
	let coordinator = false;
	if (charter && locals.user) {
		const { data: member } = await locals.supabase
			.from('charter_members')
			.select('role')
			.eq('charter_id', charter.id)
			.eq('user_id', locals.user.id)
			.maybeSingle();
		coordinator = member?.role === 'coordinator';
	}
	if (!charter || (!charter.is_public && !coordinator)) error(404, m.error_charter_not_found());

	const today = todayIso();
	const args = { p_charter_id: charter.id, p_today: today };
	const [document, actions, editions, documents] = await Promise.all([
		locals.supabase.rpc('charter_dashboard', args),
		locals.supabase.rpc('dashboard_actions', args),
		// The editions of event actions (published charters: RLS lets anyone read them).
		locals.supabase
			.from('action_occurrences')
			.select('id, action_id, held_on, participants, professionals, interested, commune:communes(name)')
			.eq('charter_id', charter.id)
			.order('held_on', { ascending: false })
			.limit(1000),
		// The documents a coordinator marked public (on a published charter, anyone reads them).
		loadPublicDocuments(locals.supabase, charter.id)
	]);
	if (document.error || actions.error || !document.data) error(503, m.error_charter_unavailable());
	const d = document.data as unknown as { summary: Summary; objectives: ObjectiveFigures[]; indicators: Indicator[] };
	return {
		today,
		charter,
		coordinator,
		// Only what the public page shows: no money, no journal, no partners of actions.
		summary: {
			...d.summary,
			budget_planned: null,
			budget_committed: null,
			budget_paid: null,
			fundings: 0,
			fundings_unknown: 0
		},
		objectives: d.objectives,
		actions: (actions.data as DashboardAction[]).map((a) => ({
			id: a.id,
			objective_id: a.objective_id,
			code: a.code,
			title: a.title,
			lead_name: a.lead_name,
			status: a.status,
			progress: a.progress,
			due_on: a.due_on,
			is_overdue: a.is_overdue
		})),
		indicators: d.indicators.map(indicatorView),
		editions: (actions.data as DashboardAction[]).flatMap((a) => {
			const list = (editions.data ?? []).filter((e) => e.action_id === a.id);
			return list.length ? [{ action: { id: a.id, code: a.code, title: a.title }, editions: list }] : [];
		}),
		documents,
		canPublish: coordinator
	};
};

export const actions: Actions = { publication: publicationAction };
