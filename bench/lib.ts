/**
 * What every part of `npm run bench` shares: the stack and the app it measures, the timing helpers (percentiles,
 * a page's server-side time from its Server-Timing header, a statement's time over a direct connection), signing
 * in through the app's own form, and the rows of the report.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { appEnv, ROOT_DIR, stackConfig } from '../stack/config.ts';
import { runningStackPid, startStack, type RunningStack } from '../stack/stack.ts';
import { DEMO_PASSWORD } from '../scripts/demo-accounts.ts';
import type { BenchRow } from './support.ts';

export type { BenchRow };
export const config = stackConfig({ ...process.env, STACK_PROFILE: process.env.STACK_PROFILE || 'bench' });
export const APP_PORT = Number(process.env.BENCH_PORT || 4890);
export const APP = `http://127.0.0.1:${APP_PORT}`;
export const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 100);
export const WARMUP = 10;
export const COORDINATOR = 'u1@echelle.example.org';
export const PARTNER = 'u11@echelle.example.org';
export const SLUG = 'echelle-001';

/** `BENCH_ONLY=pages,sql` runs those parts only (every part when unset). */
const only = (process.env.BENCH_ONLY ?? '')
	.split(',')
	.map((s) => s.trim())
	.filter(Boolean);
export const enabled = (part: string): boolean => only.length === 0 || only.includes(part);

export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
export const ms = (v: number) => `${v.toFixed(1)} ms`;
export const log = (line: string) => console.log(line);
export const p50p95 = (times: number[]) => `${ms(percentile(times, 50))} / ${ms(percentile(times, 95))}`;

/** Where a page's server-side time went (from the app's Server-Timing header), per timed request. */
export const breakdowns: Record<string, { auth: number[]; api: number[] }> = {};

export interface Bench {
	db: pg.Pool;
	charterId: string;
	today: string;
	stop: () => Promise<void>;
}

/** Starts the stack (unless running), builds the app (unless BENCH_BUILD=0 and a build exists) and serves it. */
export async function startBench(): Promise<Bench> {
	if (!existsSync(config.pgDataDir)) {
		console.error(`No ${config.profile} data set: run \`npm run seed:scale\` first.`);
		process.exit(1);
	}
	let stack: RunningStack | null = null;
	if (!(await runningStackPid(config))) stack = await startStack(config, { skipSeed: true });
	const env = { ...process.env, ...appEnv(config) };
	const db = new pg.Pool({ connectionString: config.dbUrl, max: 4 });
	const charter = (await db.query<{ id: string }>('select id from public.charters where slug = $1', [SLUG])).rows[0];
	if (!charter) {
		console.error('The bench database has no national-scale data: run `npm run seed:scale` first.');
		await db.end();
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
				{ cwd: ROOT_DIR, env, stdio: 'inherit' }
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
		const up = await fetch(`${APP}/connexion`)
			.then((r) => r.ok)
			.catch(() => false);
		if (up) break;
		await new Promise((r) => setTimeout(r, 100));
	}
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
	return {
		db,
		charterId: charter.id,
		today,
		stop: async () => {
			app.kill('SIGTERM');
			await db.end();
			await stack?.stop();
		}
	};
}

/** Signs in through the app's own form and returns the session cookies. */
export async function signIn(email: string): Promise<string> {
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

/** A supabase-js client signed in as this account, straight to the API (no app). */
export async function apiClient(email: string): Promise<SupabaseClient> {
	const c = createClient(config.apiUrl, config.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
	const { error } = await c.auth.signInWithPassword({ email, password: DEMO_PASSWORD });
	if (error) throw error;
	return c;
}

/** Server-side time of GET `pathname`, from the Server-Timing header, over ITERATIONS requests after a warm-up. */
export async function timePage(pathname: string, cookie: string, key: string): Promise<number[]> {
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

/**
 * Times statements over one direct connection as the table owner (no RLS, no HTTP), in turn: A, B, A, B...,
 * so that whatever else the machine does weighs on each alike. `claims` sets `request.jwt.claims` to that user,
 * for the functions that read auth.uid().
 */
export async function timeSqlInterleaved(
	db: pg.Pool,
	statements: { text: string; values: unknown[] }[],
	{ claimsOf, iterations = ITERATIONS }: { claimsOf?: string; iterations?: number } = {}
): Promise<number[][]> {
	const client = await db.connect();
	try {
		if (claimsOf) {
			const { rows } = await client.query<{ id: string }>('select id from auth.users where email = $1', [claimsOf]);
			await client.query(`select set_config('request.jwt.claims', $1, false)`, [
				JSON.stringify({ sub: rows[0].id, role: 'authenticated' })
			]);
		}
		const times = statements.map(() => [] as number[]);
		for (let i = 0; i < WARMUP + iterations; i++) {
			for (const [k, s] of statements.entries()) {
				const t = performance.now();
				await client.query(s.text, s.values);
				if (i >= WARMUP) times[k].push(performance.now() - t);
			}
		}
		if (claimsOf) await client.query(`select set_config('request.jwt.claims', '', false)`);
		return times;
	} finally {
		client.release();
	}
}

export async function timeSql(db: pg.Pool, text: string, values: unknown[]): Promise<number[]> {
	return (await timeSqlInterleaved(db, [{ text, values }]))[0];
}
