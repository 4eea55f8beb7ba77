/**
 * Entering, correcting and deleting the dated values of an indicator, as the signed-in user: RLS lets a
 * partner representative write the values of their actions' indicators, and a coordinator all of them
 * (and delete). Shared by the action page and the indicator page.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Database } from '#lib/database.types.js';
import type { IndicatorValueInput } from '#lib/domain/types.js';
import { m } from '#lib/paraglide/messages.js';
import { deleteValueSchema, indicatorValueSchema } from '#lib/schemas/actions.js';
import { dbErrorMessage, dbErrorStatus, type ErrorStatus } from './db-errors.js';

/** Why a value was not written: a date already taken (on its field), or the database's refusal. */
export interface ValueRefusal {
	field: 'measuredOn' | null;
	text: string;
	status: ErrorStatus;
}

/** Writes a new value, or corrects `valueId`, as the signed-in user (RLS decides); null when it was written. */
export async function writeIndicatorValue(
	supabase: SupabaseClient<Database>,
	charterId: string,
	input: IndicatorValueInput & { valueId?: string }
): Promise<ValueRefusal | null> {
	const values = { measured_on: input.measuredOn, value: input.value!, note: input.note || null };
	const { data, error } = await (input.valueId
		? supabase
				.from('indicator_values')
				.update(values)
				.eq('id', input.valueId)
				.eq('indicator_id', input.indicatorId)
				.select('id')
		: supabase
				.from('indicator_values')
				.insert({ ...values, indicator_id: input.indicatorId, charter_id: charterId })
				.select('id'));
	if (error?.code === '23505') return { field: 'measuredOn', text: m.actions_value_duplicate_date(), status: 409 };
	if (error) return { field: null, text: dbErrorMessage(error), status: dbErrorStatus(error) };
	// A write that RLS filtered out touches no row: say so rather than pretend it worked.
	if (!data?.length) return { field: null, text: m.admin_error_forbidden(), status: 403 };
	return null;
}

export async function saveIndicatorValue(event: RequestEvent, charterId: string) {
	const form = await superValidate(event.request, zod4(indicatorValueSchema), { id: 'value' });
	if (!form.valid) return fail(400, { valueForm: form });
	const refusal = await writeIndicatorValue(event.locals.supabase, charterId, form.data);
	if (refusal?.field) return setError(form, refusal.field, refusal.text, { status: refusal.status });
	if (refusal) return message(form, { kind: 'error', text: refusal.text }, { status: refusal.status });
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
