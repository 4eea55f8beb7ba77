import { error } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { indicatorValueSchema } from '#lib/schemas/actions.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { isUuid } from '#lib/domain/patterns.js';
import { deleteIndicatorValue, saveIndicatorValue } from '#lib/server/indicator-values.js';
import { todayIso } from '#lib/format.js';
import { loadTargets } from '#lib/server/indicator-targets.js';
import { documentActions, type SubjectContext } from '#lib/server/documents/actions.js';
import { listDocuments } from '#lib/server/documents/list.js';
import { countBy } from '#lib/server/documents/view.js';
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

	// The evidence of the values; `?piece=<id>` chooses the value in the evidence form (works without JavaScript).
	const valueIds = indicator.indicator_values.map((v) => v.id);
	const documents = valueIds.length
		? await listDocuments(locals.supabase, charter.id, { indicatorValueIds: valueIds }, charter.slug)
		: [];
	const evidenceCounts = countBy(documents, (d) => d.subject.id);

	// `?corriger=<id>` opens a value in the form (works without JavaScript).
	const editing = indicator.indicator_values.find((v) => v.id === url.searchParams.get('corriger')) ?? null;
	return {
		indicator,
		targets,
		canWrite,
		canDelete: isCoordinator && !computed,
		documents,
		evidenceCounts: Object.fromEntries(evidenceCounts),
		canAttach: isCoordinator || ownAction,
		evidenceFor: valueIds.includes(url.searchParams.get('piece') ?? '') ? url.searchParams.get('piece') : valueIds[0],
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

/** Evidence belongs to a value of this indicator, the one the form names. */
async function valueOf({ event, data, access }: SubjectContext) {
	const valueId = String(data.get('valueId') ?? '');
	const indicatorId = event.params.id ?? '';
	const none = { field: 'value' as const, error: m.docs_value_needed() };
	if (!isUuid(valueId) || !isUuid(indicatorId)) return none;
	const { data: value } = await event.locals.supabase
		.from('indicator_values')
		.select('id, indicator_id')
		.eq('id', valueId)
		.eq('indicator_id', indicatorId)
		.eq('charter_id', access.charter.id)
		.maybeSingle();
	return value ? { kind: 'indicator_value' as const, id: value.id, indicatorId: value.indicator_id } : none;
}

export const actions: Actions = {
	...documentActions(valueOf),
	valeur: async (event) => saveIndicatorValue(event, (await loadCharter(event.locals, event.params.slug)).charter.id),
	supprimer: async (event) => deleteIndicatorValue(event)
};
