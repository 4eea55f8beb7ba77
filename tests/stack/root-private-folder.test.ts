/**
 * Issue 18: the stack as root, from a clone inside a folder only root can enter (a `mktemp -d` folder, mode 700,
 * as /root is in most container images). Postgres runs as the `postgres` user, which cannot enter that folder:
 * the stack must copy PostgreSQL's binaries and put its data outside (config.outsideDir, under /var/tmp), or stop
 * with one clear line. The clone is of this checkout's HEAD (the committed state); node_modules is hard-linked
 * in (`cp -al`), so that the binaries are inside the closed folder as after an `npm install` there.
 *
 * It runs only as root (CI does): otherwise Postgres runs as the current user and none of this applies.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRoot, ROOT_DIR, stackConfig, type StackConfig } from '../../stack/config.ts';
import { resetStack } from '../../stack/stack.ts';

const root = isRoot();
const PROFILE = 'rootcheck';
const NOT_ROOT = 'not running as root (only root has this problem: Postgres then runs as the `postgres` user)';
const WHAT_TO_DO = 'clone into a folder others can enter, or run as a normal user';

let dir = '';
let clone = '';
let config: StackConfig;
let env: NodeJS.ProcessEnv = {};

function portFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** A port base whose six ports (see stack/config.ts) are free, away from dev 54320, test 55320, bench 56320. */
async function freePortBase(): Promise<number> {
	for (let base = 58420; base < 59400; base += 100) {
		const ports = [1, 2, 4, 5, 11, 12, 111].map((offset) => base + offset);
		if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
	}
	throw new Error('no free port base between 58420 and 59400');
}

interface Run {
	code: Promise<number>;
	output: () => string;
	kill: (signal: NodeJS.Signals) => void;
	/** Resolves when `text` appears in the output, rejects if the command ends first or after `ms`. */
	until: (text: string, ms: number) => Promise<void>;
}

