import { error, fail, redirect } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { isUuid } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';
import { eraseSchema, internshipSchema } from '#lib/schemas/internship.js';
import {
	charterContext,
	checkCommune,
	communeName,
	formFromRow,
	hostOptions,
	requireRegisterAccess,
	rowFromForm
} from '#lib/server/internships.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, params, url }) => {
	const { charter, membership } = await parent();
	const member = requireRegisterAccess(membership);
	if (!isUuid(params.id)) error(404, 'Stage introuvable.');
	const { data: row, error: err } = await locals.supabase
		.from('internships')
		.select('*')
		.eq('id', params.id)
		.eq('charter_id', charter.id)
		.maybeSingle();
	if (err) error(503, 'Ce stage est momentanément indisponible.');
	if (!row) error(404, 'Stage introuvable.');
	const [hosts, name] = await Promise.all([
		hostOptions(locals.supabase, member),
		communeName(locals.supabase, row.commune_code)
	]);
	// A representative may see a placement hosted by their organization only; keep the current host listed.
	if (!hosts.some((h) => h.id === row.host_organization_id)) {
		const { data: host } = await locals.supabase
			.from('organizations')
			.select('id, name')
			.eq('id', row.host_organization_id)
			.maybeSingle();
		if (host) hosts.unshift(host);
	}
	const form = await superValidate(formFromRow(row), zod4(internshipSchema), { errors: false });
	if (url.searchParams.has('enregistre')) form.message = { kind: 'success', text: m.interns_created() };
	return {
		form,
		hosts,
		communeName: name,
		internship: {
			id: row.id,
			firstName: row.intern_first_name,
			erasedAt: row.erased_at,
			status: row.status,
			endsOn: row.ends_on
		},
		canErase: member.role === 'coordinator' && !row.erased_at,
		eraseForm: await superValidate(zod4(eraseSchema), { id: 'erase' })
	};
};

export const actions: Actions = {
	enregistrer: async ({ request, locals, params }) => {
		const { charter, membership } = await charterContext(locals, params.slug);
		requireRegisterAccess(membership);
		const form = await superValidate(request, zod4(internshipSchema));
		const { data: current } = await locals.supabase
			.from('internships')
			.select('erased_at')
			.eq('id', params.id)
			.eq('charter_id', charter.id)
			.maybeSingle();
		if (!current) error(404, 'Stage introuvable.');
		const erased = current.erased_at !== null;
		const name = await checkCommune(locals.supabase, form);
		if (!erased && !form.data.firstName) {
			form.valid = false;
			form.errors.firstName = [m.interns_first_name_required()];
		}
		if (!form.valid) return fail(400, { form, communeName: name });

		// Optimistic concurrency: the update applies only to the version the form was loaded from.
		const { data, error: err } = await locals.supabase
			.from('internships')
			.update(rowFromForm(form.data, erased))
			.eq('id', params.id)
			.eq('charter_id', charter.id)
			.eq('version', form.data.version)
			.select('version')
			.maybeSingle();
		if (err) {
			if (err.code === '42501')
				return setError(form, 'hostOrganizationId', m.interns_host_forbidden(), { status: 403 });
			return message(form, { kind: 'error', text: m.interns_save_failed() }, { status: 503 });
		}
		if (!data) return message(form, { kind: 'error', text: m.interns_version_conflict() }, { status: 409 });
		form.data.version = data.version;
		return message(form, { kind: 'success', text: m.interns_saved() });
	},
	effacer: async ({ request, locals, params }) => {
		const { charter, membership } = await charterContext(locals, params.slug);
		requireRegisterAccess(membership);
		const eraseForm = await superValidate(request, zod4(eraseSchema), { id: 'erase' });
		if (!eraseForm.valid) return fail(400, { form: eraseForm });
		const { error: err } = await locals.supabase.rpc('erase_intern_personal_data', { p_internship_id: params.id });
		if (err) {
			const status = err.code === 'PT403' ? 403 : err.code === 'PT409' ? 409 : 503;
			return message(
				eraseForm,
				{ kind: 'error', text: status === 503 ? m.interns_save_failed() : err.message },
				{ status }
			);
		}
		redirect(303, `/chartes/${charter.slug}/stagiaires/${params.id}?efface=1`);
	}
};
