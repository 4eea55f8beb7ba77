import { error, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { actionUpdateSchema } from '#lib/schemas/actions.js';
import { isUuid } from '#lib/domain/patterns.js';
import { formAction } from '#lib/server/form-action.js';
import { saveIndicatorValue } from '#lib/server/indicator-values.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { todayIso } from '#lib/format.js';
import type { Actions, PageServerLoad } from './$types';
import { canChangeStatus, canUpdateAction } from './plan-save.ts';
import { saveActionUpdate } from './save-update.ts';
import { deleteOccurrence, loadOccurrences, saveOccurrence } from '#lib/server/occurrences.js';
import { documentActions, subjectFromParam } from '#lib/server/documents/actions.js';
import { listDocuments } from '#lib/server/documents/list.js';

const ACTION_SELECT = `id, charter_id, code, title, description, status, progress, health, starts_on, due_on, recurrence,
	recurring_since, version, last_update_at, archived_at, lead_organization_id,
	objective:objectives(id, code, title),
	lead:organizations!actions_lead_organization_id_fkey(id, name, short_name),
	action_partners(role, organization:organizations(id, name, short_name)),
	action_communes(commune_code, commune:communes(name, departement_code)),
	indicators(id, name, unit, baseline, target, target_on, direction, position, source, indicator_values(id, measured_on, value, note)),
	fundings(id, source, year, planned_amount, committed_amount, paid_amount, note, organization:organizations(id, name, short_name)),
	action_updates(id, created_at, author_name, author_role, status, progress, health, comment, kind, previous_status, previous_progress,
		previous_health, organization:organizations(name, short_name))`;

export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
	// The reminders' links (…?formulaire=mise-a-jour#mise-a-jour): the query survives the sign-in redirect, which
	// the fragment does not; it brings the person to the update form.
	if (url.searchParams.get('formulaire') === 'mise-a-jour') redirect(303, `${url.pathname}#mise-a-jour`);
	const { charter, membership } = await parent();
	if (!isUuid(params.id)) error(404, m.error_action_not_found());
	const [actionResult, flagsResult, editions, documents] = await Promise.all([
		locals.supabase
			.from('actions')
			.select(ACTION_SELECT)
			.eq('id', params.id)
			.eq('charter_id', charter.id)
			.order('created_at', { referencedTable: 'action_updates', ascending: false })
			.order('position', { referencedTable: 'indicators' })
			.maybeSingle(),
		locals.supabase.from('action_attention').select('*').eq('action_id', params.id).maybeSingle(),
		loadOccurrences(locals, params.id, url),
		listDocuments(locals.supabase, charter.id, { subject: 'action', subjectId: params.id }, charter.slug)
	]);
	if (actionResult.error) error(503, m.error_action_unavailable());
	const action = actionResult.data;
	if (!action) error(404, m.error_action_not_found());

	// Who sees the forms. The database decides in the end (record_action_update, RLS on indicator_values).
	const canUpdate =
		!action.archived_at &&
		canUpdateAction(
			membership,
			action.lead_organization_id,
			action.action_partners.map((p) => p.organization?.id)
		);
	const mayChangeStatus = canChangeStatus(membership, action.lead_organization_id);

	const indicators = action.indicators.map((indicator) => ({
		...indicator,
		indicator_values: [...indicator.indicator_values].sort((a, b) => b.measured_on.localeCompare(a.measured_on))
	}));

	return {
		...editions,
		action: { ...action, indicators },
		flags: flagsResult.data,
		documents,
		canUpdate,
		mayChangeStatus,
		updateForm: await superValidate(
			{
				version: action.version,
				status: action.status,
				progress: String(action.progress),
				health: action.health,
				comment: '',
				kind: '',
				indicatorId: indicators.find((i) => i.source === 'manual')?.id ?? '',
				measuredOn: todayIso(),
				value: null,
				note: ''
			},
			zod4(actionUpdateSchema),
			{ errors: false, id: 'update' }
		)
	};
};

export const actions: Actions = {
	avancement: formAction(actionUpdateSchema, { id: 'update' }, async (d, { form, event }) => {
		if (!isUuid(event.params.id)) error(404, m.error_action_not_found());
		return saveActionUpdate(d, form, event);
	}),
	// The editions of an event action (#lib/server/occurrences.ts).
	edition: saveOccurrence,
	'supprimer-edition': deleteOccurrence,
	// The value alone (the action page posts it with the update; kept for direct posts and older pages).
	valeur: async (event) => saveIndicatorValue(event, (await loadCharter(event.locals, event.params.slug)).charter.id),
	// Evidence of the action: its pilots upload, coordinators manage (#lib/server/documents/actions.ts).
	...documentActions(subjectFromParam('action'))
};
