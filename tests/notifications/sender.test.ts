/**
 * Reliability of the sender against real SMTP servers on loopback: volume, two workers together, a worker
 * killed in the middle of sending (a child process, SIGKILL), an SMTP server that refuses messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../src/lib/server/notifications/config.ts';
import { createSender } from '../../src/lib/server/notifications/worker.ts';
import { ROOT_DIR } from '../../stack/config.ts';
import { testConfig } from '../helpers/env.ts';
import { superuserPool } from '../helpers/demo.ts';
import { startSmtp, until, type TestSmtp } from './smtp.ts';
import { createWorld, insertPlacements, type World } from './world.ts';

const su = superuserPool();
const COMMUNES = ['87085', '87154', '87114', '87050', '87075', '87187', '87065', '87001', '87113', '87002'];
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

let world: World;

function workerEnv(smtp: TestSmtp, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	return {
		PUBLIC_SUPABASE_URL: testConfig.apiUrl,
		SUPABASE_SERVICE_ROLE_KEY: testConfig.serviceRoleKey,
		SMTP_URL: smtp.url,
		MAIL_FROM: 'Chartes partenariales <notifications@example.org>',
		SITE_URL: 'http://127.0.0.1:4173',
		NOTIFICATION_CHARTER_ID: world.charterId,
		NOTIFICATION_JOBS: 'off',
		NOTIFICATION_POLL_MS: '50',
		...extra
	};
}

async function outbox(ids: string[]) {
	return su.query<{ id: string; status: string; attempts: number; last_error: string | null; next_attempt_at: Date }>(
		'select id, status, attempts, last_error, next_attempt_at from public.notifications where internship_id = any($1)',
		[ids]
	);
}

async function confirm(ids: string[]): Promise<void> {
	await su.query(`update public.internships set status = 'confirmed' where id = any($1)`, [ids]);
}

beforeAll(async () => {
	// One official per commune, and one more who covers the first two communes.
	world = await createWorld(su, [...COMMUNES.map((c) => [c]), [COMMUNES[0], COMMUNES[1]]]);
});

afterAll(async () => {
	await world?.remove();
	await su.end();
});

describe('the notification sender', () => {
	it('sends 1 000 placements confirmed at once: exactly one e-mail per official per event, two workers together', async () => {
		const smtp = await startSmtp();
		try {
			const ids = await insertPlacements(su, world, COMMUNES, 1000, {
				startsOn: daysFromNow(30),
				endsOn: daysFromNow(120)
			});
			await confirm(ids);
			const rows = await outbox(ids);
			// 100 placements per commune, one official each, and a second official for the first two communes.
			expect(rows.length).toBe(1200);

			const senders = [1, 2].map((n) =>
				createSender(
					configFromEnv(
						workerEnv(smtp, {
							NOTIFICATION_WORKER_ID: `test-${n}`,
							NOTIFICATION_CONCURRENCY: '8',
							NOTIFICATION_BATCH: '40'
						})
					),
					{
						log: () => {}
					}
				)
			);
			const started = Date.now();
			const reports = await Promise.all(senders.map((s) => s.drain()));
			const seconds = (Date.now() - started) / 1000;
			await Promise.all(senders.map((s) => s.stop()));

			expect(reports.map((r) => r.failed)).toEqual([0, 0]);
			expect(reports[0].sent + reports[1].sent).toBe(1200);
			expect(reports[0].sent, 'both workers took part').toBeGreaterThan(0);
			expect(reports[1].sent, 'both workers took part').toBeGreaterThan(0);
			// Every SMTP transaction, not only distinct messages: no message went out twice.
			expect(smtp.deliveries.length).toBe(1200);
			expect(new Set(smtp.deliveries.map((d) => d.messageId)).size).toBe(1200);
			expect(new Set(smtp.deliveries.map((d) => d.messageId))).toEqual(
				new Set(rows.map((r) => `<${r.id}@example.org>`))
			);
			const perRecipient = new Map<string, number>();
			for (const d of smtp.deliveries) perRecipient.set(d.to, (perRecipient.get(d.to) ?? 0) + 1);
			for (const [i, official] of world.officials.entries()) {
				expect(perRecipient.get(official.email), official.email).toBe(i === COMMUNES.length ? 200 : 100);
			}
			expect((await outbox(ids)).every((r) => r.status === 'sent')).toBe(true);
			expect(seconds, `sent in ${seconds.toFixed(1)} s`).toBeLessThan(60);

			// What the official receives: French text, the unsubscribe link and its one-click headers.
			const sample = smtp.deliveries.find((d) => d.to === world.officials[5].email)!;
			expect(sample.subject).toBe(
				`Arrivée en stage à Saint-Yrieix-la-Perche le ${daysFromNow(30).split('-').reverse().join('/')}`
			);
			expect(sample.text).toMatch(/Prénom : Prénom\d+/);
			expect(sample.text).toContain('http://127.0.0.1:4173/ma-commune');
			expect(sample.text).toMatch(
				/désabonnez-vous en un clic : http:\/\/127\.0\.0\.1:4173\/desabonnement\?t=[\w-]+\.[\w-]+/
			);
			expect(JSON.stringify(sample.headers.get('list'))).toContain('/desabonnement?t=');
			expect(JSON.stringify(sample.headers.get('list'))).toContain('List-Unsubscribe=One-Click');
		} finally {
			await smtp.close();
		}
	});

	it('loses none and duplicates none when a worker is killed in the middle of sending and started again', async () => {
		const smtp = await startSmtp({ delayMs: 12 });
		const children: ChildProcess[] = [];
		const startWorker = (name: string) => {
			const child = spawn(process.execPath, [path.join(ROOT_DIR, 'src/lib/server/notifications/run.ts')], {
				cwd: ROOT_DIR,
				env: {
					...process.env,
					...workerEnv(smtp, {
						NOTIFICATION_WORKER_ID: name,
						NOTIFICATION_CONCURRENCY: '4',
						NOTIFICATION_BATCH: '20',
						NOTIFICATION_LOCK_SECONDS: '2'
					})
				},
				stdio: 'ignore'
			});
			children.push(child);
			return child;
		};
		try {
			const ids = await insertPlacements(su, world, [COMMUNES[2]], 150, {
				startsOn: daysFromNow(40),
				endsOn: daysFromNow(90)
			});
			await confirm(ids);
			expect((await outbox(ids)).length).toBe(150);

			const first = startWorker('doomed');
			await until(() => smtp.deliveries.length >= 40, 30_000, 'the first worker to send 40 messages');
			first.kill('SIGKILL');
			await new Promise((r) => first.once('exit', r));
			const atKill = smtp.deliveries.length;
			const pending = (await outbox(ids)).filter((r) => r.status === 'pending').length;
			expect(pending, 'killed in the middle of sending').toBeGreaterThan(0);
			expect(atKill).toBeLessThan(150);

			const second = startWorker('survivor');
			await until(async () => (await outbox(ids)).every((r) => r.status === 'sent'), 30_000, 'every message sent');
			second.kill('SIGTERM');
			await new Promise((r) => second.once('exit', r));

			// None lost: every outbox row reached the server; none duplicated: each message is in the mailbox once.
			const expected = new Set((await outbox(ids)).map((r) => `<${r.id}@example.org>`));
			expect(smtp.mailbox().length).toBe(150);
			expect(new Set(smtp.mailbox().map((d) => d.messageId))).toEqual(expected);
			// At-least-once delivery: the only messages sent twice are those the killed worker had handed to the
			// server without recording it yet (at most its 4 connections), with the same Message-ID.
			expect(smtp.deliveries.length - 150).toBeLessThanOrEqual(4);
		} finally {
			for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			await smtp.close();
		}
	});

	it('leaves messages refused by the SMTP server pending with the error, and a later retry delivers them', async () => {
		const smtp = await startSmtp();
		smtp.refuse = { code: 451, message: '4.3.0 Boîte temporairement indisponible' };
		const sender = createSender(
			configFromEnv(workerEnv(smtp, { NOTIFICATION_RETRY_BASE_SECONDS: '1', NOTIFICATION_MAX_ATTEMPTS: '5' })),
			{ log: () => {} }
		);
		try {
			const ids = await insertPlacements(su, world, [COMMUNES[3]], 5, {
				startsOn: daysFromNow(45),
				endsOn: daysFromNow(90)
			});
			await confirm(ids);
			const before = Date.now();
			const report = await sender.drain();
			expect(report).toEqual({ sent: 0, failed: 5 });
			const refused = await outbox(ids);
			for (const row of refused) {
				expect(row.status).toBe('pending');
				expect(row.attempts).toBe(1);
				expect(row.last_error).toContain('451');
				expect(row.last_error).toContain('Boîte temporairement indisponible');
				expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(before);
			}
			expect(smtp.deliveries).toEqual([]);
			// Not due yet: nothing is claimed before the backoff.
			expect(await sender.drain()).toEqual({ sent: 0, failed: 0 });

			smtp.refuse = null;
			await until(async () => (await sender.drain()).sent > 0 || smtp.deliveries.length >= 5, 10_000, 'the retry');
			await until(
				async () => {
					await sender.drain();
					return (await outbox(ids)).every((r) => r.status === 'sent');
				},
				10_000,
				'every retried message sent'
			);
			const delivered = await outbox(ids);
			expect(delivered.every((r) => r.attempts === 2 && r.last_error === null)).toBe(true);
			expect(smtp.deliveries.length).toBe(5);
		} finally {
			await sender.stop();
			await smtp.close();
		}
	});

	it('marks a message failed, with the error, after the last attempt', async () => {
		const smtp = await startSmtp();
		smtp.refuse = { code: 550, message: '5.1.1 Destinataire inconnu' };
		const sender = createSender(
			configFromEnv(workerEnv(smtp, { NOTIFICATION_RETRY_BASE_SECONDS: '1', NOTIFICATION_MAX_ATTEMPTS: '2' })),
			{ log: () => {} }
		);
		try {
			const ids = await insertPlacements(su, world, [COMMUNES[4]], 1, {
				startsOn: daysFromNow(45),
				endsOn: daysFromNow(90)
			});
			await confirm(ids);
			await sender.drain();
			expect((await outbox(ids))[0]).toMatchObject({ status: 'pending', attempts: 1 });
			await su.query('update public.notifications set next_attempt_at = now() where internship_id = any($1)', [ids]);
			await sender.drain();
			const [row] = await outbox(ids);
			expect(row).toMatchObject({ status: 'failed', attempts: 2 });
			expect(row.last_error).toContain('550 5.1.1 Destinataire inconnu');
		} finally {
			await sender.stop();
			await smtp.close();
		}
	});
});
