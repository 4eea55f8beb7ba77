import {
	checkCommune,
	communeName,
	formFromRow,
	hostOptions,
	registerCharter,
	requireRegisterAccess,
	rowFromForm
} from '#lib/server/internships.js';
import { error, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { isUuid } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';
import { eraseSchema, internshipSchema } from '#lib/schemas/internship.js';
import { dbErrorMessage } from '#lib/server/db-errors.js';
import { formAction, refuse } from '#lib/server/form-action.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, params, url }) => {
	const { charter, membership } = await parent();
	const member = requireRegisterAccess(membership);
	if (!isUuid(params.id)) error(404, m.error_internship_not_found());
	const { data: row, error: err } = await locals.supabase
		.from('internships')
		.select('*')
		.eq('id', params.id)
		.eq('charter_id', charter.id)
		.maybeSingle();
	if (err) error(503, m.error_internship_unavailable());
	if (!row) error(404, m.error_internship_not_found());
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

/** The charter and whether the placement's personal data are erased (404 when it is not the charter's). */
async function placement(event: { locals: App.Locals; params: { slug: string; id: string } }) {
	const charter = await registerCharter(event);
	const { data: current } = await event.locals.supabase
		.from('internships')
		.select('erased_at')
		.eq('id', event.params.id)
		.eq('charter_id', charter.id)
		.maybeSingle();
	if (!current) error(404, m.error_internship_not_found());
	return { charter, erased: current.erased_at !== null };
}

export const actions: Actions = {
	enregistrer: formAction(
		internshipSchema,
		{
			context: placement,
			check: async ({ form, context, event }) => {
				const name = await checkCommune(event.locals.supabase, form);
				if (!context.erased && !form.data.firstName) {
					form.valid = false;
					form.errors.firstName = [m.interns_first_name_required()];
				}
				return { communeName: name };
			}
		},
		async (d, { form, context: { charter, erased }, event: { locals, params } }) => {
			// Optimistic concurrency: the update applies only to the version the form was loaded from.
			const { data, error: err } = await locals.supabase
				.from('internships')
				.update(rowFromForm(d, erased))
				.eq('id', params.id)
				.eq('charter_id', charter.id)
				.eq('version', d.version)
				.select('version')
				.maybeSingle();
			if (err) {
				if (err.code === '42501')
					return setError(form, 'hostOrganizationId', m.interns_host_forbidden(), { status: 403 });
				refuse(503, m.interns_save_failed());
			}
			if (!data) refuse(409, m.interns_version_conflict());
			form.data.version = data.version;
			return m.interns_saved();
		}
	),
	effacer: formAction(
		eraseSchema,
		{ id: 'erase', context: registerCharter },
		async (_d, { context: charter, event }) => {
			const { error: err } = await event.locals.supabase.rpc('erase_intern_personal_data', {
				p_internship_id: event.params.id
			});
			if (err) {
				if (err.code === 'PT403' || err.code === 'PT409') refuse(err.code === 'PT403' ? 403 : 409, dbErrorMessage(err));
				refuse(503, m.interns_save_failed());
			}
			redirect(303, `/chartes/${charter.slug}/stagiaires/${event.params.id}?efface=1`);
		}
	)
};
