/**
 * The two ways the Storage server reaches the database, as Supabase Storage does:
 *
 * - as the caller (`asCaller`): a transaction on a pool connected as `authenticator`, after
 *   `set_config('role', <the JWT's role>, true)` and the JWT's claims in `request.jwt.claims` (and
 *   `request.jwt.claim.sub`/`.role`, which the bootstrap's `auth.uid()`/`auth.role()` read first), exactly like
 *   PostgREST: the project's policies on storage.objects and storage.buckets decide every read and write;
 * - as the tables' owner (`asOwner`, `supabase_storage_admin`, which row-level security does not apply to): only
 *   for what Supabase Storage also does as its superuser — reading a bucket's limits before an upload, a public
 *   bucket's objects, the object a signed URL names (the signature was checked, and RLS when it was signed), and
 *   writing the object of a signed upload URL (RLS was checked when it was signed).
 */
import pg from 'pg';
import { transaction } from '../auth/context.ts';
import type { StackConfig } from '../config.ts';
import type { Caller } from './tokens.ts';

export interface Db {
	caller: pg.Pool;
	owner: pg.Pool;
	end(): Promise<void>;
}

export function connect(config: StackConfig, log: (line: string) => void): Db {
	const url = (user: string) => `postgres://${user}:postgres@127.0.0.1:${config.ports.db}/postgres`;
	const caller = new pg.Pool({ connectionString: url('authenticator'), max: 20, idleTimeoutMillis: 10000 });
	const owner = new pg.Pool({ connectionString: url('supabase_storage_admin'), max: 10, idleTimeoutMillis: 10000 });
	for (const pool of [caller, owner]) pool.on('error', (error) => log(`database pool error: ${error.message}`));
	return { caller, owner, end: async () => void (await Promise.all([caller.end(), owner.end()])) };
}

export type Tx = pg.PoolClient;

/** One transaction on `pool`, after `setup` (the stack's one transaction helper, stack/auth/context.ts). */
const inTransaction = <T>(pool: pg.Pool, setup: (client: Tx) => Promise<void>, fn: (tx: Tx) => Promise<T>) =>
	transaction(pool, async (client) => {
		await setup(client);
		return fn(client);
	});

export async function setCaller(client: Tx, caller: Caller): Promise<void> {
	await client.query(
		`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true),
		        set_config('request.jwt.claim.sub', $3, true), set_config('request.jwt.claim.role', $1, true)`,
		[caller.role, JSON.stringify(caller.claims), caller.sub ?? '']
	);
}

/** Runs `fn` in one transaction as the caller's role with the caller's claims (commits when it resolves). */
export function asCaller<T>(db: Db, caller: Caller, fn: (tx: Tx) => Promise<T>): Promise<T> {
	return inTransaction(db.caller, (client) => setCaller(client, caller), fn);
}

/** Runs `fn` in one transaction as the storage tables' owner (no row-level security). */
export function asOwner<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
	return inTransaction(db.owner, async () => {}, fn);
}

export interface BucketRow {
	id: string;
	name: string;
	owner: string | null;
	owner_id: string | null;
	public: boolean;
	file_size_limit: number | null;
	allowed_mime_types: string[] | null;
	created_at: Date;
	updated_at: Date;
}

export interface ObjectRow {
	id: string;
	bucket_id: string;
	name: string;
	owner: string | null;
	owner_id: string | null;
	version: string | null;
	metadata: Record<string, unknown> | null;
	user_metadata: Record<string, unknown> | null;
	created_at: Date;
	updated_at: Date;
	last_accessed_at: Date;
}

export const OBJECT_COLUMNS =
	'id, bucket_id, name, owner, owner_id, version, metadata, user_metadata, created_at, updated_at, last_accessed_at';
const BUCKET_COLUMNS =
	'id, name, owner, owner_id, public, file_size_limit::float8 as file_size_limit, allowed_mime_types, created_at, updated_at';

export async function findBucket(tx: Tx, id: string): Promise<BucketRow | null> {
	const { rows } = await tx.query<BucketRow>(`select ${BUCKET_COLUMNS} from storage.buckets where id = $1`, [id]);
	return rows[0] ?? null;
}

export async function listBuckets(tx: Tx): Promise<BucketRow[]> {
	return (await tx.query<BucketRow>(`select ${BUCKET_COLUMNS} from storage.buckets order by name`)).rows;
}

export async function findObject(tx: Tx, bucket: string, name: string): Promise<ObjectRow | null> {
	const { rows } = await tx.query<ObjectRow>(
		`select ${OBJECT_COLUMNS} from storage.objects where bucket_id = $1 and name = $2`,
		[bucket, name]
	);
	return rows[0] ?? null;
}
