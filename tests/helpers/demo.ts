/**
 * The seeded demo world for database tests: the demo accounts signed in through the gateway, the stable ids of
 * seeded rows (the seed derives them from keys, see scripts/seed/generate.ts), and a small connection pool to
 * the stack's database as the superuser, for checks and clean-up that must not go through RLS.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../scripts/demo-accounts.ts';
import { seedId } from '../../scripts/seed/generate.ts';
import { anonClient, testConfig } from './env.ts';

export const DEMO = {
	coordHv: 'coordination.hv@example.org',
	copilHv: 'copil.hv@example.org',
	arsNa: 'ars.na@example.org',
	ordre87: 'ordre.87@example.org',
	facLimoges: 'fac.limoges@example.org',
	maireHv: 'maire.hv@example.org',
	coordNormandie: 'coordination.normandie@example.org',
	coordVaucluse: 'coordination.vaucluse@example.org',
	cptsDropt: 'cpts.dropt@example.org'
} as const;
export type DemoKey = keyof typeof DEMO;

export function demoUserId(key: DemoKey): string {
	const account = DEMO_ACCOUNTS.find((a) => a.email === DEMO[key]);
	if (!account) throw new Error(`No demo account ${DEMO[key]}`);
	return account.id;
}

/** A client signed in with the demo password; its session stays in memory for the file's requests. */
export async function signInAs(email: string, password = DEMO_PASSWORD): Promise<SupabaseClient> {
	const client = anonClient();
	const { error } = await client.auth.signInWithPassword({ email, password });
	if (error) throw new Error(`sign-in as ${email} failed: ${error.message}`);
	return client;
}

/** Every demo account signed in, in parallel. */
export async function signInAll(): Promise<Record<DemoKey, SupabaseClient>> {
	const keys = Object.keys(DEMO) as DemoKey[];
	const clients = await Promise.all(keys.map((k) => signInAs(DEMO[k])));
	return Object.fromEntries(keys.map((k, i) => [k, clients[i]])) as Record<DemoKey, SupabaseClient>;
}

export const ids = {
	charter: (key: string) => seedId('charter', key),
	organization: (key: string) => seedId('organization', key),
	objective: (charter: string, code: string) => seedId('objective', `${charter}/${code}`),
	action: (charter: string, code: string) => seedId('action', `${charter}/${code}`),
	indicator: (key: string) => seedId('indicator', key),
	internship: (charter: string, email: string) => seedId('internship', `${charter}/${email}`)
};

/** A short tag unique to this run, for names and codes of the rows a test creates. */
export function tag(label = 't'): string {
	return `${label}-${randomUUID().slice(0, 8)}`;
}

let codeCounter = 0;
/** A plan code (`objectives.code`, `actions.code`) that no seeded row and no other run uses: `9xx.nnn`. */
export function uniqueCode(): string {
	codeCounter += 1;
	const prefix = 900 + Math.floor(Math.random() * 100);
	return `${prefix}.${(Date.now() % 1000) + 0}.${codeCounter}`;
}

/** Superuser access to the stack's database (bypasses RLS and the API), one pool per test file. */
export function superuserPool() {
	const pool = new pg.Pool({ connectionString: testConfig.dbUrl, max: 4 });
	return {
		async query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
			return (await pool.query<R>(text, values)).rows;
		},
		async one<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R> {
			const rows = (await pool.query<R>(text, values)).rows;
			if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${text}`);
			return rows[0];
		},
		/**
		 * Deletes test-created actions even when they have a journal: the append-only triggers refuse that to
		 * everyone, so clean-up switches triggers off for its own transaction (replica mode) and deletes the
		 * children itself (foreign-key cascades are triggers too).
		 */
		async purgeActions(actionIds: string[]): Promise<void> {
			if (!actionIds.length) return;
			const client = await pool.connect();
			try {
				await client.query('begin');
				await client.query('set local session_replication_role = replica');
				const list = [actionIds];
				// Foreign keys do not cascade with the triggers off: the derived rows go by hand too.
				for (const table of ['indicator_values', 'indicator_value_stats'])
					await client.query(
						`delete from public.${table} where indicator_id in (select id from public.indicators where action_id = any($1))`,
						list
					);
				await client.query('delete from public.action_progress_months where action_id = any($1)', list);
				for (const table of ['indicators', 'fundings', 'action_updates', 'action_partners', 'action_communes'])
					await client.query(`delete from public.${table} where action_id = any($1)`, list);
				await client.query('delete from public.actions where id = any($1)', list);
				await client.query('commit');
			} catch (error) {
				await client.query('rollback');
				throw error;
			} finally {
				client.release();
			}
		},
		end: () => pool.end()
	};
}
export type SuperuserPool = ReturnType<typeof superuserPool>;
