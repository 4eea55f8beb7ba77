/**
 * The growth curve (issue 17): the dashboard SQL of the same 200-action charter (`echelle-001`) on the
 * national-scale data set at SCALE 0.1, 1 and 3 (a database 30 times larger: the target is a time less than × 1.2),
 * and of the 2 000-action charter (`echelle-grande`) at SCALE 1 (its cost per action against the 200-action one's:
 * no faster than linear). The SQL is the page's, as the table owner over a direct connection (no RLS, no HTTP):
 * `charter_dashboard` (its trend included), called by name, so it measures whatever it is.
 *
 * SCALE 1 is the `bench` profile `npm run seed:scale` made (STACK_PROFILE / STACK_PORT_BASE as bench/run.ts);
 * SCALE 0.1 and 3 live in their own profiles (`bench-s01`, base 61600, and `bench-s3`, base 61800: above Linux's ephemeral ports, 32768 to 60999, which
 * the load part's thousands of connections may hold when a stack starts;
 * GROWTH_S01_PORT_BASE and GROWTH_S3_PORT_BASE move them), generated here when missing or stale (a marker in the
 * profile names the migrations, the generator and the scale it was made from: scripts/scale/marker.ts), reused
 * otherwise. One of them runs at a time beside `bench`. Each is measured interleaved with SCALE 1, one query on
 * each in turn, so that what else the machine does weighs on both alike; SCALE 3 / SCALE 0.1 is the product of
 * the two interleaved ratios.
 *
 * `node bench/growth.ts` prints the rows (BENCH_ITERATIONS, default 100); bench/run.ts calls measureGrowth.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { stackConfig, type StackConfig } from '../stack/config.ts';
import { runningStackPid, startStack, type RunningStack } from '../stack/stack.ts';
import { growthRows, percentile, type GrowthPoint, type GrowthRow } from '../scripts/scale/growth-report.ts';
import { expectedMarker, seedScale, storedMarker } from '../scripts/scale/seed.ts';
import { markerMatches } from '../scripts/scale/marker.ts';

export type { GrowthPoint, GrowthRow };

export interface GrowthResult {
	/** echelle-001 at each scale (SCALE 1: all its timed queries, over both interleaved runs). */
	points: GrowthPoint[];
	/** echelle-grande at SCALE 1. */
	grande: GrowthPoint | null;
	rows: GrowthRow[];
	notes: string[];
}

export const GROWTH_PROFILES = [
	{ scale: 0.1, profile: 'bench-s01', portBase: Number(process.env.GROWTH_S01_PORT_BASE || 61600) },
	// GROWTH_LARGE_SCALE: a smaller "large" data set, to try the curve quickly (the marker keeps the scale apart).
	{
		scale: Number(process.env.GROWTH_LARGE_SCALE || 3),
		profile: 'bench-s3',
		portBase: Number(process.env.GROWTH_S3_PORT_BASE || 61800)
	}
];
const WARMUP = 10;
const SLUG = 'echelle-001';
const GRANDE = 'echelle-grande';
/** The SQL the dashboard page calls (src/lib/server/dashboard), as the owner. */
export const DASHBOARD_SQL = `select public.charter_dashboard($1, null, null, null, null, $2::date, 60, 8)`;

interface Db {
	client: pg.Client;
	charters: Map<string, { id: string; actions: number }>;
}

async function open(config: StackConfig): Promise<Db> {
	const client = new pg.Client({ connectionString: config.dbUrl });
	client.on('error', () => {});
	await client.connect();
	const { rows } = await client.query<{ slug: string; id: string; actions: number }>(
		`select c.slug, c.id, (select count(*)::int from public.actions a where a.charter_id = c.id) as actions
		from public.charters c where c.slug = any ($1)`,
		[[SLUG, GRANDE]]
	);
	if (!rows.some((r) => r.slug === SLUG)) {
		await client.end();
		throw new Error(`The ${config.profile} database has no ${SLUG}: run \`npm run seed:scale\` first.`);
	}
	return { client, charters: new Map(rows.map((r) => [r.slug, { id: r.id, actions: r.actions }])) };
}

