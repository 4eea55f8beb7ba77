import { error } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { indicatorValueSchema } from '#lib/schemas/actions.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { isUuid } from '#lib/domain/patterns.js';
import { deleteIndicatorValue, saveIndicatorValue } from '#lib/server/indicator-values.js';
import { todayIso } from '#lib/format.js';
import { loadTargets } from '#lib/server/indicator-targets.js';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';

export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
	const { charter, membership } = await parent();
	if (!isUuid(params.id)) error(404, m.error_indicator_not_found());
	const [{ data: indicator, error: err }, targets] = await Promise.all([
		locals.supabase
			.from('indicators')
			.select(
				`id, name, unit, baseline, target, target_on, direction, note, source,
			objective:objectives(id, code, title),
			action:actions(id, code, title, lead_organization_id, archived_at, action_partners(organization_id)),
			indicator_values(id, measured_on, value, note, updated_at, entered_by, author:profiles(display_name))`
			)
			.eq('id', params.id)
			.eq('charter_id', charter.id)
			.order('measured_on', { referencedTable: 'indicator_values', ascending: false })
			.maybeSingle(),
		loadTargets(locals.supabase, params.id)
	]);
	if (err) error(503, m.error_indicator_unavailable());
	if (!indicator) error(404, m.error_indicator_not_found());

	const organizationId = membership?.role === 'partner_rep' ? membership.organizationId : null;
	const ownAction =
		!!organizationId &&
		!!indicator.action &&
		!indicator.action.archived_at &&
		(indicator.action.lead_organization_id === organizationId ||
			indicator.action.action_partners.some((p) => p.organization_id === organizationId));
	const isCoordinator = membership?.role === 'coordinator';
	// A computed indicator's values are the database's (the guard refuses typed ones): no value form.
	const computed = indicator.source !== 'manual';
	const canWrite = (isCoordinator || ownAction) && !computed;

	// `?corriger=<id>` opens a value in the form (works without JavaScript).
	const editing = indicator.indicator_values.find((v) => v.id === url.searchParams.get('corriger')) ?? null;
	return {
		indicator,
		targets,
		canWrite,
		canDelete: isCoordinator && !computed,
		computed,
		editing,
		valueForm: await superValidate(
			editing
				? {
						indicatorId: indicator.id,
						valueId: editing.id,
						measuredOn: editing.measured_on,
						value: Number(editing.value),
						note: editing.note ?? ''
					}
				: { indicatorId: indicator.id, valueId: '', measuredOn: todayIso(), value: null, note: '' },
			zod4(indicatorValueSchema),
			{ errors: false, id: 'value' }
		)
	};
};

export const actions: Actions = {
	valeur: async (event) => saveIndicatorValue(event, (await loadCharter(event.locals, event.params.slug)).charter.id),
	supprimer: async (event) => deleteIndicatorValue(event)
};
