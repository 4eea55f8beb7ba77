import { error } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { fundingSchema } from '#lib/schemas/admin.js';
import { fundingColumns } from '#lib/server/admin-rows.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { formAction, must } from '#lib/server/form-action.js';
import { planOptions } from '#lib/server/plan-options.js';
import type { Actions, PageServerLoad } from './$types';

const EMPTY_FUNDING = {
	organizationId: '',
	actionId: '',
	source: '',
	year: null,
	plannedAmount: null,
	committedAmount: null,
	paidAmount: null,
	note: ''
};

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { charter } = await parent();
	const [{ data, error: err }, options] = await Promise.all([
		locals.supabase
			.from('fundings')
			.select(
				'id, source, year, planned_amount, committed_amount, paid_amount, note, organization:organizations(name, short_name), action:actions(code, title)'
			)
			.eq('charter_id', charter.id)
			.order('year', { nullsFirst: true })
			.order('created_at'),
		planOptions(locals, charter.id)
	]);
	if (err) error(503, m.error_fundings_unavailable());
	return {
		fundings: data,
		organizations: options.organizations,
		actions: options.actions,
		form: await superValidate(EMPTY_FUNDING, zod4(fundingSchema), { errors: false, id: 'funding' })
	};
};

export const actions: Actions = {
	default: formAction(fundingSchema, { id: 'funding' }, async (d, { form, event: { locals, params } }) => {
		const { charter } = await loadCharter(locals, params.slug);
		must(
			await locals.supabase.from('fundings').insert({
				charter_id: charter.id,
				...fundingColumns(d)
			})
		);
		form.data = { ...EMPTY_FUNDING };
		return m.admin_funding_created();
	})
};
