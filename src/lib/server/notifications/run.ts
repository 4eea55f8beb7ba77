/**
 * Entry point of the notification sender: `startFromEnv()` is called by scripts/serve.ts inside `npm start`;
 * `npm run worker` (scripts/worker.ts) or `node src/lib/server/notifications/run.ts` runs it alone. Several can
 * run at the same time: the outbox hands each message to one of them.
 */
import { pathToFileURL } from 'node:url';
import { configFromEnv } from './config.ts';
import { scheduleJobs } from './jobs.ts';
import { createSender, serviceClient } from './worker.ts';

const log = (line: string) => console.log(`[notifications] ${line}`);

/** Starts the sender and the periodic jobs; the returned function stops them (messages in hand are finished). */
export async function startFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<() => Promise<void>> {
	const config = configFromEnv(env);
	if (!config.smtpUrl) {
		log('SMTP_URL n’est pas défini : les notifications restent dans la file d’envoi.');
		return async () => {};
	}
	const client = serviceClient(config);
	const sender = createSender(config, { client, log });
	sender.start();
	const stopJobs = config.jobs ? scheduleJobs(client, config, log) : async () => {};
	log(`envoi des notifications actif (${config.workerId}, ${config.concurrency} en parallèle)`);
	return async () => {
		await stopJobs();
		await sender.stop();
	};
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const stop = await startFromEnv();
	let stopping = false;
	const shutdown = () => {
		if (stopping) return;
		stopping = true;
		void stop().finally(() => process.exit(0));
		setTimeout(() => process.exit(0), 10_000).unref();
	};
	process.on('SIGTERM', shutdown);
	process.on('SIGINT', shutdown);
}
