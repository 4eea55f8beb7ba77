import { redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { getLocale } from '#lib/paraglide/runtime.js';
import { publicRequestSchema } from '#lib/schemas/support-request.js';
import { formAction } from '#lib/server/form-action.js';
import {
	blankChoices,
	checkRequestCommunes,
	guardPublicPost,
	openedAtToken,
	openIntakeCharter,
	submitPublicRequest,
	supportRetentionMonths
} from '#lib/server/support-intake.js';
import type { Actions, PageServerLoad } from './$types';

/** "Vous souhaitez vous installer ?": the public form of a published charter that opened it (404 otherwise). */
export const load: PageServerLoad = async ({ locals, params }) => {
	const charter = await openIntakeCharter(locals.supabase, params.slug);
	const form = await superValidate(zod4(publicRequestSchema), { errors: false });
	form.data.openedAt = openedAtToken(charter.id);
	blankChoices(form.data);
	// The acknowledgement's language: the one the visitor reads the site in, unless they choose another.
	form.data.locale = getLocale() === 'en' ? 'en' : 'fr';
	return { charter, form, retentionMonths: supportRetentionMonths() };
};

export const actions: Actions = {
	default: formAction(
		publicRequestSchema,
		{
			context: (event) => openIntakeCharter(event.locals.supabase, event.params.slug),
			check: async ({ form, event }) => ({ communes: await checkRequestCommunes(event.locals.supabase, form) })
		},
		async (d, { form, context: charter, event }) => {
			await guardPublicPost(form, charter.id, event);
			const reference = await submitPublicRequest(charter.id, d);
			redirect(303, `/public/${charter.slug}/installation/envoyee?reference=${encodeURIComponent(reference)}`);
		}
	)
};
