import { error, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { indicatorSchema } from '#lib/schemas/admin.js';
import { indicatorColumns } from '#lib/server/admin-rows.js';
import { dbErrorMessage, dbErrorStatus } from '#lib/server/db-errors.js';
import { isUuid } from '#lib/domain/patterns.js';
import { formAction, mustChange } from '#lib/server/form-action.js';
import { attachmentOf, planOptions } from '#lib/server/plan-options.js';
import { askConfirmation, failure, isConfirmed } from '#lib/server/row-actions.js';
import { loadTargets, removeTargetAction, saveTargetAction } from '#lib/server/indicator-targets.js';
import { targetSchema } from '#lib/schemas/targets.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
	const { charter } = await parent();
	if (!isUuid(params.id)) error(404, m.error_indicator_not_found());
	const [{ data: indicator }, options, targets] = await Promise.all([
		locals.supabase
			.from('indicators')
			.select('*, indicator_values(count)')
			.eq('id', params.id)
			.eq('charter_id', charter.id)
			.maybeSingle(),
		planOptions(locals, charter.id),
		loadTargets(locals.supabase, params.id)
	]);
	if (!indicator) error(404, m.error_indicator_not_found());
	// `?cible=2025` puts that year's target in the form (works without JavaScript).
	const editing = targets.find((t) => String(t.year) === url.searchParams.get('cible'));
	return {
		indicator,
		values: indicator.indicator_values[0]?.count ?? 0,
		attachments: options.attachments,
		targets,
		targetForm: await superValidate(
			editing ? { year: editing.year, target: editing.target, note: editing.note ?? '' } : {},
			zod4(targetSchema),
			{ errors: false, id: 'target' }
		),
		form: await superValidate(
			{
				name: indicator.name,
				attachment: attachmentOf(indicator),
				unit: indicator.unit ?? '',
				baseline: indicator.baseline,
				target: indicator.target,
				targetOn: indicator.target_on ?? '',
				direction: indicator.direction,
				note: indicator.note ?? '',
				source: indicator.source
			},
			zod4(indicatorSchema),
			{ errors: false, id: 'indicator' }
		)
	};
};

export const actions: Actions = {
	cible: saveTargetAction,
	retirer_cible: removeTargetAction,
	enregistrer: formAction(indicatorSchema, { id: 'indicator' }, async (d, { event: { locals, params } }) => {
		if (!isUuid(params.id)) error(404, m.error_indicator_not_found());
		mustChange(await locals.supabase.from('indicators').update(indicatorColumns(d)).eq('id', params.id).select('id'));
		return m.admin_indicator_saved();
	}),
	supprimer: async ({ request, locals, params }) => {
		const data = await request.formData();
		if (!isUuid(params.id)) error(404, m.error_indicator_not_found());
		const { data: indicator } = await locals.supabase
			.from('indicators')
			.select('name, indicator_values(count)')
			.eq('id', params.id)
			.maybeSingle();
		if (!indicator) return failure(404, m.admin_not_found());
		if (!isConfirmed(data)) {
			const count = indicator.indicator_values[0]?.count ?? 0;
			return askConfirmation({
				action: '?/supprimer',
				fields: {},
				title: m.admin_indicator_delete_title({ name: indicator.name }),
				text: count ? m.admin_indicator_delete_text_values({ count }) : m.admin_indicator_delete_text(),
				confirmLabel: m.admin_delete_confirm(),
				danger: true
			});
		}
		const { data: deleted, error: err } = await locals.supabase
			.from('indicators')
			.delete()
			.eq('id', params.id)
			.select('id');
		if (err) return failure(dbErrorStatus(err), dbErrorMessage(err));
		if (!deleted.length) return failure(403, m.admin_error_forbidden());
		redirect(303, `/chartes/${params.slug}/administration/indicateurs?supprime`);
	}
};
