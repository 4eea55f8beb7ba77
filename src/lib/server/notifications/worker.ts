/**
 * The sender: claims due notifications from the outbox (service role, claim_notifications with
 * `for update skip locked`), sends them over SMTP with nodemailer, and records each outcome at once
 * (complete_notification: sent, or the error with an exponential backoff, or failed after the last attempt).
 *
 * Delivery is at least once: a worker killed between the relay's acceptance of a message and the database
 * update sends that message again once its claim expires, with the same Message-ID. Several workers never
 * send the same message: a claim is exclusive until it expires.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import nodemailer from 'nodemailer';
import type { Database } from '../../database.types.ts';
import type { WorkerConfig } from './config.ts';
import { attachmentsOf } from './attachments.ts';
import { renderMail, type OutboxRow } from './render.ts';
import { isMailLocale, type MailLocale } from './templates.ts';
import { unsubscribeKey } from './unsubscribe.ts';

export type ServiceClient = SupabaseClient<Database>;

export function serviceClient(config: Pick<WorkerConfig, 'supabaseUrl' | 'serviceRoleKey'>): ServiceClient {
	return createClient<Database>(config.supabaseUrl, config.serviceRoleKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
	});
}

export interface SendReport {
	sent: number;
	failed: number;
}

export interface Sender {
	/** Claims and sends until the outbox has nothing due (or the sender stops). */
	drain(): Promise<SendReport>;
	/** Sends in a loop, pausing `pollMs` when there is nothing due. */
	start(): void;
	/** Finishes the messages in hand, then closes the SMTP connections. */
	stop(): Promise<void>;
}

type Log = (line: string) => void;

export function createSender(config: WorkerConfig, options: { client?: ServiceClient; log?: Log } = {}): Sender {
	if (!config.smtpUrl) throw new Error('SMTP_URL manquant : impossible d’envoyer les notifications');
	const client = options.client ?? serviceClient(config);
	const log = options.log ?? ((line: string) => console.log(`[notifications] ${line}`));
	const key = unsubscribeKey(config.unsubscribeSecret, config.serviceRoleKey);
	const transport = nodemailer.createTransport({
		url: config.smtpUrl,
		pool: true,
		maxConnections: config.concurrency,
		maxMessages: Infinity,
		connectionTimeout: config.smtpTimeoutMs,
		greetingTimeout: config.smtpTimeoutMs,
		socketTimeout: config.smtpTimeoutMs
	});

	let running = false;
	let stopping = false;
	let loop: Promise<void> | null = null;
	let wake: (() => void) | null = null;

	async function claim(): Promise<OutboxRow[]> {
		const { data, error } = await client.rpc('claim_notifications', {
			p_worker: config.workerId,
			p_limit: config.batchSize,
			p_lock_seconds: config.lockSeconds,
			...(config.charterId ? { p_charter_id: config.charterId } : {})
		});
		if (error) throw new Error(`claim_notifications: ${error.message}`);
		return (data ?? []) as OutboxRow[];
	}

	/** The language of each recipient who has an account (French otherwise, and when the lookup fails). */
	async function localesOf(rows: OutboxRow[]): Promise<Map<string, MailLocale>> {
		const ids = [...new Set(rows.map((r) => r.recipient_user_id).filter((id): id is string => id !== null))];
		const locales = new Map<string, MailLocale>();
		if (ids.length === 0) return locales;
		const { data, error } = await client.from('profiles').select('id, locale').in('id', ids);
		if (error) log(`langue des destinataires : ${error.message}`);
		for (const p of data ?? []) if (isMailLocale(p.locale)) locales.set(p.id, p.locale);
		return locales;
	}

	/**
	 * A person with an account reads their profile's language; one without (a professional who sent the public
	 * form) the language the row's payload names. French otherwise.
	 */
	function localeOf(row: OutboxRow, locales: Map<string, MailLocale>): MailLocale {
		if (row.recipient_user_id) return locales.get(row.recipient_user_id) ?? 'fr';
		const asked = row.payload && typeof row.payload === 'object' ? (row.payload as { locale?: unknown }).locale : null;
		return isMailLocale(asked) ? asked : 'fr';
	}

	async function complete(
		id: string,
		errorText: string | null,
		record: { subject: string; body: string } | null
	): Promise<void> {
		// The outcome must reach the database: retry a few times if the API hiccups.
		for (let attempt = 0; ; attempt++) {
			const { error } = await client.rpc('complete_notification', {
				p_id: id,
				...(errorText === null ? {} : { p_error: errorText }),
				...(record ? { p_subject: record.subject, p_body_text: record.body } : {}),
				p_max_attempts: config.maxAttempts,
				p_retry_base_seconds: config.retryBaseSeconds
			});
			if (!error) return;
			if (attempt >= 4) throw new Error(`complete_notification: ${error.message}`);
			await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
		}
	}

	async function sendOne(row: OutboxRow, locale: MailLocale, report: SendReport): Promise<void> {
		let errorText: string | null = null;
		let record: { subject: string; body: string } | null = null;
		try {
			const mail = renderMail(row, {
				siteUrl: config.siteUrl,
				mailFrom: config.mailFrom,
				unsubscribeKey: key,
				locale
			});
			record = mail.record;
			const attachments = await attachmentsOf(row, client, locale);
			await transport.sendMail({
				from: config.mailFrom,
				to: mail.to,
				subject: mail.subject,
				text: mail.text,
				html: mail.html,
				messageId: mail.messageId,
				headers: mail.headers,
				...(attachments.length ? { attachments } : {})
			});
		} catch (error) {
			const e = error as Error & { responseCode?: number; response?: string };
			errorText = (e.response || e.message || String(error)).slice(0, 1000);
		}
		await complete(row.id, errorText, record);
		if (errorText === null) report.sent++;
		else {
			report.failed++;
			log(`échec de l’envoi ${row.id} à ${row.recipient_email} : ${errorText}`);
		}
	}

	async function sendBatch(rows: OutboxRow[], report: SendReport): Promise<void> {
		const locales = await localesOf(rows);
		let next = 0;
		const lane = async () => {
			while (next < rows.length) {
				const row = rows[next++];
				await sendOne(row, localeOf(row, locales), report);
			}
		};
		await Promise.all(Array.from({ length: Math.min(config.concurrency, rows.length) }, lane));
	}

	async function drain(): Promise<SendReport> {
		const report: SendReport = { sent: 0, failed: 0 };
		while (!stopping) {
			const rows = await claim();
			if (rows.length === 0) break;
			await sendBatch(rows, report);
		}
		return report;
	}

	function pause(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(done, ms);
			function done() {
				clearTimeout(timer);
				wake = null;
				resolve();
			}
			wake = done;
		});
	}

	return {
		drain,
		start() {
			if (running) return;
			running = true;
			loop = (async () => {
				while (!stopping) {
					try {
						await drain();
					} catch (error) {
						log((error as Error).message);
					}
					if (!stopping) await pause(config.pollMs);
				}
			})();
		},
		async stop() {
			stopping = true;
			wake?.();
			await loop;
			transport.close();
		}
	};
}
