/**
 * Issue 2 acceptance, through the gateway and the real PostgREST: the API key gate, JWT verification with the
 * stack's secret, the JWT driving auth.uid() inside RLS, anon seeing only what is published, and the service
 * role bypassing RLS.
 */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, testConfig } from '../helpers/env.ts';
import { DEMO, demoUserId, ids, signInAs, superuserPool } from '../helpers/demo.ts';

const rest = `${testConfig.apiUrl}/rest/v1`;
const su = superuserPool();
const VAUCLUSE = ids.charter('vaucluse');
let copilToken = '';

async function forgedToken(secret: string, claims: Record<string, unknown> = {}): Promise<string> {
	return new SignJWT({ role: 'authenticated', aud: 'authenticated', email: DEMO.copilHv, ...claims })
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setSubject(demoUserId('copilHv'))
		.setIssuedAt()
		.setExpirationTime('1h')
		.sign(new TextEncoder().encode(secret));
}

beforeAll(async () => {
	const client = await signInAs(DEMO.copilHv);
	copilToken = (await client.auth.getSession()).data.session!.access_token;
});
afterAll(() => su.end());

describe('gateway API key', () => {
	it('refuses a REST request without an apikey with 401', async () => {
		const res = await fetch(`${rest}/charters?select=id`);
		expect(res.status).toBe(401);
		expect(((await res.json()) as { message: string }).message).toBe('No API key found in request');
	});

	it('refuses a REST request with an unknown apikey with 401, even with a valid user JWT', async () => {
		const res = await fetch(`${rest}/charters?select=id`, {
			headers: { apikey: 'not-a-key', authorization: `Bearer ${copilToken}` }
		});
		expect(res.status).toBe(401);
	});
});

describe('JWT verification by PostgREST', () => {
	it('refuses a JWT signed with another secret with 401', async () => {
		const token = await forgedToken('another-secret-that-is-at-least-32-characters-long');
		const res = await fetch(`${rest}/profiles?select=id`, {
			headers: { apikey: testConfig.anonKey, authorization: `Bearer ${token}` }
		});
		expect(res.status).toBe(401);
		expect(((await res.json()) as { code: string }).code).toMatch(/^PGRST30/);
	});

	it('refuses a forged service_role JWT and an expired one with 401', async () => {
		const forged = await forgedToken('another-secret-that-is-at-least-32-characters-long', { role: 'service_role' });
		const expired = await new SignJWT({ role: 'authenticated' })
			.setProtectedHeader({ alg: 'HS256' })
			.setSubject(demoUserId('copilHv'))
			.setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
			.setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
			.sign(new TextEncoder().encode(testConfig.jwtSecret));
		for (const token of [forged, expired]) {
			const res = await fetch(`${rest}/notifications?select=id`, {
				headers: { apikey: testConfig.anonKey, authorization: `Bearer ${token}` }
			});
			expect(res.status).toBe(401);
		}
	});

	it('accepts a JWT signed with the stack secret, and its sub becomes auth.uid() in RLS', async () => {
		// a token made here (not by the auth emulator) for copil.hv: PostgREST trusts the signature only
		const token = await forgedToken(testConfig.jwtSecret);
		const res = await fetch(`${rest}/profiles?select=id,email&id=eq.${demoUserId('copilHv')}`, {
			headers: { apikey: testConfig.anonKey, authorization: `Bearer ${token}` }
		});
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual([{ id: demoUserId('copilHv'), email: DEMO.copilHv }]);
	});
});

