/**
 * locals.supabaseRead (src/lib/server/supabase-read.ts): with SUPABASE_READ_URL set, a second client on that URL
 * with the user's JWT. Here the "replica" is the same local gateway under its other loopback name, so what the
 * test checks is where the requests go and that RLS still applies there: a partner reads only its charters, an
 * anonymous visitor only the published ones.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database.types.ts';
import { readClient } from '../../src/lib/server/supabase-read.ts';
import { DEMO, signInAs } from '../helpers/demo.ts';
import { anonClient, serviceClient, testConfig } from '../helpers/env.ts';

/** The same gateway under another name (Node's fetch falls back from ::1 to 127.0.0.1): a URL of its own. */
const READ_URL = testConfig.apiUrl.replace('127.0.0.1', 'localhost');

let partner: SupabaseClient<Database>;
let token: string;
const asked: string[] = [];
const recordingFetch: typeof fetch = (input, init) => {
	asked.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
	return fetch(input, init);
};

beforeAll(async () => {
	partner = (await signInAs(DEMO.facLimoges)) as SupabaseClient<Database>;
	token = (await partner.auth.getSession()).data.session!.access_token;
});

const slugs = async (client: SupabaseClient<Database>) => {
	const { data, error } = await client.from('charters').select('slug').order('slug');
	expect(error).toBeNull();
	return (data ?? []).map((r) => r.slug);
};

describe('the read client', () => {
	it('is the primary client itself when SUPABASE_READ_URL is unset', () => {
		for (const readUrl of [undefined, '']) {
			expect(readClient(partner, { readUrl, anonKey: testConfig.anonKey, accessToken: token })).toBe(partner);
		}
	});

	it('sends its reads to SUPABASE_READ_URL with the user’s JWT, and RLS decides there', async () => {
		asked.length = 0;
		const read = readClient(partner, {
			readUrl: READ_URL,
			anonKey: testConfig.anonKey,
			accessToken: token,
			fetch: recordingFetch
		});
		expect(read).not.toBe(partner);
		const seen = await slugs(read);
		expect(asked.length).toBeGreaterThan(0);
		expect(asked.every((u) => u.startsWith(`${READ_URL}/rest/v1/`))).toBe(true);
		// The partner's own charters, the same as through the primary client, and not every charter.
		expect(seen).toEqual(await slugs(partner));
		const { data: all } = await serviceClient().from('charters').select('slug');
		expect(seen.length).toBeGreaterThan(0);
		expect(seen.length).toBeLessThan(all!.length);
		// A function called as the user on the replica: the dashboard of a charter it is not in is refused.
		const { data: other } = await serviceClient()
			.from('charters')
			.select('id, slug')
			.not('slug', 'in', `(${seen.join(',')})`)
			.eq('is_public', false)
			.limit(1)
			.single();
		if (other) {
			const refused = await read.from('actions').select('id').eq('charter_id', other.id);
			expect(refused.data).toEqual([]);
		}
	});

	it('reads as anon without a session: only what the public may read', async () => {
		const read = readClient(anonClient() as SupabaseClient<Database>, {
			readUrl: READ_URL,
			anonKey: testConfig.anonKey,
			accessToken: null
		});
		const { data, error } = await read.from('charters').select('slug, is_public, status');
		expect(error).toBeNull();
		expect(data!.length).toBeGreaterThan(0);
		expect(data!.every((c) => c.is_public)).toBe(true);
		// No membership is public: through the read client too, anon reads none.
		const members = await read.from('charter_members').select('charter_id');
		expect(members.data ?? []).toEqual([]);
	});
});
