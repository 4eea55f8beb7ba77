import { error, fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { actionUpdateSchema, indicatorValueSchema } from '#lib/schemas/actions.js';
import { isUuid } from '#lib/domain/patterns.js';
import { dbRefusal, formAction, refuse } from '#lib/server/form-action.js';
import { orgName } from '#lib/domain/organizations.js';
import { saveIndicatorValue } from '#lib/server/indicator-values.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { todayIso } from '#lib/format.js';
import type { Enums } from '#lib/database.types.js';
import type { ActionConflict } from '#lib/domain/types.js';
import type { Actions, PageServerLoad } from './$types';

const ACTION_SELECT = `id, charter_id, code, title, description, status, progress, health, starts_on, due_on, recurrence,
	recurring_since, version, last_update_at, archived_at, lead_organization_id,
	objective:objectives(id, code, title),
	lead:organizations!actions_lead_organization_id_fkey(id, name, short_name),
	action_partners(role, organization:organizations(id, name, short_name)),
	action_communes(commune_code, commune:communes(name, departement_code)),
	indicators(id, name, unit, baseline, target, target_on, direction, position, indicator_values(id, measured_on, value, note)),
	fundings(id, source, year, planned_amount, committed_amount, paid_amount, note, organization:organizations(id, name, short_name)),
	action_updates(id, created_at, author_name, author_role, status, progress, health, comment, previous_status, previous_progress,
		previous_health, organization:organizations(name, short_name))`;

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { charter, membership } = await parent();
	if (!isUuid(params.id)) error(404, m.error_action_not_found());
	const [actionResult, flagsResult] = await Promise.all([
		locals.supabase
			.from('actions')
			.select(ACTION_SELECT)
			.eq('id', params.id)
			.eq('charter_id', charter.id)
			.order('created_at', { referencedTable: 'action_updates', ascending: false })
			.order('position', { referencedTable: 'indicators' })
			.maybeSingle(),
		locals.supabase.from('action_attention').select('*').eq('action_id', params.id).maybeSingle()
	]);
	if (actionResult.error) error(503, m.error_action_unavailable());
	const action = actionResult.data;
	if (!action) error(404, m.error_action_not_found());

	// Who sees the forms. The database decides in the end (record_action_update, RLS on indicator_values).
	const organizationId = membership?.role === 'partner_rep' ? membership.organizationId : null;
	const ownOrganization =
		!!organizationId &&
		(action.lead_organization_id === organizationId ||
			action.action_partners.some((p) => p.organization?.id === organizationId));
	const canUpdate = !action.archived_at && (membership?.role === 'coordinator' || ownOrganization);

	const indicators = action.indicators.map((indicator) => ({
		...indicator,
		indicator_values: [...indicator.indicator_values].sort((a, b) => b.measured_on.localeCompare(a.measured_on))
	}));

	return {
		action: { ...action, indicators },
		flags: flagsResult.data,
		canUpdate,
		updateForm: await superValidate(
			{ version: action.version, status: action.status, progress: action.progress, health: action.health, comment: '' },
			zod4(actionUpdateSchema),
			{ errors: false, id: 'update' }
		),
		valueForm: await superValidate(
			{ indicatorId: indicators[0]?.id ?? '', measuredOn: todayIso(), value: null, note: '', valueId: '' },
			zod4(indicatorValueSchema),
			{ errors: false, id: 'value' }
		)
	};
};

export const actions: Actions = {
	avancement: formAction(actionUpdateSchema, { id: 'update' }, async (d, { form, event: { locals, params } }) => {
		if (!isUuid(params.id)) error(404, m.error_action_not_found());

		// No permission check here on purpose: the database refuses what the user may not do.
		const { data, error: err } = await locals.supabase
			.rpc('record_action_update', {
				p_action_id: params.id,
				p_expected_version: d.version,
				p_status: d.status,
				p_progress: d.progress,
				p_health: d.health,
				p_comment: d.comment || undefined
			})
			.single();

		if (err?.code === 'PT409') {
			// Someone saved in between: keep what the user typed, show the newer state, and let a second,
			// deliberate save go through with the version they have now seen.
			const current = JSON.parse(err.details ?? '{}') as {
				version: number;
				status: Enums<'action_status'>;
				progress: number;
				health: Enums<'action_health'>;
				last_update_at: string | null;
			};
			const { data: latest } = await locals.supabase
				.from('action_updates')
				.select('author_name, comment, created_at, organization:organizations(name, short_name)')
				.eq('action_id', params.id)
				.order('created_at', { ascending: false })
				.limit(1)
				.maybeSingle();
			const conflict: ActionConflict = {
				version: current.version,
				status: current.status,
				progress: current.progress,
				health: current.health,
				lastUpdateAt: current.last_update_at,
				author: latest?.author_name ?? null,
				organization: orgName(latest?.organization),
				comment: latest?.comment ?? null
			};
			form.data.version = current.version;
			form.message = { kind: 'error', text: m.actions_update_conflict() };
			return fail(409, { form, conflict });
		}
		if (err) {
			const refusal = dbRefusal(err);
			refuse(refusal.status, refusal.status === 403 ? m.actions_update_refused() : refusal.text);
		}

		form.data = {
			version: data.version,
			status: data.status,
			progress: data.progress,
			health: data.health,
			comment: ''
		};
		return m.actions_update_saved();
	}),
	valeur: async (event) => saveIndicatorValue(event, (await loadCharter(event.locals, event.params.slug)).charter.id)
};
