import { error } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { objectiveSchema } from '#lib/schemas/admin.js';
import { orNull } from '#lib/schemas/fields.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { dbErrorMessage, dbErrorStatus } from '#lib/server/db-errors.js';
import { compareCodes, isUuid } from '#lib/domain/patterns.js';
import { formAction, must } from '#lib/server/form-action.js';
import { askConfirmation, failure, field, isConfirmed, success } from '#lib/server/row-actions.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { charter } = await parent();
	const { data, error: err } = await locals.supabase
		.from('objectives')
		.select(
			`id, code, title, position, archived_at,
			actions(id, code, title, position, archived_at, lead:organizations!actions_lead_organization_id_fkey(name, short_name), action_updates(count))`
		)
		.eq('charter_id', charter.id)
		.order('position')
		.order('position', { referencedTable: 'actions' });
	if (err) error(503, m.error_plan_unavailable());

	const objectives = data.map((o) => ({
		...o,
		actions: [...o.actions]
			.sort((a, b) => a.position - b.position || compareCodes(a.code, b.code))
			.map((a) => ({ ...a, history: a.action_updates[0]?.count ?? 0 }))
	}));
	objectives.sort((a, b) => a.position - b.position || compareCodes(a.code, b.code));
	const active = objectives
		.filter((o) => !o.archived_at)
		.map((o) => ({ ...o, actions: o.actions.filter((a) => !a.archived_at) }));
	const archivedObjectives = objectives.filter((o) => o.archived_at);
	const archivedActions = objectives
		.filter((o) => !o.archived_at)
		.flatMap((o) => o.actions.filter((a) => a.archived_at).map((a) => ({ ...a, objectiveCode: o.code })));
	const nextCode = String(
		Math.max(0, ...objectives.map((o) => Number.parseInt(o.code, 10)).filter((n) => Number.isFinite(n))) + 1
	);

	return {
		objectives: active,
		archivedObjectives,
		archivedActions,
		objectiveForm: await superValidate({ code: nextCode, title: '', description: '' }, zod4(objectiveSchema), {
			errors: false,
			id: 'objective'
		})
	};
};

