/**
 * The editions of an event action (action_occurrences) on the action page: the form's schema, the rows it
 * writes, the list, and the two form actions (save, delete). Coordinators and the action's partners write them
 * (RLS); the database rewrites the edition-fed indicators (20261123400100_aids_and_events.sql).
 */
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { z } from 'zod';
import { COMMUNE_CODE, isUuid } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';
import { isValidIsoDate, optionalNumber, optionalText, optionalUuid, orNull } from '#lib/schemas/fields.js';
import { dbErrorMessage, dbErrorStatus } from './db-errors.js';
import { formAction, must, mustChange } from './form-action.js';

const count = () =>
	optionalNumber(0, 100000).refine((v) => v === null || Number.isInteger(v), {
		error: () => m.admin_error_number_invalid()
	});

export const occurrenceSchema = z
	.object({
		id: optionalUuid(),
		heldOn: z
			.string({ error: () => m.admin_error_date_required() })
			.min(1, { error: () => m.admin_error_date_required() })
			.refine(isValidIsoDate, { error: () => m.admin_error_date_invalid() }),
		communeCode: z
			.string()
			.trim()
			.toUpperCase()
			.default('')
			.refine((v) => v === '' || COMMUNE_CODE.test(v), { error: () => m.admin_error_territory_code() }),
		participants: count(),
		professionals: count(),
		interested: count(),
		note: optionalText(2000)
	})
	.superRefine((d, ctx) => {
		const total = typeof d.participants === 'number' ? d.participants : null;
		if (total === null) return;
		for (const key of ['professionals', 'interested'] as const) {
			const v = d[key];
			if (typeof v === 'number' && v > total)
				ctx.addIssue({ code: 'custom', path: [key], message: m.occurrences_error_over_participants() });
		}
	});
export type OccurrenceInput = z.output<typeof occurrenceSchema>;

export const occurrenceColumns = (d: OccurrenceInput) => ({
	held_on: d.heldOn,
	commune_code: orNull(d.communeCode),
	participants: d.participants,
	professionals: d.professionals,
	interested: d.interested,
	note: orNull(d.note)
});

type Locals = App.Locals;

/** The editions of an action, newest first, and the form (filled from `?modifier-edition=<id>` when given). */
export async function loadOccurrences(locals: Locals, actionId: string, url: URL) {
	const { data, error: err } = await locals.supabase
		.from('action_occurrences')
		.select('id, held_on, commune_code, participants, professionals, interested, note, commune:communes(name)')
		.eq('action_id', actionId)
		.order('held_on', { ascending: false })
		.limit(500);
	if (err) error(503, m.error_action_unavailable());
	const editing = url.searchParams.get('modifier-edition');
	const row = editing && isUuid(editing) ? data.find((o) => o.id === editing) : undefined;
	const form = await superValidate(
		row
			? {
					id: row.id,
					heldOn: row.held_on,
					communeCode: row.commune_code ?? '',
					participants: row.participants,
					professionals: row.professionals,
					interested: row.interested,
					note: row.note ?? ''
				}
			: {},
		zod4(occurrenceSchema),
		{ errors: false, id: 'occurrence' }
	);
	return {
		occurrences: data,
		occurrenceForm: form,
		editingOccurrence: row ? { id: row.id, heldOn: row.held_on } : null
	};
}

const duplicate = { unique: { field: 'heldOn', text: m.occurrences_error_duplicate() } };

/** The charter of the action, as the action page's form actions read it. */
async function actionOf(locals: Locals, actionId: string, slug: string) {
	if (!isUuid(actionId)) error(404, m.error_action_not_found());
	const { data } = await locals.supabase
		.from('actions')
		.select('id, charter_id, charter:charters!inner(slug)')
		.eq('id', actionId)
		.eq('charter.slug', slug)
		.maybeSingle();
	if (!data) error(404, m.error_action_not_found());
	return data;
}

export const saveOccurrence = formAction(
	occurrenceSchema,
	{
		id: 'occurrence',
		check: async ({ form, event }) => {
			const code = form.data.communeCode;
			if (!code || !COMMUNE_CODE.test(code)) return;
			const { data } = await event.locals.supabase.from('communes').select('code').eq('code', code).maybeSingle();
			if (!data) {
				form.valid = false;
				form.errors.communeCode = [m.db_unknown_commune({ code })];
			}
		}
	},
	async (d, { event }) => {
		const action = await actionOf(event.locals, event.params.id ?? '', event.params.slug ?? '');
		const row = occurrenceColumns(d);
		if (d.id) {
			mustChange(
				await event.locals.supabase
					.from('action_occurrences')
					.update(row)
					.eq('id', d.id)
					.eq('action_id', action.id)
					.select('id'),
				duplicate
			);
		} else {
			must(
				await event.locals.supabase
					.from('action_occurrences')
					.insert({ ...row, action_id: action.id, charter_id: action.charter_id })
					.select('id'),
				duplicate
			);
		}
		return m.occurrences_saved();
	}
);

export async function deleteOccurrence(event: RequestEvent) {
	const action = await actionOf(event.locals, event.params.id ?? '', event.params.slug ?? '');
	const id = String((await event.request.formData()).get('id') ?? '');
	if (!isUuid(id)) return fail(400, { occurrenceMessage: m.admin_not_found() });
	const { data, error: err } = await event.locals.supabase
		.from('action_occurrences')
		.delete()
		.eq('id', id)
		.eq('action_id', action.id)
		.select('id');
	if (err) return fail(dbErrorStatus(err), { occurrenceMessage: dbErrorMessage(err) });
	if (!data.length) return fail(403, { occurrenceMessage: m.admin_error_forbidden() });
	return { occurrenceMessage: m.occurrences_deleted() };
}
