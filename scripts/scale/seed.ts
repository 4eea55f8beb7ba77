/**
 * The national-scale data set (`npm run seed:scale`, and bench/growth.ts at other scales), as a function:
 * resets a stack profile, migrates and seeds it with the demo data, then runs the generator's SQL
 * (scripts/scale/sql/*.sql, in name order, in one transaction and one session), `vacuum analyze`, and writes a
 * marker (what the data set was made from: scripts/scale/marker.ts) in the profile's data folder.
 *
 * At SCALE=1: 100 charters, 3 000 organizations, 20 000 actions, 500 000 action updates, 2 000 indicators with
 * 60 values each, 30 000 internships, 50 000 installation support requests with 100 000 referrals, 5 000 users,
 * all communes; 800 meetings with their attendees, agendas, frozen dashboards and 3 600 decisions; documents,
 * amendments, targets, aids; and the charter `echelle-grande` of 2 000 actions.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { ROOT_DIR, stackConfig, type StackConfig } from '../../stack/config.ts';
import { resetStack, startStack, type RunningStack } from '../../stack/stack.ts';
import { loadCommunesIfEmpty } from '../communes.ts';
import { DEMO_PASSWORD } from '../demo-accounts.ts';
import { fingerprint, type ScaleMarker } from './marker.ts';

export const DEFAULT_SALT = 'charte-2026';
const SQL_DIR = path.join(ROOT_DIR, 'scripts', 'scale', 'sql');
const MARKER_FILE = 'scale-marker.json';

export function scaleParams(scale: number) {
	if (!(scale > 0 && scale <= 10)) throw new Error('SCALE must be a number in (0, 10]');
	const n = (value: number) => Math.max(1, Math.round(value * scale));
	return {
		charters: n(100),
		orgs: Math.max(30, n(3000)),
		actions_per_charter: 200,
		updates: n(500_000),
		indicators: n(2000),
		values_per_indicator: 60,
		internships: n(30_000),
		users: n(100) * 50,
		requests: n(50_000),
		referrals: n(100_000),
		grande_actions: 2000
	};
}

async function filesOf(dir: string, filter: (name: string) => boolean) {
	const names = (await readdir(dir)).filter(filter).sort();
	return Promise.all(names.map(async (name) => ({ name, content: await readFile(path.join(dir, name), 'utf8') })));
}

/** What a data set of this scale made now would be made from. */
export async function expectedMarker(scale: number, salt = DEFAULT_SALT): Promise<ScaleMarker> {
	const migrations = await filesOf(path.join(ROOT_DIR, 'supabase', 'migrations'), (n) => n.endsWith('.sql'));
	const seed = { name: 'seed.sql', content: await readFile(path.join(ROOT_DIR, 'supabase', 'seed.sql'), 'utf8') };
	const sql = await filesOf(SQL_DIR, (n) => n.endsWith('.sql'));
	const code = await filesOf(path.join(ROOT_DIR, 'scripts', 'scale'), (n) => n === 'seed.ts' || n === 'marker.ts');
	return { schema: fingerprint([...migrations, seed]), generator: fingerprint([...sql, ...code]), scale, salt };
}

/** The marker the last generation left in this profile, if any. */
export async function storedMarker(config: StackConfig): Promise<unknown> {
	try {
		return JSON.parse(await readFile(path.join(config.dataDir, MARKER_FILE), 'utf8'));
	} catch {
		return null;
	}
}

export const COUNTED_TABLES = [
	'public.charters',
	'public.organizations',
	'public.actions',
	'public.action_updates',
	'public.indicators',
	'public.indicator_values',
	'public.internships',
	'public.support_requests',
	'public.referrals',
	'auth.users',
	'public.charter_members',
	'public.communes',
	'public.meetings',
	'public.meeting_attendees',
	'public.meeting_items',
	'public.meeting_snapshots',
	'public.decisions',
	'public.documents',
	'storage.objects',
	'public.charter_amendments',
	'public.indicator_targets',
	'public.aid_schemes',
	'public.aid_grants',
	'public.action_occurrences'
];

export interface SeedOptions {
	scale: number;
	/** Stack profile (default `bench`) and its port base (default the profile's). */
	profile?: string;
	portBase?: number;
	salt?: string;
	log?: (line: string) => void;
	/** Leave the stack running and return it (the caller stops it). */
	keepRunning?: boolean;
	/** Check the foreign keys and the triggers' invariants afterwards (scripts/scale/check.sql). */
	check?: boolean;
}

