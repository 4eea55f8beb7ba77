import { error } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { PARTNER_ROLES, addPartnerSchema, organizationSchema } from '#lib/schemas/admin.js';
import { orNull } from '#lib/schemas/fields.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { dbErrorMessage, dbErrorStatus } from '#lib/server/db-errors.js';
import { isUuid } from '#lib/domain/patterns.js';
import { formAction, must } from '#lib/server/form-action.js';
import { askConfirmation, failure, field, isConfirmed, success } from '#lib/server/row-actions.js';
import type { Enums } from '#lib/database.types.js';
import { loadPilotCoverage } from '#lib/server/pilot-coverage.js';
import { representativeCounts } from '#lib/domain/pilot-coverage.js';
import { loadSignatories, saveSignatureDate, signaturesByOrganization } from '#lib/server/amendments/signatories.js';
import type { Actions, PageServerLoad } from './$types';

type PartnerRole = Enums<'charter_partner_role'>;

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { charter } = await parent();
	const [partners, organizations, usage, coverage, signatories] = await Promise.all([
		locals.supabase
			.from('charter_partners')
			.select('role, organization:organizations(id, name, short_name, kind, territory_code)')
			.eq('charter_id', charter.id),
		locals.supabase.from('organizations').select('id, name, short_name, kind').order('name'),
		locals.supabase.from('actions').select('lead_organization_id').eq('charter_id', charter.id).is('archived_at', null),
		loadPilotCoverage(locals.supabase, charter.id),
		loadSignatories(locals.supabase, charter.id)
	]);
	const signatures = signaturesByOrganization(signatories);
	if (partners.error || organizations.error) error(503, m.error_partners_unavailable());

	const byOrg = new Map<
		string,
		{ id: string; name: string; shortName: string | null; kind: Enums<'organization_kind'>; roles: PartnerRole[] }
	>();
	for (const p of partners.data) {
		if (!p.organization) continue;
		const o = p.organization;
		const entry = byOrg.get(o.id) ?? { id: o.id, name: o.name, shortName: o.short_name, kind: o.kind, roles: [] };
		entry.roles.push(p.role);
		byOrg.set(o.id, entry);
	}
	const leads = new Map<string, number>();
	for (const a of usage.data ?? []) leads.set(a.lead_organization_id, (leads.get(a.lead_organization_id) ?? 0) + 1);
	const reps = representativeCounts(coverage.representatives);
	const uncovered = new Set(coverage.uncovered.map((u) => u.id));
	const list = [...byOrg.values()]
		.map((p) => ({
			...p,
			roles: PARTNER_ROLES.filter((r) => p.roles.includes(r)),
			leads: leads.get(p.id) ?? 0,
			reps: reps.get(p.id) ?? 0,
			// It leads open actions and nobody represents it: nobody can update them.
			uncovered: uncovered.has(p.id),
			signature: signatures.get(p.id) ?? null
		}))
		.sort((a, b) => a.name.localeCompare(b.name, 'fr'));

	return {
		partners: list,
		directory: organizations.data.filter((o) => !byOrg.has(o.id)),
		addForm: await superValidate({ organizationId: '', roles: ['signatory'] }, zod4(addPartnerSchema), {
			errors: false,
			id: 'add-partner'
		}),
		createForm: await superValidate(
			{ name: '', shortName: '', kind: 'autre', territoryCode: '', roles: ['signatory'] },
			zod4(organizationSchema),
			{ errors: false, id: 'create-organization' }
		)
	};
};

async function insertRoles(locals: App.Locals, charterId: string, organizationId: string, roles: PartnerRole[]) {
	return locals.supabase.from('charter_partners').upsert(
		roles.map((role) => ({ charter_id: charterId, organization_id: organizationId, role })),
		{ onConflict: 'charter_id,organization_id,role', ignoreDuplicates: true }
	);
}

