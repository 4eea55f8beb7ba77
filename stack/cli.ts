/**
 * `node stack/cli.ts <command>`: start | reset | migrate | status | env.
 * `npm run stack` starts the stack alone; `npm run db:reset` rebuilds its database from the migrations and seed.
 */
import { appEnv, stackConfig } from './config.ts';
import { resetStack, runningStackPid, startStack, stopOnSignals, type RunningStack } from './stack.ts';
import { migrate } from './migrate.ts';
import { loadCommunesIfEmpty } from '../scripts/communes.ts';

const command = process.argv[2] ?? 'start';
const config = stackConfig();
const verbose = process.argv.includes('--verbose') || process.env.STACK_VERBOSE === '1';
const log = (line: string) => {
	if (verbose || /error|fatal|failed|panic/i.test(line)) console.log(`[stack] ${line}`);
};

/** Starts the stack, or says in one line why it cannot and exits with 1 (`--verbose` adds the stack trace). */
async function start(): Promise<RunningStack> {
	try {
		const stack = await startStack(config, { log, beforeSeed: loadCommunesIfEmpty });
		if (stack.outsideNote) console.log(`Note: ${stack.outsideNote}`);
		return stack;
	} catch (error) {
		console.error(`The local stack could not start: ${(error as Error).message}`);
		if (verbose) console.error(error);
		process.exit(1);
	}
}

function banner(): void {
	console.log(`Local Supabase-compatible stack (${config.profile}) is running:
  API URL:      ${config.apiUrl}
  DB URL:       ${config.dbUrl}
  Mailbox:      ${config.mailboxUrl}
  SMTP:         smtp://127.0.0.1:${config.ports.smtp}
  JWT secret:   ${config.jwtSecret}
  anon key:     ${config.anonKey}
  service_role: ${config.serviceRoleKey}
  Publishable:  ${config.publishableKey}
  Secret:       ${config.secretKey}
  Sign-ups:     ${config.enableSignup ? 'on' : 'off (STACK_ENABLE_SIGNUP=1 opens them)'}`);
}

switch (command) {
	case 'start': {
		if (await runningStackPid(config)) {
			console.log(`A local stack (${config.profile}) is already running.`);
			banner();
			break;
		}
		const stack = await start();
		stopOnSignals(stack.stop);
		banner();
		if (stack.migrations.seedChanged)
			console.log('supabase/seed.sql changed since it was applied: run `npm run db:reset` to apply it again.');
		console.log('Press Ctrl-C to stop.');
		break;
	}
	case 'reset': {
		await resetStack(config).catch((error: Error) => {
			console.error(error.message);
			process.exit(1);
		});
		console.log(`Local stack data (${config.profile}) deleted; starting it again to apply migrations and seed...`);
		const stack = await start();
		console.log(
			`Applied ${stack.migrations.applied.length} migrations${stack.migrations.seeded ? ' and the seed' : ''}.`
		);
		await stack.stop();
		break;
	}
	case 'migrate': {
		const report = await migrate(process.env.DB_URL || config.dbUrl, {
			beforeSeed: loadCommunesIfEmpty,
			log: console.log
		});
		console.log(`Applied ${report.applied.length} new migrations.`);
		break;
	}
	case 'status': {
		const pid = await runningStackPid(config);
		console.log(pid ? `running (pid ${pid})` : 'stopped');
		if (pid) banner();
		break;
	}
	case 'env': {
		for (const [key, value] of Object.entries(appEnv(config))) console.log(`${key}=${value}`);
		break;
	}
	default:
		console.error(`Unknown command ${command}. Use start, reset, migrate, status or env.`);
		process.exit(2);
}
