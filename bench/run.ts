/**
 * `npm run bench`: measures the product on the national-scale data set of `npm run seed:scale`, in one run,
 * prints the targets of issue 17 (figure, target, met or not) then the detail rows, and writes them to
 * bench/RESULTS.md with the machine's description and the run's duration.
 *
 * Parts (`BENCH_ONLY=sql,pages` runs some of them): `sql` the floors (bench/sql.ts), `pages` every page through
 * the whole path (bench/pages.ts), `rls` the cost of the policies (bench/rls.ts), `support` installation support
 * (bench/support.ts), `writes` concurrent progress recording (bench/writes.ts), `notifications` the sender
 * (bench/notifications.ts), `weight` the dashboard's HTML and JavaScript (bench/weight.ts), `load` 200 users for
 * 60 s (bench/load.ts), `growth` the dashboard at three scales (bench/growth.ts).
 */
import os from 'node:os';
import type pg from 'pg';
import {
	apiClient,
	breakdowns,
	config,
	COORDINATOR,
	enabled,
	ITERATIONS,
	log,
	ms,
	p50p95,
	PARTNER,
	percentile,
	signIn,
	startBench,
	timePage,
	WARMUP,
	type BenchRow
} from './lib.ts';
import { LOAD_PACES, LOAD_PAGES, loadP95, measureLoad } from './load.ts';
import { measurePages } from './pages.ts';
import { writeReport } from './report.ts';
import { measureRls } from './rls.ts';
import { measureSql } from './sql.ts';
import { pageRows, targets, type Results } from './targets.ts';
import { measureWeight } from './weight.ts';
import { measureWrites } from './writes.ts';

const startedAt = performance.now();
const loadAtStart = os.loadavg()[0];
const rows: BenchRow[] = [];
const notes: string[] = [];
const results: Results = {};

type GrowthModule = {
	measureGrowth: (opts: {
		log: (s: string) => void;
		iterations: number;
	}) => Promise<{ rows: BenchRow[] } & Record<string, unknown>>;
};
/** bench/growth.ts (the dashboard at SCALE 0.1, 1 and 3) when it is there; no rows until then. */
async function growthModule(): Promise<GrowthModule> {
	const name = './growth.ts';
	return (
		((await import(name).catch(() => null)) as GrowthModule | null) ?? { measureGrowth: async () => ({ rows: [] }) }
	);
}