export const actions: Actions = {
	ajouter: formAction(addPartnerSchema, { id: 'add-partner' }, async (d, { form, event: { locals, params } }) => {
		const charterId = (await loadCharter(locals, params.slug)).charter.id;
		must(await insertRoles(locals, charterId, d.organizationId, d.roles));
		const { data: org } = await locals.supabase
			.from('organizations')
			.select('name')
			.eq('id', d.organizationId)
			.maybeSingle();
		form.data = { organizationId: '', roles: ['signatory'] };
		return m.admin_partner_added({ name: org?.name ?? '' });
	}),

	creer: formAction(
		organizationSchema,
		{ id: 'create-organization' },
		async (d, { form, event: { locals, params } }) => {
			const charterId = (await loadCharter(locals, params.slug)).charter.id;
			const org = must(
				await locals.supabase
					.from('organizations')
					.insert({
						name: d.name,
						short_name: orNull(d.shortName),
						kind: d.kind,
						territory_code: orNull(d.territoryCode),
						created_by: locals.user!.id
					})
					.select('id, name')
					.single(),
				{ unique: { field: 'name', text: m.admin_organization_exists() } }
			);
			if (d.roles.length) must(await insertRoles(locals, charterId, org.id, d.roles));
			form.data = { name: '', shortName: '', kind: 'autre', territoryCode: '', roles: ['signatory'] };
			return m.admin_organization_created({ name: org.name });
		}
	),

	roles: async ({ request, locals, params }) => {
		const data = await request.formData();
		const organizationId = field(data, 'organizationId');
		const roles = data.getAll('roles').filter((r): r is PartnerRole => PARTNER_ROLES.includes(r as PartnerRole));
		if (!isUuid(organizationId)) return failure(400, m.admin_error_choice_required());
		if (roles.length === 0) return failure(400, m.admin_partner_roles_empty());
		const charterId = (await loadCharter(locals, params.slug)).charter.id;
		const removed = PARTNER_ROLES.filter((r) => !roles.includes(r));
		const { error: delError } = await locals.supabase
			.from('charter_partners')
			.delete()
			.eq('charter_id', charterId)
			.eq('organization_id', organizationId)
			.in('role', removed);
		const { error: insError } = delError
			? { error: delError }
			: await insertRoles(locals, charterId, organizationId, roles);
		if (insError) return failure(dbErrorStatus(insError), dbErrorMessage(insError));
		return success(m.admin_partner_roles_saved());
	},

	signature: async ({ request, locals, params }) => {
		const charterId = (await loadCharter(locals, params.slug)).charter.id;
		return saveSignatureDate(locals.supabase, charterId, await request.formData());
	},

	retirer: async ({ request, locals, params }) => {
		const data = await request.formData();
		const organizationId = field(data, 'organizationId');
		if (!isUuid(organizationId)) return failure(400, m.admin_error_choice_required());
		const charterId = (await loadCharter(locals, params.slug)).charter.id;
		const { data: org } = await locals.supabase.from('organizations').select('name').eq('id', organizationId).single();
		if (!isConfirmed(data)) {
			const { count } = await locals.supabase
				.from('actions')
				.select('id', { count: 'exact', head: true })
				.eq('charter_id', charterId)
				.eq('lead_organization_id', organizationId);
			return askConfirmation({
				action: '?/retirer',
				fields: { organizationId },
				title: m.admin_partner_remove_title({ name: org?.name ?? '' }),
				text: count ? m.admin_partner_remove_text_leads({ count }) : m.admin_partner_remove_text(),
				confirmLabel: m.admin_partner_remove_confirm(),
				danger: true
			});
		}
		const { error: err } = await locals.supabase
			.from('charter_partners')
			.delete()
			.eq('charter_id', charterId)
			.eq('organization_id', organizationId);
		if (err) return failure(dbErrorStatus(err), dbErrorMessage(err));
		return success(m.admin_partner_removed({ name: org?.name ?? '' }));
	}
};
