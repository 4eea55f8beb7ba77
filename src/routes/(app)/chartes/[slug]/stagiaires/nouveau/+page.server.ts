import { fail, redirect } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { internshipSchema } from '#lib/schemas/internship.js';
import { checkCommune, hostOptions, requireRegisterAccess, rowFromForm } from '#lib/server/internships.js';
import { loadCharter } from '#lib/server/charter-access.js';
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
	default: async ({ request, locals, params }) => {
		const { charter, membership } = await loadCharter(locals, params.slug);
		requireRegisterAccess(membership);
		const form = await superValidate(request, zod4(internshipSchema));
		const name = await checkCommune(locals.supabase, form);
		if (!form.data.firstName) {
			form.valid = false;
			form.errors.firstName = [m.interns_first_name_required()];
		}
		if (!form.valid) return fail(400, { form, communeName: name });

		const { data, error } = await locals.supabase
			.from('internships')
			.insert({ ...rowFromForm(form.data, false), charter_id: charter.id, created_by: locals.user!.id })
			.select('id')
			.single();
		if (error) {
			// RLS refuses a host the representative does not represent (42501); the rest is the service's fault.
			if (error.code === '42501')
				return setError(form, 'hostOrganizationId', m.interns_host_forbidden(), { status: 403 });
			return message(form, { kind: 'error', text: m.interns_save_failed() }, { status: 503 });
		}
		redirect(303, `/chartes/${charter.slug}/stagiaires/${data.id}?enregistre=1`);
	}
};
