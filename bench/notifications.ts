/**
 * Benchmark row "notifications": messages per second from the outbox to the SMTP sink, through the real sender
 * (src/lib/server/notifications/worker.ts: claim_notifications over PostgREST, nodemailer over SMTP,
 * complete_notification), as `npm start` runs it.
 *
 * The messages are weekly digests written into the outbox of one charter of the national data set, addressed to
 * its members in turn; the sender is limited to that charter, so nothing else of the data set is sent. The
 * figure counts only the messages the mailbox received: a message the sender marks sent but the sink never got
 * would not count. The rows are deleted afterwards, so the benchmark can run again on the same data.
 */
import type pg from 'pg';
import { configFromEnv } from '../src/lib/server/notifications/config.ts';
import { createSender } from '../src/lib/server/notifications/worker.ts';
import type { StackConfig } from '../stack/config.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES) || 2000;

async function mailboxCount(config: StackConfig, tag: string): Promise<number> {
	const url = `${config.mailboxUrl}/api/v1/search?limit=1&query=${encodeURIComponent(`subject:"${tag}"`)}`;
	const response = await fetch(url);
	if (!response.ok) throw new Error(`mailbox: HTTP ${response.status}`);
	return ((await response.json()) as { messages_count: number }).messages_count;
}

export async function measure(config: StackConfig, db: pg.Pool): Promise<{ count: number; seconds: number }> {
	const tag = `bench-${Date.now().toString(36)}`;
	const { rows: charters } = await db.query<{ id: string; name: string }>(
		`select c.id, coalesce(c.short_title, c.title) as name from public.charters c
		 where exists (select 1 from public.charter_members m join public.profiles p on p.id = m.user_id where m.charter_id = c.id)
		 order by c.slug limit 1`
	);
	const charter = charters[0];
	if (!charter) throw new Error('no charter with members in the data set: run `npm run seed:scale` first');

	// A partner's digest with 20 actions, about the length of a real one (1.5 kB of text): the sender renders it in
	// the recipient's language and adds the links and the HTML version. The tag, as the charter's short title, is in
	// every subject, so that the mailbox counts this run's messages only.
	const inserted = await db.query(
		`with recipients as (
		   select p.id, p.email, row_number() over (order by p.id) - 1 as n, count(*) over () as total
		   from public.profiles p
		   where exists (select 1 from public.charter_members m where m.user_id = p.id and m.charter_id = $1)
		 )
		 insert into public.notifications
		   (kind, topic, recipient_email, recipient_user_id, charter_id, subject, body_text, payload, dedupe_key)
		 select 'digest_partner', 'digest_partner', r.email, r.id, $1, '', '',
		        jsonb_build_object(
		          'link', '/mes-actions', 'charter_title', $2::text, 'charter_short_title', $4::text,
		          'organization_name', 'Organisation partenaire',
		          'actions', (select jsonb_agg(jsonb_build_object(
		            'code', format('%s.%s', 1 + k / 10, k % 10), 'title', format('Action %s du plan', k),
		            'reason', 'overdue', 'on', (current_date - 30 - k)::text)) from generate_series(1, 20) as k)
		        ),
		        format('%s:%s', $4::text, i)
		 from generate_series(0, $3::int - 1) as i
		 join recipients r on r.n = i % r.total`,
		[charter.id, charter.name, MESSAGES, tag]
	);
	const count = inserted.rowCount ?? 0;

	const sender = createSender(
		{
			...configFromEnv({
				PUBLIC_SUPABASE_URL: config.apiUrl,
				SUPABASE_SERVICE_ROLE_KEY: config.serviceRoleKey,
				SMTP_URL: `smtp://127.0.0.1:${config.ports.smtp}`,
				SITE_URL: 'http://127.0.0.1:3000',
				NOTIFICATION_JOBS: 'off'
			}),
			charterId: charter.id
		},
		{ log: () => {} }
	);
	try {
		const started = performance.now();
		const report = await sender.drain();
		// The sink parses each message before it answers, so the last one is in the mailbox when drain returns.
		const seconds = (performance.now() - started) / 1000;
		const received = await mailboxCount(config, tag);
		// The sender also sends what the demo seed left pending in that charter's outbox: at least this run's.
		if (report.sent < count || received !== count)
			throw new Error(`notifications: ${count} written, ${report.sent} marked sent, ${received} in the mailbox`);
		return { count: received, seconds };
	} finally {
		await sender.stop();
		await db.query(`delete from public.notifications where dedupe_key like $1`, [`${tag}:%`]);
	}
}
