import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { todayIso } from '#lib/format.js';
import { m } from '#lib/paraglide/messages.js';
import { formAction, refuse } from '#lib/server/form-action.js';
import { isOverdue, loadReferral, partnerReferral, requirePartner } from '#lib/server/support-referrals.js';
import { answerReferral, writeEvent } from '#lib/server/support-routing.js';
import { answerSchema, noteSchema } from '#lib/server/support-routing-schemas.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, params }) => {
	requirePartner((await parent()).memberships);
	const { referral, events } = await loadReferral(locals.supabase, params.referral);
	const [answerForm, noteForm] = await Promise.all([
		superValidate(zod4(answerSchema), { id: 'answer' }),
		superValidate(zod4(noteSchema), { id: 'note' })
	]);
	return { referral, events, overdue: isOverdue(referral, todayIso()), answerForm, noteForm };
};

export const actions: Actions = {
	repondre: formAction(
		answerSchema,
		{ id: 'answer', context: partnerReferral },
		async (d, { context: referral, event }) => {
			if (referral.erased) refuse(409, m.routing_erased_no_text());
			if (referral.status === d.decision) refuse(409, m.routing_answer_same());
			await answerReferral(event.locals.supabase, referral, d.decision, d.body);
			return m.routing_answer_saved();
		}
	),
	noter: formAction(noteSchema, { id: 'note', context: partnerReferral }, async (d, { context: referral, event }) => {
		if (referral.erased) refuse(409, m.routing_erased_no_text());
		await writeEvent(
			event.locals.supabase,
			{ id: referral.request_id, charter_id: referral.charter_id },
			{ kind: d.kind, body: d.body, organizationId: referral.organization_id }
		);
		return m.routing_note_saved();
	})
};
