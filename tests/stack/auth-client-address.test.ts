/**
 * Whose address the auth server limits: through the gateway with the real supabase-js, the rate limit on
 * failed password sign-ins (per address and client) must follow the real client.
 *
 * - A server-side caller names its client in `Sb-Forwarded-For`, honoured only with the secret key (as on
 *   hosted Supabase): one client's failures never block another client's right password.
 * - With any other key, or from anyone changing `X-Forwarded-For` on each request, the header changes
 *   nothing: the gateway overwrites X-Forwarded-For and drops the foreign Sb-Forwarded-For.
 * - The emulator's own port believes neither header without the gateway's token.
 *
 * The auth server's answers are counted in the gateway's request log.
 */
import type { AddressInfo } from 'node:net';
import { createServerClient } from '@supabase/ssr';
import { createClient } from '@supabase/supabase-js';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardClientAddress } from '../../src/lib/server/auth-forwarding.ts';
import { startAuth, type RunningAuth } from '../../stack/auth/index.ts';
import type { LoggedRequest } from '../../stack/request-log.ts';
import { serviceClient, sql, testConfig, uniqueEmail } from '../helpers/env.ts';

const PASSWORD = 'Mot-de-passe-2026';
const FAILURES = testConfig.rateLimits.passwordFailures;

async function passwordUser(): Promise<string> {
	const email = uniqueEmail('limits');
	const { error } = await serviceClient().auth.admin.createUser({ email, password: PASSWORD, email_confirm: true });
	expect(error).toBeNull();
	return email;
}

/** The app's server-side client: an API key, and the visitor's address in Sb-Forwarded-For. */
function serverClient(key: string, forwardedFor?: string) {
	return createClient(testConfig.apiUrl, key, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		global: { headers: forwardedFor ? { 'sb-forwarded-for': forwardedFor } : {} }
	});
}

/** A raw password sign-in, for headers supabase-js would not send. */
async function rawSignIn(base: string, email: string, password: string, headers: Record<string, string>) {
	const res = await fetch(`${base}/token?grant_type=password`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify({ email, password })
	});
	return { status: res.status, code: res.headers.get('x-sb-error-code') };
}

/** The gateway's log since `since` (epoch ms), of one path. */
async function answers(since: number, path: string): Promise<LoggedRequest[]> {
	const res = await fetch(`${testConfig.apiUrl}/_stack/requests?since=${since}`, {
		headers: { apikey: testConfig.secretKey }
	});
	expect(res.status).toBe(200);
	const { requests } = (await res.json()) as { requests: LoggedRequest[] };
	return requests.filter((r) => r.path === path);
}
const tokenAnswers = (since: number) => answers(since, '/auth/v1/token');

/** The address the auth server recorded for the session of an access token. */
async function sessionIp(accessToken: string): Promise<string> {
	const [row] = await sql<{ ip: string }>('select host(ip) as ip from auth.sessions where id = $1', [
		decodeJwt(accessToken).session_id
	]);
	return row.ip;
}

describe('Sb-Forwarded-For with the secret key (the app server naming its visitor)', () => {
	it('failures from one client never block the right password from another client', async () => {
		const since = Date.now();
		const email = await passwordUser();
		const attacker = serverClient(testConfig.secretKey, '203.0.113.10');
		for (let i = 0; i < FAILURES; i++) {
			const { error } = await attacker.auth.signInWithPassword({ email, password: `faux-${i}` });
			expect(error?.code).toBe('invalid_credentials');
		}
		const locked = await attacker.auth.signInWithPassword({ email, password: PASSWORD });
		expect(locked.error?.status).toBe(429);
		expect(locked.error?.code).toBe('over_request_rate_limit');

		const owner = await serverClient(testConfig.secretKey, '203.0.113.20').auth.signInWithPassword({
			email,
			password: PASSWORD
		});
		expect(owner.error).toBeNull();
		expect(await sessionIp(owner.data.session!.access_token)).toBe('203.0.113.20');

		const answers = await tokenAnswers(since);
		const from = (ip: string) => answers.filter((a) => a.forwardedFor === ip);
		expect(from('203.0.113.10').map((a) => a.status)).toEqual([...Array(FAILURES).fill(400), 429]);
		expect(from('203.0.113.20').map((a) => a.status)).toEqual([200]);
	});

	it('is ignored with the anon, publishable and service_role keys: the gateway drops it', async () => {
		const since = Date.now();
		const email = await passwordUser();
		for (const key of [testConfig.anonKey, testConfig.publishableKey, testConfig.serviceRoleKey]) {
			const { data, error } = await serverClient(key, '198.51.100.7').auth.signInWithPassword({
				email,
				password: PASSWORD
			});
			expect(error).toBeNull();
			expect(await sessionIp(data.session!.access_token)).toBe('127.0.0.1');
		}
		const { data } = await serverClient(testConfig.secretKey, '198.51.100.7').auth.signInWithPassword({
			email,
			password: PASSWORD
		});
		expect(await sessionIp(data.session!.access_token)).toBe('198.51.100.7');
		expect((await tokenAnswers(since)).map((a) => a.forwardedFor)).toEqual([null, null, null, '198.51.100.7']);
		const [audit] = await sql<{ ip_address: string }>(
			`select ip_address from auth.audit_log_entries where payload ->> 'actor_username' = $1
			 and payload ->> 'action' = 'login' order by created_at desc limit 1`,
			[email]
		);
		expect(audit.ip_address).toBe('198.51.100.7');
	});

	it('takes the first value of a list, and nothing that is not an address', async () => {
		const email = await passwordUser();
		const listed = await serverClient(testConfig.secretKey, '203.0.113.30, 10.0.0.1').auth.signInWithPassword({
			email,
			password: PASSWORD
		});
		expect(await sessionIp(listed.data.session!.access_token)).toBe('203.0.113.30');
		const junk = await serverClient(testConfig.secretKey, 'moi, 203.0.113.31').auth.signInWithPassword({
			email,
			password: PASSWORD
		});
		expect(await sessionIp(junk.data.session!.access_token)).toBe('127.0.0.1');
	});
});

