import { error } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { isUuid } from '#lib/domain/patterns.js';
import { todayIso } from '#lib/format.js';
import { formAction, mustChange, must, refuse } from '#lib/server/form-action.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { aidAlert, grantColumns, grantSchema, poolOf, schemeColumns, schemeSchema } from '#lib/server/aids.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { charter, membership } = await parent();
	if (!membership && !charter.is_public) error(404, m.aids_not_found());
	const coordinator = membership?.role === 'coordinator';
	const overview = await locals.supabase.rpc('aid_overview', { p_charter_id: charter.id });
	if (overview.error) error(503, m.aids_unavailable());
	const today = todayIso();

	if (!coordinator) {
		return { coordinator, today, overview: overview.data, pool: poolOf(overview.data), grants: [], alerts: [] };
	}
	const [grants, schemes, partners, actions, requests] = await Promise.all([
		locals.supabase
			.from('aid_grants')
			.select('*, scheme:aid_schemes(name), request:support_requests(reference)')
			.eq('charter_id', charter.id)
			.order('commitment_ends_on', { nullsFirst: false })
			.limit(2000),
		locals.supabase.from('aid_schemes').select('*').eq('charter_id', charter.id).order('position'),
		locals.supabase
			.from('charter_partners')
			.select('organization:organizations(id, name, short_name)')
			.eq('charter_id', charter.id),
		locals.supabase.from('actions').select('id, code, title').eq('charter_id', charter.id).order('position'),
		locals.supabase
			.from('support_requests')
			.select('id, reference, requester_first_name, requester_last_name')
			.eq('charter_id', charter.id)
			.is('erased_at', null)
			.order('created_at', { ascending: false })
			.limit(500)
	]);
	if (grants.error || schemes.error) error(503, m.aids_unavailable());
	const rows = grants.data.map((g) => ({ ...g, alert: aidAlert(g, today) }));

	const editGrant = url.searchParams.get('octroi');
	const grant = editGrant && isUuid(editGrant) ? rows.find((g) => g.id === editGrant) : undefined;
	const editScheme = url.searchParams.get('dispositif');
	const scheme = editScheme && isUuid(editScheme) ? schemes.data.find((s) => s.id === editScheme) : undefined;

	return {
		coordinator,
		today,
		overview: overview.data,
		pool: poolOf(overview.data),
		grants: rows,
		alerts: rows.filter((g) => g.alert),
		schemes: schemes.data,
		editingGrant: grant ? { id: grant.id, name: grant.beneficiary_name } : null,
		editingScheme: scheme ? { id: scheme.id, name: scheme.name } : null,
		// A partner has one row per role (lead, signatory, funder): each organization once.
		funders: [
			...new Map(
				(partners.data ?? []).flatMap((p) => (p.organization ? [[p.organization.id, p.organization]] : []))
			).values()
		] as { id: string; name: string; short_name: string | null }[],
		actions: actions.data ?? [],
		requests: requests.data ?? [],
		grantForm: await superValidate(
			grant
				? {
						id: grant.id,
						schemeId: grant.scheme_id,
						requestId: grant.request_id ?? '',
						beneficiaryName: grant.beneficiary_name,
						amount: Number(grant.amount),
						decidedOn: grant.decided_on,
						paidAmount: Number(grant.paid_amount),
						commitmentStartsOn: grant.commitment_starts_on ?? '',
						commitmentEndsOn: grant.commitment_ends_on ?? '',
						status: grant.status,
						refundAmount: grant.refund_amount === null ? null : Number(grant.refund_amount),
						note: grant.note ?? ''
					}
				: { schemeId: schemes.data[0]?.id ?? '', decidedOn: today, status: 'granted' as const },
			zod4(grantSchema),
			{ errors: false, id: 'grant' }
		),
		schemeForm: await superValidate(
			scheme
				? {
						id: scheme.id,
						name: scheme.name,
						kind: scheme.kind,
						funderOrganizationId: scheme.funder_organization_id ?? '',
						actionId: scheme.action_id ?? '',
						maxAmount: scheme.max_amount === null ? null : Number(scheme.max_amount),
						maxAmountPerYear: scheme.max_amount_per_year,
						commitmentYears: scheme.commitment_years,
						envelopeAmount: scheme.envelope_amount === null ? null : Number(scheme.envelope_amount),
						note: scheme.note ?? ''
					}
				: { kind: 'installation' as const },
			zod4(schemeSchema),
			{ errors: false, id: 'scheme' }
		)
	};
};

const coordinatorOnly = async (event: Parameters<Actions[string]>[0]) => {
	const { charter, membership } = await loadCharter(event.locals, event.params.slug);
	if (membership?.role !== 'coordinator') refuse(403, m.admin_error_forbidden());
	return charter;
};

export const actions: Actions = {
	octroi: formAction(grantSchema, { id: 'grant' }, async (d, { event }) => {
		const charter = await coordinatorOnly(event);
		const row = grantColumns(d);
		if (d.id) {
			mustChange(
				await event.locals.supabase
					.from('aid_grants')
					.update(row)
					.eq('id', d.id)
					.eq('charter_id', charter.id)
					.select('id')
			);
		} else {
			must(
				await event.locals.supabase
					.from('aid_grants')
					.insert({ ...row, charter_id: charter.id })
					.select('id')
			);
		}
		return m.aids_grant_saved();
	}),
	dispositif: formAction(schemeSchema, { id: 'scheme' }, async (d, { event }) => {
		const charter = await coordinatorOnly(event);
		const row = schemeColumns(d);
		const options = { unique: { field: 'name', text: m.admin_error_duplicate() } };
		if (d.id) {
			mustChange(
				await event.locals.supabase
					.from('aid_schemes')
					.update(row)
					.eq('id', d.id)
					.eq('charter_id', charter.id)
					.select('id'),
				options
			);
		} else {
			must(
				await event.locals.supabase
					.from('aid_schemes')
					.insert({ ...row, charter_id: charter.id })
					.select('id'),
				options
			);
		}
		return m.aids_scheme_saved();
	})
};
