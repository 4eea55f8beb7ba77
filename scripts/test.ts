/**
 * `npm test`: every check and every suite, against a throw-away local stack (profile `test`, its own ports
 * and data folder, so a running `npm start` is never touched).
 *
 *   1. static checks: Prettier, ESLint, squawk (migrations), svelte-check (types), side by side with the unit
 *      tests (Vitest); then the database types are checked up to date
 *   2. Vitest: the integration tests through the gateway, PostgREST and the auth emulator
 *   3. Playwright in Chromium against the built app
 *
 * It ends with one line `N passed, N failed` summing every suite. `TEST_HEAVY=1` turns on the slow
 * suites (load, restart, scale); `.ci/run` sets it.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { appEnv, ROOT_DIR, stackConfig } from '../stack/config.ts';
import { resetStack, startStack, type RunningStack } from '../stack/stack.ts';
import { loadCommunesIfEmpty } from './communes.ts';

interface SuiteResult {
	name: string;
	passed: number;
	failed: number;
	seconds: number;
	note?: string;
}

const results: SuiteResult[] = [];
const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
// `npm test -- tests/e2e/x.spec.ts tests/actions/y.test.ts` runs only those files (and the suites they belong to).
const files = args.filter((a) => /\.(spec|test)\.ts$/.test(a));
const e2eFiles = files.filter((f) => f.startsWith('tests/e2e/'));
const unitFiles = files.filter((f) => f.startsWith('src/'));
const integrationFiles = files.filter((f) => !e2eFiles.includes(f) && !unitFiles.includes(f));
const only = [
	...args.filter((a) => !files.includes(a)),
	...(e2eFiles.length ? ['e2e'] : []),
	...(unitFiles.length ? ['unit'] : []),
	...(integrationFiles.length ? ['integration'] : [])
];
const wanted = (name: string) => only.length === 0 || only.includes(name);
const outDir = path.join(ROOT_DIR, '.local', 'test-results');
const bin = (name: string) => path.join(ROOT_DIR, 'node_modules', '.bin', name);
const e2ePort = Number(process.env.E2E_PORT || 4173);

/**
 * Runs a command. With `capture`, its output is kept and printed in one piece when it ends, so that commands
 * running side by side do not interleave their lines.
 */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, capture = false): Promise<number> {
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd: ROOT_DIR, env, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
		const output: Buffer[] = [];
		child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
		child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
		child.on('close', (code, signal) => {
			if (capture) process.stdout.write(Buffer.concat(output));
			resolve(code ?? (signal ? 1 : 0));
		});
		child.on('error', () => resolve(127));
	});
}

/** A place in the summary, taken when a suite starts: suites running side by side keep their order there. */
function slot(name: string): SuiteResult {
	const result: SuiteResult = { name, passed: 0, failed: 1, seconds: 0 };
	results.push(result);
	return result;
}

async function check(
	name: string,
	command: string,
	args: string[],
	env?: NodeJS.ProcessEnv,
	always = false,
	capture = false
): Promise<boolean> {
	if (!always && !wanted(name) && !wanted('static')) return true;
	const title = `${name}: ${path.basename(command)} ${args.join(' ')}`;
	if (!capture) console.log(`\n▶ ${title}`);
	const result = slot(name);
	const started = Date.now();
	const code = await run(command, args, env, capture);
	if (capture) console.log(`▲ ${title}: ${code === 0 ? 'passed' : `failed (exit code ${code})`}\n`);
	Object.assign(result, {
		passed: code === 0 ? 1 : 0,
		failed: code === 0 ? 0 : 1,
		seconds: (Date.now() - started) / 1000
	});
	return code === 0;
}

async function readJson<T>(file: string): Promise<T | null> {
	try {
		return JSON.parse(await readFile(file, 'utf8')) as T;
	} catch {
		return null;
	}
}

/** A Vitest project (`unit` or `integration`), its counts read from its JSON report. */
async function vitest(project: 'unit' | 'integration', capture = false): Promise<void> {
	if (!capture) console.log(`\n▶ vitest (${project})`);
	const result = slot(`vitest ${project}`);
	const started = Date.now();
	const output = path.join(outDir, `vitest-${project}.json`);
	const code = await run(
		bin('vitest'),
		[
			'run',
			'--project',
			project,
			...(project === 'unit' ? unitFiles : integrationFiles),
			'--reporter=default',
			'--reporter=json',
			`--outputFile.json=${output}`
		],
		env,
		capture
	);
	if (capture) console.log(`▲ vitest (${project}): exit code ${code}\n`);
	const report = await readJson<{
		numPassedTests: number;
		numFailedTests: number;
		numTotalTestSuites: number;
		numFailedTestSuites: number;
	}>(output);
	const failedSuites = report ? report.numFailedTestSuites : 0;
	Object.assign(result, {
		passed: report?.numPassedTests ?? 0,
		// A file that fails to load counts as a failure even when no test in it ran.
		failed: report
			? Math.max(report.numFailedTests + (report.numFailedTests === 0 ? failedSuites : 0), code === 0 ? 0 : 1)
			: 1,
		seconds: (Date.now() - started) / 1000
	});
}

