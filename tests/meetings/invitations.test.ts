/**
 * The invitations to a meeting (issue 15, item 1), against the real stack: a coordinator plans a meeting and
 * invites through their own client (RLS), the triggers write the outbox, the real sender sends to the stack's
 * mailbox, and each attendee's e-mail carries an .ics that parses at the right time in Paris. Then the meeting
 * moves (one update each, SEQUENCE 1), an attendee is removed (their cancellation only), the meeting is
 * cancelled (METHOD:CANCEL). A member who turned the topic meetings off receives nothing; a partner
 * representative can neither plan a meeting nor invite.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailbox, testConfig, type MailMessage } from '../helpers/env.ts';
import { signInAs, superuserPool } from '../helpers/demo.ts';
import { createUser, drainOutbox, WORLD_PASSWORD } from '../notifications/world.ts';
import { parisParts } from '../../src/lib/meetings/meeting-time.ts';

const su = superuserPool();
const SITE = 'http://meetings.test';
const tag = randomUUID().slice(0, 8);
let charterId: string;
let cptsId: string;
const users: Record<'coord' | 'rep' | 'quiet' | 'steering', { id: string; email: string }> = {} as never;
const guest = { name: `Invitée ${tag}`, email: `invitee.${tag}@example.net` };
let coordinator: SupabaseClient;
let rep: SupabaseClient;
let meetingId: string;

interface Attachment {
	PartID: string;
	FileName: string;
	ContentType: string;
}

async function mailsTo(email: string, kindWord: RegExp): Promise<MailMessage[]> {
	const summaries = await mailbox.search(`to:${email}`);
	const all = await Promise.all(summaries.map((s) => mailbox.message(s.ID)));
	return all.filter((m) => m.Subject.includes(tag) && kindWord.test(m.Subject));
}

async function icsOf(message: MailMessage): Promise<{ text: string; contentType: string }> {
	const attachments = (message as unknown as { Attachments: Attachment[] }).Attachments ?? [];
	const file = attachments.find((a) => a.FileName === 'invitation.ics');
	expect(file, 'the invitation.ics file').toBeDefined();
	const res = await fetch(`${testConfig.mailboxUrl}/api/v1/message/${message.ID}/part/${file!.PartID}`);
	return { text: await res.text(), contentType: file!.ContentType };
}

function eventOf(text: string): VEvent {
	const events = Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT');
	expect(events).toHaveLength(1);
	return events[0] as VEvent;
}

const outbox = (kind: string) =>
	su.query<{ recipient_email: string; dedupe_key: string; payload: Record<string, unknown> }>(
		'select recipient_email, dedupe_key, payload from public.notifications where meeting_id = $1 and kind = $2 order by recipient_email',
		[meetingId, kind]
	);

beforeAll(async () => {
	[{ id: charterId }] = await su.query<{ id: string }>(
		`insert into public.charters (slug, title, short_title, scope_level, status) values ($1, $2, $3, 'departement', 'active') returning id`,
		[`test-reunions-${tag}`, `Charte réunions ${tag}`, `Réunions ${tag}`]
	);
	[{ id: cptsId }] = await su.query<{ id: string }>(
		`insert into public.organizations (name, kind) values ($1, 'cpts') returning id`,
		[`CPTS réunions ${tag}`]
	);
	await su.query(
		`insert into public.charter_partners (charter_id, organization_id, role) values ($1, $2, 'signatory')`,
		[charterId, cptsId]
	);
	const member = async (key: keyof typeof users, role: string, organizationId: string | null) => {
		const email = `${key}.${tag}@example.com`;
		const id = await createUser(su, email, `${key} ${tag}`);
		await su.query(
			'insert into public.charter_members (charter_id, user_id, role, organization_id) values ($1, $2, $3, $4)',
			[charterId, id, role, organizationId]
		);
		users[key] = { id, email };
	};
	await member('coord', 'coordinator', null);
	await member('rep', 'partner_rep', cptsId);
	await member('quiet', 'partner_rep', cptsId);
	await member('steering', 'steering', cptsId);
	await su.query(`update public.profiles set locale = 'en' where id = $1`, [users.steering.id]);
	await su.query(
		`insert into public.notification_preferences (user_id, topic, enabled) values ($1, 'meetings', false)`,
		[users.quiet.id]
	);
	[coordinator, rep] = await Promise.all([
		signInAs(users.coord.email, WORLD_PASSWORD),
		signInAs(users.rep.email, WORLD_PASSWORD)
	]);
});

afterAll(async () => {
	await su.query('delete from public.notifications where charter_id = $1', [charterId]);
	await su.query('delete from public.charters where id = $1', [charterId]);
	await su.query('delete from public.organizations where id = $1', [cptsId]);
	await su.query('delete from auth.users where id = any($1)', [Object.values(users).map((u) => u.id)]);
	await su.end();
});

describe('planning a meeting and inviting', () => {
	it('a partner representative can neither plan a meeting nor invite (RLS)', async () => {
		const { error } = await rep
			.from('meetings')
			.insert({ charter_id: charterId, kind: 'copil', title: `COPIL ${tag}`, starts_at: '2027-03-30T12:00:00Z' });
		expect(error?.code).toBe('42501');
	});

	it('each attendee receives exactly one invitation, with an .ics at the right time in Paris', async () => {
		const { data, error } = await coordinator
			.from('meetings')
			.insert({
				charter_id: charterId,
				kind: 'copil',
				title: `COPIL ${tag}`,
				// 30/03/2027 14:00 in Paris (summer time): 12:00Z.
				starts_at: '2027-03-30T12:00:00Z',
				duration_minutes: 120,
				place: 'Salle du conseil'
			})
			.select('id')
			.single();
		expect(error).toBeNull();
		meetingId = data!.id;
		const invite = await coordinator.from('meeting_attendees').insert([
			{ meeting_id: meetingId, charter_id: charterId, user_id: users.rep.id },
			{ meeting_id: meetingId, charter_id: charterId, user_id: users.quiet.id },
			{ meeting_id: meetingId, charter_id: charterId, user_id: users.steering.id },
			{
				meeting_id: meetingId,
				charter_id: charterId,
				organization_id: cptsId,
				guest_name: guest.name,
				guest_email: guest.email
			}
		]);
		expect(invite.error).toBeNull();

		const denied = await rep
			.from('meeting_attendees')
			.insert({ meeting_id: meetingId, charter_id: charterId, user_id: users.coord.id });
		expect(denied.error?.code).toBe('42501');

		const rows = await outbox('meeting_invitation');
		expect(rows.map((r) => r.recipient_email)).toEqual([guest.email, users.rep.email, users.steering.email].sort());
		expect(rows.every((r) => r.payload.sequence === 0 && r.payload.method === 'REQUEST')).toBe(true);

		await drainOutbox({ charterId, siteUrl: SITE });
		for (const email of [users.rep.email, users.steering.email, guest.email]) {
			await mailbox.waitForMail(email, (m) => m.Subject.includes(tag));
			const mails = await mailsTo(email, /Invitation/);
			expect(mails, email).toHaveLength(1);
			const { text, contentType } = await icsOf(mails[0]);
			expect(contentType).toMatch(/^text\/calendar/);
			expect(text).toContain('METHOD:REQUEST');
			const event = eventOf(text);
			expect(event.start.toISOString()).toBe('2027-03-30T12:00:00.000Z');
			expect(parisParts(event.start)).toEqual({ date: '2027-03-30', time: '14:00' });
			expect(event.uid).toBe(`${meetingId}@chartes-partenariales`);
			expect(text).toContain('SEQUENCE:0');
		}
		const fr = (await mailsTo(users.rep.email, /Invitation/))[0];
		expect(fr.Subject).toBe(`Invitation : COPIL ${tag}, le 30/03/2027 à 14 h 00`);
		expect(fr.Text).toContain(`${SITE}/chartes/test-reunions-${tag}/reunions/${meetingId}`);
		const en = (await mailsTo(users.steering.email, /Invitation/))[0];
		expect(en.Subject).toBe(`Invitation: COPIL ${tag}, on 30/03/2027 at 2:00 pm`);
		expect(await mailsTo(users.quiet.email, /./), 'the member who turned meetings off').toHaveLength(0);
	});

	it('moving the meeting sends exactly one update to each, with SEQUENCE 1; a new title alone sends nothing', async () => {
		const renamed = await coordinator
			.from('meetings')
			.update({ title: `COPIL ${tag} (salle B)` })
			.eq('id', meetingId);
		expect(renamed.error).toBeNull();
		expect(await outbox('meeting_update')).toHaveLength(0);
		// 12/03/2027 14:00 in Paris (winter time): 13:00Z.
		const moved = await coordinator.from('meetings').update({ starts_at: '2027-03-12T13:00:00Z' }).eq('id', meetingId);
		expect(moved.error).toBeNull();
		const rows = await outbox('meeting_update');
		expect(rows).toHaveLength(3);
		expect(new Set(rows.map((r) => r.dedupe_key)).size).toBe(3);
		await drainOutbox({ charterId, siteUrl: SITE });
		// Draining again sends nothing more.
		await drainOutbox({ charterId, siteUrl: SITE });
		for (const email of [users.rep.email, users.steering.email, guest.email]) {
			await mailbox.waitForMail(email, (m) => /modifiée|changed/.test(m.Subject) && m.Subject.includes(tag));
			const mails = await mailsTo(email, /modifiée|changed/);
			expect(mails, email).toHaveLength(1);
			const { text } = await icsOf(mails[0]);
			expect(text).toContain('SEQUENCE:1');
			expect(parisParts(eventOf(text).start)).toEqual({ date: '2027-03-12', time: '14:00' });
		}
		expect(await mailsTo(users.quiet.email, /./)).toHaveLength(0);
	});

	it('removing an attendee sends the cancellation to that person only; cancelling sends METHOD:CANCEL to the others', async () => {
		const removed = await coordinator
			.from('meeting_attendees')
			.delete()
			.eq('meeting_id', meetingId)
			.eq('user_id', users.steering.id)
			.select('id');
		expect(removed.data).toHaveLength(1);
		expect((await outbox('meeting_cancelled')).map((r) => r.recipient_email)).toEqual([users.steering.email]);

		const cancelled = await coordinator.from('meetings').update({ status: 'cancelled' }).eq('id', meetingId);
		expect(cancelled.error).toBeNull();
		const rows = await outbox('meeting_cancelled');
		expect(rows.map((r) => r.recipient_email)).toEqual([guest.email, users.rep.email, users.steering.email].sort());
		await drainOutbox({ charterId, siteUrl: SITE });
		for (const email of [users.rep.email, guest.email, users.steering.email]) {
			await mailbox.waitForMail(
				email,
				(m) => /annulée|cancelled|retirée|withdrawn/.test(m.Subject) && m.Subject.includes(tag)
			);
			const mails = await mailsTo(email, /annulée|cancelled|retirée|withdrawn/);
			expect(mails, email).toHaveLength(1);
			const { text, contentType } = await icsOf(mails[0]);
			expect(contentType).toMatch(/^text\/calendar/);
			expect(text).toContain('METHOD:CANCEL');
			expect(eventOf(text).uid).toBe(`${meetingId}@chartes-partenariales`);
		}
		expect((await mailsTo(users.steering.email, /withdrawn/))[0].Subject).toContain('Invitation withdrawn');
		expect(await mailsTo(users.quiet.email, /./)).toHaveLength(0);
	});
	it('deleting a planned meeting sends every attendee the cancellation, as cancelling does', async () => {
		const title = `À supprimer ${tag}`;
		const { data: created, error } = await coordinator
			.from('meetings')
			.insert({ charter_id: charterId, kind: 'copil', title, starts_at: '2027-05-20T08:00:00Z', place: 'Mairie' })
			.select('id')
			.single();
		expect(error).toBeNull();
		const id = created!.id;
		const invited = await coordinator.from('meeting_attendees').insert([
			{ meeting_id: id, charter_id: charterId, user_id: users.rep.id },
			{
				meeting_id: id,
				charter_id: charterId,
				organization_id: cptsId,
				guest_name: guest.name,
				guest_email: guest.email
			}
		]);
		expect(invited.error).toBeNull();
		const deleted = await coordinator.from('meetings').delete().eq('id', id).select('id');
		expect(deleted.data).toHaveLength(1);
		const rows = await su.query<{ recipient_email: string; payload: { method: string; sequence: number } }>(
			'select recipient_email, payload from public.notifications where dedupe_key like $1 order by recipient_email',
			[`meeting:${id}:deleted:%`]
		);
		expect(rows.map((r) => r.recipient_email)).toEqual([guest.email, users.rep.email].sort());
		expect(rows.map((r) => [r.payload.method, r.payload.sequence])).toEqual([
			['CANCEL', 1],
			['CANCEL', 1]
		]);
		// The attendees' rows went with the meeting without a second message.
		expect(
			await su.query('select 1 from public.notifications where dedupe_key like $1', [`meeting:${id}:removed:%`])
		).toHaveLength(0);
		await drainOutbox({ charterId, siteUrl: SITE });
		for (const email of [users.rep.email, guest.email]) {
			await mailbox.waitForMail(email, (m) => m.Subject.includes(title));
			const mails = (await mailsTo(email, /./)).filter((m) => m.Subject.includes(title));
			// The invitation, then its cancellation.
			expect(mails, email).toHaveLength(2);
			const cancel = mails.find((m) => /annulée|cancelled/i.test(m.Subject));
			expect(cancel, email).toBeDefined();
			expect((await icsOf(cancel!)).text).toContain('METHOD:CANCEL');
		}
	});
});
