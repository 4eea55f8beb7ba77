import { error, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { formatDate, todayIso } from '#lib/format.js';
import { label, meetingKindLabels } from '#lib/labels.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { formAction, refuse } from '#lib/server/form-action.js';
import { GUEST_ROWS, planSchema } from '#lib/meetings/meeting-form.js';
import { loadInvitees, loadPartners, planMeeting } from '#lib/server/meetings/meeting-pages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { charter, membership } = await parent();
	if (membership?.role !== 'coordinator') redirect(303, `/chartes/${charter.slug}/reunions`);
	const [invitees, partners] = await Promise.all([
		loadInvitees(locals.supabase, charter.id),
		loadPartners(locals.supabase, charter.id)
	]).catch(() => error(503, m.mplan_error_unavailable()));
	const date = todayIso();
	return {
		invitees,
		partners,
		guestRows: GUEST_ROWS,
		form: await superValidate(
			{
				kind: 'copil' as const,
				title: m.mplan_default_title({ kind: label(meetingKindLabels, 'copil'), date: formatDate(date) }),
				date: '',
				time: '14:00',
				durationMinutes: 120,
				attendees: invitees.filter((p) => p.checked).map((p) => p.userId),
				guestOrganization: Array(GUEST_ROWS).fill(''),
				guestName: Array(GUEST_ROWS).fill(''),
				guestEmail: Array(GUEST_ROWS).fill('')
			},
			zod4(planSchema),
			{ errors: false }
		)
	};
};

export const actions: Actions = {
	default: formAction(planSchema, {}, async (d, { event }) => {
		const { charter, membership } = await loadCharter(event.locals, event.params.slug);
		if (membership?.role !== 'coordinator') refuse(403, m.admin_error_forbidden());
		const members = await loadInvitees(event.locals.supabase, charter.id);
		const id = await planMeeting(event.locals.supabase, charter.id, d, members);
		// The meeting's page says it was planned (?planifiee=1): it works without JavaScript.
		redirect(303, `/chartes/${charter.slug}/reunions/${id}?planifiee=1`);
	})
};