async function sizes(db: Db) {
	const { rows } = await db.client.query<{ bytes: string; actions: string; updates: string }>(
		`select pg_database_size(current_database()) as bytes,
			(select count(*) from public.actions) as actions, (select count(*) from public.action_updates) as updates`
	);
	return {
		databaseBytes: Number(rows[0].bytes),
		actions: Number(rows[0].actions),
		actionUpdates: Number(rows[0].updates)
	};
}

async function timeOnce(db: Db, slug: string, today: string): Promise<number> {
	const t = performance.now();
	await db.client.query(DASHBOARD_SQL, [db.charters.get(slug)?.id, today]);
	return performance.now() - t;
}

/** Times the dashboard SQL on each database in turn, one query at a time, after a warm-up. */
async function interleaved(dbs: { db: Db; slug: string }[], iterations: number, today: string): Promise<number[][]> {
	const times = dbs.map(() => [] as number[]);
	for (let i = 0; i < WARMUP + iterations; i++) {
		for (const [k, { db, slug }] of dbs.entries()) {
			const t = await timeOnce(db, slug, today);
			if (i >= WARMUP) times[k].push(t);
		}
	}
	return times;
}

/** A stack of this profile with its data set of this scale, generated when missing or stale. */
async function ready(
	entry: (typeof GROWTH_PROFILES)[number],
	log: (s: string) => void
): Promise<{ config: StackConfig; stack: RunningStack | null; seededSeconds: number | null }> {
	const config = stackConfig({ ...process.env, STACK_PROFILE: entry.profile, STACK_PORT_BASE: String(entry.portBase) });
	const fresh =
		existsSync(config.pgDataDir) && markerMatches(await storedMarker(config), await expectedMarker(entry.scale));
	if (fresh) {
		if (await runningStackPid(config)) return { config, stack: null, seededSeconds: null };
		log(`Growth: the SCALE ${entry.scale} data set (${entry.profile}) is current; starting its stack...`);
		return { config, stack: await startStack(config, { skipSeed: true }), seededSeconds: null };
	}
	if (await runningStackPid(config)) {
		throw new Error(`The ${entry.profile} stack runs with a stale data set: stop it, then run again.`);
	}
	log(`Growth: generating the SCALE ${entry.scale} data set in ${entry.profile} (missing or stale)...`);
	const seeded = await seedScale({
		scale: entry.scale,
		profile: entry.profile,
		portBase: entry.portBase,
		keepRunning: true,
		log: (line) => log(`  ${line}`)
	});
	return { config, stack: seeded.stack, seededSeconds: seeded.seconds.total };
}

