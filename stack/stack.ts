/**
 * Starts and stops the whole local stack: Postgres, migrations and seed, SMTP sink and mailbox,
 * auth emulator, PostgREST, Storage API server, gateway. Everything binds to 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { isRoot, stackConfig, type StackConfig } from './config.ts';
import { startGateway } from './gateway.ts';
import { startMail, type RunningMail } from './mail.ts';
import { migrate, type MigrationReport } from './migrate.ts';
import { startPostgres, type RunningPostgres } from './postgres.ts';
import { startPostgrest } from './postgrest.ts';
import { startAuth } from './auth/index.ts';
import { startStorage } from './storage/index.ts';

export { StackUnavailableError } from './postgres-root.ts';

export interface StartOptions {
	log?: (line: string) => void;
	/** Reference data loaded after migrations, before the seed (the communes of France). */
	beforeSeed?: (client: pg.Client) => Promise<void>;
	skipSeed?: boolean;
}

export interface RunningStack {
	config: StackConfig;
	migrations: MigrationReport;
	mail: RunningMail;
	/** Under root, when PostgreSQL's binaries and data had to leave the project folder: where and why. */
	outsideNote: string | null;
	stop(): Promise<void>;
}

function assertNotProduction(): void {
	if (process.env.NODE_ENV === 'production') {
		throw new Error(
			'The local stack is for development and tests only and refuses to run with NODE_ENV=production. ' +
				'Set PUBLIC_SUPABASE_URL, PUBLIC_SUPABASE_ANON_KEY and SUPABASE_SERVICE_ROLE_KEY to use a real Supabase project.'
		);
	}
}

const stateFile = (config: StackConfig) => path.join(config.dataDir, 'stack.json');

/** The pid of a stack of this profile already running in another process, if any. */
export async function runningStackPid(config: StackConfig): Promise<number | null> {
	if (!existsSync(stateFile(config))) return null;
	try {
		const { pid } = JSON.parse(await readFile(stateFile(config), 'utf8')) as { pid: number };
		process.kill(pid, 0);
		const res = await fetch(`${config.apiUrl}/auth/v1/health`).catch(() => null);
		return res?.ok ? pid : null;
	} catch {
		return null;
	}
}

/** Under root, when PostgreSQL's binaries and data are outside the project (postgres-root.ts): where, and why. */
function noteOnPlace(postgres: RunningPostgres, config: StackConfig): string | null {
	if (!postgres.outside) return null;
	if (!postgres.blockedBy) {
		return `PostgreSQL's data is in ${config.outsideDir} since an earlier start (\`npm run db:reset\` deletes it).`;
	}
	return (
		`PostgreSQL runs as the postgres user, which cannot enter ${postgres.blockedBy}: its binaries and data are in ` +
		`${config.outsideDir} (\`npm run db:reset\` deletes them).`
	);
}

export async function startStack(
	config: StackConfig = stackConfig(),
	options: StartOptions = {}
): Promise<RunningStack> {
	assertNotProduction();
	const log = options.log ?? (() => {});
	await mkdir(config.dataDir, { recursive: true });
	const stoppers: (() => Promise<void>)[] = [];
	const stopAll = async () => {
		for (const stop of stoppers.reverse()) await stop().catch((e: Error) => log(`stop: ${e.message}`));
		stoppers.length = 0;
		await rm(stateFile(config), { force: true });
	};
	try {
		const postgres = await startPostgres(config, (l) => log(`postgres: ${l}`));
		stoppers.push(() => postgres.stop());
		// The data may be outside the project (under root, see postgres-root.ts): the config says where it is.
		config.pgDataDir = postgres.dataDir;
		const outsideNote = noteOnPlace(postgres, config);
		const migrations = await migrate(config.dbUrl, { beforeSeed: options.beforeSeed, skipSeed: options.skipSeed, log });
		const mail = await startMail(config, log);
		stoppers.push(() => mail.stop());
		// Proves to the auth emulator that an X-Forwarded-For comes from this gateway, not from a caller.
		const gatewayToken = randomBytes(24).toString('base64url');
		const auth = await startAuth(config, { log: (l) => log(`auth: ${l}`), gatewayToken });
		stoppers.push(() => auth.stop());
		const postgrest = await startPostgrest(config, (l) => log(`postgrest: ${l}`));
		stoppers.push(() => postgrest.stop());
		const storage = await startStorage(config, { log: (l) => log(`storage: ${l}`) });
		stoppers.push(() => storage.stop());
		const gateway = await startGateway(config, { gatewayToken });
		stoppers.push(() => gateway.stop());
		await writeFile(stateFile(config), JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
		return { config, migrations, mail, outsideNote, stop: stopAll };
	} catch (error) {
		await stopAll();
		throw error;
	}
}

/**
 * Deletes the profile's data folder (and, under root, its binaries and data outside the project): the next start
 * rebuilds the database, migrations and seed.
 */
export async function resetStack(config: StackConfig = stackConfig()): Promise<void> {
	assertNotProduction();
	if (await runningStackPid(config)) {
		throw new Error(`A local stack (${config.profile}) is running: stop it (Ctrl-C) before resetting.`);
	}
	await rm(config.dataDir, { recursive: true, force: true });
	if (isRoot()) await rm(config.outsideDir, { recursive: true, force: true });
	config.pgDataDir = path.join(config.dataDir, 'postgres');
}

/** Stops the stack on Ctrl-C, SIGTERM or a fatal error, leaving no process behind. */
export function stopOnSignals(stop: () => Promise<void>, extra: () => Promise<void> = async () => {}): void {
	let stopping = false;
	const handler = (code: number) => async () => {
		if (stopping) return;
		stopping = true;
		try {
			await extra();
			await stop();
		} finally {
			process.exit(code);
		}
	};
	process.once('SIGINT', handler(130));
	process.once('SIGTERM', handler(143));
	process.once('SIGHUP', handler(129));
}
