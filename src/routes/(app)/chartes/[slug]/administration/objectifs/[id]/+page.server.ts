import { error, fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { objectiveSchema } from '#lib/schemas/admin.js';
import { orNull } from '#lib/schemas/fields.js';
import { isUuid } from '#lib/domain/patterns.js';
import { dbErrorMessage, dbErrorStatus } from '#lib/server/db-errors.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { charter } = await parent();
	if (!isUuid(params.id)) error(404, 'Objectif introuvable.');
	const { data: objective } = await locals.supabase
		.from('objectives')
		.select('id, code, title, description')
		.eq('id', params.id)
		.eq('charter_id', charter.id)
		.maybeSingle();
	if (!objective) error(404, 'Objectif introuvable.');
	return {
		objective,
		form: await superValidate(
			{ code: objective.code, title: objective.title, description: objective.description ?? '' },
			zod4(objectiveSchema),
			{ errors: false, id: 'objective' }
		)
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(objectiveSchema), { id: 'objective' });
		if (!form.valid) return fail(400, { form });
		if (!isUuid(params.id)) error(404, 'Objectif introuvable.');
		const { data, error: err } = await locals.supabase
			.from('objectives')
			.update({ code: form.data.code, title: form.data.title, description: orNull(form.data.description) })
			.eq('id', params.id)
			.select('id');
		if (err?.code === '23505') return setError(form, 'code', m.admin_objective_code_taken(), { status: 409 });
		if (err) return message(form, { kind: 'error', text: dbErrorMessage(err) }, { status: dbErrorStatus(err) });
		if (!data.length) return message(form, { kind: 'error', text: m.admin_error_forbidden() }, { status: 403 });
		return message(form, { kind: 'success', text: m.admin_objective_saved({ code: form.data.code }) });
	}
};
