/**
 * The rate limits live in Postgres (public.rate_limit_windows), so that several app instances count one visitor
 * once: two RateLimiters with their own service-role clients stand for two instances. Also: the count is atomic
 * under concurrent hits, the window resets, keys are stored hashed, and no API role but the service role reaches
 * the table or its functions.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database.types.ts';
import { RateLimiter } from '../../src/lib/server/rate-limit.ts';
import { DEMO, signInAs, superuserPool } from '../helpers/demo.ts';
import { anonClient, serviceClient } from '../helpers/env.ts';

const su = superuserPool();
const instanceA = serviceClient() as SupabaseClient<Database>;
const instanceB = serviceClient() as SupabaseClient<Database>;
const name = `t${randomUUID().slice(0, 8)}`;
let member: SupabaseClient;

beforeAll(async () => {
	member = await signInAs(DEMO.arsNa);
});
afterAll(async () => {
	await su.query(`delete from public.rate_limit_windows where key like $1`, [`${name}%`]);
	await su.end();
});

describe('shared rate limits', () => {
	it('counts the hits of two instances on one key once, and refuses past the limit on both', async () => {
		const a = new RateLimiter(name, 3, 60_000, () => instanceA);
		const b = new RateLimiter(name, 3, 60_000, () => instanceB);
		const key = `ip:203.0.113.${Math.floor(Math.random() * 200)}`;
		const verdicts = [await a.hit(key), await b.hit(key), await a.hit(key)];
		expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true]);
		expect(await b.blocked(key)).toBe(true);
		const fourth = await b.hit(key);
		expect(fourth.allowed).toBe(false);
		expect(fourth.retryAfterSeconds).toBeGreaterThan(0);
		expect(fourth.retryAfterSeconds).toBeLessThanOrEqual(60);
		// Another key, and the same key under another limit's name, are counted apart.
		expect((await a.hit(`${key}.other`)).allowed).toBe(true);
		expect(await new RateLimiter(`${name}x`, 3, 60_000, () => instanceB).blocked(key)).toBe(false);
		// A successful sign-in forgets the key, for every instance.
		await a.reset(key);
		expect(await b.blocked(key)).toBe(false);
		expect((await b.hit(key)).allowed).toBe(true);
	});

	it('counts concurrent hits from both instances without losing one', async () => {
		const a = new RateLimiter(name, 100, 60_000, () => instanceA);
		const b = new RateLimiter(name, 100, 60_000, () => instanceB);
		const key = `u:${randomUUID()}`;
		await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).hit(key)));
		const [row] = await su.query<{ hits: number }>(
			`select sum(hits)::int as hits from public.rate_limit_windows where key = $1`,
			[a.storedKey(key)]
		);
		expect(row.hits).toBe(30);
	});

	it('starts again when the window ends', async () => {
		const a = new RateLimiter(name, 2, 2_000, () => instanceA);
		const b = new RateLimiter(name, 2, 2_000, () => instanceB);
		const key = `ip:${randomUUID()}`;
		await a.hit(key);
		await b.hit(key);
		const third = await a.hit(key);
		expect(third.allowed).toBe(false);
		expect(await b.blocked(key)).toBe(true);
		// The window started at the first hit (not at a clock boundary, which would let twice the limit through).
		await new Promise((resolve) => setTimeout(resolve, third.retryAfterSeconds * 1000 + 300));
		expect(await b.blocked(key)).toBe(false);
		expect((await b.hit(key)).allowed).toBe(true);
	});

	it('stores the limit name and a hash, never the address or e-mail it counts', async () => {
		const a = new RateLimiter(name, 5, 60_000, () => instanceA);
		const key = `198.51.100.7|someone-${randomUUID()}@example.org`;
		await a.hit(key);
		const rows = await su.query<{ key: string }>(`select key from public.rate_limit_windows where key like $1`, [
			`${name}:%`
		]);
		expect(rows.map((r) => r.key)).toContain(a.storedKey(key));
		expect(rows.some((r) => r.key.includes('example.org') || r.key.includes('198.51.100.7'))).toBe(false);
	});

	it('deletes ended windows now and then, as hits go by', async () => {
		await su.query(
			`insert into public.rate_limit_windows (key, window_start, expires_at, hits)
			 values ($1, now() - interval '2 hours', now() - interval '1 hour', 7)`,
			[`${name}:old`]
		);
		const a = new RateLimiter(name, 1000, 60_000, () => instanceA);
		// One call in 50 sweeps: 400 calls miss it with a probability of 0.98^400, about 3e-4.
		for (let i = 0; i < 400; i++) {
			await a.hit('sweep');
			if (i % 50 === 49) {
				const left = await su.query(`select 1 from public.rate_limit_windows where key = $1`, [`${name}:old`]);
				if (!left.length) break;
			}
		}
		expect(await su.query(`select 1 from public.rate_limit_windows where key = $1`, [`${name}:old`])).toEqual([]);
	});

	for (const who of ['anon', 'authenticated'] as const) {
		it(`refuses ${who} the table and the functions through the API`, async () => {
			const client = who === 'anon' ? anonClient() : member;
			const read = await client.from('rate_limit_windows').select('key');
			expect(read.error?.code).toBe('42501');
			const write = await client
				.from('rate_limit_windows')
				.insert({ key: `${name}:api`, window_start: new Date().toISOString(), expires_at: new Date().toISOString() });
			expect(write.error?.code).toBe('42501');
			const change = await client.from('rate_limit_windows').delete().like('key', `${name}%`);
			expect(change.error?.code).toBe('42501');
			for (const [fn, args] of [
				['rate_limit_hit', { p_key: `${name}:api`, p_window_seconds: 60 }],
				['rate_limit_count', { p_key: `${name}:api`, p_window_seconds: 60 }],
				['rate_limit_reset', { p_key: `${name}:api` }]
			] as const) {
				const call = await client.rpc(fn, args);
				expect(call.error?.code, fn).toBe('42501');
			}
			expect(await su.query(`select 1 from public.rate_limit_windows where key = $1`, [`${name}:api`])).toEqual([]);
		});
	}

	it('refuses a key or a window out of bounds, in SQL', async () => {
		const tooLong = await instanceA.rpc('rate_limit_hit', { p_key: 'k'.repeat(201), p_window_seconds: 60 });
		expect(tooLong.error?.code).toBe('PT400');
		const window = await instanceA.rpc('rate_limit_hit', { p_key: `${name}:w`, p_window_seconds: 0 });
		expect(window.error?.code).toBe('PT400');
	});
});
