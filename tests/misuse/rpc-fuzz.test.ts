/**
 * Misuse of the REST API's functions: random and malformed arguments sent to EVERY function PostgREST exposes,
 * as anon and as every demo role. Whatever is sent: never a 5xx, always an error with a message (or a harmless
 * answer), and the database exactly as it was (random ids match no row; numbers and versions are out of range).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signInAs } from '../helpers/demo.ts';
import { sql, testConfig } from '../helpers/env.ts';

interface FunctionSignature {
	name: string;
	args: { name: string; type: string }[];
}

/** A hash of every row of every table of `public` (and of auth.users): any change shows. */
async function fingerprint(): Promise<Record<string, string>> {
	const tables = await sql<{ name: string }>(
		`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
		 where n.nspname = 'public' and c.relkind = 'r' order by 1`
	);
	const result: Record<string, string> = {};
	for (const { name } of tables) {
		const [row] = await sql<{ h: string }>(
			`select coalesce(md5(string_agg(md5(t::text), '' order by md5(t::text))), 'empty') as h from public.${name} t`
		);
		result[name] = row.h;
	}
	const [users] = await sql<{ h: string }>(
		`select md5(string_agg(md5(u.id::text || coalesce(u.email, '') || coalesce(u.encrypted_password, '')), '' order by u.id)) as h from auth.users u`
	);
	result['auth.users'] = users.h;
	return result;
}

/** A value of the right shape or of any other: what a careless or hostile client might send. */
function argument(type: string): fc.Arbitrary<unknown> {
	const garbage = fc.oneof(
		fc.constant(null),
		fc.string({ maxLength: 40 }),
		fc.string({ minLength: 5000, maxLength: 6000 }),
		fc.integer(),
		fc.double(),
		fc.boolean(),
		fc.uuid(),
		fc.jsonValue({ maxDepth: 3 }),
		fc.constantFrom(
			'',
			' ',
			'\u0000',
			'\\',
			"'; drop table public.charters; --",
			'<script>alert(1)</script>',
			'2026-02-30',
			'NaN',
			'-1',
			'1e999',
			'{}',
			'[]'
		)
	);
	const shaped: Record<string, fc.Arbitrary<unknown>> = {
		uuid: fc.uuid(),
		integer: fc.oneof(fc.integer({ min: -1_000_000, max: 0 }), fc.constant(2_147_483_647)),
		text: fc.string({ maxLength: 200 }),
		date: fc.oneof(
			fc
				.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
				.map((d) => d.toISOString().slice(0, 10)),
			fc.constant('2026-13-45')
		),
		jsonb: fc.jsonValue({ maxDepth: 4 }),
		boolean: fc.boolean()
	};
	const base = type.replace(/^public\./, '');
	return fc.oneof(
		{ arbitrary: shaped[base] ?? fc.string({ maxLength: 30 }), weight: 3 },
		{ arbitrary: garbage, weight: 2 }
	);
}

describe('misuse of the REST functions (property-based)', () => {
	const tokens: Record<string, string | null> = { anon: null };
	let functions: FunctionSignature[] = [];
	let before: Record<string, string>;

	beforeAll(async () => {
		for (const [role, email] of Object.entries(DEMO)) {
			const client = await signInAs(email);
			tokens[role] = (await client.auth.getSession()).data.session!.access_token;
		}
		const rows = await sql<{ name: string; arg_names: string[] | null; arg_types: string[] | null }>(
			`select p.proname as name, p.proargnames as arg_names,
			   array(select format_type(t, null) from unnest(p.proargtypes) as t) as arg_types
			 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			 where n.nspname = 'public' and p.prokind = 'f'
			   and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
			 order by 1`
		);
		functions = rows.map((r) => ({
			name: r.name,
			args: (r.arg_types ?? []).map((type, i) => ({ name: r.arg_names?.[i] ?? `arg${i}`, type }))
		}));
		before = await fingerprint();
	});

	afterAll(async () => {
		// The property, once more, over the whole run: nothing any call did is left in the database.
		expect(await fingerprint()).toEqual(before);
	});

	it('finds the functions the API exposes', () => {
		expect(functions.map((f) => f.name)).toEqual(
			expect.arrayContaining(['record_action_update', 'accept_invitations', 'official_arrivals', 'internship_counts'])
		);
	});

	it('never answers a 5xx, always explains a refusal, and changes nothing', async () => {
		const roles = Object.keys(tokens);
		const call = fc
			.record({
				fn: fc.constantFrom(...functions),
				role: fc.constantFrom(...roles),
				extra: fc.option(
					fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
					{ nil: undefined }
				),
				dropOne: fc.boolean(),
				seed: fc.integer()
			})
			.chain(({ fn, role, extra, dropOne }) =>
				fc.tuple(...fn.args.map((a) => argument(a.type))).map((values) => ({ fn, role, extra, dropOne, values }))
			);

		await fc.assert(
			fc.asyncProperty(call, async ({ fn, role, extra, dropOne, values }) => {
				const body: Record<string, unknown> = { ...(extra ?? {}) };
				fn.args.forEach((a, i) => {
					if (!(dropOne && i === 0)) body[a.name] = values[i];
				});
				const token = tokens[role];
				const res = await fetch(`${testConfig.apiUrl}/rest/v1/rpc/${fn.name}`, {
					method: 'POST',
					headers: {
						apikey: testConfig.anonKey,
						authorization: `Bearer ${token ?? testConfig.anonKey}`,
						'content-type': 'application/json'
					},
					body: JSON.stringify(body)
				});
				const text = await res.text();
				expect(
					res.status,
					`${role} → ${fn.name}(${JSON.stringify(body).slice(0, 300)}): ${text.slice(0, 300)}`
				).toBeLessThan(500);
				if (res.status >= 400) {
					const error = JSON.parse(text) as { message?: string };
					expect(error.message, text).toBeTruthy();
				}
			}),
			{
				numRuns: Number(process.env.FUZZ_RUNS || (process.env.TEST_HEAVY === '1' ? 1500 : 300)),
				seed: Number(process.env.FUZZ_SEED) || undefined
			}
		);
		expect(await fingerprint()).toEqual(before);
	}, 300_000);
});