let stack: RunningStack | null = null;
async function stopStack(): Promise<void> {
	if (stack) {
		const s = stack;
		stack = null;
		await s.stop();
	}
}
process.on('SIGINT', () => void stopStack().finally(() => process.exit(130)));
process.on('SIGTERM', () => void stopStack().finally(() => process.exit(143)));

await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });

const needsStack = ['types', 'integration', 'e2e'].some(wanted);
const config = stackConfig({
	...process.env,
	STACK_PROFILE: process.env.STACK_PROFILE || 'test',
	SITE_URL: `http://127.0.0.1:${e2ePort}`
});
const env: NodeJS.ProcessEnv = {
	...process.env,
	...appEnv(config),
	STACK_PROFILE: config.profile,
	STACK_EXTERNAL: '1',
	SITE_URL: config.siteUrl
};
// ---------------------------------------------------------------- static checks and unit tests
// They need no stack and use one core each at most: they run side by side, each printing its output in one piece
// when it ends.
console.log('\n▶ static checks (prettier, eslint, squawk, svelte-check) and the unit tests, side by side');
await Promise.all([
	check('prettier', bin('prettier'), ['--check', '.', '--log-level', 'warn'], undefined, false, true),
	check('eslint', bin('eslint'), ['.'], undefined, false, true),
	// Postgres migration linter (squawk-cli); the rules that do not apply before the first release are excluded in
	// .squawk.toml, each with its reason.
	check('squawk', bin('squawk'), ['--config', '.squawk.toml', 'supabase/migrations/*.sql'], undefined, false, true),
	check(
		'svelte-check',
		bin('svelte-check'),
		['--tsconfig', './tsconfig.json', '--fail-on-warnings', '--output', 'human'],
		undefined,
		false,
		true
	),
	wanted('unit') ? vitest('unit', true) : null
]);

// ---------------------------------------------------------------- the test stack
if (needsStack) {
	console.log(`\n▶ starting a fresh local stack (profile ${config.profile}, API ${config.apiUrl})`);
	const started = Date.now();
	try {
		await resetStack(config);
		stack = await startStack(config, {
			beforeSeed: loadCommunesIfEmpty,
			log: (line) => {
				// The tests provoke refusals on purpose (RLS, checks, the functions' own French errors): Postgres logs
				// them as ERROR with the statement. Only what may break the run is shown.
				if (/^\[?postgres/i.test(line) && !/FATAL|PANIC/.test(line)) return;
				if (
					/error|fatal|failed/i.test(line) &&
					!/duplicate key|violates|permission denied|new row|administrator command|restart/i.test(line)
				)
					console.error(`[stack] ${line}`);
			}
		});
		console.log(`  ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		if (stack.outsideNote) console.log(`  note: ${stack.outsideNote}`);
	} catch (error) {
		console.error(`The test stack could not start: ${(error as Error).message}`);
		results.push({ name: 'stack', passed: 0, failed: 1, seconds: (Date.now() - started) / 1000 });
	}
}

// ---------------------------------------------------------------- database types are current
if (stack && wanted('types') && existsSync(path.join(ROOT_DIR, 'scripts', 'gen-types.ts'))) {
	await check('db-types-current', process.execPath, [path.join(ROOT_DIR, 'scripts', 'gen-types.ts'), '--check'], env);
}

// ---------------------------------------------------------------- Vitest: integration
if (wanted('integration') && stack) await vitest('integration');

// ---------------------------------------------------------------- Playwright
if (wanted('e2e') && stack) {
	console.log('\n▶ build (vite build)');
	// The browser tests always run against a fresh build of the current sources.
	const built = await check(
		'build',
		process.execPath,
		[path.join(ROOT_DIR, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
		env,
		true
	);
	if (built) {
		console.log('\n▶ playwright (Chromium)');
		const started = Date.now();
		const output = path.join(outDir, 'playwright.json');
		const code = await run(bin('playwright'), ['test', ...e2eFiles, '--reporter=list,json'], {
			...env,
			PLAYWRIGHT_JSON_OUTPUT_NAME: output,
			E2E_PORT: String(e2ePort)
		});
		const report = await readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(
			output
		);
		results.push({
			name: 'playwright',
			passed: report ? report.stats.expected + report.stats.flaky : 0,
			failed: report ? Math.max(report.stats.unexpected, code === 0 ? 0 : 1) : 1,
			seconds: (Date.now() - started) / 1000,
			note: report?.stats.flaky ? `${report.stats.flaky} flaky` : undefined
		});
	}
}

await stopStack();

// ---------------------------------------------------------------- summary
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log('\nSummary');
for (const r of results) {
	console.log(
		`  ${r.failed ? '✗' : '✓'} ${r.name.padEnd(22)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds.toFixed(1).padStart(6)} s${r.note ? `  (${r.note})` : ''}`
	);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
