import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { loadSignatories } from '#lib/server/amendments/signatories.js';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { charter } = await parent();
	// Three queries, whatever the size of the plan: objectives with their actions and leads, the partners, and the
	// signatories with their dates.
	const [plan, partners, signatories] = await Promise.all([
		locals.supabase
			.from('objectives')
			.select(
				'id, code, title, description, position, actions(id, code, title, status, progress, health, due_on, position, archived_at, lead:organizations!actions_lead_organization_id_fkey(name, short_name))'
			)
			.eq('charter_id', charter.id)
			.is('archived_at', null)
			.is('actions.archived_at', null)
			.order('position')
			.order('position', { referencedTable: 'actions' }),
		locals.supabase
			.from('charter_partners')
			.select('role, organizations(id, name, short_name, kind)')
			.eq('charter_id', charter.id),
		loadSignatories(locals.supabase, charter.id)
	]);
	if (plan.error) error(503, m.error_action_plan_unavailable());

	// A partner appears once, with all its roles (signataire, financeur...).
	const byOrg = new Map<string, { name: string; roles: string[] }>();
	for (const p of partners.data ?? []) {
		if (!p.organizations) continue;
		const entry = byOrg.get(p.organizations.id) ?? { name: p.organizations.name, roles: [] };
		entry.roles.push(p.role);
		byOrg.set(p.organizations.id, entry);
	}
	return {
		objectives: plan.data ?? [],
		partners: [...byOrg.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr')),
		signatories
	};
};
