/**
 * What every handler of the auth emulator needs, built once by `startAuth`.
 */
import type pg from 'pg';
import type { StackConfig } from '../config.ts';
import type { Mailer } from './mailer.ts';
import type { RateLimits } from './rate-limit.ts';

export interface AuthContext {
	config: StackConfig;
	pool: pg.Pool;
	mailer: Mailer;
	limits: RateLimits;
	log: (line: string) => void;
	/** GoTrue's MAILER_AUTOCONFIRM: sign-ups are confirmed at once (the Supabase CLI's default). */
	autoconfirm: boolean;
	/** `iss` of the access tokens, as the Supabase CLI's GoTrue sets it. */
	issuer: string;
}

/** A pool or a client inside a transaction: queries run on either. */
export interface Queryable {
	query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

export async function transaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
	const client = await pool.connect();
	try {
		await client.query('begin');
		const result = await fn(client);
		await client.query('commit');
		return result;
	} catch (error) {
		await client.query('rollback').catch(() => {});
		throw error;
	} finally {
		client.release();
	}
}

export const NIL_UUID = '00000000-0000-0000-0000-000000000000';
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
