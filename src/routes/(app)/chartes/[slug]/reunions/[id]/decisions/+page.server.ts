import { error } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { todayIso } from '#lib/format.js';
import { m } from '#lib/paraglide/messages.js';
import {
	decisionStatusSchema,
	dropDecisionSchema,
	editDecisionSchema,
	recordDecisionSchema
} from '#lib/schemas/decisions.js';
import { orNull } from '#lib/schemas/fields.js';
import {
	DECISION_COLUMNS,
	decisionCode,
	recordDecision,
	setDecisionStatus,
	toDecisionRow
} from '#lib/server/decisions.js';
import { formAction, mustChange } from '#lib/server/form-action.js';
import { planOptions } from '#lib/server/plan-options.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { meeting, coordinator, charter, membership } = await parent();
	const [decisions, options] = await Promise.all([
		locals.supabase.from('decisions').select(DECISION_COLUMNS).eq('meeting_id', meeting.id).order('number'),
		coordinator ? planOptions(locals, charter.id) : null
	]);
	if (decisions.error) error(503, m.decisions_error_unavailable());
	const today = todayIso();
	return {
		decisions: (decisions.data as unknown as Parameters<typeof toDecisionRow>[0][]).map((d) => toDecisionRow(d, today)),
		organizations: options?.organizations ?? [],
		actionOptions: options?.actions ?? [],
		objectiveOptions: (options?.attachments ?? [])
			.filter((a) => a.value.startsWith('objective:'))
			.map((a) => ({ value: a.value.slice('objective:'.length), label: a.label })),
		myOrganizationId: membership?.role === 'partner_rep' ? membership.organizationId : null,
		recordForm: await superValidate(zod4(recordDecisionSchema), { id: 'record' })
	};
};

export const actions: Actions = {
	enregistrer: formAction(recordDecisionSchema, { id: 'record' }, async (d, { form, event }) => {
		const code = await recordDecision(event.locals.supabase, event.params.id, d);
		form.data = { ...form.data, text: '', dueOn: '', link: 'none', actionId: '', objectiveId: '', actionTitle: '' };
		return m.decisions_recorded({ code });
	}),

	modifier: formAction(editDecisionSchema, { id: 'edit' }, async (d, { event }) => {
		const rows = mustChange(
			await event.locals.supabase
				.from('decisions')
				.update({
					text: d.text,
					owner_organization_id: d.ownerOrganizationId,
					due_on: orNull(d.dueOn),
					action_id: orNull(d.actionId)
				})
				.eq('id', d.id)
				.eq('meeting_id', event.params.id)
				.select('code')
		);
		return m.decisions_saved({ code: rows[0].code });
	}),

	abandonner: formAction(dropDecisionSchema, { id: 'drop' }, async (d, { event }) => {
		const rows = mustChange(
			await event.locals.supabase
				.from('decisions')
				.update({ status: 'dropped', status_comment: d.comment })
				.eq('id', d.id)
				.eq('meeting_id', event.params.id)
				.select('code')
		);
		return m.decisions_dropped({ code: rows[0].code });
	}),

	etat: formAction(decisionStatusSchema, { id: 'status' }, async (d, { event }) => {
		await decisionCode(event.locals.supabase, d.id);
		return setDecisionStatus(event.locals.supabase, d.id, d.status, d.comment);
	})
};
