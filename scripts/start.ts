/**
 * `npm start` (production build on http://127.0.0.1:3000) and `npm run dev` (Vite's dev server).
 *
 * When PUBLIC_SUPABASE_URL, PUBLIC_SUPABASE_ANON_KEY and SUPABASE_SERVICE_ROLE_KEY are set (hosted Supabase,
 * or `supabase start`), they are used as they are. Otherwise the local Supabase-compatible stack starts
 * first (or an already running one is reused), and Ctrl-C stops everything this command started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { appEnv, ROOT_DIR, stackConfig } from '../stack/config.ts';
import { runningStackPid, startStack, type RunningStack } from '../stack/stack.ts';
import { loadCommunesIfEmpty } from './communes.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.ts';

const mode = process.argv[2] === 'dev' ? 'dev' : 'start';
const port = Number(process.env.PORT || (mode === 'dev' ? 5173 : 3000));
const host = process.env.HOST || '127.0.0.1';
const node = process.execPath;

function newestMtime(target: string): number {
	if (!existsSync(target)) return 0;
	const stat = statSync(target);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of readdirSync(target)) {
		if (entry === 'paraglide' || entry === 'node_modules') continue;
		newest = Math.max(newest, newestMtime(path.join(target, entry)));
	}
	return newest;
}

function needsBuild(): boolean {
	const built = path.join(ROOT_DIR, 'build', 'index.js');
	if (!existsSync(built)) return true;
	const inputs = ['src', 'messages', 'static', 'vite.config.ts', 'package.json', 'project.inlang'];
	const newest = Math.max(...inputs.map((i) => newestMtime(path.join(ROOT_DIR, i))));
	return newest > statSync(built).mtimeMs;
}

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
	return spawn(node, args, { cwd: ROOT_DIR, env, stdio: 'inherit' });
}

/**
 * Runs a step whose output is for when it fails: the build's own advice ("Run npm run preview…", the adapter's
 * lines) would read as instructions or errors to a newcomer. Warnings and errors still show.
 */
async function runQuietly(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
	const step = spawn(node, args, { cwd: ROOT_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	step.stdout!.on('data', (chunk: Buffer) => (output += chunk));
	step.stderr!.on('data', (chunk: Buffer) => (output += chunk));
	const code = await waitExit(step);
	const shown = code === 0 ? output.split('\n').filter((line) => /warn|error/i.test(line)) : output.split('\n');
	if (shown.some((line) => line.trim())) console.error(shown.join('\n'));
	return code;
}

function waitExit(child: ChildProcess): Promise<number> {
	return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/**
 * The stack's log lines a newcomer should see: errors, not the FATAL lines Postgres writes for each connection
 * it ends when it stops (Ctrl-C reaches it at the same time as this script).
 */
function worthShowing(line: string): boolean {
	if (stopping || !/error|fatal|failed/i.test(line)) return false;
	return !/terminating connection due to administrator command|logical replication launcher/.test(line);
}

const external = Boolean(
	process.env.PUBLIC_SUPABASE_URL && process.env.PUBLIC_SUPABASE_ANON_KEY && process.env.SUPABASE_SERVICE_ROLE_KEY
);
let stack: RunningStack | null = null;
let child: ChildProcess | null = null;
let stopping = false;

async function shutdown(code: number): Promise<never> {
	if (!stopping) {
		stopping = true;
		if (child && child.exitCode === null) {
			child.kill('SIGTERM');
			await Promise.race([waitExit(child), new Promise((r) => setTimeout(r, 5000))]);
			if (child.exitCode === null) child.kill('SIGKILL');
		}
		if (stack) await stack.stop();
	}
	process.exit(code);
}
process.on('SIGINT', () => void shutdown(130));
process.on('SIGTERM', () => void shutdown(143));
process.on('SIGHUP', () => void shutdown(129));

const env: NodeJS.ProcessEnv = { ...process.env };
let mailboxUrl: string | null = null;
if (external) {
	console.log(`Using the configured Supabase project: ${process.env.PUBLIC_SUPABASE_URL}`);
} else {
	const config = stackConfig({ ...process.env, SITE_URL: process.env.SITE_URL || `http://${host}:${port}` });
	if (await runningStackPid(config)) {
		console.log(`Reusing the local stack already running (${config.apiUrl}).`);
	} else {
		process.stdout.write('Starting the local Supabase-compatible stack... ');
		const started = Date.now();
		try {
			stack = await startStack(config, {
				beforeSeed: loadCommunesIfEmpty,
				log: (chunk) => {
					for (const line of chunk.split('\n')) if (worthShowing(line)) console.error(`[stack] ${line}`);
				}
			});
		} catch (error) {
			console.error(`\nThe local stack could not start: ${(error as Error).message}`);
			process.exit(1);
		}
		console.log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
		if (stack.outsideNote) console.log(`Note: ${stack.outsideNote}`);
		if (stack.migrations.seedChanged) {
			console.log('Note: supabase/seed.sql changed since it was applied; `npm run db:reset` applies it again.');
		}
	}
	Object.assign(env, appEnv(config));
	mailboxUrl = config.mailboxUrl;
	// The seed cannot write files: the demo's documents go to Storage now, once (scripts/seed/demo-files.ts).
	try {
		const { addDemoFiles } = await import('./seed/demo-files.ts');
		const added = await addDemoFiles(appEnv(config));
		if (added) console.log(`Demo documents added to Storage: ${added}.`);
	} catch (error) {
		console.error(
			`Note: the demo documents could not be added (${(error as Error).message}); the app works without them.`
		);
	}
}

if (mode === 'start') {
	if (needsBuild()) {
		console.log('Building the app (vite build)...');
		const code = await runQuietly(
			[path.join(ROOT_DIR, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
			env
		);
		if (code !== 0) {
			console.error('The build failed.');
			await shutdown(1);
		}
	}
	child = run([path.join(ROOT_DIR, 'scripts', 'serve.ts')], {
		...env,
		PORT: String(port),
		HOST: host,
		NODE_ENV: 'production'
	});
} else {
	child = run(
		[
			path.join(ROOT_DIR, 'node_modules/vite/bin/vite.js'),
			'dev',
			'--port',
			String(port),
			'--strictPort',
			'--host',
			host
		],
		env
	);
}

const appUrl = `http://${host}:${port}`;
for (let i = 0; i < 200; i++) {
	const ok = await fetch(`${appUrl}/connexion`)
		.then((r) => r.status < 500)
		.catch(() => false);
	if (ok || child.exitCode !== null) break;
	await new Promise((r) => setTimeout(r, 150));
}
if (child.exitCode !== null) {
	console.error('The app server stopped.');
	await shutdown(1);
}
console.log(`
  App:      ${appUrl}${mailboxUrl ? `\n  Mailbox:  ${mailboxUrl}   (every e-mail the stack sends lands here)` : ''}
${
	external
		? ''
		: `
  Demo accounts (password ${DEMO_PASSWORD}, or a magic link from the mailbox):
${DEMO_ACCOUNTS.map((a) => `    ${a.email.padEnd(38)} ${a.description}`).join('\n')}
`
}
  Press Ctrl-C to stop.`);

const code = await waitExit(child);
if (!stopping) await shutdown(code);
