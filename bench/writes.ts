/**
 * Recording progress: 20 partner representatives of one charter, signed in with supabase-js, record updates in
 * a loop through `record_action_update` (the call the app makes) with the version they just read; conflicts
 * (PT409) are counted apart. Lost updates: after the run, the journal rows and every action's version are
 * compared with the calls that succeeded.
 */
import type pg from 'pg';
import { apiClient, type BenchRow } from './lib.ts';

export async function measureWrites(db: pg.Pool, charterId: string): Promise<BenchRow[]> {
	const reps = (
		await db.query<{ email: string; organization_id: string }>(
			`select u.email, m.organization_id from public.charter_members m join auth.users u on u.id = m.user_id
			 where m.charter_id = $1 and m.role = 'partner_rep' order by u.email limit 20`,
			[charterId]
		)
	).rows;
	const journalCount = async () =>
		(
			await db.query<{ n: number }>('select count(*)::int as n from public.action_updates where charter_id = $1', [
				charterId
			])
		).rows[0].n;
	const versions = async () =>
		(
			await db.query<{ id: string; version: number }>('select id, version from public.actions where charter_id = $1', [
				charterId
			])
		).rows;
	const before = await journalCount();
	const versionsBefore = new Map((await versions()).map((r) => [r.id, r.version]));
	const durationMs = Number(process.env.BENCH_WRITE_SECONDS || 15) * 1000;
	let successes = 0;
	let conflicts = 0;
	let failures = 0;
	const perAction = new Map<string, number>();
	const clients = await Promise.all(reps.map((rep) => apiClient(rep.email)));
	const t0 = performance.now();
	await Promise.all(
		reps.map(async (rep, index) => {
			const client = clients[index];
			const { data: mine } = await client
				.from('actions')
				.select('id')
				.eq('charter_id', charterId)
				.or(`lead_organization_id.eq.${rep.organization_id}`)
				.limit(10);
			const targets = (mine ?? []).map((a) => a.id as string);
			let turn = index;
			while (performance.now() - t0 < durationMs && targets.length) {
				const id = targets[turn++ % targets.length];
				const { data: current } = await client.from('actions').select('version').eq('id', id).single();
				const { error: rpcError } = await client.rpc('record_action_update', {
					p_action_id: id,
					p_expected_version: current!.version,
					p_status: 'in_progress',
					p_progress: turn % 100,
					p_health: 'on_track',
					p_comment: `Banc d'essai ${rep.email} ${turn}`
				});
				if (!rpcError) {
					successes++;
					perAction.set(id, (perAction.get(id) ?? 0) + 1);
				} else if (rpcError.code === 'PT409') conflicts++;
				else failures++;
			}
		})
	);
	const elapsed = (performance.now() - t0) / 1000;
	const after = await journalCount();
	// A lost update: a successful call whose journal row or version bump is missing.
	let lost = Math.abs(after - before - successes);
	for (const row of await versions())
		lost += Math.abs(row.version - (versionsBefore.get(row.id) ?? row.version) - (perAction.get(row.id) ?? 0));
	return [
		{
			section: 'Recording progress',
			measure: '20 concurrent partner representatives: updates per second',
			value: `${(successes / elapsed).toFixed(0)} /s (${successes} in ${elapsed.toFixed(0)} s, ${conflicts} conflicts refused, ${failures} errors)`
		},
		{
			section: 'Recording progress',
			measure: 'lost updates',
			value: String(lost),
			target: '0',
			verdict: lost === 0 ? 'ok' : 'missed'
		}
	];
}
