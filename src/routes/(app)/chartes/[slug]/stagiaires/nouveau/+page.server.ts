import { redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { internshipSchema } from '#lib/schemas/internship.js';
import { formAction, refuse } from '#lib/server/form-action.js';
import {
	checkCommune,
	hostOptions,
	registerCharter,
	requireRegisterAccess,
	rowFromForm
} from '#lib/server/internships.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { membership } = await parent();
	const member = requireRegisterAccess(membership);
	const hosts = await hostOptions(locals.supabase, member);
	const form = await superValidate(zod4(internshipSchema));
	if (hosts.length === 1) form.data.hostOrganizationId = hosts[0].id;
	return { form, hosts };
};

export const actions: Actions = {
	default: formAction(
		internshipSchema,
		{
			context: registerCharter,
			check: async ({ form, event }) => {
				const name = await checkCommune(event.locals.supabase, form);
				if (!form.data.firstName) {
					form.valid = false;
					form.errors.firstName = [m.interns_first_name_required()];
				}
				return { communeName: name };
			}
		},
		async (d, { form, context: charter, event: { locals } }) => {
			const { data, error } = await locals.supabase
				.from('internships')
				.insert({ ...rowFromForm(d, false), charter_id: charter.id, created_by: locals.user!.id })
				.select('id')
				.single();
			if (error) {
				// RLS refuses a host the representative does not represent (42501); the rest is the service's fault.
				if (error.code === '42501')
					return setError(form, 'hostOrganizationId', m.interns_host_forbidden(), { status: 403 });
				refuse(503, m.interns_save_failed());
			}
			redirect(303, `/chartes/${charter.slug}/stagiaires/${data.id}?enregistre=1`);
		}
	)
};
