import { error } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { isUuid } from '#lib/domain/patterns.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { Refusal, formAction, must, mustChange, refuse } from '#lib/server/form-action.js';
import { askConfirmation, failure, field, isConfirmed, success } from '#lib/server/row-actions.js';
import {
	addGuestSchema,
	addMemberSchema,
	meetingColumns,
	meetingSchema,
	presencePairs
} from '#lib/meetings/meeting-form.js';
import { loadAttendees, loadInvitees, loadPartners, meetingFormValues } from '#lib/server/meetings/meeting-pages.js';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { charter, meeting, coordinator } = await parent();
	const attendees = await loadAttendees(locals.supabase, meeting.id).catch(() =>
		error(503, m.mplan_error_unavailable())
	);
	const planned = meeting.status === 'planned';
	const editable = coordinator && planned;
	const [invitees, partners] = editable
		? await Promise.all([loadInvitees(locals.supabase, charter.id), loadPartners(locals.supabase, charter.id)]).catch(
				() => error(503, m.mplan_error_unavailable())
			)
		: [[], []];
	const invited = new Set(attendees.map((a) => a.userId));
	return {
		attendees,
		editable,
		planned,
		justPlanned: url.searchParams.get('planifiee') === '1',
		candidates: invitees.filter((p) => !invited.has(p.userId)),
		partners,
		editForm: await superValidate(meetingFormValues(meeting), zod4(meetingSchema), { errors: false, id: 'edit' }),
		memberForm: await superValidate({ userId: '' }, zod4(addMemberSchema), { errors: false, id: 'add-member' }),
		guestForm: await superValidate({ organizationId: '', name: '', email: '' }, zod4(addGuestSchema), {
			errors: false,
			id: 'add-guest'
		})
	};
};

/** The meeting, for a coordinator of its charter, while it is planned (else a refusal the form shows). */
async function plannedMeeting(event: RequestEvent) {
	const { charter, membership } = await loadCharter(event.locals, event.params.slug);
	if (membership?.role !== 'coordinator') refuse(403, m.admin_error_forbidden());
	if (!isUuid(event.params.id)) refuse(404, m.meeting_not_found());
	const meeting = must(
		await event.locals.supabase
			.from('meetings')
			.select('*')
			.eq('id', event.params.id)
			.eq('charter_id', charter.id)
			.maybeSingle()
	);
	if (!meeting) refuse(404, m.meeting_not_found());
	if (meeting.status !== 'planned') refuse(409, m.mplan_not_planned());
	return { charter, meeting };
}

export const actions: Actions = {
	modifier: formAction(meetingSchema, { id: 'edit' }, async (d, { event }) => {
		const { meeting } = await plannedMeeting(event);
		const [row] = mustChange(
			await event.locals.supabase.from('meetings').update(meetingColumns(d)).eq('id', meeting.id).select('sequence')
		);
		return row.sequence > meeting.sequence ? m.mplan_saved_sent() : m.mplan_saved();
	}),

	annuler: async (event) => {
		const data = await event.request.formData();
		try {
			const { meeting } = await plannedMeeting(event);
			if (!isConfirmed(data)) {
				return askConfirmation({
					action: '?/annuler',
					fields: {},
					title: m.mplan_cancel_title(),
					text: m.mplan_cancel_text(),
					confirmLabel: m.mplan_cancel_confirm(),
					danger: true
				});
			}
			mustChange(
				await event.locals.supabase.from('meetings').update({ status: 'cancelled' }).eq('id', meeting.id).select('id')
			);
			return success(m.mplan_cancelled());
		} catch (thrown) {
			return refusal(thrown);
		}
	},

	inviterMembre: formAction(addMemberSchema, { id: 'add-member' }, async (d, { event }) => {
		const { charter, meeting } = await plannedMeeting(event);
		const members = await loadInvitees(event.locals.supabase, charter.id);
		const person = members.find((p) => p.userId === d.userId);
		if (!person) refuse(400, m.admin_error_choice_required(), 'userId');
		must(
			await event.locals.supabase
				.from('meeting_attendees')
				.insert({ meeting_id: meeting.id, charter_id: charter.id, user_id: d.userId }),
			{ unique: { field: 'userId', text: m.mplan_already_invited() } }
		);
		return m.mplan_added({ name: person.name });
	}),

	inviterInvite: formAction(addGuestSchema, { id: 'add-guest' }, async (d, { event, form }) => {
		const { charter, meeting } = await plannedMeeting(event);
		must(
			await event.locals.supabase.from('meeting_attendees').insert({
				meeting_id: meeting.id,
				charter_id: charter.id,
				organization_id: d.organizationId,
				guest_name: d.name,
				guest_email: d.email
			}),
			{ unique: { field: 'email', text: m.mplan_already_invited() } }
		);
		form.data = { organizationId: '', name: '', email: '' };
		return m.mplan_added({ name: d.name });
	}),

	retirer: async (event) => {
		const data = await event.request.formData();
		const id = field(data, 'attendee');
		try {
			const { meeting } = await plannedMeeting(event);
			if (!isUuid(id)) refuse(400, m.admin_error_choice_required());
			const [row] = mustChange(
				await event.locals.supabase
					.from('meeting_attendees')
					.delete()
					.eq('id', id)
					.eq('meeting_id', meeting.id)
					.select('guest_name, profile:profiles(display_name)')
			);
			return success(m.mplan_removed({ name: row.profile?.display_name ?? row.guest_name ?? '—' }));
		} catch (thrown) {
			return refusal(thrown);
		}
	},

	// Presence is recorded on the day: a held meeting too (not a cancelled one).
	presences: async (event) => {
		const data = await event.request.formData();
		const pairs = presencePairs(data);
		if (!pairs) return failure(400, m.admin_error_choice_required());
		try {
			const { charter, membership } = await loadCharter(event.locals, event.params.slug);
			if (membership?.role !== 'coordinator') refuse(403, m.admin_error_forbidden());
			for (const { id, presence } of pairs) {
				must(
					await event.locals.supabase
						.from('meeting_attendees')
						.update({ presence })
						.eq('id', id)
						.eq('meeting_id', event.params.id)
						.eq('charter_id', charter.id)
				);
			}
			return success(m.mplan_presence_saved());
		} catch (thrown) {
			return refusal(thrown);
		}
	}
};

/** A refusal of a row action becomes its notice above the page (4xx); anything else is thrown. */
function refusal(thrown: unknown) {
	if (thrown instanceof Refusal) return failure(thrown.status, thrown.text);
	throw thrown;
}
