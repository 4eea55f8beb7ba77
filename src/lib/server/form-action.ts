/**
 * One shape for the form actions that post a superforms form: validate with zod (400 with the messages next
 * to the fields), run the body with the parsed data, turn a refusal of the database into a 4xx with a message
 * under the form (never a 500 for what the user can fix), and answer with superforms' `message` on success.
 *
 *   save: formAction(fundingSchema, { id: 'funding' }, async (data, { event }) => {
 *     mustChange(await event.locals.supabase.from('fundings').update(...).eq('id', id).select('id'));
 *     return m.admin_funding_saved();
 *   })
 *
 * The body returns the success text, or an answer of its own (`fail`, `setError`, `message`), or throws
 * (`redirect`, `error`, or a `Refusal` through `must`, `mustChange` and `refuse`).
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate, type SuperValidated } from 'sveltekit-superforms';
import { zod4, type ZodValidationSchema } from 'sveltekit-superforms/adapters';
import type { Infer, InferIn } from 'sveltekit-superforms';
import { m } from '#lib/paraglide/messages.js';
import { dbErrorMessage, dbErrorStatus, type DbError, type ErrorStatus } from './db-errors.js';

type Message = App.Superforms.Message;

/** A refusal the form shows: its status, its text, and the field it belongs to (under the form otherwise). */
export class Refusal extends Error {
	constructor(
		readonly status: ErrorStatus,
		readonly text: string,
		readonly field?: string
	) {
		super(text);
		this.name = 'Refusal';
	}
}

export function refuse(status: ErrorStatus, text: string, field?: string): never {
	throw new Refusal(status, text, field);
}

export interface MustOptions {
	/** A unique violation (23505) shown next to this field, with this text (409). */
	unique?: { field: string; text: string };
	/** The text when the database gives nothing the user can act on (503). */
	fallback?: string;
}

/** The refusal a database error means for the user (status and words from `db-errors.ts`). */
export function dbRefusal(err: DbError, options: MustOptions = {}): Refusal {
	if (options.unique && err.code === '23505') return new Refusal(409, options.unique.text, options.unique.field);
	return new Refusal(dbErrorStatus(err), dbErrorMessage(err, options.fallback));
}

/** What supabase-js answers: data, or an error and no data. */
type Answer = { data: unknown; error: DbError | null };
/** The data of an answer without error. */
type Data<R extends Answer> = Extract<R, { error: null }>['data'];

/** The data of a supabase-js answer; a database error becomes a `Refusal`. */
export function must<R extends Answer>(answer: R, options?: MustOptions): Data<R> {
	if (answer.error) throw dbRefusal(answer.error, options);
	return answer.data as Data<R>;
}

/** Like `must` for an update or delete with `.select()`: no row changed means RLS filtered it out (403). */
export function mustChange<R extends Answer & { data: unknown[] | null }>(answer: R, options?: MustOptions): Data<R> {
	const rows = must(answer, options) as unknown[];
	if (!rows.length) refuse(403, m.admin_error_forbidden());
	return rows as Data<R>;
}

export interface FormActionContext<S extends ZodValidationSchema, E extends RequestEvent, C> {
	form: SuperValidated<Infer<S, 'zod4'>, Message, InferIn<S, 'zod4'>>;
	event: E;
	/** What `options.context` loaded before the form was read. */
	context: C;
}

export interface FormActionOptions<S extends ZodValidationSchema, E extends RequestEvent, C> {
	/** The superforms id, when the page holds more than one form. */
	id?: string;
	/** Runs before the form is read, e.g. the charter and a role check (which may throw `error(404)`). */
	context?: (event: NoInfer<E>) => Promise<C>;
	/**
	 * Checks that need the database, run before the 400 is decided so that every error shows at once. They add
	 * to `form.errors` and set `form.valid = false`; what they return goes into the 400's data.
	 */
	check?: (ctx: FormActionContext<S, NoInfer<E>, C>) => Promise<Record<string, unknown> | void>;
	/** A message under the form for an invalid post, for forms that have no visible fields (called per request). */
	invalid?: () => string;
}

export function formAction<
	S extends ZodValidationSchema,
	E extends RequestEvent = RequestEvent,
	C = undefined,
	R = never
>(
	schema: S,
	options: FormActionOptions<S, E, C>,
	body: (data: Infer<S, 'zod4'>, ctx: FormActionContext<S, E, C>) => Promise<string | R>
) {
	const adapter = zod4(schema);
	return async (event: E) => {
		const context = (options.context ? await options.context(event) : undefined) as C;
		const form = (await superValidate(
			event.request,
			adapter,
			options.id ? { id: options.id } : {}
		)) as FormActionContext<S, E, C>['form'];
		const ctx = { form, event, context };
		const extra = options.check ? await options.check(ctx) : undefined;
		if (!form.valid) {
			if (options.invalid) return message(form, { kind: 'error', text: options.invalid() }, { status: 400 });
			return fail(400, { ...extra, form });
		}
		try {
			const result = await body(form.data, ctx);
			if (typeof result === 'string') return message(form, { kind: 'success', text: result });
			return result;
		} catch (thrown) {
			if (!(thrown instanceof Refusal)) throw thrown;
			if (thrown.field) return setError(form, thrown.field as never, thrown.text, { status: thrown.status });
			return message(form, { kind: 'error', text: thrown.text }, { status: thrown.status });
		}
	};
}
