import { error } from '@sveltejs/kit';
import type { Database } from '#lib/database.types.js';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { todayIso } from '#lib/format.js';
import { overdueCount } from '#lib/server/support-referrals.js';
import { decisionStatusSchema } from '#lib/schemas/decisions.js';
import { decisionCode, loadOwnedOpenDecisions, setDecisionStatus } from '#lib/server/decisions.js';
import { formAction } from '#lib/server/form-action.js';

type Row = Database['public']['Functions']['my_actions']['Returns'][number];

export interface ObjectiveGroup {
	id: string;
	code: string;
	title: string;
	actions: Row[];
}
export interface CharterGroup {
	id: string;
	slug: string;
	title: string;
	objectives: ObjectiveGroup[];
}

/** One RPC: the actions of the user's organizations and of the charters they coordinate, with their flags. */
export const load: PageServerLoad = async ({ locals, parent }) => {
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
	const { data, error: err } = await locals.supabase.rpc('my_actions');
	if (err) error(503, m.error_my_actions_unavailable());
	const owned = await decisions;
	if (owners.length && !owned) error(503, m.decisions_error_unavailable());
	const rows = data ?? [];

	// The SQL already orders by charter, objective and action: grouping keeps that order.
	const charters: CharterGroup[] = [];
	for (const row of rows) {
		let charter = charters.at(-1);
		if (charter?.id !== row.charter_id) {
			charter = { id: row.charter_id, slug: row.charter_slug, title: row.charter_title, objectives: [] };
			charters.push(charter);
		}
		let objective = charter.objectives.at(-1);
		if (objective?.id !== row.objective_id) {
			objective = { id: row.objective_id, code: row.objective_code, title: row.objective_title, actions: [] };
			charter.objectives.push(objective);
		}
		objective.actions.push(row);
	}

	// What needs attention first: overdue, then blocked, then stale; the oldest news first within each.
	const weight = (r: Row) => (r.is_overdue ? 4 : 0) + (r.is_blocked ? 2 : 0) + (r.is_stale ? 1 : 0);
	const attention = rows
		.filter((r) => r.is_overdue || r.is_stale || r.is_blocked)
		.sort((a, b) => weight(b) - weight(a) || a.last_activity_at.localeCompare(b.last_activity_at));

	return {
		overdueReferrals: await overdueReferrals,
		decisions: owned,
		charters,
		attention,
		counts: {
			total: rows.length,
			overdue: rows.filter((r) => r.is_overdue).length,
			stale: rows.filter((r) => r.is_stale).length,
			blocked: rows.filter((r) => r.is_blocked).length
		}
	};
};

export const actions: Actions = {
	// The owner's representatives mark a decision done (or open again): RLS and prepare_decision decide.
	etat: formAction(decisionStatusSchema, { id: 'status' }, async (d, { event }) => {
		await decisionCode(event.locals.supabase, d.id);
		return setDecisionStatus(event.locals.supabase, d.id, d.status, d.comment);
	})
};
