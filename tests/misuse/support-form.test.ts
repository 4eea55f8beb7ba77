/**
 * Misuse of the public form's entry point, public.submit_support_request, through PostgREST:
 * - anon and signed-in users cannot call it at all (only the app's server does, with the service role);
 * - with the service role, random and malformed requests (fast-check: wrong types, unknown enums and communes,
 *   over-long texts, missing consent, a closed or unknown charter) never get a 5xx; a refusal says why and
 *   stores nothing (no request, no commune, no e-mail in the outbox); an accepted one stores exactly one request.
 * The app's own checks (zod, honeypot, time, per-address limit) are tested through the app in
 * tests/e2e/support-form-misuse.spec.ts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signInAs, superuserPool } from '../helpers/demo.ts';
import { testConfig } from '../helpers/env.ts';
import { createWorld, type World } from '../notifications/world.ts';

const su = superuserPool();
let world: World;
let closedCharterId: string;

const call = (token: string, body: unknown) =>
	fetch(`${testConfig.apiUrl}/rest/v1/rpc/submit_support_request`, {
		method: 'POST',
		headers: {
			apikey: token === testConfig.serviceRoleKey ? token : testConfig.anonKey,
			authorization: `Bearer ${token}`,
			'content-type': 'application/json'
		},
		body: JSON.stringify(body)
	});

/** What the charters of the test hold: any row a refused call left shows here. */
async function stored(): Promise<{ requests: number; communes: number; notifications: number }> {
	const [row] = await su.query<{ requests: number; communes: number; notifications: number }>(
		`select (select count(*)::int from public.support_requests where charter_id = any($1)) as requests,
		   (select count(*)::int from public.support_request_communes where charter_id = any($1)) as communes,
		   (select count(*)::int from public.notifications where charter_id = any($1)) as notifications`,
		[[world.charterId, closedCharterId]]
	);
	return row;
}

const valid = () => ({
	first_name: 'Léa',
	last_name: 'Martin',
	email: 'lea.fuzz@example.com',
	phone: '',
	locale: 'fr',
	profession: 'medecine',
	stage: 'interne',
	specialty: '',
	project: 'Un projet.',
	needs: ['logement'],
	communes: ['47157'],
	wished_on: '2027-09-01',
	consent: true
});

const garbage = fc.oneof(
	fc.constant(null),
	fc.string({ maxLength: 30 }),
	fc.string({ minLength: 4001, maxLength: 10_000 }),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.jsonValue({ maxDepth: 2 }),
	fc.constantFrom('', ' ', '\u0000', "'; drop table public.support_requests; --", '2026-02-30', 'yacht', '99999', '[]')
);

const field: Record<string, fc.Arbitrary<unknown>> = {
	first_name: fc.oneof(fc.constant('Léa'), fc.string({ maxLength: 100 })),
	last_name: fc.oneof(fc.constant('Martin'), fc.string({ maxLength: 100 })),
	email: fc.oneof(fc.constant('lea.fuzz@example.com'), fc.emailAddress(), fc.string({ maxLength: 300 })),
	phone: fc.oneof(fc.constant(''), fc.constant('06 12 34 56 78'), fc.string({ maxLength: 30 })),
	locale: fc.constantFrom('fr', 'en', 'de', ''),
	profession: fc.constantFrom('medecine', 'sage_femme', 'pilote', ''),
	stage: fc.constantFrom('interne', 'en_exercice', 'retraite', ''),
	specialty: fc.oneof(fc.constant(''), fc.string({ maxLength: 200 })),
	project: fc.oneof(fc.constant('Un projet.'), fc.string({ minLength: 3990, maxLength: 4010 })),
	needs: fc.oneof(
		fc.subarray(['logement', 'locaux', 'information']),
		fc.constant(['logement', 'logement']),
		fc.constant(['yacht']),
		fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 })
	),
	communes: fc.oneof(
		fc.constant(['47157', '33063']),
		fc.constant(['99999']),
		fc.constant(Array.from({ length: 11 }, (_, i) => String(47100 + i))),
		fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 })
	),
	wished_on: fc.constantFrom('', '2027-09-01', '2027-02-30', '1899-01-01', 'demain'),
	consent: fc.constantFrom(true, false, 'true', 'oui', null)
};

const payload = fc
	.record({
		values: fc.record(
			Object.fromEntries(
				Object.entries(field).map(([k, a]) => [
					k,
					fc.oneof(
						{ arbitrary: a, weight: 4 },
						{ arbitrary: garbage, weight: 1 },
						{ arbitrary: fc.constant(undefined), weight: 1 }
					)
				])
			)
		),
		// The fields changed from a valid request: a few, so that most runs reach the database's own checks.
		mutate: fc.subarray(Object.keys(field), { maxLength: 3 }),
		charter: fc.constantFrom('open', 'open', 'open', 'closed', 'unknown', 'garbage')
	})
	.map(({ values, mutate, charter }) => {
		const request: Record<string, unknown> = valid();
		for (const k of mutate) request[k] = values[k];
		for (const [k, v] of Object.entries(request)) if (v === undefined) delete request[k];
		return { request, charter };
	});

