import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { forwardClientAddress } from './auth-forwarding.ts';
import { serverTiming, serverTimingValue, timedFetch } from './server-timing.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A fetch that answers after `ms` milliseconds, recording what it was asked. */
const slowFetch = (ms: number, asked: string[] = []): typeof fetch =>
	(async (input: RequestInfo | URL) => {
		asked.push(String(input instanceof Request ? input.url : input));
		await wait(ms);
		return new Response('{}');
	}) as typeof fetch;

const event = {} as RequestEvent;
const dur = (header: string, name: string) => Number(new RegExp(`${name};dur=([\\d.]+)`).exec(header)?.[1]);

describe('Server-Timing for the benchmark', () => {
	it('says app, auth and api under the names bench/run.ts reads', () => {
		expect(serverTimingValue(12.345, { auth: 1, api: 2.26, calls: 3 })).toBe(
			'app;dur=12.3, auth;dur=1.0, api;dur=2.3;desc="3 calls"'
		);
	});

	it('times the whole request and each Supabase call made while it runs', async () => {
		const asked: string[] = [];
		const supabaseFetch = timedFetch(slowFetch(20, asked));
		const handle = serverTiming(true);
		const response = await handle({
			event,
			resolve: async () => {
				await supabaseFetch('http://127.0.0.1:54321/auth/v1/user');
				await Promise.all([
					supabaseFetch(new URL('http://127.0.0.1:54321/rest/v1/charters')),
					supabaseFetch(new Request('http://127.0.0.1:54321/rest/v1/rpc/charter_dashboard', { method: 'POST' }))
				]);
				return new Response('ok');
			}
		});
		const header = response.headers.get('server-timing') ?? '';
		expect(header).toMatch(/^app;dur=[\d.]+, auth;dur=[\d.]+, api;dur=[\d.]+;desc="3 calls"$/);
		expect(dur(header, 'auth')).toBeGreaterThanOrEqual(15);
		expect(dur(header, 'api')).toBeGreaterThanOrEqual(30); // two calls in parallel: their waits add up
		expect(dur(header, 'app')).toBeGreaterThanOrEqual(dur(header, 'auth'));
		expect(asked).toHaveLength(3);
	});

	it('keeps the records of concurrent requests apart', async () => {
		const supabaseFetch = timedFetch(slowFetch(5));
		const handle = serverTiming(true);
		const request = (calls: number) =>
			handle({
				event,
				resolve: async () => {
					for (let i = 0; i < calls; i++) await supabaseFetch('http://127.0.0.1:54321/rest/v1/actions');
					return new Response('ok');
				}
			});
		const [one, three] = await Promise.all([request(1), request(3)]);
		expect(one.headers.get('server-timing')).toContain('desc="1 calls"');
		expect(three.headers.get('server-timing')).toContain('desc="3 calls"');
	});

	it('sends nothing when off, and the fetch is the plain one outside a timed request', async () => {
		const asked: string[] = [];
		const supabaseFetch = timedFetch(slowFetch(0, asked));
		const response = await serverTiming(false)({
			event,
			resolve: async () => {
				await supabaseFetch('http://127.0.0.1:54321/rest/v1/actions');
				return new Response('ok');
			}
		});
		expect(response.headers.has('server-timing')).toBe(false);
		expect(await (await supabaseFetch('http://127.0.0.1:54321/auth/v1/token')).text()).toBe('{}');
		expect(asked).toHaveLength(2);
	});

	it('composes with the auth forwarding of hooks.server.ts: the visitor is still named, the call still timed', async () => {
		const seen: Headers[] = [];
		const base = (async (_input: RequestInfo | URL, init?: RequestInit) => {
			seen.push(new Headers(init?.headers));
			return new Response('{}');
		}) as typeof fetch;
		const supabaseFetch = forwardClientAddress(timedFetch(base), {
			supabaseUrl: 'http://127.0.0.1:54321',
			anonKey: 'anon',
			secretKey: 'sb_secret_x',
			clientAddress: '203.0.113.7'
		});
		const response = await serverTiming(true)({
			event,
			resolve: async () => {
				await supabaseFetch('http://127.0.0.1:54321/auth/v1/token?grant_type=password', { method: 'POST' });
				return new Response('ok');
			}
		});
		expect(seen[0].get('sb-forwarded-for')).toBe('203.0.113.7');
		expect(seen[0].get('apikey')).toBe('sb_secret_x');
		expect(response.headers.get('server-timing')).toContain('desc="1 calls"');
	});

	it('leaves a response with immutable headers as it is', async () => {
		const redirect = Response.redirect('http://127.0.0.1:3000/connexion', 303);
		const response = await serverTiming(true)({ event, resolve: async () => redirect });
		expect(response).toBe(redirect);
		expect(response.headers.has('server-timing')).toBe(false);
	});
});
