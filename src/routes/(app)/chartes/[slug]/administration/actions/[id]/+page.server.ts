import { error, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { actionSchema } from '#lib/schemas/admin.js';
import { orNull } from '#lib/schemas/fields.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { communeResolutionError, resolveCommunes } from '#lib/server/communes.js';
import { isUuid } from '#lib/domain/patterns.js';
import { formAction, must, mustChange } from '#lib/server/form-action.js';
import { orgFullName } from '#lib/domain/organizations.js';
import type { Actions, PageServerLoad } from './$types';

const NEW = 'nouvelle';
const codeTaken = () => ({ unique: { field: 'code', text: m.admin_action_code_taken() } });

export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
	const { charter } = await parent();
	const creating = params.id === NEW;
	if (!creating && !isUuid(params.id)) error(404, m.error_action_not_found());

	const [objectives, partners, actionResult] = await Promise.all([
		locals.supabase
			.from('objectives')
			.select('id, code, title')
			.eq('charter_id', charter.id)
			.is('archived_at', null)
			.order('position'),
		locals.supabase
			.from('charter_partners')
			.select('organization:organizations(id, name, short_name)')
			.eq('charter_id', charter.id),
		creating
			? Promise.resolve({ data: null, error: null })
			: locals.supabase
					.from('actions')
					.select(
						`id, objective_id, code, title, description, lead_organization_id, starts_on, due_on, recurrence, recurring_since,
						archived_at, lead:organizations!actions_lead_organization_id_fkey(id, name, short_name),
						action_partners(role, organization:organizations(id, name, short_name)),
						action_communes(commune_code, commune:communes(code, name, departement_code))`
					)
					.eq('id', params.id)
					.eq('charter_id', charter.id)
					.maybeSingle()
	]);
	if (objectives.error || partners.error || actionResult.error) error(503, m.error_plan_unavailable());
	const action = actionResult.data;
	if (!creating && !action) error(404, m.error_action_not_found());

	// Partners of the charter, plus any organization the action already names (kept selectable).
	const organizations = new Map<string, { id: string; name: string }>();
	const add = (o: { id: string; name: string; short_name: string | null } | null) => {
		if (o) organizations.set(o.id, { id: o.id, name: orgFullName(o) });
	};
	for (const p of partners.data) add(p.organization);
	add(action?.lead ?? null);
	for (const p of action?.action_partners ?? []) add(p.organization);

	const objectiveId = url.searchParams.get('objectif') ?? '';
	return {
		creating,
		action,
		objectives: objectives.data,
		organizations: [...organizations.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr')),
		selectedCommunes: (action?.action_communes ?? []).map((c) => ({
			code: c.commune_code,
			name: c.commune?.name ?? c.commune_code,
			departement: c.commune?.departement_code
		})),
		created: url.searchParams.has('cree'),
		form: await superValidate(
			action
				? {
						objectiveId: action.objective_id,
						code: action.code,
						title: action.title,
						description: action.description ?? '',
						leadOrganizationId: action.lead_organization_id,
						contributors: action.action_partners
							.filter((p) => p.role === 'contributor')
							.map((p) => p.organization?.id ?? ''),
						funders: action.action_partners.filter((p) => p.role === 'funder').map((p) => p.organization?.id ?? ''),
						communes: action.action_communes.map((c) => c.commune_code).join(', '),
						startsOn: action.starts_on ?? '',
						dueOn: action.due_on ?? '',
						recurrence: action.recurrence,
						recurringSince: action.recurring_since
					}
				: {
						objectiveId: objectives.data.some((o) => o.id === objectiveId)
							? objectiveId
							: (objectives.data[0]?.id ?? ''),
						code: '',
						title: '',
						description: '',
						leadOrganizationId: '',
						contributors: [],
						funders: [],
						communes: '',
						startsOn: '',
						dueOn: '',
						recurrence: 'none',
						recurringSince: null
					},
			zod4(actionSchema),
			{ errors: false, id: 'action' }
		)
	};
};

export const actions: Actions = {
	default: formAction(actionSchema, { id: 'action' }, async (d, { form, event: { locals, params } }) => {
		const creating = params.id === NEW;
		if (!creating && !isUuid(params.id)) error(404, m.error_action_not_found());
		const charterId = (await loadCharter(locals, params.slug)).charter.id;

		const resolved = await resolveCommunes(locals.supabase, d.communes);
		const problem = communeResolutionError(resolved);
		if (problem) return setError(form, 'communes', problem);
		const codes = resolved.found.map((c) => c.code);
		d.communes = codes.join(', ');

		const values = {
			objective_id: d.objectiveId,
			code: d.code,
			title: d.title,
			description: orNull(d.description),
			lead_organization_id: d.leadOrganizationId,
			starts_on: orNull(d.startsOn),
			due_on: orNull(d.dueOn),
			recurrence: d.recurrence,
			recurring_since: d.recurrence === 'yearly' ? d.recurringSince : null
		};
		let id = params.id;
		if (creating) {
			const { data: last } = await locals.supabase
				.from('actions')
				.select('position')
				.eq('objective_id', d.objectiveId)
				.order('position', { ascending: false })
				.limit(1)
				.maybeSingle();
			const created = must(
				await locals.supabase
					.from('actions')
					.insert({ ...values, charter_id: charterId, position: (last?.position ?? 0) + 1 })
					.select('id')
					.single(),
				codeTaken()
			);
			id = created.id;
		} else {
			mustChange(
				await locals.supabase.from('actions').update(values).eq('id', id).eq('charter_id', charterId).select('id'),
				codeTaken()
			);
		}

		must(
			await locals.supabase.rpc('set_action_links', {
				p_action_id: id,
				p_contributors: d.contributors,
				p_funders: d.funders,
				p_communes: codes
			})
		);

		if (creating) redirect(303, `/chartes/${params.slug}/administration/actions/${id}?cree`);
		return m.admin_action_saved({ code: d.code });
	})
};