describe("the app's server client (hooks.server.ts: @supabase/ssr with forwardClientAddress)", () => {
	const appClient = (secretKey: string | undefined, clientAddress: string) => {
		const jar = new Map<string, string>();
		return createServerClient(testConfig.apiUrl, testConfig.anonKey, {
			global: {
				fetch: forwardClientAddress(fetch, {
					supabaseUrl: testConfig.apiUrl,
					anonKey: testConfig.anonKey,
					secretKey,
					clientAddress
				})
			},
			cookies: {
				getAll: () => [...jar].map(([name, value]) => ({ name, value })),
				setAll: (cookies) => cookies.forEach(({ name, value }) => jar.set(name, value))
			}
		});
	};

	it('names the visitor on sign-in with the secret key, and acts as the user afterwards', async () => {
		const email = await passwordUser();
		const since = Date.now();
		const app = appClient(testConfig.secretKey, '203.0.113.50');
		const { data, error } = await app.auth.signInWithPassword({ email, password: PASSWORD });
		expect(error).toBeNull();
		expect(await sessionIp(data.session!.access_token)).toBe('203.0.113.50');
		expect((await app.auth.getUser()).data.user?.email).toBe(email);
		const { error: readError } = await app.from('charters').select('id').limit(1);
		expect(readError).toBeNull();
		// The secret key goes only with calls made before sign-in: never to the admin API.
		expect((await app.auth.admin.listUsers()).error?.code).toBe('not_admin');
		expect((await tokenAnswers(since)).map((a) => a.forwardedFor)).toEqual(['203.0.113.50']);
		expect((await answers(since, '/auth/v1/user')).map((a) => [a.status, a.forwardedFor])).toEqual([[200, null]]);
		expect((await answers(since, '/auth/v1/admin/users')).map((a) => a.status)).toEqual([403]);
	});

	it('without the secret key, sends the header for nothing: the auth server sees the app server', async () => {
		const email = await passwordUser();
		const { data, error } = await appClient(undefined, '203.0.113.51').auth.signInWithPassword({
			email,
			password: PASSWORD
		});
		expect(error).toBeNull();
		expect(await sessionIp(data.session!.access_token)).toBe('127.0.0.1');
	});
});

describe('callers choosing their own address', () => {
	it('changing X-Forwarded-For (and Sb-Forwarded-For) on each request to /auth/v1/token escapes nothing', async () => {
		const since = Date.now();
		const email = await passwordUser();
		const auth = `${testConfig.apiUrl}/auth/v1`;
		const spoof = (i: number) => ({
			apikey: testConfig.anonKey,
			'x-forwarded-for': `10.${i}.0.1, 10.${i}.0.2`,
			'sb-forwarded-for': `192.0.2.${i + 1}`
		});
		for (let i = 0; i < FAILURES; i++) {
			expect(await rawSignIn(auth, email, `faux-${i}`, spoof(i))).toEqual({ status: 400, code: 'invalid_credentials' });
		}
		const right = await rawSignIn(auth, email, PASSWORD, spoof(FAILURES));
		expect(right).toEqual({ status: 429, code: 'over_request_rate_limit' });

		const answers = await tokenAnswers(since);
		expect(answers.filter((a) => a.status === 429)).toHaveLength(1);
		expect(new Set(answers.map((a) => a.forwardedFor))).toEqual(new Set([null]));
		// The server naming a real visitor still gets them in.
		const visitor = await serverClient(testConfig.secretKey, '203.0.113.40').auth.signInWithPassword({
			email,
			password: PASSWORD
		});
		expect(visitor.error).toBeNull();
	});

	it('the request log is for the service-role and secret keys only', async () => {
		const refused: Record<string, string>[] = [
			{},
			{ apikey: testConfig.anonKey },
			{ apikey: testConfig.publishableKey }
		];
		for (const headers of refused) {
			expect((await fetch(`${testConfig.apiUrl}/_stack/requests`, { headers })).status).toBe(401);
		}
		const res = await fetch(`${testConfig.apiUrl}/_stack/requests`, { headers: { apikey: testConfig.serviceRoleKey } });
		expect(res.status).toBe(200);
	});
});

describe("the emulator's own port (a second emulator, no gateway token, forwarding off)", () => {
	let auth: RunningAuth | undefined;
	let base = '';
	beforeAll(async () => {
		auth = await startAuth({ ...testConfig, ports: { ...testConfig.ports, auth: 0 }, sbForwardedFor: false });
		base = `http://127.0.0.1:${(auth.server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await auth?.stop();
	});

	it('believes no forwarding header: X-Forwarded-For, a guessed gateway token, Sb-Forwarded-For off', async () => {
		const email = await passwordUser();
		const spoof = (i: number) => ({
			apikey: testConfig.secretKey,
			'x-forwarded-for': `10.${i}.0.1`,
			'x-stack-gateway': `guess-${i}`,
			'sb-forwarded-for': `192.0.2.${i + 1}`
		});
		for (let i = 0; i < FAILURES; i++) {
			expect((await rawSignIn(base, email, `faux-${i}`, spoof(i))).code).toBe('invalid_credentials');
		}
		expect(await rawSignIn(base, email, PASSWORD, spoof(FAILURES))).toEqual({
			status: 429,
			code: 'over_request_rate_limit'
		});
	});
});
