import { error } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { indicatorSchema } from '#lib/schemas/admin.js';
import { indicatorColumns } from '#lib/server/admin-rows.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { formAction, must } from '#lib/server/form-action.js';
import { planOptions } from '#lib/server/plan-options.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { charter } = await parent();
	const [{ data, error: err }, options] = await Promise.all([
		locals.supabase
			.from('indicators')
			.select(
				'id, name, unit, baseline, target, target_on, direction, position, objective:objectives(code), action:actions(code), indicator_values(count)'
			)
			.eq('charter_id', charter.id)
			.order('position'),
		planOptions(locals, charter.id)
	]);
	if (err) error(503, m.error_indicators_unavailable());
	return {
		indicators: data.map((i) => ({ ...i, values: i.indicator_values[0]?.count ?? 0 })),
		attachments: options.attachments,
		form: await superValidate(
			{
				name: '',
				attachment: 'charter',
				unit: '',
				baseline: null,
				target: null,
				targetOn: '',
				direction: 'increase',
				note: '',
				source: 'manual'
			},
			zod4(indicatorSchema),
			{ errors: false, id: 'indicator' }
		)
	};
};

export const actions: Actions = {
	default: formAction(indicatorSchema, { id: 'indicator' }, async (d, { form, event: { locals, params } }) => {
		const charterId = (await loadCharter(locals, params.slug)).charter.id;
		const { count } = await locals.supabase
			.from('indicators')
			.select('id', { count: 'exact', head: true })
			.eq('charter_id', charterId);
		must(
			await locals.supabase.from('indicators').insert({
				charter_id: charterId,
				...indicatorColumns(d),
				position: (count ?? 0) + 1
			})
		);
		const saved = m.admin_indicator_created({ name: d.name });
		form.data = { ...form.data, name: '', unit: '', baseline: null, target: null, targetOn: '', note: '' };
		return saved;
	})
};
