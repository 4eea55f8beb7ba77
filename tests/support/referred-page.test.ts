/**
 * The partner's list in pages and its counts (public.referred_requests with p_limit and p_offset,
 * public.referred_counts): a page is the same rows as that slice of the whole list, the counts are those of the
 * whole list (overdue: open, past its due date, on a request still followed), and someone who represents no
 * organization gets no rows and zero counts. On the seeded Vaucluse requests referred to the Mairie de
 * Carpentras (README).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signInAs } from '../helpers/demo.ts';
import { todayParis } from '../helpers/dashboard-fixture.ts';

interface Row {
	referral_id: string;
	referral_status: string;
	request_status: string;
	due_on: string | null;
}

let mairie: SupabaseClient;
let coordinator: SupabaseClient;
const today = todayParis();

beforeAll(async () => {
	mairie = await signInAs('mairie.carpentras@example.org');
	coordinator = await signInAs(DEMO.coordHv);
});

async function all(client: SupabaseClient): Promise<Row[]> {
	const { data, error } = await client.rpc('referred_requests');
	expect(error).toBeNull();
	return (data ?? []) as Row[];
}

describe("the partner's list in pages", () => {
	it('gives the slice of the whole list, in its order', async () => {
		const rows = await all(mairie);
		expect(rows.length).toBeGreaterThan(2);
		const first = await mairie.rpc('referred_requests', { p_limit: 2, p_offset: 0 });
		const second = await mairie.rpc('referred_requests', { p_limit: 2, p_offset: 2 });
		expect((first.data as Row[]).map((r) => r.referral_id)).toEqual(rows.slice(0, 2).map((r) => r.referral_id));
		expect((second.data as Row[]).map((r) => r.referral_id)).toEqual(rows.slice(2, 4).map((r) => r.referral_id));
		const past = await mairie.rpc('referred_requests', { p_limit: 50, p_offset: rows.length });
		expect(past.error).toBeNull();
		expect(past.data).toEqual([]);
	});

	it('counts the whole list and its overdue referrals', async () => {
		const rows = await all(mairie);
		const overdue = rows.filter(
			(r) =>
				['sent', 'accepted'].includes(r.referral_status) &&
				!['installed', 'abandoned'].includes(r.request_status) &&
				r.due_on !== null &&
				r.due_on < today
		).length;
		const { data, error } = await mairie.rpc('referred_counts', { p_today: today }).single();
		expect(error).toBeNull();
		expect(data).toEqual({ total: rows.length, overdue });
		// Far in the future, every open referral with a due date on a followed request is overdue.
		const later = await mairie.rpc('referred_counts', { p_today: '2099-01-01' }).single();
		expect((later.data as { overdue: number }).overdue).toBeGreaterThanOrEqual(overdue);
	});

	it('gives nothing to someone who represents no organization', async () => {
		expect(await all(coordinator)).toEqual([]);
		const { data } = await coordinator.rpc('referred_counts', { p_today: today }).single();
		expect(data).toEqual({ total: 0, overdue: 0 });
	});
});
