import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { todayIso } from '#lib/format.js';
import { overdueCount } from '#lib/server/support-referrals.js';
import { decisionStatusSchema } from '#lib/schemas/decisions.js';
import { decisionCode, loadOwnedOpenDecisions, setDecisionStatus } from '#lib/server/decisions.js';
import { formAction } from '#lib/server/form-action.js';
import { myActionsView } from './my-actions.ts';

/**
 * One RPC: the actions of the user's organizations and of the charters they coordinate, with their flags. It
 * starts with the layout's memberships (it does not need them); myActionsView decides what the page shows.
 */
export const load: PageServerLoad = async ({ locals, parent, url }) => {
	// A query builder runs when awaited: `.then` sends it now.
	const mine = locals.supabase.rpc('my_actions').then((result) => result);
	const { memberships } = await parent();
	// The requests referred to the user's organizations that are past their due date (installation support).
	const overdueReferrals = memberships.some((ms) => ms.role === 'partner_rep')
		? overdueCount(locals.supabase, todayIso())
		: Promise.resolve(0);
	// The open decisions owned by the organizations the user represents (null: they represent none).
	const owners = memberships
		.filter((ms) => ms.role === 'partner_rep' && ms.organizationId)
		.map((ms) => ({ charterId: ms.charterId, organizationId: ms.organizationId! }));
	const decisions = owners.length ? loadOwnedOpenDecisions(locals.supabase, owners, todayIso()) : Promise.resolve(null);
	const { data, error: err } = await mine;
	if (err) error(503, m.error_my_actions_unavailable());
	const owned = await decisions;
	if (owners.length && !owned) error(503, m.decisions_error_unavailable());

	const charterSlug = url.searchParams.get('charte') || null;
	const view = myActionsView(data ?? [], charterSlug);
	if (!view) error(404, m.actions_mine_charter_none());
	return { overdueReferrals: await overdueReferrals, decisions: owned, view };
};

export const actions: Actions = {
	// The owner's representatives mark a decision done (or open again): RLS and prepare_decision decide.
	etat: formAction(decisionStatusSchema, { id: 'status' }, async (d, { event }) => {
		await decisionCode(event.locals.supabase, d.id);
		return setDecisionStatus(event.locals.supabase, d.id, d.status, d.comment);
	})
};
