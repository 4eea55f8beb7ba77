import { error as httpError, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { newCharterSchema, RESERVED_SLUGS, slugify } from '#lib/schemas/admin.js';
import { charterDetailsColumns } from '#lib/server/admin-rows.js';
import { canCreateCharters } from '#lib/server/charter-creators.js';
import { dbRefusal, formAction } from '#lib/server/form-action.js';
import type { Actions, PageServerLoad } from './$types';

/**
 * A person a platform administrator allowed to (charter_creators) starts a charter; the database makes its
 * creator its coordinator (trigger). Others get a 403 that says whom to ask.
 */
export const load: PageServerLoad = async ({ locals }) => {
	if (!(await canCreateCharters(locals.supabase, locals.user!.id))) httpError(403, m.admin_new_charter_not_allowed());
	return {
		form: await superValidate(
			{
				title: '',
				shortTitle: '',
				slug: '',
				scopeLevel: 'departement',
				territoryCode: '',
				territoryLabel: '',
				signedOn: '',
				startsOn: '',
				endsOn: '',
				summary: ''
			},
			zod4(newCharterSchema),
			{ errors: false, id: 'new-charter' }
		)
	};
};

export const actions: Actions = {
	default: formAction(newCharterSchema, { id: 'new-charter' }, async (d, { form, event: { locals } }) => {
		const slug = d.slug || slugify(d.shortTitle || d.title);
		if (!slug || RESERVED_SLUGS.includes(slug)) return setError(form, 'slug', m.admin_error_slug());
		// No `select` after the insert: the creator's membership is written by a trigger in the same
		// statement, and the charter is read back on the next page.
		const { error } = await locals.supabase.from('charters').insert({
			slug,
			...charterDetailsColumns(d),
			created_by: locals.user!.id
		});
		if (error?.code === '42501') httpError(403, m.admin_new_charter_not_allowed());
		// Taken: by a charter this person may not even see (a draft, unpublished). The answer says only that the
		// address is not available, never whose it is nor whether that charter is published.
		if (error?.code === '23505') {
			form.data.slug = slug;
			return setError(form, 'slug', m.admin_error_slug_taken(), { status: 409 });
		}
		if (error) throw dbRefusal(error);
		redirect(303, `/chartes/${slug}/administration?creee`);
	})
};
