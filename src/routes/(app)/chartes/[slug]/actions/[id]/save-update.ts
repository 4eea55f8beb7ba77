/**
 * The action page's one post: the journal entry (public.record_action_update) and, with it, an optional value
 * of one of the action's indicators. What was typed is kept on every refusal; a conflict shows the newer state.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, setError, type Infer, type SuperValidated } from 'sveltekit-superforms';
import { m } from '#lib/paraglide/messages.js';
import type { actionUpdateSchema } from '#lib/schemas/actions.js';
import { dbRefusal, refuse } from '#lib/server/form-action.js';
import { writeIndicatorValue } from '#lib/server/indicator-values.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { orgName } from '#lib/domain/organizations.js';
import type { Enums } from '#lib/database.types.js';
import type { ActionConflict } from '#lib/domain/types.js';
import { canChangeStatus, canUpdateAction, planSave } from './plan-save.ts';

type UpdateData = Infer<typeof actionUpdateSchema, 'zod4'>;
type UpdateForm = SuperValidated<UpdateData, App.Superforms.Message>;

export async function saveActionUpdate(d: UpdateData, form: UpdateForm, event: RequestEvent) {
	const { locals, params } = event;
	const actionId = params.id!;
	const [{ charter, membership }, current] = await Promise.all([
		loadCharter(locals, params.slug!),
		locals.supabase
			.from('actions')
			.select(
				'version, status, progress, health, lead_organization_id, action_partners(organization_id), lead:organizations!actions_lead_organization_id_fkey(name)'
			)
			.eq('id', actionId)
			.maybeSingle()
	]);
	if (current.error) refuse(503, m.error_action_unavailable());
	if (!current.data) refuse(404, m.error_action_not_found());
	const state = current.data;
	const mayChangeStatus = canChangeStatus(membership, state.lead_organization_id);
	const mayUpdate = canUpdateAction(
		membership,
		state.lead_organization_id,
		state.action_partners.map((p) => p.organization_id)
	);
	const plan = planSave(state, d, { mayUpdate, mayChangeStatus }, state.lead?.name ?? '');
	if (plan.refuse) return setError(form, plan.refuse.field, plan.refuse.text, { status: plan.refuse.status });

	let recorded = false;
	if (plan.recordUpdate) {
		// No permission check here on purpose: the database refuses what the user may not do.
		const { data, error: err } = await locals.supabase
			.rpc('record_action_update', {
				p_action_id: actionId,
				p_expected_version: d.version,
				p_status: d.status,
				p_progress: Number(d.progress),
				p_health: d.health,
				p_comment: d.comment || undefined,
				p_kind: d.kind || undefined
			})
			.single();
		if (err?.code === 'PT409') return conflict(err.details, form, event, mayChangeStatus);
		if (err) {
			const refusal = dbRefusal(err);
			refuse(refusal.status, refusal.status === 403 ? m.actions_update_refused() : refusal.text);
		}
		Object.assign(form.data, {
			version: data.version,
			status: data.status,
			progress: String(data.progress),
			health: data.health,
			comment: '',
			kind: ''
		});
		recorded = true;
	}

	if (plan.saveValue) {
		const refusal = await writeIndicatorValue(locals.supabase, charter.id, d);
		if (refusal) {
			form.message = recorded
				? { kind: 'error', text: m.action_value_failed_after_update({ reason: refusal.text }) }
				: { kind: 'error', text: refusal.text };
			return setError(form, refusal.field ?? 'value', refusal.text, { status: refusal.status });
		}
		// Ready for the next value: the empty number field stays empty, not 0.
		Object.assign(form.data, { value: null, note: '' });
	}
	return message(form, {
		kind: 'success',
		text:
			recorded && plan.saveValue
				? m.action_saved_update_and_value()
				: recorded
					? m.actions_update_saved()
					: m.action_saved_value_only()
	});
}

/** Someone saved in between: keep what the user typed, show the newer state, and let a second save go through. */
async function conflict(details: string | undefined, form: UpdateForm, event: RequestEvent, mayChangeStatus: boolean) {
	const current = JSON.parse(details ?? '{}') as {
		version: number;
		status: Enums<'action_status'>;
		progress: number;
		health: Enums<'action_health'>;
		last_update_at: string | null;
	};
	const { data: latest } = await event.locals.supabase
		.from('action_updates')
		.select('author_name, comment, created_at, organization:organizations(name, short_name)')
		.eq('action_id', event.params.id!)
		.order('created_at', { ascending: false })
		.limit(1)
		.maybeSingle();
	const newer: ActionConflict = {
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
	// A contributor does not choose the status: theirs follows the newer one (nothing they typed).
	if (!mayChangeStatus) form.data.status = current.status;
	form.message = { kind: 'error', text: m.actions_update_conflict() };
	return fail(409, { form, conflict: newer });
}
