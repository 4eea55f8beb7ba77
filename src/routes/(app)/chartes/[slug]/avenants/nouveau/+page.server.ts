import { redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { openAmendmentSchema } from '#lib/amendments/amendment-form.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { formAction, refuse } from '#lib/server/form-action.js';
import { openAmendment } from '#lib/server/amendments/amendments.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { charter, membership } = await parent();
	if (membership?.role !== 'coordinator') redirect(303, `/chartes/${charter.slug}/avenants`);
	return {
		form: await superValidate({ title: '', summary: '' }, zod4(openAmendmentSchema), { errors: false })
	};
};

export const actions: Actions = {
	default: formAction(openAmendmentSchema, {}, async (d, { event }) => {
		const { charter, membership } = await loadCharter(event.locals, event.params.slug);
		if (membership?.role !== 'coordinator') refuse(403, m.admin_error_forbidden());
		const number = await openAmendment(event.locals.supabase, charter.id, d);
		// The amendment's page says it was opened (?ouvert=1): it works without JavaScript.
		redirect(303, `/chartes/${charter.slug}/avenants/${number}?ouvert=1`);
	})
};