export async function measureGrowth(opts: { log: (s: string) => void; iterations: number }): Promise<GrowthResult> {
	const { log, iterations } = opts;
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
	const notes: string[] = [];
	const mainConfig = stackConfig({ ...process.env, STACK_PROFILE: process.env.STACK_PROFILE || 'bench' });
	if (!existsSync(mainConfig.pgDataDir))
		throw new Error(`No ${mainConfig.profile} data set: run \`npm run seed:scale\` first.`);
	const mainStack = (await runningStackPid(mainConfig)) ? null : await startStack(mainConfig, { skipSeed: true });
	const main = await open(mainConfig).catch(async (error) => {
		await mainStack?.stop();
		throw error;
	});
	try {
		// The bench's write parts (progress, notifications) ran on this database just before: leave it as
		// autovacuum would, like the generated ones, so that the scales compare like with like.
		await main.client.query('vacuum analyze');
		const marker = (await storedMarker(mainConfig)) as { scale?: number } | null;
		const mainScale = typeof marker?.scale === 'number' ? marker.scale : 1;
		if (mainScale !== 1) notes.push(`The ${mainConfig.profile} data set is at SCALE ${mainScale}, not 1.`);
		const mainTimes: number[] = [];
		const points: GrowthPoint[] = [];
		const ratios: number[] = [];
		for (const entry of GROWTH_PROFILES) {
			const { config, stack, seededSeconds } = await ready(entry, log);
			try {
				const other = await open(config);
				try {
					log(`Growth: ${SLUG} at SCALE ${entry.scale} and ${mainScale}, interleaved (${iterations} each)...`);
					const [mine, theirs] = await interleaved(
						[
							{ db: main, slug: SLUG },
							{ db: other, slug: SLUG }
						],
						iterations,
						today
					);
					mainTimes.push(...mine);
					ratios.push(percentile(theirs, 50) / percentile(mine, 50));
					log(
						`  p50 SCALE ${entry.scale}: ${percentile(theirs, 50).toFixed(1)} ms, SCALE ${mainScale}: ` +
							`${percentile(mine, 50).toFixed(1)} ms (× ${ratios[ratios.length - 1].toFixed(2)})`
					);
					points.push({
						scale: entry.scale,
						slug: SLUG,
						charterActions: other.charters.get(SLUG)?.actions ?? 0,
						p50: percentile(theirs, 50),
						p95: percentile(theirs, 95),
						...(await sizes(other)),
						seededSeconds
					});
				} finally {
					await other.client.end();
				}
			} finally {
				await stack?.stop();
			}
		}
		points.push({
			scale: mainScale,
			slug: SLUG,
			charterActions: main.charters.get(SLUG)?.actions ?? 0,
			p50: percentile(mainTimes, 50),
			p95: percentile(mainTimes, 95),
			...(await sizes(main)),
			seededSeconds: null
		});
		let grande: GrowthPoint | null = null;
		if (main.charters.has(GRANDE)) {
			log(`Growth: ${GRANDE} and ${SLUG} at SCALE ${mainScale}, interleaved...`);
			const [big, small] = await interleaved(
				[
					{ db: main, slug: GRANDE },
					{ db: main, slug: SLUG }
				],
				Math.max(10, Math.round(iterations / 2)),
				today
			);
			grande = {
				scale: mainScale,
				slug: GRANDE,
				charterActions: main.charters.get(GRANDE)?.actions ?? 0,
				p50: percentile(big, 50),
				p95: percentile(big, 95),
				...(await sizes(main)),
				seededSeconds: null
			};
			// The per-action ratio compares with the 200-action charter timed in the same run.
			const base = { ...points[points.length - 1], p50: percentile(small, 50), p95: percentile(small, 95) };
			const interleavedRatios = new Map([
				[mainScale, 1],
				...GROWTH_PROFILES.map((e, i) => [e.scale, ratios[i]] as [number, number])
			]);
			const rows = growthRows(points, grande, interleavedRatios);
			const perAction = growthRows([base], grande).filter((r) => r.measure.startsWith('cost per action'));
			notes.push(
				`Growth: each other scale was timed interleaved with SCALE ${mainScale}; the interleaved ratios were ` +
					ratios.map((r, i) => `SCALE ${GROWTH_PROFILES[i].scale} / ${mainScale}: × ${r.toFixed(2)}`).join(', ') +
					`. ${GRANDE} was timed interleaved with ${SLUG} (${SLUG} p50 ${base.p50.toFixed(1)} ms in that run).`
			);
			return {
				points,
				grande,
				rows: rows.filter((r) => !r.measure.startsWith('cost per action')).concat(perAction),
				notes
			};
		}
		notes.push(`The ${mainConfig.profile} data set has no ${GRANDE}: run \`npm run seed:scale\` again.`);
		const interleavedRatios = new Map([
			[mainScale, 1],
			...GROWTH_PROFILES.map((e, i) => [e.scale, ratios[i]] as [number, number])
		]);
		return { points, grande, rows: growthRows(points, null, interleavedRatios), notes };
	} finally {
		await main.client.end();
		await mainStack?.stop();
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const started = Date.now();
	const result = await measureGrowth({
		log: (s) => console.log(s),
		iterations: Number(process.env.BENCH_ITERATIONS || 100)
	});
	console.log('\n| section | measure | value | target | |\n| --- | --- | --- | --- | --- |');
	for (const r of result.rows) {
		const verdict = r.verdict === 'ok' ? '✓' : r.verdict === 'missed' ? '✗' : '';
		console.log(`| ${r.section} | ${r.measure} | ${r.value} | ${r.target ?? ''} | ${verdict} |`);
	}
	for (const n of result.notes) console.log(`\n${n}`);
	console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}
