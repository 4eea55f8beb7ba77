/**
 * Entering, correcting and deleting the dated values of an indicator, as the signed-in user: RLS lets a
 * partner representative write the values of their actions' indicators, and a coordinator all of them
 * (and delete). Shared by the action page and the indicator page.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { deleteValueSchema, indicatorValueSchema } from '#lib/schemas/actions.js';
import { dbErrorMessage, dbErrorStatus } from './db-errors.js';

export async function saveIndicatorValue(event: RequestEvent, charterId: string) {
	const form = await superValidate(event.request, zod4(indicatorValueSchema), { id: 'value' });
	if (!form.valid) return fail(400, { valueForm: form });
	const supabase = event.locals.supabase;
	const values = {
		measured_on: form.data.measuredOn,
		value: form.data.value!,
		note: form.data.note || null
	};
	const query = form.data.valueId
		? supabase
				.from('indicator_values')
				.update(values)
				.eq('id', form.data.valueId)
				.eq('indicator_id', form.data.indicatorId)
				.select('id')
		: supabase
				.from('indicator_values')
				.insert({ ...values, indicator_id: form.data.indicatorId, charter_id: charterId })
				.select('id');
	const { data, error } = await query;
	if (error?.code === '23505') {
		return setError(form, 'measuredOn', m.actions_value_duplicate_date(), { status: 409 });
	}
	if (error) {
		return message(form, { kind: 'error', text: dbErrorMessage(error) }, { status: dbErrorStatus(error) });
	}
	// An update that RLS filtered out touches no row: say so rather than pretend it worked.
	if (!data?.length) return message(form, { kind: 'error', text: m.admin_error_forbidden() }, { status: 403 });
	const saved = m.actions_value_saved();
	// The form is ready for the next value (the empty number field stays empty, not 0).
	Object.assign(form.data, { valueId: '', value: null, note: '' });
	return message(form, { kind: 'success', text: saved });
}

export async function deleteIndicatorValue(event: RequestEvent) {
	const form = await superValidate(event.request, zod4(deleteValueSchema), { id: 'delete-value' });
	if (!form.valid) return fail(400, { deleteValueForm: form });
	const { data, error } = await event.locals.supabase
		.from('indicator_values')
		.delete()
		.eq('id', form.data.valueId)
		.select('id');
	if (error) return message(form, { kind: 'error', text: dbErrorMessage(error) }, { status: 503 });
	if (!data?.length) return message(form, { kind: 'error', text: m.admin_error_forbidden() }, { status: 403 });
	return message(form, { kind: 'success', text: m.actions_value_deleted() });
}
