/**
 * The periodic jobs, run by the sender's process on a timer: reminders seven days before an arrival, the weekly
 * digests, and the RGPD retention job. Each one is idempotent in the database (dedupe keys, erased_at), so
 * several workers running them, or a run repeated after a restart, never duplicate anything.
 */
import type { WorkerConfig } from './config.ts';
import type { ServiceClient } from './worker.ts';

export interface JobsReport {
	reminders: number;
	digests: number;
	erased: number;
	/** Aid commitments ending within 90 days or broken (support/aids.ts). */
	commitments: number;
}

export interface JobsOptions {
	/** Only this charter (tests); every charter otherwise. */
	charterId?: string | null;
	retentionMonths?: number;
	now?: Date;
}

/** The week's digests go out from Monday 07:00 (Paris) on; a worker down then sends them at its next run. */
export function digestsDue(now: Date): boolean {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/Paris',
		weekday: 'short',
		hour: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(now);
	const weekday = parts.find((p) => p.type === 'weekday')?.value;
	const hour = Number(parts.find((p) => p.type === 'hour')?.value);
	return !(weekday === 'Mon' && hour < 7);
}

export async function runReminders(client: ServiceClient, options: JobsOptions = {}): Promise<number> {
	const { data, error } = await client.rpc('enqueue_internship_reminders', {
		...(options.charterId ? { p_charter_id: options.charterId } : {})
	});
	if (error) throw new Error(`enqueue_internship_reminders: ${error.message}`);
	return data ?? 0;
}

export async function runDigests(client: ServiceClient, options: JobsOptions = {}): Promise<number> {
	const { data, error } = await client.rpc('enqueue_weekly_digests', {
		...(options.now ? { p_now: options.now.toISOString() } : {}),
		...(options.charterId ? { p_charter_id: options.charterId } : {})
	});
	if (error) throw new Error(`enqueue_weekly_digests: ${error.message}`);
	return data ?? 0;
}

export async function runRetention(client: ServiceClient, options: JobsOptions = {}): Promise<number> {
	const { data, error } = await client.rpc('erase_expired_intern_data', {
		p_months: options.retentionMonths ?? 12,
		...(options.charterId ? { p_charter_id: options.charterId } : {})
	});
	if (error) throw new Error(`erase_expired_intern_data: ${error.message}`);
	return data ?? 0;
}

export async function runCommitmentAlerts(client: ServiceClient, options: JobsOptions = {}): Promise<number> {
	const { data, error } = await client.rpc('enqueue_commitment_alerts', {
		...(options.charterId ? { p_charter_id: options.charterId } : {})
	});
	if (error) throw new Error(`enqueue_commitment_alerts: ${error.message}`);
	return data ?? 0;
}

export async function runJobs(client: ServiceClient, options: JobsOptions = {}): Promise<JobsReport> {
	const now = options.now ?? new Date();
	const reminders = await runReminders(client, options);
	const digests = digestsDue(now) ? await runDigests(client, options) : 0;
	const erased = await runRetention(client, options);
	const commitments = await runCommitmentAlerts(client, options);
	return { reminders, digests, erased, commitments };
}

/** Runs the jobs now and then every `jobsIntervalMs`; returns a function that stops the timer. */
export function scheduleJobs(
	client: ServiceClient,
	config: Pick<WorkerConfig, 'jobsIntervalMs' | 'retentionMonths' | 'charterId'>,
	log: (line: string) => void
): () => Promise<void> {
	let current: Promise<unknown> = Promise.resolve();
	let stopped = false;
	const tick = () => {
		if (stopped) return;
		current = runJobs(client, { retentionMonths: config.retentionMonths, charterId: config.charterId })
			.then((r) => {
				if (r.reminders || r.digests || r.erased || r.commitments)
					log(
						`rappels : ${r.reminders}, récapitulatifs : ${r.digests}, stagiaires anonymisés : ${r.erased}, alertes d'engagement : ${r.commitments}`
					);
			})
			.catch((error: Error) => log(`tâches périodiques : ${error.message}`));
	};
	const timer = setInterval(tick, config.jobsIntervalMs);
	timer.unref();
	tick();
	return async () => {
		stopped = true;
		clearInterval(timer);
		await current;
	};
}
