/**
 * The periodic jobs, run by the sender's process on a timer: reminders seven days before an arrival and two days
 * before a referral's due date (installation support), the weekly digests, the alerts on aid commitments, the
 * update campaigns before a meeting (opening notice, reminders at D-7 and D-2), and the
 * RGPD retention jobs (interns, requesters). Each one is idempotent in the database (dedupe keys, erased_at), so
 * several workers running them, or a run repeated after a restart, never duplicate anything.
 */
import type { WorkerConfig } from './config.ts';
import type { ServiceClient } from './worker.ts';

export interface JobsReport {
	reminders: number;
	referralReminders: number;
	digests: number;
	erased: number;
	/** Requests whose requester's data was erased (installation support's retention). */
	requestsErased: number;
	/** Aid commitments ending within 90 days or broken (support/aids.ts). */
	commitments: number;
	/** Update campaigns before a meeting: opening notices and the D-7 and D-2 reminders (meetings/campaign.ts). */
	campaignNotices: number;
}

/** What the sender's log says of a run (only what it did). */
const JOB_WORDS: [keyof JobsReport, string][] = [
	['reminders', 'rappels'],
	['referralReminders', "rappels d'orientations"],
	['digests', 'récapitulatifs'],
	['erased', 'stagiaires anonymisés'],
	['requestsErased', 'demandes anonymisées'],
	['commitments', "alertes d'engagement"],
	['campaignNotices', 'campagnes de mise à jour']
];

export interface JobsOptions {
	/** Only this charter (tests); every charter otherwise. */
	charterId?: string | null;
	retentionMonths?: number;
	supportRetentionMonths?: number;
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

export async function runReferralReminders(client: ServiceClient, options: JobsOptions = {}): Promise<number> {
	const { data, error } = await client.rpc('enqueue_referral_reminders', {
		...(options.charterId ? { p_charter_id: options.charterId } : {})
	});
	if (error) throw new Error(`enqueue_referral_reminders: ${error.message}`);
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

/** Installation support (RGPD): requesters' data, `supportRetentionMonths` after the request closed. */
export async function runSupportRetention(client: ServiceClient, options: JobsOptions = {}): Promise<number> {
	const { data, error } = await client.rpc('erase_expired_support_data', {
		p_months: options.supportRetentionMonths ?? 24,
		...(options.charterId ? { p_charter_id: options.charterId } : {})
	});
	if (error) throw new Error(`erase_expired_support_data: ${error.message}`);
	return data ?? 0;
}

export async function runCommitmentAlerts(client: ServiceClient, options: JobsOptions = {}): Promise<number> {
	const { data, error } = await client.rpc('enqueue_commitment_alerts', {
		...(options.charterId ? { p_charter_id: options.charterId } : {})
	});
	if (error) throw new Error(`enqueue_commitment_alerts: ${error.message}`);
	return data ?? 0;
}

/** `today` moves the campaign's calendar in tests (a date in Paris, 2027-03-01); today otherwise. */
export async function runCampaignNotices(
	client: ServiceClient,
	options: JobsOptions & { today?: string } = {}
): Promise<number> {
	const { data, error } = await client.rpc('enqueue_campaign_notices', {
		...(options.today ? { p_today: options.today } : {}),
		...(options.charterId ? { p_charter_id: options.charterId } : {})
	});
	if (error) throw new Error(`enqueue_campaign_notices: ${error.message}`);
	return data ?? 0;
}

export async function runJobs(client: ServiceClient, options: JobsOptions = {}): Promise<JobsReport> {
	const now = options.now ?? new Date();
	const reminders = await runReminders(client, options);
	const referralReminders = await runReferralReminders(client, options);
	const digests = digestsDue(now) ? await runDigests(client, options) : 0;
	const erased = await runRetention(client, options);
	const requestsErased = await runSupportRetention(client, options);
	const commitments = await runCommitmentAlerts(client, options);
	const campaignNotices = await runCampaignNotices(client, options);
	return { reminders, referralReminders, digests, erased, requestsErased, commitments, campaignNotices };
}

/** Runs the jobs now and then every `jobsIntervalMs`; returns a function that stops the timer. */
export function scheduleJobs(
	client: ServiceClient,
	config: Pick<WorkerConfig, 'jobsIntervalMs' | 'retentionMonths' | 'supportRetentionMonths' | 'charterId'>,
	log: (line: string) => void
): () => Promise<void> {
	let current: Promise<unknown> = Promise.resolve();
	let stopped = false;
	const tick = () => {
		if (stopped) return;
		current = runJobs(client, {
			retentionMonths: config.retentionMonths,
			supportRetentionMonths: config.supportRetentionMonths,
			charterId: config.charterId
		})
			.then((r) => {
				const done = JOB_WORDS.filter(([key]) => r[key] > 0).map(([key, words]) => `${words} : ${r[key]}`);
				if (done.length > 0) log(done.join(', '));
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
