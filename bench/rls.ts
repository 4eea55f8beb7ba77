/**
 * The cost of RLS alone: the same PostgREST reads (a charter's actions, the latest 50 journal entries, the
 * indicator values) as a member (RLS applies) and with the service role (RLS bypassed), in turn, one of each at
 * a time; the ratio of their p50 is the cost of the policies.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { apiClient, config, ITERATIONS, ms, PARTNER, percentile, WARMUP, type BenchRow } from './lib.ts';

export async function measureRls(charterId: string): Promise<BenchRow[]> {
	const rows: BenchRow[] = [];
	const member = await apiClient(PARTNER);
	const service = createClient(config.apiUrl, config.serviceRoleKey, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
	const reads = {
		actions: (c: SupabaseClient) =>
			c
				.from('actions')
				.select('id, code, title, status, progress, health, due_on, lead_organization_id')
				.eq('charter_id', charterId)
				.order('position'),
		journal: (c: SupabaseClient) =>
			c
				.from('action_updates')
				.select('id, action_id, status, progress, comment, created_at')
				.eq('charter_id', charterId)
				.order('created_at', { ascending: false })
				.limit(50),
		indicators: (c: SupabaseClient) =>
			c.from('indicator_values').select('indicator_id, measured_on, value').eq('charter_id', charterId)
	};
	for (const [name, read] of Object.entries(reads)) {
		const once = async (c: SupabaseClient) => {
			const t = performance.now();
			const { error, data } = await read(c);
			if (error || !data?.length) throw new Error(`${name}: ${error?.message ?? 'no rows'}`);
			return performance.now() - t;
		};
		// Member and service role in turn, so that whatever else the machine does weighs on both alike.
		const asMember: number[] = [];
		const asService: number[] = [];
		for (let i = 0; i < WARMUP + 2 * ITERATIONS; i++) {
			const m = await once(member);
			const s = await once(service);
			if (i >= WARMUP) {
				asMember.push(m);
				asService.push(s);
			}
		}
		const ratio = percentile(asMember, 50) / percentile(asService, 50);
		rows.push({
			section: 'RLS cost (PostgREST)',
			measure: `${name}: member / service role (p50)`,
			value: `${ms(percentile(asMember, 50))} / ${ms(percentile(asService, 50))} = × ${ratio.toFixed(2)}`,
			target: '< 1.3',
			verdict: ratio < 1.3 ? 'ok' : 'missed'
		});
	}
	return rows;
}