async function clearRequests(): Promise<void> {
	await su.query('delete from public.notifications where charter_id = $1', [world.charterId]);
	await su.query('delete from public.support_requests where charter_id = $1', [world.charterId]);
}

beforeAll(async () => {
	world = await createWorld(su, []);
	await su.query('update public.charters set is_public = true, intake_open = true where id = $1', [world.charterId]);
	[{ id: closedCharterId }] = await su.query<{ id: string }>(
		`insert into public.charters (slug, title, scope_level, status, is_public, intake_open)
		 values ($1, $2, 'departement', 'active', true, false) returning id`,
		[`${world.slug}-fermee`, `${world.title} (fermée)`]
	);
});

afterAll(async () => {
	await su.query('delete from public.charters where id = $1', [closedCharterId]);
	await world?.remove();
	await su.end();
});

describe('misuse of public.submit_support_request', () => {
	it('cannot be called by anon nor by any signed-in role', async () => {
		const before = await stored();
		const tokens = [testConfig.anonKey];
		for (const email of [DEMO.cptsDropt, DEMO.arsNa, DEMO.maireHv]) {
			const client = await signInAs(email);
			tokens.push((await client.auth.getSession()).data.session!.access_token);
		}
		for (const token of tokens) {
			const res = await call(token, { p_charter_id: world.charterId, p_request: valid() });
			const text = await res.text();
			expect([401, 403, 404], text).toContain(res.status);
			expect(text).toMatch(/permission denied|Could not find/);
		}
		expect(await stored()).toEqual(before);
	});

	it('never answers a 5xx; a refusal says why and stores nothing, an accepted request stores one', async () => {
		let accepted = 0;
		let refused = 0;
		await fc.assert(
			fc
				.asyncProperty(payload, async ({ request, charter }) => {
					const before = await stored();
					const charterId =
						charter === 'open'
							? world.charterId
							: charter === 'closed'
								? closedCharterId
								: charter === 'unknown'
									? '00000000-0000-4000-8000-000000000000'
									: 'pas-un-uuid';
					const res = await call(testConfig.serviceRoleKey, { p_charter_id: charterId, p_request: request });
					const text = await res.text();
					const context = `${JSON.stringify(request).slice(0, 400)} → ${res.status} ${text.slice(0, 300)}`;
					expect(res.status, context).toBeLessThan(500);
					const after = await stored();
					if (res.status >= 400) {
						refused++;
						expect((JSON.parse(text) as { message?: string }).message, context).toBeTruthy();
						expect(after, context).toEqual(before);
						return;
					}
					accepted++;
					const [{ reference, request_id: id }] = JSON.parse(text) as { request_id: string; reference: string }[];
					expect(charter, context).toBe('open');
					expect(request.consent, context).toBe(true);
					expect(after.requests, context).toBe(before.requests + 1);
					expect(reference).toMatch(/^\d{4}-\d{4,6}$/);
					// What was stored is what was sent (trimmed), never cut.
					const [row] = await su.query<{ project: string | null }>(
						'select project from public.support_requests where id = $1',
						[id]
					);
					expect(row.project ?? '', context).toBe(String(request.project ?? '').trim());
				})
				// After each run, whatever it asserted: an empty charter again, so that the per-charter cap (20 an
				// hour) never hides the checks behind it (fast-check runs a failing case again while shrinking it).
				.afterEach(clearRequests),
			{ numRuns: Number(process.env.FUZZ_RUNS || 300), seed: Number(process.env.FUZZ_SEED) || undefined }
		);
		// Both kinds of answer were exercised.
		expect(accepted).toBeGreaterThan(0);
		expect(refused).toBeGreaterThan(0);
	}, 300_000);

	it('refuses a flood for one charter past 20 requests an hour, and stores only those 20', async () => {
		await clearRequests();
		const before = await stored();
		const statuses: number[] = [];
		for (let i = 0; i < 25; i++) {
			const res = await call(testConfig.serviceRoleKey, {
				p_charter_id: world.charterId,
				p_request: { ...valid(), email: `flot${i}@example.com` }
			});
			statuses.push(res.status);
			if (res.status === 429) expect(((await res.json()) as { message: string }).message).toContain('Trop de demandes');
			else await res.text();
		}
		expect(statuses.filter((s) => s === 200)).toHaveLength(20);
		expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
		expect((await stored()).requests).toBe(before.requests + 20);
	});
});
