/**
 * Benchmark rows of installation support, measured like the dashboard's (same iterations, warm-up, targets):
 *  - the dashboard page with its pipeline section, signed in as a steering member (counts with cells under 3
 *    withheld), through the whole path, from the app's Server-Timing header;
 *  - `public.support_pipeline` through PostgREST for the big charter (about 5 000 requests, 10 000 referrals), as
 *    a coordinator and as a steering member, and its floor (the same SQL function over a direct connection, as
 *    the table owner with the member's identity set: no HTTP, no JWT check);
 *  - `public.referred_requests()` through PostgREST as a partner representative with many referrals in 20
 *    charters: the data of the partner's *Demandes* page, called as that page calls it (every charter, no
 *    argument), and the page itself through the whole path;
 *  - recording one request (and the refresh of the charter's computed indicator by the statement trigger), and
 *    5 000 at once, rolled back.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';

export interface BenchRow {
	section: string;
	measure: string;
	value: string;
	target?: string;
	verdict?: 'ok' | 'missed' | '';
}

export interface SupportBenchContext {
	db: pg.Pool;
	charterId: string;
	today: string;
	iterations: number;
	warmup: number;
	/** A supabase-js client signed in as this demo account. */
	client: (email: string) => Promise<SupabaseClient>;
	/** Server-side times of GET pathname through the app, signed in as this account. */
	page: (pathname: string, email: string, key: string) => Promise<number[]>;
	percentile: (values: number[], p: number) => number;
	ms: (v: number) => string;
}

export const STEERING = 'u3@echelle.example.org';

async function timeApi(
	ctx: SupportBenchContext,
	call: () => PromiseLike<{ error: unknown; data: unknown }>
): Promise<{ times: number[]; rows: number }> {
	const times: number[] = [];
	let rows = 0;
	for (let i = 0; i < ctx.warmup + ctx.iterations; i++) {
		const t = performance.now();
		const { error, data } = await call();
		const elapsed = performance.now() - t;
		if (error) throw new Error(`API: ${JSON.stringify(error)}`);
		rows = Array.isArray(data) ? data.length : 1;
		if (i >= ctx.warmup) times.push(elapsed);
	}
	return { times, rows };
}

/** The same SQL as the owner, with the member's identity set so that auth.uid() is theirs. */
async function timeFloor(ctx: SupportBenchContext, email: string, text: string, values: unknown[]): Promise<number[]> {
	const client = await ctx.db.connect();
	try {
		const { rows } = await client.query<{ id: string }>('select id from auth.users where email = $1', [email]);
		await client.query(`select set_config('request.jwt.claims', $1, false)`, [
			JSON.stringify({ sub: rows[0].id, role: 'authenticated' })
		]);
		const times: number[] = [];
		for (let i = 0; i < ctx.warmup + ctx.iterations; i++) {
			const t = performance.now();
			await client.query(text, values);
			if (i >= ctx.warmup) times.push(performance.now() - t);
		}
		await client.query(`select set_config('request.jwt.claims', '', false)`);
		return times;
	} finally {
		client.release();
	}
}

