import { error, fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { fundingSchema } from '#lib/schemas/admin.js';
import { orNull } from '#lib/schemas/fields.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { dbErrorMessage, dbErrorStatus } from '#lib/server/db-errors.js';
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
	default: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(fundingSchema), { id: 'funding' });
		if (!form.valid) return fail(400, { form });
		const charterId = (await loadCharter(locals, params.slug)).charter.id;
		const d = form.data;
		const { error: err } = await locals.supabase.from('fundings').insert({
			charter_id: charterId,
			organization_id: d.organizationId,
			action_id: orNull(d.actionId),
			source: d.source,
			year: d.year,
			planned_amount: d.plannedAmount,
			committed_amount: d.committedAmount,
			paid_amount: d.paidAmount,
			note: orNull(d.note)
		});
		if (err) return message(form, { kind: 'error', text: dbErrorMessage(err) }, { status: dbErrorStatus(err) });
		form.data = { ...EMPTY_FUNDING };
		return message(form, { kind: 'success', text: m.admin_funding_created() });
	}
};
