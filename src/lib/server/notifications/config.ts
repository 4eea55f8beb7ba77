/**
 * Settings of the notification sender, read from the environment. This folder is imported by the SvelteKit
 * server and run by plain Node (`npm run worker`), so it reads process.env itself and imports only with
 * relative `.ts` paths.
 */

export interface WorkerConfig {
	supabaseUrl: string;
	serviceRoleKey: string;
	/** SMTP relay, e.g. smtp://user:password@smtp.example.org:587; null: nothing is sent. */
	smtpUrl: string | null;
	mailFrom: string;
	/** Public address of the app, for the links in the e-mails. */
	siteUrl: string;
	unsubscribeSecret: string;
	/** Name of this worker in the outbox (locked_by). */
	workerId: string;
	/** Messages sent at the same time (SMTP connections). */
	concurrency: number;
	/** Messages claimed at once. */
	batchSize: number;
	/** Pause when the outbox is empty. */
	pollMs: number;
	/** How long a claim holds; a crashed worker's messages go back to the queue after that. */
	lockSeconds: number;
	maxAttempts: number;
	/** First retry delay; each further attempt doubles it (at most six hours). */
	retryBaseSeconds: number;
	/** Run the periodic jobs (reminders, weekly digests, retention) in this process. */
	jobs: boolean;
	jobsIntervalMs: number;
	retentionMonths: number;
	/** Months after a support request closed before its requester's data is erased (the public form says it). */
	supportRetentionMonths: number;
	/** Only this charter's messages (a worker dedicated to one charter; tests). */
	charterId: string | null;
	/** Closes an SMTP connection that stays silent this long. */
	smtpTimeoutMs: number;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new Error(`${name} doit être un entier entre ${min} et ${max}`);
	}
	return value;
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	if (raw === 'on' || raw === 'true' || raw === '1') return true;
	if (raw === 'off' || raw === 'false' || raw === '0') return false;
	throw new Error(`${name} doit valoir on ou off`);
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
	const supabaseUrl = env.PUBLIC_SUPABASE_URL;
	const serviceRoleKey = env.SUPABASE_SERVICE_ROLE_KEY;
	if (!supabaseUrl || !serviceRoleKey) {
		throw new Error('PUBLIC_SUPABASE_URL et SUPABASE_SERVICE_ROLE_KEY sont nécessaires pour envoyer les notifications');
	}
	const siteUrl = (env.SITE_URL || env.ORIGIN || `http://127.0.0.1:${env.PORT || 3000}`).replace(/\/+$/, '');
	return {
		supabaseUrl,
		serviceRoleKey,
		smtpUrl: env.SMTP_URL || null,
		mailFrom: env.MAIL_FROM || 'Chartes partenariales <notifications@example.org>',
		siteUrl,
		unsubscribeSecret: env.UNSUBSCRIBE_SECRET || '',
		workerId: env.NOTIFICATION_WORKER_ID || `worker-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
		concurrency: int(env, 'NOTIFICATION_CONCURRENCY', 5, 1, 50),
		batchSize: int(env, 'NOTIFICATION_BATCH', 50, 1, 500),
		pollMs: int(env, 'NOTIFICATION_POLL_MS', 1000, 10, 600_000),
		lockSeconds: int(env, 'NOTIFICATION_LOCK_SECONDS', 120, 1, 3600),
		maxAttempts: int(env, 'NOTIFICATION_MAX_ATTEMPTS', 8, 1, 50),
		retryBaseSeconds: int(env, 'NOTIFICATION_RETRY_BASE_SECONDS', 60, 1, 86_400),
		jobs: onOff(env, 'NOTIFICATION_JOBS', true),
		jobsIntervalMs: int(env, 'NOTIFICATION_JOBS_INTERVAL_MS', 15 * 60_000, 1000, 86_400_000),
		retentionMonths: int(env, 'RETENTION_MONTHS', 12, 1, 120),
		supportRetentionMonths: int(env, 'SUPPORT_RETENTION_MONTHS', 24, 1, 120),
		charterId: env.NOTIFICATION_CHARTER_ID || null,
		smtpTimeoutMs: int(env, 'NOTIFICATION_SMTP_TIMEOUT_MS', 30_000, 100, 600_000)
	};
}