export async function measureSupport(
	ctx: SupportBenchContext,
	coordinator: string,
	partner: string
): Promise<{ rows: BenchRow[]; demandesPage: number[] }> {
	const { percentile: pct, ms } = ctx;
	const rows: BenchRow[] = [];
	const [{ requests, referrals }] = (
		await ctx.db.query<{ requests: number; referrals: number }>(
			`select (select count(*)::int from public.support_requests where charter_id = $1) as requests,
			        (select count(*)::int from public.referrals where charter_id = $1) as referrals`,
			[ctx.charterId]
		)
	).rows;
	const section = `Installation pipeline (${requests.toLocaleString('fr-FR')} requests, ${referrals.toLocaleString('fr-FR')} referrals)`;
	const p95Row = (measure: string, times: number[], limit = 100): BenchRow => ({
		section,
		measure: `${measure}: p50 / p95`,
		value: `${ms(pct(times, 50))} / ${ms(pct(times, 95))}`,
		target: limit === 100 ? 'p95 < 100 ms' : `p95 ≤ ${limit} ms`,
		verdict: pct(times, 95) <= limit ? 'ok' : 'missed'
	});
	const ratioRow = (measure: string, times: number[], floor: number[]): BenchRow => {
		const ratio = pct(times, 50) / pct(floor, 50);
		return {
			section,
			measure: `${measure}: ratio to the floor (p50)`,
			value: `× ${ratio.toFixed(2)} (floor ${ms(pct(floor, 50))})`,
			target: '< 3',
			verdict: ratio < 3 ? 'ok' : 'missed'
		};
	};

	// The dashboard page, with the section, as a role that reads counts only.
	const steeringPage = await ctx.page('/chartes/echelle-001/tableau-de-bord', STEERING, 'dashboard-steering');
	rows.push(p95Row('dashboard page with the pipeline, steering member', steeringPage, 40));

	const pipelineSql = 'select private.support_pipeline($1, $2::date)';
	for (const [label, email] of [
		['support_pipeline, coordinator', coordinator],
		['support_pipeline, steering member', STEERING]
	] as const) {
		const client = await ctx.client(email);
		const api = await timeApi(ctx, () =>
			client.rpc('support_pipeline', { p_charter_id: ctx.charterId, p_today: ctx.today })
		);
		const floor = await timeFloor(ctx, email, pipelineSql, [ctx.charterId, ctx.today]);
		rows.push(p95Row(`${label} (PostgREST)`, api.times), ratioRow(label, api.times, floor));
	}

	// The partner's Demandes page: every referral to their organization, in every charter they represent it in.
	const partnerClient = await ctx.client(partner);
	const referred = await timeApi(ctx, () => partnerClient.rpc('referred_requests'));
	const referredFloor = await timeFloor(ctx, partner, 'select * from private.referred_requests(null)', []);
	rows.push(
		p95Row(
			`referred_requests(), partner representative, ${referred.rows} referrals in 20 charters (PostgREST)`,
			referred.times
		),
		ratioRow('referred_requests(), partner representative', referred.times, referredFloor)
	);
	// The page itself, through the whole path (Server-Timing), as the same partner representative.
	const demandesPage = await ctx.page('/demandes', partner, 'demandes-partner');
	rows.push(p95Row(`Demandes page, partner representative, ${referred.rows} referrals`, demandesPage, 40));

	// Writing requests: the statement trigger refreshes the charter's computed indicator once per statement.
	const write = async (count: number): Promise<number[]> => {
		const client = await ctx.db.connect();
		try {
			const times: number[] = [];
			const n = count === 1 ? ctx.warmup + ctx.iterations : 6;
			for (let i = 0; i < n; i++) {
				await client.query('begin');
				const t = performance.now();
				await client.query(
					`insert into public.support_requests (charter_id, requester_first_name, requester_email, profession, stage, needs,
					   channel, status, installed_on, installed_commune_code, installed_mode)
					 select $1, 'Banc', 'banc' || g || '@echelle.example.org', 'medecine', 'interne', '{logement}', 'phone',
					   'installed', $2::date, (select code from public.communes order by code limit 1), 'liberal'
					 from generate_series(1, $3) g`,
					[ctx.charterId, ctx.today, count]
				);
				const elapsed = performance.now() - t;
				await client.query('rollback');
				if (count > 1 ? i >= 1 : i >= ctx.warmup) times.push(elapsed);
			}
			return times;
		} finally {
			client.release();
		}
	};
	const one = await write(1);
	const bulk = await write(5000);
	rows.push(
		{
			section,
			measure: 'recording one request, computed indicator refreshed: p50 / p95',
			value: `${ms(pct(one, 50))} / ${ms(pct(one, 95))}`,
			target: 'p95 < 100 ms',
			verdict: pct(one, 95) < 100 ? 'ok' : 'missed'
		},
		{
			section,
			measure: '5 000 requests in one statement (one refresh): p50',
			value: ms(pct(bulk, 50))
		}
	);
	return { rows, demandesPage };
}