const bench = await startBench();
const { db, charterId, today } = bench;
try {
	if (enabled('sql')) {
		log('The floors: the dashboard SQL as the table owner, interleaved with the bare aggregate...');
		const sql = (results.sql = await measureSql(db, charterId, today));
		const floor = percentile(sql.dashboard, 50);
		rows.push(
			{
				section: 'Floor (SQL as owner, no HTTP)',
				measure: 'dashboard: charter_dashboard (trend included), p50 / p95',
				value: p50p95(sql.dashboard)
			},
			{
				section: 'Floor (SQL as owner, no HTTP)',
				measure: 'bare aggregate of the 200 actions (counts, mean, late, json), p50 / p95',
				value: p50p95(sql.bare)
			},
			{
				section: 'Floor (SQL as owner, no HTTP)',
				measure: 'dashboard / bare aggregate (p50)',
				value: `× ${(floor / percentile(sql.bare, 50)).toFixed(2)}`
			},
			{
				section: 'Floor (SQL as owner, no HTTP)',
				measure: 'the dashboard page’s other calls, as the coordinator (p50 each)',
				value: `${Object.entries(sql.others)
					.map(([k, v]) => `${k} ${ms(v)}`)
					.join(', ')}; sum ${ms(Object.values(sql.others).reduce((a, b) => a + b, 0))}`
			},
			{
				section: 'Floor (SQL as owner, no HTTP)',
				measure: 'cross-charter, partner representative (20 charters): p50 / p95',
				value: p50p95(sql.overview.partner)
			},
			{
				section: 'Floor (SQL as owner, no HTTP)',
				measure: 'cross-charter, coordinator (20 charters): p50 / p95',
				value: p50p95(sql.overview.coordinator)
			}
		);
	}

	if (enabled('pages')) {
		log('Every page through the app...');
		const pages = (results.pages = await measurePages(db, charterId, today));
		rows.push(...pageRows(pages, breakdowns));
		// The whole path against its SQL: what the HTTP, the session check, the rendering add.
		if (results.sql)
			for (const who of ['partner', 'coordinator'] as const) {
				const dash = percentile(pages[`dashboard-${who}`].times!, 50);
				const over = percentile(pages[`overview-${who}`].times!, 50);
				const label = who === 'partner' ? 'partner representative' : 'coordinator';
				rows.push(
					{
						section: 'Page / floor (p50)',
						measure: `dashboard, ${label}`,
						value: `× ${(dash / percentile(results.sql.dashboard, 50)).toFixed(2)}`
					},
					{
						section: 'Page / floor (p50)',
						measure: `cross-charter view, ${label}`,
						value: `× ${(over / percentile(results.sql.overview[who], 50)).toFixed(2)}`
					}
				);
			}
	}

	if (enabled('rls')) {
		log('The cost of RLS alone: the same PostgREST reads as a member and as the service role...');
		rows.push(...(await measureRls(charterId)));
	}

	if (enabled('support')) {
		log("Installation support: the pipeline and the partner's referred requests...");
		const { measureSupport } = await import('./support.ts');
		const support = await measureSupport(
			{
				db,
				charterId,
				today,
				iterations: ITERATIONS,
				warmup: WARMUP,
				client: apiClient,
				page: async (pathname, email, key) => timePage(pathname, await signIn(email), key),
				percentile,
				ms
			},
			COORDINATOR,
			PARTNER
		);
		rows.push(...support.rows);
		results.demandes = support.demandesPage;
		notes.push(
			"Installation pipeline: the partner's *Demandes* page shows 50 referrals a page (open ones first) and counts the total and the overdue ones in PostgREST; `public.referred_requests()` is also timed alone, all rows, as a partner's every charter."
		);
	}

	if (enabled('writes')) {
		log('Recording progress: 20 concurrent partner representatives...');
		rows.push(...(await measureWrites(db, charterId)));
	}

	if (enabled('notifications')) {
		log('Notifications: outbox to the SMTP sink...');
		const { measure } = (await import('./notifications.ts')) as {
			measure: (c: typeof config, pool: pg.Pool) => Promise<{ count: number; seconds: number }>;
		};
		const { count, seconds } = await measure(config, db);
		rows.push({
			section: 'Notifications',
			measure: 'messages per second, outbox → SMTP sink',
			value: `${(count / seconds).toFixed(0)} /s (${count} in ${seconds.toFixed(1)} s)`
		});
	}

	if (enabled('weight')) {
		log('Page weight of the dashboard...');
		const w = (results.weight = await measureWeight());
		rows.push(
			{
				section: 'Dashboard page weight',
				measure: 'HTML (gzip level 6 / raw), partner representative',
				value: `${(w.htmlGzip / 1024).toFixed(1)} kB / ${(w.htmlRaw / 1024).toFixed(0)} kB`,
				target: '≤ 40 kB gzip',
				verdict: w.htmlGzip <= 40 * 1024 ? 'ok' : 'missed'
			},
			{
				section: 'Dashboard page weight',
				measure: 'JavaScript (gzip, all chunks the page loads)',
				value: `${(w.js / 1024).toFixed(1)} KB`,
				target: '≤ 120 KB',
				verdict: w.js <= 120 * 1024 ? 'ok' : 'missed'
			},
			{ section: 'Dashboard page weight', measure: 'CSS (gzip)', value: `${(w.css / 1024).toFixed(1)} KB` }
		);
		notes.push(`Dashboard page: ${w.jsFiles} JavaScript files; the largest (gzip): ${w.biggest.join(', ')}.`);
	}

	if (enabled('growth')) {
		log('Growth: the same dashboard at several scales...');
		const { measureGrowth } = await growthModule();
		const growth = await measureGrowth({ log, iterations: ITERATIONS });
		results.growth = growth;
		rows.push(...growth.rows);
		if (!growth.rows.length) notes.push('Growth: bench/growth.ts is not there yet; no rows.');
	}
	if (enabled('load')) {
		for (const pace of ['reading', 'stress'] as const) {
			log(`Load: 200 signed-in partner representatives browse and update for 60 s, ${pace} pace...`);
			const l = await measureLoad(db, pace);
			if (pace === 'reading') results.load = l;
			const [min, max] = LOAD_PACES[pace];
			const section = `Load, ${pace === 'reading' ? 'reading pace' : 'stress'} (${l.users} users, ${l.seconds} s, ${min / 1000}–${max / 1000} s between pages, time the user waits)`;
			for (const p of loadP95(l))
				rows.push({
					section,
					measure: `${p.page}: p95 (${p.count} requests)`,
					value: p.count ? ms(p.p95) : 'no data',
					target: pace === 'reading' ? '≤ 300 ms' : '',
					verdict: pace === 'reading' && p.count ? (p.p95 <= 300 ? 'ok' : 'missed') : ''
				});
			rows.push({
				section,
				measure: 'requests (pages served per second), updates, conflicts refused, errors',
				value: `${l.requests} requests in ${l.elapsed.toFixed(0)} s (${(l.requests / l.elapsed).toFixed(0)} /s), ${l.updates} updates, ${l.conflicts} conflicts, ${l.errors.length} errors`,
				target: '0 errors',
				verdict: l.errors.length === 0 ? 'ok' : 'missed'
			});
			notes.push(
				`Load, ${pace}: PostgREST had at most ${l.busyPostgrest} of its ${l.pool} pool connections busy at once (sampled every 250 ms; \`STACK_PGRST_POOL\` sets the pool)${l.busyPostgrest >= l.pool ? ': the pool was the limit' : ''}; the app is one Node process (adapter-node, no connection limit of its own). Pages: ${LOAD_PAGES.join(', ')}.`
			);
			if (l.errors.length) notes.push(`Load errors, ${pace} (first 5): ${l.errors.slice(0, 5).join(' | ')}`);
		}
	}
} finally {
	await bench.stop();
}

const only = process.env.BENCH_ONLY ? ` (BENCH_ONLY=${process.env.BENCH_ONLY})` : '';
await writeReport(targets(results), rows, notes, { loadAtStart, startedAt, parts: only });
// Missed targets are reported in the table; the run itself succeeded.
process.exit(0);
