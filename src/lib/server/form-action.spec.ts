import { error, isActionFailure, isHttpError } from '@sveltejs/kit';
import { setError } from 'sveltekit-superforms';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formAction, must, mustChange, refuse } from './form-action.ts';

const schema = z.object({ name: z.string().min(2, 'Trop court.'), count: z.number().int().default(0) });

function post(fields: Record<string, string>) {
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.set(k, v);
	return { request: new Request('http://localhost/?/enregistrer', { method: 'POST', body }) } as never;
}

type Answer = {
	status?: number;
	data?: { form?: { valid: boolean; message?: unknown; errors: Record<string, unknown> } };
};
const failure = (result: unknown) => {
	expect(isActionFailure(result)).toBe(true);
	return result as Answer;
};

describe('formAction', () => {
	it('answers 400 with the messages next to the fields, without running the body', async () => {
		let ran = false;
		const action = formAction(schema, {}, async () => {
			ran = true;
			return 'ok';
		});
		const result = failure(await action(post({ name: 'a' })));
		expect(result.status).toBe(400);
		expect(result.data?.form?.errors.name).toEqual(['Trop court.']);
		expect(ran).toBe(false);
	});

	it('runs the body with the parsed data and answers with the success message', async () => {
		const action = formAction(schema, { id: 'x' }, async (data) => `saved ${data.name} ${data.count}`);
		const result = (await action(post({ name: 'Ada', count: '3' }))) as { form: { id: string; message: unknown } };
		expect(isActionFailure(result)).toBe(false);
		expect(result.form.id).toBe('x');
		expect(result.form.message).toEqual({ kind: 'success', text: 'saved Ada 3' });
	});

	it('turns a database refusal into its 4xx and message under the form', async () => {
		const action = formAction(schema, {}, async () => {
			must({ data: null, error: { code: 'PT409', message: 'Déjà pris.' } });
			return 'never';
		});
		const result = failure(await action(post({ name: 'Ada' })));
		expect(result.status).toBe(409);
		expect(result.data?.form?.message).toEqual({ kind: 'error', text: 'Déjà pris.' });
	});

	it('maps an unknown database error to 503, never a 500', async () => {
		const action = formAction(schema, {}, async () =>
			must({ data: null, error: { code: 'XX000' } }, { fallback: 'Plus tard.' })
		);
		const result = failure(await action(post({ name: 'Ada' })));
		expect(result.status).toBe(503);
		expect(result.data?.form?.message).toEqual({ kind: 'error', text: 'Plus tard.' });
	});

	it('puts a unique violation next to its field', async () => {
		const action = formAction(schema, {}, async () =>
			must({ data: null, error: { code: '23505' } }, { unique: { field: 'name', text: 'Nom pris.' } })
		);
		const result = failure(await action(post({ name: 'Ada' })));
		expect(result.status).toBe(409);
		expect(result.data?.form?.errors.name).toEqual(['Nom pris.']);
	});

	it('answers 403 when an update changed no row', async () => {
		const action = formAction(schema, {}, async () => {
			mustChange({ data: [], error: null });
			return 'never';
		});
		expect(failure(await action(post({ name: 'Ada' }))).status).toBe(403);
		expect(mustChange({ data: [{ id: 1 }], error: null })).toEqual([{ id: 1 }]);
	});

	it('lets the body answer on its own and lets thrown HTTP errors through', async () => {
		const own = formAction(schema, {}, async (_data, { form }) => setError(form, 'name', 'Non.', { status: 422 }));
		expect(failure(await own(post({ name: 'Ada' }))).status).toBe(422);
		const refused = formAction(schema, {}, async () => refuse(429, 'Trop de demandes.'));
		expect(failure(await refused(post({ name: 'Ada' }))).status).toBe(429);
		const thrown = formAction(schema, {}, async () => error(404, 'Introuvable.'));
		await expect(thrown(post({ name: 'Ada' }))).rejects.toSatisfy(isHttpError);
	});

	it('loads the context first and lets checks add errors and data to the 400', async () => {
		const order: string[] = [];
		const action = formAction(
			schema,
			{
				context: async () => (order.push('context'), 42),
				check: async ({ form, context }) => {
					order.push(`check ${context}`);
					form.valid = false;
					form.errors.name = ['Inconnu.'];
					return { hint: 'x' };
				}
			},
			async () => 'never'
		);
		const result = failure(await action(post({ name: 'Ada' })));
		expect(order).toEqual(['context', 'check 42']);
		expect(result.status).toBe(400);
		expect(result.data).toMatchObject({ hint: 'x' });
		expect(result.data?.form?.errors.name).toEqual(['Inconnu.']);
	});

	it('can answer an invalid post with a message under the form', async () => {
		const action = formAction(schema, { invalid: () => 'Choix manquant.' }, async () => 'never');
		const result = failure(await action(post({})));
		expect(result.status).toBe(400);
		expect(result.data?.form?.message).toEqual({ kind: 'error', text: 'Choix manquant.' });
	});
});
