import { error } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { isUuid } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';
import { agendaItemSchema, agendaNotesSchema } from '#lib/schemas/decisions.js';
import { addAgendaItem, loadAgenda, proposedText } from '#lib/server/agenda.js';
import { dbErrorMessage, dbErrorStatus } from '#lib/server/db-errors.js';
import { formAction, mustChange, refuse } from '#lib/server/form-action.js';
import { failure, field, success } from '#lib/server/row-actions.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { meeting, charter } = await parent();
	const items = await loadAgenda(locals.supabase, meeting.id, charter.slug);
	if (!items) error(503, m.decisions_error_unavailable());
	return {
		items,
		itemForm: await superValidate(zod4(agendaItemSchema), { id: 'item' })
	};
};

export const actions: Actions = {
	ajouter: formAction(agendaItemSchema, { id: 'item' }, async (d, { form, event: { locals, params } }) => {
		const { data: meeting } = await locals.supabase
			.from('meetings')
			.select('id, charter_id')
			.eq('id', params.id)
			.maybeSingle();
		if (!meeting) refuse(404, m.meeting_not_found());
		await addAgendaItem(locals.supabase, meeting, d);
		form.data = { title: '', notes: '' };
		return m.agenda_added();
	}),

	notes: formAction(agendaNotesSchema, { id: 'notes' }, async (d, { event: { locals, params } }) => {
		mustChange(
			await locals.supabase
				.from('meeting_items')
				.update({ notes: d.notes || null })
				.eq('id', d.id)
				.eq('meeting_id', params.id)
				.select('id')
		);
		return m.agenda_notes_saved();
	}),

	retirer: async ({ request, locals, params }) => {
		const id = field(await request.formData(), 'id');
		if (!isUuid(id)) return failure(400, m.admin_error_choice_required());
		const { data, error: err } = await locals.supabase
			.from('meeting_items')
			.delete()
			.eq('id', id)
			.eq('meeting_id', params.id)
			.select('id');
		if (err) return failure(dbErrorStatus(err), dbErrorMessage(err));
		if (!data.length) return failure(403, m.admin_error_forbidden());
		return success(m.agenda_removed());
	},

	deplacer: async ({ request, locals }) => {
		const data = await request.formData();
		const id = field(data, 'id');
		const direction = field(data, 'direction');
		if (!isUuid(id) || !['up', 'down'].includes(direction)) return failure(400, m.admin_error_choice_required());
		const { error: err } = await locals.supabase.rpc('move_meeting_item', { p_item_id: id, p_direction: direction });
		if (err) return failure(dbErrorStatus(err), dbErrorMessage(err));
		return success(m.agenda_moved());
	},

	proposer: async ({ locals, params }) => {
		if (!isUuid(params.id)) return failure(404, m.meeting_not_found());
		const { data, error: err } = await locals.supabase.rpc('propose_agenda_items', { p_meeting_id: params.id });
		if (err) return failure(dbErrorStatus(err), dbErrorMessage(err));
		return success(proposedText(data ?? 0));
	}
};
