import { error, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { recordRequestSchema } from '#lib/schemas/support-request.js';
import { formAction } from '#lib/server/form-action.js';
import {
	blankChoices,
	checkRequestCommunes,
	coordinatedCharter,
	recordRequest,
	supportRetentionMonths
} from '#lib/server/support-intake.js';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A coordinator records a request taken by phone, e-mail, at an event (`?edition=<occurrence>`) or from a partner. */
export const load: PageServerLoad = async ({ parent, url }) => {
	const { charter, membership } = await parent();
	if (membership?.role !== 'coordinator') error(403, m.intake_record_forbidden());
	const form = await superValidate(zod4(recordRequestSchema), { errors: false });
	blankChoices(form.data);
	const edition = url.searchParams.get('edition') ?? '';
	if (UUID.test(edition)) {
		form.data.channel = 'event';
		form.data.occurrenceId = edition.toLowerCase();
	}
	return { form, retentionMonths: supportRetentionMonths(), slug: charter.slug };
};

export const actions: Actions = {
	default: formAction(
		recordRequestSchema,
		{
			context: (event) => coordinatedCharter(event.locals, event.params.slug),
			check: async ({ form, event }) => ({ communes: await checkRequestCommunes(event.locals.supabase, form) })
		},
		async (d, { context: charter, event: { locals } }) => {
			const reference = await recordRequest(locals.supabase, charter.id, locals.user!.id, d);
			redirect(303, `/chartes/${charter.slug}/demandes/${encodeURIComponent(reference)}`);
		}
	)
};
