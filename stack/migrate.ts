/**
 * Applies the bootstrap, then `supabase/migrations/*.sql` in order (recorded in
 * `supabase_migrations.schema_migrations` like the Supabase CLI, so a second run applies only new files),
 * then reference data, then `supabase/seed.sql` once.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { ROOT_DIR } from './config.ts';

const MIGRATIONS_DIR = path.join(ROOT_DIR, 'supabase', 'migrations');
const SEED_FILE = path.join(ROOT_DIR, 'supabase', 'seed.sql');
const BOOTSTRAP_FILE = path.join(ROOT_DIR, 'stack', 'bootstrap.sql');
const MIGRATION_NAME = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export interface MigrationReport {
	applied: string[];
	seeded: boolean;
	seedChanged: boolean;
}

export interface MigrateOptions {
	/** Runs after the migrations and before the seed (reference data the seed refers to). */
	beforeSeed?: (client: pg.Client) => Promise<void>;
	/** Skip the seed (production-like databases, benchmarks that bring their own data). */
	skipSeed?: boolean;
	log?: (line: string) => void;
}

export async function listMigrations(): Promise<{ version: string; name: string; file: string }[]> {
	if (!existsSync(MIGRATIONS_DIR)) return [];
	const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
	return files.map((file) => {
		const match = MIGRATION_NAME.exec(file);
		if (!match) throw new Error(`Migration file name must be YYYYMMDDHHMMSS_name.sql: ${file}`);
		return { version: match[1], name: match[2], file: path.join(MIGRATIONS_DIR, file) };
	});
}

export async function migrate(dbUrl: string, options: MigrateOptions = {}): Promise<MigrationReport> {
	const log = options.log ?? (() => {});
	const client = new pg.Client({ connectionString: dbUrl });
	await client.connect();
	try {
		await client.query(await readFile(BOOTSTRAP_FILE, 'utf8'));
		const done = new Set(
			(await client.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).rows.map(
				(r) => r.version
			)
		);
		const applied: string[] = [];
		for (const migration of await listMigrations()) {
			if (done.has(migration.version)) continue;
			const sql = await readFile(migration.file, 'utf8');
			await client.query('begin');
			try {
				await client.query(sql);
				await client.query(
					'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
					[migration.version, migration.name, [sql]]
				);
				await client.query('commit');
			} catch (error) {
				await client.query('rollback');
				throw new Error(`Migration ${path.basename(migration.file)} failed: ${(error as Error).message}`, {
					cause: error
				});
			}
			applied.push(path.basename(migration.file));
			log(`migration applied: ${path.basename(migration.file)}`);
		}

		if (options.beforeSeed) await options.beforeSeed(client);

		let seeded = false;
		let seedChanged = false;
		if (!options.skipSeed && existsSync(SEED_FILE)) {
			const sql = await readFile(SEED_FILE, 'utf8');
			const hash = createHash('sha256').update(sql).digest('hex');
			const previous = await client.query<{ hash: string }>(
				'select hash from supabase_migrations.seed_files where path = $1',
				['supabase/seed.sql']
			);
			if (previous.rowCount === 0) {
				await client.query('begin');
				try {
					await client.query(sql);
					await client.query('insert into supabase_migrations.seed_files (path, hash) values ($1, $2)', [
						'supabase/seed.sql',
						hash
					]);
					await client.query('commit');
				} catch (error) {
					await client.query('rollback');
					throw new Error(`Seed failed: ${(error as Error).message}`, { cause: error });
				}
				seeded = true;
				log('seed applied: supabase/seed.sql');
			} else if (previous.rows[0].hash !== hash) {
				seedChanged = true;
			}
		}
		await client.query(`notify pgrst, 'reload schema'`);
		return { applied, seeded, seedChanged };
	} finally {
		await client.end();
	}
}