describe('the signed-in user’s JWT drives RLS', () => {
	it('shows a user their own profile and co-members, never strangers', async () => {
		const copil = await signInAs(DEMO.copilHv);
		const { data } = await copil.from('profiles').select('id');
		const seen = new Set((data ?? []).map((p) => p.id as string));
		expect(seen.has(demoUserId('copilHv'))).toBe(true);
		expect(seen.has(demoUserId('coordHv'))).toBe(true);
		expect(seen.has(demoUserId('coordNormandie'))).toBe(false);
		// the same request as another user gives another answer
		const normandie = await signInAs(DEMO.coordNormandie);
		const other = new Set(((await normandie.from('profiles').select('id')).data ?? []).map((p) => p.id as string));
		expect(other.has(demoUserId('coordNormandie'))).toBe(true);
		expect(other.has(demoUserId('copilHv'))).toBe(false);
	});

	it('passes the JWT to RPCs: official_arrivals() answers for the signed-in official only', async () => {
		const maire = await signInAs(DEMO.maireHv);
		const copil = await signInAs(DEMO.copilHv);
		const mine = await maire.rpc('official_arrivals');
		expect(mine.error).toBeNull();
		expect((mine.data as unknown[]).length).toBeGreaterThan(0);
		expect((await copil.rpc('official_arrivals')).data).toEqual([]);
	});

	it('keeps concurrent requests of different users apart', async () => {
		const [maire, normandie] = await Promise.all([signInAs(DEMO.maireHv), signInAs(DEMO.coordNormandie)]);
		const runs = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				(i % 2 ? maire : normandie)
					.from('charter_members')
					.select('charter_id')
					.eq('charter_id', ids.charter('haute-vienne'))
			)
		);
		runs.forEach((r, i) => {
			expect(r.error).toBeNull();
			if (i % 2) expect(r.data!.length).toBeGreaterThan(0);
			else expect(r.data).toEqual([]);
		});
	});
});

describe('anon', () => {
	it('sees published charters only (no Vaucluse), no members, no internships, no journal, no fundings', async () => {
		const anon = anonClient();
		const charters = await anon.from('charters').select('id, is_public');
		expect(charters.error).toBeNull();
		const [{ published }] = await su.query<{ published: number }>(
			'select count(*)::int as published from public.charters where is_public'
		);
		expect(charters.data).toHaveLength(published);
		expect(charters.data!.every((c) => c.is_public)).toBe(true);
		expect(charters.data!.some((c) => c.id === VAUCLUSE)).toBe(false);
		// Tables anon has no policy for are not granted to it at all; the journal and the fundings (read by the
		// public dashboard functions) are granted without their user-id columns, and show no row.
		for (const table of ['charter_members', 'internships', 'profiles', 'invitations']) {
			const { data, error } = await anon.from(table).select('*').limit(5);
			expect(error?.code, table).toBe('42501');
			expect(data, table).toBeNull();
		}
		for (const table of ['action_updates', 'fundings']) {
			const { data, error } = await anon.from(table).select('id').limit(5);
			expect(error, table).toBeNull();
			expect(data, table).toEqual([]);
		}
		const notifications = await anon.from('notifications').select('id').limit(1);
		expect(notifications.error?.code).toBe('42501');
		expect(notifications.status).toBe(401);
	});
});

describe('service role', () => {
	it('bypasses RLS: every charter, including the unpublished one, and the notifications outbox', async () => {
		const service = serviceClient();
		const { data, error } = await service.from('charters').select('id');
		expect(error).toBeNull();
		const [{ all }] = await su.query<{ all: number }>('select count(*)::int as all from public.charters');
		expect(data).toHaveLength(all);
		expect(data!.some((c) => c.id === VAUCLUSE)).toBe(true);
		const key = `gateway-test-${Date.now()}`;
		const inserted = await service
			.from('notifications')
			.insert({ kind: 'test_kind', recipient_email: 'x@example.com', subject: 'x', body_text: 'x', dedupe_key: key })
			.select('id');
		expect(inserted.error).toBeNull();
		try {
			const read = await service.from('notifications').select('dedupe_key').eq('dedupe_key', key);
			expect(read.data).toEqual([{ dedupe_key: key }]);
			const internships = await service.from('internships').select('id', { count: 'exact', head: true });
			expect(internships.count).toBeGreaterThan(0);
		} finally {
			await su.query('delete from public.notifications where dedupe_key = $1', [key]);
		}
	});
});