export const actions: Actions = {
	creerObjectif: formAction(objectiveSchema, { id: 'objective' }, async (d, { form, event: { locals, params } }) => {
		const charterId = (await loadCharter(locals, params.slug)).charter.id;
		const { data: last } = await locals.supabase
			.from('objectives')
			.select('position')
			.eq('charter_id', charterId)
			.order('position', { ascending: false })
			.limit(1)
			.maybeSingle();
		must(
			await locals.supabase.from('objectives').insert({
				charter_id: charterId,
				code: d.code,
				title: d.title,
				description: orNull(d.description),
				position: (last?.position ?? 0) + 1
			}),
			{ unique: { field: 'code', text: m.admin_objective_code_taken() } }
		);
		const created = m.admin_objective_created({ code: d.code });
		const next = String((Number.parseInt(d.code, 10) || 0) + 1);
		form.data = { code: next, title: '', description: '' };
		return created;
	}),

	deplacerObjectif: async ({ request, locals }) => {
		const data = await request.formData();
		const id = field(data, 'id');
		const direction = field(data, 'direction');
		if (!isUuid(id) || !['up', 'down'].includes(direction)) return failure(400, m.admin_error_choice_required());
		const { error: err } = await locals.supabase.rpc('move_objective', { p_objective_id: id, p_direction: direction });
		if (err) return failure(dbErrorStatus(err), dbErrorMessage(err));
		return success(direction === 'up' ? m.admin_moved_up() : m.admin_moved_down());
	},

	deplacerAction: async ({ request, locals }) => {
		const data = await request.formData();
		const id = field(data, 'id');
		const direction = field(data, 'direction');
		if (!isUuid(id) || !['up', 'down'].includes(direction)) return failure(400, m.admin_error_choice_required());
		const { error: err } = await locals.supabase.rpc('move_action', { p_action_id: id, p_direction: direction });
		if (err) return failure(dbErrorStatus(err), dbErrorMessage(err));
		return success(direction === 'up' ? m.admin_moved_up() : m.admin_moved_down());
	},

	supprimerObjectif: async ({ request, locals }) => {
		const data = await request.formData();
		const id = field(data, 'id');
		if (!isUuid(id)) return failure(400, m.admin_error_choice_required());
		const { data: objective } = await locals.supabase
			.from('objectives')
			.select('code, title, actions(count)')
			.eq('id', id)
			.maybeSingle();
		if (!objective) return failure(404, m.admin_not_found());
		const actionCount = objective.actions[0]?.count ?? 0;
		if (!isConfirmed(data)) {
			return askConfirmation({
				action: '?/supprimerObjectif',
				fields: { id },
				title: m.admin_objective_delete_title({ code: objective.code }),
				text: actionCount ? m.admin_objective_archive_text({ count: actionCount }) : m.admin_objective_delete_text(),
				confirmLabel: actionCount ? m.admin_archive_confirm() : m.admin_delete_confirm(),
				danger: actionCount === 0
			});
		}
		if (actionCount) {
			const { error: err } = await locals.supabase.rpc('archive_objective', { p_objective_id: id, p_archive: true });
			if (err) return failure(dbErrorStatus(err), dbErrorMessage(err));
			return success(m.admin_objective_archived({ code: objective.code }));
		}
		const { data: deleted, error: err } = await locals.supabase.from('objectives').delete().eq('id', id).select('id');
		if (err) return failure(dbErrorStatus(err), dbErrorMessage(err));
		if (!deleted.length) return failure(403, m.admin_error_forbidden());
		return success(m.admin_objective_deleted({ code: objective.code }));
	},

	restaurerObjectif: async ({ request, locals }) => {
		const id = field(await request.formData(), 'id');
		if (!isUuid(id)) return failure(400, m.admin_error_choice_required());
		const { error: err } = await locals.supabase.rpc('archive_objective', { p_objective_id: id, p_archive: false });
		if (err) return failure(dbErrorStatus(err), dbErrorMessage(err));
		return success(m.admin_restored());
	},

	supprimerAction: async ({ request, locals }) => {
		const data = await request.formData();
		const id = field(data, 'id');
		if (!isUuid(id)) return failure(400, m.admin_error_choice_required());
		const { data: action } = await locals.supabase
			.from('actions')
			.select('code, title, action_updates(count), indicators(count), fundings(count)')
			.eq('id', id)
			.maybeSingle();
		if (!action) return failure(404, m.admin_not_found());
		const history = action.action_updates[0]?.count ?? 0;
		if (!isConfirmed(data)) {
			return askConfirmation({
				action: '?/supprimerAction',
				fields: { id },
				title: m.admin_action_delete_title({ code: action.code }),
				text: history
					? m.admin_action_archive_text({ count: history })
					: m.admin_action_delete_text({
							indicators: action.indicators[0]?.count ?? 0,
							fundings: action.fundings[0]?.count ?? 0
						}),
				confirmLabel: history ? m.admin_archive_confirm() : m.admin_delete_confirm(),
				danger: history === 0
			});
		}
		if (history) {
			const { data: archived, error: err } = await locals.supabase
				.from('actions')
				.update({ archived_at: new Date().toISOString() })
				.eq('id', id)
				.select('id');
			if (err) return failure(dbErrorStatus(err), dbErrorMessage(err));
			if (!archived.length) return failure(403, m.admin_error_forbidden());
			return success(m.admin_action_archived({ code: action.code }));
		}
		const { data: deleted, error: err } = await locals.supabase.from('actions').delete().eq('id', id).select('id');
		if (err) return failure(dbErrorStatus(err), dbErrorMessage(err));
		if (!deleted.length) return failure(403, m.admin_error_forbidden());
		return success(m.admin_action_deleted({ code: action.code }));
	},

	restaurerAction: async ({ request, locals }) => {
		const id = field(await request.formData(), 'id');
		if (!isUuid(id)) return failure(400, m.admin_error_choice_required());
		const { data: restored, error: err } = await locals.supabase
			.from('actions')
			.update({ archived_at: null })
			.eq('id', id)
			.select('id');
		if (err) return failure(dbErrorStatus(err), dbErrorMessage(err));
		if (!restored.length) return failure(403, m.admin_error_forbidden());
		return success(m.admin_restored());
	}
};
