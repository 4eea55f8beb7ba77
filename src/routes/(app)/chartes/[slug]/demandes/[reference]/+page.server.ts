import { error, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { todayIso } from '#lib/format.js';
import { label, supportNeedLabels } from '#lib/labels.js';
import { m } from '#lib/paraglide/messages.js';
import { formAction, must, mustChange, refuse } from '#lib/server/form-action.js';
import {
	coordinatedCharter,
	coordinators,
	loadRequest,
	requireCoordinator,
	resolveInstalledCommune,
	routingOrganizations
} from '#lib/server/support-requests.js';
import { routeNeed, statusLine, statusUpdate, writeEvent } from '#lib/server/support-routing.js';
import {
	eraseSchema,
	noteSchema,
	ownerSchema,
	routeSchema,
	statusSchema,
	withdrawSchema
} from '#lib/server/support-routing-schemas.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, params }) => {
	const { charter, membership } = await parent();
	requireCoordinator(membership);
	const { request, referrals, events } = await loadRequest(locals.supabase, charter.id, params.reference);
	const [owners, organizations] = await Promise.all([
		coordinators(locals.supabase, charter.id),
		routingOrganizations(locals.supabase, charter.id)
	]);
	const installed = request.installed as { name: string } | null;
	const [statusForm, ownerForm, routeForm, noteForm, eraseForm] = await Promise.all([
		superValidate(
			{
				status: request.status,
				installedOn: request.installed_on ?? '',
				installedCommune: request.installed_commune_code ?? '',
				installedMode: request.installed_mode ?? '',
				outcomeNote: request.outcome_note ?? ''
			},
			zod4(statusSchema),
			{ id: 'status', errors: false }
		),
		superValidate({ ownerId: request.owner_id ?? '' }, zod4(ownerSchema), { id: 'owner', errors: false }),
		superValidate(zod4(routeSchema), { id: 'route' }),
		superValidate(zod4(noteSchema), { id: 'note' }),
		superValidate(zod4(eraseSchema), { id: 'erase' })
	]);
	return {
		request: {
			...request,
			communes: request.support_request_communes
				.map((c) => c.communes?.name ?? c.commune_code)
				.sort((a, b) => a.localeCompare(b, 'fr')),
			installedName: installed?.name ?? null
		},
		referrals,
		events,
		owners,
		organizations,
		today: todayIso(),
		statusForm,
		ownerForm,
		routeForm,
		noteForm,
		eraseForm
	};
};

/** The charter (coordinators only) and the request named by the address (404 otherwise). */
async function context(event: { locals: App.Locals; params: { slug: string; reference: string } }) {
	const charter = await coordinatedCharter(event);
	const { data } = await event.locals.supabase
		.from('support_requests')
		.select('id, charter_id, erased_at')
		.eq('charter_id', charter.id)
		.eq('reference', event.params.reference)
		.maybeSingle();
	if (!data) error(404, m.routing_request_not_found());
	return { charter, request: data };
}

export const actions: Actions = {
	statut: formAction(statusSchema, { id: 'status', context }, async (d, { form, context: { request }, event }) => {
		let commune: { code: string; name: string } | null = null;
		if (d.status === 'installed') {
			const resolved = await resolveInstalledCommune(event.locals.supabase, d.installedCommune);
			if ('error' in resolved) return setError(form, 'installedCommune', resolved.error);
			commune = resolved;
			form.data.installedCommune = resolved.code;
		}
		if (request.erased_at && d.outcomeNote) refuse(409, m.routing_erased_no_text());
		mustChange(
			await event.locals.supabase
				.from('support_requests')
				.update(statusUpdate(d, commune?.code ?? null))
				.eq('id', request.id)
				.select('id')
		);
		await writeEvent(event.locals.supabase, request, {
			kind: 'status',
			body: request.erased_at ? null : statusLine(d, commune?.name ?? null),
			organizationId: null
		});
		return m.routing_status_saved();
	}),
	responsable: formAction(
		ownerSchema,
		{ id: 'owner', context },
		async (d, { context: { charter, request }, event }) => {
			if (d.ownerId && !(await coordinators(event.locals.supabase, charter.id)).some((o) => o.id === d.ownerId))
				refuse(400, m.routing_owner_not_coordinator(), 'ownerId');
			mustChange(
				await event.locals.supabase
					.from('support_requests')
					.update({ owner_id: d.ownerId || null })
					.eq('id', request.id)
					.select('id')
			);
			return m.routing_owner_saved();
		}
	),
	orienter: formAction(routeSchema, { id: 'route', context }, async (d, { context: { charter, request }, event }) => {
		if (request.erased_at) refuse(409, m.routing_erased_no_route());
		const organization = (await routingOrganizations(event.locals.supabase, charter.id)).find(
			(o) => o.id === d.organizationId
		);
		if (!organization) refuse(400, m.routing_organization_not_partner(), 'organizationId');
		if (d.dueOn < todayIso()) refuse(400, m.routing_due_in_past(), 'dueOn');
		await routeNeed(event.locals.supabase, request, d, organization.name);
		return organization.represented
			? m.routing_routed({ organization: organization.name })
			: m.routing_routed_unrepresented({ organization: organization.name });
	}),
	retirer: formAction(withdrawSchema, { id: 'withdraw', context }, async (d, { context: { request }, event }) => {
		const [gone] = mustChange(
			await event.locals.supabase
				.from('referrals')
				.delete()
				.eq('id', d.referralId)
				.eq('request_id', request.id)
				.select('need, organization_id')
		);
		const organization = (await routingOrganizations(event.locals.supabase, request.charter_id)).find(
			(o) => o.id === gone.organization_id
		);
		await writeEvent(event.locals.supabase, request, {
			kind: 'note',
			body: m.routing_withdrawn_line({
				need: label(supportNeedLabels, gone.need),
				organization: organization?.name ?? '—'
			}),
			organizationId: null
		});
		return m.routing_withdrawn();
	}),
	noter: formAction(noteSchema, { id: 'note', context }, async (d, { context: { request }, event }) => {
		if (request.erased_at) refuse(409, m.routing_erased_no_text());
		await writeEvent(event.locals.supabase, request, { kind: d.kind, body: d.body, organizationId: null });
		return m.routing_note_saved();
	}),
	effacer: formAction(eraseSchema, { id: 'erase', context }, async (_d, { context: { charter, request }, event }) => {
		must(await event.locals.supabase.rpc('erase_support_request', { p_request_id: request.id }));
		redirect(303, `/chartes/${charter.slug}/demandes/${event.params.reference}?efface=1`);
	})
};
