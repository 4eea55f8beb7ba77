import { error, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { orgName } from '#lib/domain/organizations.js';
import { m } from '#lib/paraglide/messages.js';
import { fundingSchema } from '#lib/schemas/admin.js';
import { fundingColumns } from '#lib/server/admin-rows.js';
import { dbErrorMessage, dbErrorStatus } from '#lib/server/db-errors.js';
import { isUuid } from '#lib/domain/patterns.js';
import { formAction, mustChange } from '#lib/server/form-action.js';
import { planOptions } from '#lib/server/plan-options.js';
import { askConfirmation, failure, isConfirmed } from '#lib/server/row-actions.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { charter } = await parent();
	if (!isUuid(params.id)) error(404, m.error_funding_not_found());
	const [{ data: funding }, options] = await Promise.all([
		locals.supabase
			.from('fundings')
			.select('*, organization:organizations(id, name, short_name)')
			.eq('id', params.id)
			.eq('charter_id', charter.id)
			.maybeSingle(),
		planOptions(locals, charter.id)
	]);
	if (!funding) error(404, m.error_funding_not_found());
	const organizations = options.organizations.some((o) => o.value === funding.organization_id)
		? options.organizations
		: [...options.organizations, { value: funding.organization_id, label: orgName(funding.organization) ?? '' }];
	return {
		funding,
		organizations,
		actions: options.actions,
		form: await superValidate(
			{
				organizationId: funding.organization_id,
				actionId: funding.action_id ?? '',
				source: funding.source,
				year: funding.year,
				plannedAmount: funding.planned_amount,
				committedAmount: funding.committed_amount,
				paidAmount: funding.paid_amount,
				note: funding.note ?? ''
			},
			zod4(fundingSchema),
			{ errors: false, id: 'funding' }
		)
	};
};

export const actions: Actions = {
	enregistrer: formAction(fundingSchema, { id: 'funding' }, async (d, { event: { locals, params } }) => {
		if (!isUuid(params.id)) error(404, m.error_funding_not_found());
		mustChange(await locals.supabase.from('fundings').update(fundingColumns(d)).eq('id', params.id).select('id'));
		return m.admin_funding_saved();
	}),
	supprimer: async ({ request, locals, params }) => {
		const data = await request.formData();
		if (!isUuid(params.id)) error(404, m.error_funding_not_found());
		if (!isConfirmed(data)) {
			return askConfirmation({
				action: '?/supprimer',
				fields: {},
				title: m.admin_funding_delete_title(),
				text: m.admin_funding_delete_text(),
				confirmLabel: m.admin_delete_confirm(),
				danger: true
			});
		}
		const { data: deleted, error: err } = await locals.supabase
			.from('fundings')
			.delete()
			.eq('id', params.id)
			.select('id');
		if (err) return failure(dbErrorStatus(err), dbErrorMessage(err));
		if (!deleted.length) return failure(403, m.admin_error_forbidden());
		redirect(303, `/chartes/${params.slug}/administration/financements?supprime`);
	}
};
