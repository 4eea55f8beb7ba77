/**
 * `npm run seed:scale`: a national-scale data set on the local stack, for the benchmark (`npm run bench`):
 * 100 charters, 3 000 organizations, 20 000 actions, 500 000 action updates, 2 000 indicators with 60 values
 * each, 30 000 internships, 50 000 installation support requests with 100 000 referrals, 5 000 users with
 * memberships, all communes. Deterministic (`SCALE_SEED`), set-based
 * SQL (scripts/scale/seed-scale.sql) in one transaction: minutes, not hours.
 *
 * It uses its own stack profile (`bench`, data in .local/bench) so the development data stays as it is: the
 * profile is reset, migrated, seeded with the demo data, then filled. `SCALE=0.1` makes everything ten times
 * smaller (for a quick try).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { ROOT_DIR, stackConfig } from '../../stack/config.ts';
import { resetStack, startStack } from '../../stack/stack.ts';
import { loadCommunesIfEmpty } from '../communes.ts';
import { DEMO_PASSWORD } from '../demo-accounts.ts';

const scale = Number(process.env.SCALE || 1);
if (!(scale > 0 && scale <= 10)) throw new Error('SCALE must be a number in (0, 10]');
const salt = process.env.SCALE_SEED || 'charte-2026';
const n = (value: number) => Math.max(1, Math.round(value * scale));

export const SCALE_PARAMS = {
	charters: n(100),
	orgs: Math.max(30, n(3000)),
	actions_per_charter: 200,
	updates: n(500_000),
	indicators: n(2000),
	values_per_indicator: 60,
	internships: n(30_000),
	users: n(100) * 50,
	requests: n(50_000),
	referrals: n(100_000)
};

const config = stackConfig({ ...process.env, STACK_PROFILE: process.env.STACK_PROFILE || 'bench' });
const started = Date.now();
console.log(`Resetting the ${config.profile} stack (${config.dataDir})...`);
const stack = await resetStack(config)
	.then(() => startStack(config, { beforeSeed: loadCommunesIfEmpty }))
	.catch((error: Error) => {
		// One line, as `npm start` says it (e.g. as root in a folder the postgres user cannot reach).
		console.error(`The ${config.profile} stack could not start: ${error.message}`);
		process.exit(1);
	});
if (stack.outsideNote) console.log(`Note: ${stack.outsideNote}`);
try {
	const client = new pg.Client({ connectionString: config.dbUrl });
	client.on('error', () => {}); // the stack stopping closes the connection; the query's own error is what matters
	await client.connect();
	const hash = (
		await client.query<{ h: string }>(`select extensions.crypt($1, extensions.gen_salt('bf')) as h`, [DEMO_PASSWORD])
	).rows[0].h;
	const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;
	let sql = await readFile(path.join(ROOT_DIR, 'scripts', 'scale', 'seed-scale.sql'), 'utf8');
	const values: Record<string, string> = {
		...Object.fromEntries(Object.entries(SCALE_PARAMS).map(([k, v]) => [k, String(v)])),
		salt: quote(salt),
		password_hash: quote(hash)
	};
	sql = sql.replace(/:([a-z_]+)\b/g, (whole, name: string) => values[name] ?? whole);
	console.log(`Generating (scale ${scale}, seed "${salt}"): ${JSON.stringify(SCALE_PARAMS)}`);
	const t0 = Date.now();
	await client.query('begin');
	try {
		await client.query(sql);
	} catch (error) {
		const e = error as pg.DatabaseError;
		console.error(
			`Generation failed: ${e.message}${e.where ? ` (${e.where})` : ''}${e.position ? ` at ${sql.slice(Number(e.position) - 80, Number(e.position) + 40)}` : ''}`
		);
		throw error;
	}
	await client.query('commit');
	const t1 = Date.now();
	// As autovacuum would leave a long-lived database: statistics, and a visibility map for index-only scans.
	await client.query('vacuum analyze');
	const counts = (
		await client.query<{ name: string; n: string }>(`
		select 'charters' as name, count(*) as n from public.charters union all
		select 'organizations', count(*) from public.organizations union all
		select 'actions', count(*) from public.actions union all
		select 'action_updates', count(*) from public.action_updates union all
		select 'indicators', count(*) from public.indicators union all
		select 'indicator_values', count(*) from public.indicator_values union all
		select 'internships', count(*) from public.internships union all
		select 'support_requests', count(*) from public.support_requests union all
		select 'referrals', count(*) from public.referrals union all
		select 'users', count(*) from auth.users union all
		select 'charter_members', count(*) from public.charter_members union all
		select 'communes', count(*) from public.communes`)
	).rows;
	await client.end();
	console.log(
		`Generated in ${((t1 - t0) / 1000).toFixed(1)} s (vacuum analyze ${((Date.now() - t1) / 1000).toFixed(1)} s):`
	);
	for (const c of counts) console.log(`  ${c.name.padEnd(18)} ${Number(c.n).toLocaleString('fr-FR')}`);
	console.log(`Every generated account's password is ${DEMO_PASSWORD} (u1@echelle.example.org ... ).`);
} finally {
	await stack.stop();
}
console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s. Run \`npm run bench\` next.`);