function run(script: string, args: string[], runEnv: NodeJS.ProcessEnv = env): Run {
	const child = spawn(process.execPath, [script, ...args], { cwd: clone, env: runEnv });
	let output = '';
	const listeners = new Set<() => void>();
	const read = (chunk: Buffer) => {
		output += chunk.toString();
		for (const listener of listeners) listener();
	};
	child.stdout.on('data', read);
	child.stderr.on('data', read);
	const code = new Promise<number>((resolve) =>
		child.once('exit', (exitCode, signal) => {
			for (const listener of listeners) listener();
			resolve(exitCode ?? (signal ? 128 : 0));
		})
	);
	const until = (text: string, ms: number) =>
		new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no "${text}" within ${ms} ms:\n${output}`)), ms);
			const check = () => {
				if (output.includes(text)) resolve();
				else if (child.exitCode !== null) reject(new Error(`exited (${child.exitCode}) without "${text}":\n${output}`));
				else return;
				clearTimeout(timer);
				listeners.delete(check);
			};
			listeners.add(check);
			check();
		});
	return { code, output: () => output, kill: (signal) => child.kill(signal), until };
}

const git = (args: string[], cwd = ROOT_DIR) =>
	spawnSync('git', ['-c', 'safe.directory=*', ...args], { cwd, encoding: 'utf8' });

/** The clone: of HEAD with git; without git (a copy of the sources), the files as they are, hard-linked. */
async function cloneProject(): Promise<string> {
	const head = git(['rev-parse', 'HEAD']);
	if (head.status === 0) {
		const cloned = git(['clone', '--quiet', '--no-checkout', ROOT_DIR, clone]);
		expect(cloned.status, cloned.stderr).toBe(0);
		const checkout = git(['checkout', '--quiet', head.stdout.trim()], clone);
		expect(checkout.status, checkout.stderr).toBe(0);
		return `git clone of ${head.stdout.trim().slice(0, 10)}`;
	}
	await mkdir(clone);
	const skip = new Set(['.git', '.local', 'node_modules', 'build', '.svelte-kit']);
	for (const entry of (await readdir(ROOT_DIR)).filter((name) => !skip.has(name))) {
		const copied = spawnSync('cp', ['-al', path.join(ROOT_DIR, entry), clone], { encoding: 'utf8' });
		expect(copied.status, copied.stderr).toBe(0);
	}
	return 'copy of the working tree (not a git checkout)';
}

beforeAll(async () => {
	if (!root) {
		console.log(`root-private-folder.test.ts skipped: ${NOT_ROOT}`);
		return;
	}
	dir = await mkdtemp(path.join(os.tmpdir(), 'charte-root-'));
	await chmod(dir, 0o700);
	clone = path.join(dir, 'charte');
	const how = await cloneProject();
	const modules = path.join(ROOT_DIR, 'node_modules');
	// Hard links keep the binaries inside the closed folder; across file systems, a symbolic link (Node then
	// loads the packages from their real place, and only the data folder is out of the postgres user's reach).
	if (spawnSync('cp', ['-al', modules, path.join(clone, 'node_modules')]).status !== 0) {
		await rm(path.join(clone, 'node_modules'), { recursive: true, force: true });
		await symlink(realpathSync(modules), path.join(clone, 'node_modules'));
	}
	const base = await freePortBase();
	env = Object.fromEntries(
		Object.entries(process.env).filter(([key]) => !/^(STACK_|PUBLIC_SUPABASE|SUPABASE_|SMTP_URL|MAILBOX_URL)/.test(key))
	);
	Object.assign(env, { STACK_PROFILE: PROFILE, STACK_PORT_BASE: String(base) });
	console.log(`root-private-folder: ${how} in ${dir} (mode 700), ports ${base + 1}-${base + 12}`);
	config = stackConfig({
		STACK_PROFILE: PROFILE,
		STACK_PORT_BASE: String(base),
		STACK_DATA_DIR: path.join(clone, '.local', PROFILE)
	});
	await rm(config.outsideDir, { recursive: true, force: true });
}, 60_000);

afterAll(async () => {
	if (!root) return;
	if (config) await rm(config.outsideDir, { recursive: true, force: true });
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('as root, from a clone in a folder only root can enter (issue 18)', () => {
	it('`node stack/cli.ts start` starts the stack, with PostgreSQL run as postgres from outside the folder', async (ctx) => {
		if (!root) return ctx.skip(NOT_ROOT);
		expect((await stat(dir)).mode & 0o777).toBe(0o700);
		const stack = run('stack/cli.ts', ['start']);
		try {
			await stack.until('Press Ctrl-C to stop.', 60_000);
			expect(stack.output()).not.toMatch(/^\s+at /m);
			expect(stack.output()).toContain(`the postgres user, which cannot enter ${dir}`);
			expect(stack.output()).toContain(config.outsideDir);

			const health = await fetch(`${config.apiUrl}/auth/v1/health`);
			expect(health.status).toBe(200);
			const client = new pg.Client({ connectionString: config.dbUrl });
			await client.connect();
			const { rows } = await client.query<{ data: string; charters: number }>(
				`select current_setting('data_directory') as data, (select count(*)::int from public.charters) as charters`
			);
			await client.end();
			expect(rows[0].data).toBe(path.join(config.outsideDir, 'postgres'));
			expect(rows[0].charters).toBeGreaterThan(0);

			// The server runs as `postgres`, from the binaries copied out of the closed folder.
			const pid = Number(
				readFileSync(path.join(config.outsideDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]
			);
			const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
			expect(readFileSync(`/proc/${pid}/status`, 'utf8')).toMatch(new RegExp(`^Uid:\\s+${uid}\\s`, 'm'));
			expect(realpathSync(`/proc/${pid}/exe`)).toBe(path.join(config.outsideDir, 'native', 'bin', 'postgres'));
		} finally {
			stack.kill('SIGINT');
		}
		expect(await stack.code).toBe(130);
		// Ctrl-C left nothing behind: no Postgres, no PostgREST, no gateway.
		for (const port of [config.ports.db, config.ports.postgrest, config.ports.api])
			expect(await portFree(port)).toBe(true);
	}, 90_000);

	it('`node stack/cli.ts reset` rebuilds the data kept outside, and resetStack removes it', async (ctx) => {
		if (!root) return ctx.skip(NOT_ROOT);
		const marker = path.join(config.outsideDir, 'postgres', 'left-from-before');
		await writeFile(marker, '');
		const reset = run('stack/cli.ts', ['reset']);
		expect(await reset.code, reset.output()).toBe(0);
		expect(reset.output()).toMatch(/Applied \d+ migrations and the seed\./);
		expect(existsSync(marker)).toBe(false);
		expect(existsSync(path.join(config.outsideDir, 'postgres', 'PG_VERSION'))).toBe(true);

		await resetStack(config);
		expect(existsSync(config.outsideDir)).toBe(false);
		expect(existsSync(config.dataDir)).toBe(false);
	}, 60_000);

	it('every entry point stops with one clear line, no stack trace, when nowhere works for the postgres user', async (ctx) => {
		if (!root) return ctx.skip(NOT_ROOT);
		// An "outside" folder that is itself inside the closed one: nowhere the postgres user can reach.
		const closed = { ...env, STACK_OUTSIDE_DIR: path.join(dir, 'outside') };
		const entries: [string, string[]][] = [
			['stack/cli.ts', ['start']],
			['scripts/start.ts', []],
			['scripts/scale/seed-scale.ts', []],
			['scripts/test.ts', ['types']]
		];
		for (const [script, args] of entries) {
			const attempt = run(script, args, { ...closed, STACK_PROFILE: `${PROFILE}-closed` });
			expect(await attempt.code, `${script}: ${attempt.output()}`).toBe(1);
			const lines = attempt
				.output()
				.split('\n')
				.filter((line) => line.includes(WHAT_TO_DO));
			expect(lines, `${script}: ${attempt.output()}`).toHaveLength(1);
			expect(lines[0]).toContain(`cannot enter ${dir}`);
			expect(attempt.output()).not.toMatch(/^\s+at /m);
		}
		expect(await portFree(config.ports.db)).toBe(true);
		// What the failed attempt had prepared outside is gone.
		const closedConfig = stackConfig({
			...closed,
			STACK_PROFILE: `${PROFILE}-closed`,
			STACK_DATA_DIR: path.join(clone, '.local', `${PROFILE}-closed`)
		});
		expect(existsSync(closedConfig.outsideDir)).toBe(false);
	}, 90_000);
});
