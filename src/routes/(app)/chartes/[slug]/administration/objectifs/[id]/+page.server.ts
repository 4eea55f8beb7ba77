import { error } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { objectiveSchema } from '#lib/schemas/admin.js';
import { orNull } from '#lib/schemas/fields.js';
import { isUuid } from '#lib/domain/patterns.js';
import { formAction, mustChange } from '#lib/server/form-action.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { charter } = await parent();
	if (!isUuid(params.id)) error(404, m.error_objective_not_found());
	const { data: objective } = await locals.supabase
		.from('objectives')
		.select('id, code, title, description')
		.eq('id', params.id)
		.eq('charter_id', charter.id)
		.maybeSingle();
	if (!objective) error(404, m.error_objective_not_found());
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
	default: formAction(objectiveSchema, { id: 'objective' }, async (d, { event: { locals, params } }) => {
		if (!isUuid(params.id)) error(404, m.error_objective_not_found());
		mustChange(
			await locals.supabase
				.from('objectives')
				.update({ code: d.code, title: d.title, description: orNull(d.description) })
				.eq('id', params.id)
				.select('id'),
			{ unique: { field: 'code', text: m.admin_objective_code_taken() } }
		);
		return m.admin_objective_saved({ code: d.code });
	})
};