export interface SeedResult {
	config: StackConfig;
	seconds: { total: number; generate: number; vacuum: number; files: Record<string, number> };
	counts: Record<string, number>;
	stack: RunningStack | null;
}

export async function seedScale(options: SeedOptions): Promise<SeedResult> {
	const log = options.log ?? ((line: string) => console.log(line));
	const salt = options.salt ?? DEFAULT_SALT;
	const params = scaleParams(options.scale);
	const env: NodeJS.ProcessEnv = { ...process.env, STACK_PROFILE: options.profile ?? 'bench' };
	if (options.portBase !== undefined) env.STACK_PORT_BASE = String(options.portBase);
	const config = stackConfig(env);
	const started = Date.now();
	log(`Resetting the ${config.profile} stack (${config.dataDir})...`);
	await resetStack(config);
	const stack = await startStack(config, { beforeSeed: loadCommunesIfEmpty });
	if (stack.outsideNote) log(`Note: ${stack.outsideNote}`);
	const marker = await expectedMarker(options.scale, salt);
	try {
		const client = new pg.Client({ connectionString: config.dbUrl });
		client.on('error', () => {}); // the stack stopping closes the connection; the query's own error is what matters
		await client.connect();
		try {
			const hash = (
				await client.query<{ h: string }>(`select extensions.crypt($1, extensions.gen_salt('bf')) as h`, [
					DEMO_PASSWORD
				])
			).rows[0].h;
			const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;
			const values: Record<string, string> = {
				...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
				salt: quote(salt),
				password_hash: quote(hash)
			};
			log(`Generating (scale ${options.scale}, seed "${salt}"): ${JSON.stringify(params)}`);
			const files: Record<string, number> = {};
			const t0 = Date.now();
			await client.query('begin');
			for (const file of await filesOf(SQL_DIR, (n) => n.endsWith('.sql'))) {
				const sql = file.content.replace(/:([a-z_]+)\b/g, (whole, name: string) => values[name] ?? whole);
				const tf = Date.now();
				try {
					await client.query(sql);
				} catch (error) {
					const e = error as pg.DatabaseError;
					const at = e.position ? ` at ${sql.slice(Number(e.position) - 80, Number(e.position) + 40)}` : '';
					log(`Generation failed in ${file.name}: ${e.message}${e.where ? ` (${e.where})` : ''}${at}`);
					throw error;
				}
				files[file.name] = (Date.now() - tf) / 1000;
				log(`  ${file.name.padEnd(26)} ${files[file.name].toFixed(1)} s`);
			}
			await client.query('commit');
			const t1 = Date.now();
			// As autovacuum would leave a long-lived database: statistics, and a visibility map for index-only scans.
			await client.query('vacuum analyze');
			const t2 = Date.now();
			const counted = await client.query<{ name: string; n: string }>(
				COUNTED_TABLES.map((t, i) => `select ${i} as i, '${t.split('.')[1]}' as name, count(*) as n from ${t}`)
					.join(' union all ')
					.concat(' order by i')
			);
			const counts = Object.fromEntries(counted.rows.map((r) => [r.name, Number(r.n)]));
			if (options.check) {
				const tc = Date.now();
				await client.query(await readFile(path.join(ROOT_DIR, 'scripts', 'scale', 'check.sql'), 'utf8'));
				log(`Checked the foreign keys and the triggers' invariants in ${((Date.now() - tc) / 1000).toFixed(1)} s.`);
			}
			await writeFile(path.join(config.dataDir, MARKER_FILE), JSON.stringify(marker, null, 2));
			const seconds = {
				total: (Date.now() - started) / 1000,
				generate: (t1 - t0) / 1000,
				vacuum: (t2 - t1) / 1000,
				files
			};
			log(`Generated in ${seconds.generate.toFixed(1)} s (vacuum analyze ${seconds.vacuum.toFixed(1)} s):`);
			for (const [name, n] of Object.entries(counts)) log(`  ${name.padEnd(18)} ${n.toLocaleString('fr-FR')}`);
			if (!options.keepRunning) await stack.stop();
			return { config, seconds, counts, stack: options.keepRunning ? stack : null };
		} finally {
			await client.end();
		}
	} catch (error) {
		await stack.stop();
		throw error;
	}
}
