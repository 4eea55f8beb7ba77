/**
 * Holding a meeting and its record (issue 15, items 4 and 6), against the real stack with each person's own
 * client: hold_meeting freezes the state (a later action update changes meeting_state, not the snapshot); a
 * snapshot is never updated nor deleted, by a coordinator through the API or by the table owner through pg; a
 * partner neither holds a meeting nor writes a snapshot; the minutes go once to each attendee with their PDF.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createDashboardFixture,
	FIXTURE_PASSWORD,
	shiftDays,
	type DashboardFixture
} from '../helpers/dashboard-fixture.ts';
import { signInAs, superuserPool } from '../helpers/demo.ts';
import { mailbox, serviceClient } from '../helpers/env.ts';
import { attachmentsOf } from '../../src/lib/server/notifications/attachments.ts';
import type { OutboxRow } from '../../src/lib/server/notifications/render.ts';
import { pdfPages } from '../helpers/pdf-text.ts';
import { createUser, drainOutbox, WORLD_PASSWORD } from '../notifications/world.ts';

const su = superuserPool();
const service = serviceClient() as Parameters<typeof attachmentsOf>[1];
const tagged = randomUUID().slice(0, 8);
const SITE = 'http://minutes.test';
let fx: DashboardFixture;
let coordinator: SupabaseClient;
let partner: SupabaseClient;
let partnerUser: { id: string; email: string; name: string };
const guest = { name: `Invitée Extérieure ${tagged}`, email: `guest.${tagged}@example.org` };
let meetingId: string;
let snapshotId: string;

interface State {
	actions: { id: string; progress: number }[];
}

const progressOf = (state: State, id: string) => state.actions.find((a) => a.id === id)?.progress;

beforeAll(async () => {
	fx = await createDashboardFixture('snapshots');
	partnerUser = { id: '', email: `partner.${tagged}@example.com`, name: `Partenaire Présente ${tagged}` };
	partnerUser.id = await createUser(su, partnerUser.email, partnerUser.name);
	await su.query(
		`insert into public.charter_members (charter_id, user_id, role, organization_id) values ($1, $2, 'partner_rep', $3)`,
		[fx.charterId, partnerUser.id, fx.organizations.partner]
	);
	await su.query(
		`insert into public.charter_partners (charter_id, organization_id, role) values ($1, $2, 'contributor') on conflict do nothing`,
		[fx.charterId, fx.organizations.partner]
	);
	[coordinator, partner] = await Promise.all([
		signInAs(fx.coordinator.email, FIXTURE_PASSWORD),
		signInAs(partnerUser.email, WORLD_PASSWORD)
	]);
	const { data: meeting, error } = await coordinator
		.from('meetings')
		.insert({
			charter_id: fx.charterId,
			kind: 'copil',
			title: `COPIL de test ${tagged}`,
			starts_at: `${shiftDays(fx.today, -1)}T13:00:00Z`,
			place: 'Salle du conseil'
		})
		.select('id')
		.single();
	expect(error).toBeNull();
	meetingId = meeting!.id;
	const { error: invited } = await coordinator.from('meeting_attendees').insert([
		{ meeting_id: meetingId, charter_id: fx.charterId, user_id: fx.coordinator.id },
		{ meeting_id: meetingId, charter_id: fx.charterId, user_id: partnerUser.id },
		{
			meeting_id: meetingId,
			charter_id: fx.charterId,
			guest_name: guest.name,
			guest_email: guest.email,
			organization_id: fx.organizations.partner
		}
	]);
	expect(invited).toBeNull();
});

afterAll(async () => {
	await su.end();
});

describe('holding a meeting', () => {
	it('a partner can neither hold the meeting nor write a snapshot', async () => {
		// The partner cannot even lock the meeting for update: hold_meeting finds nothing to hold.
		const held = await partner.rpc('hold_meeting', { p_meeting_id: meetingId });
		expect(held.error?.code).toMatch(/^PT40[34]$/);
		const inserted = await partner
			.from('meeting_snapshots')
			.insert({ meeting_id: meetingId, charter_id: fx.charterId, taken_on: fx.today, dashboard: {} });
		expect(inserted.error).not.toBeNull();
		const [{ count }] = await su.query<{ count: string }>(
			'select count(*) from public.meeting_snapshots where meeting_id = $1',
			[meetingId]
		);
		expect(Number(count)).toBe(0);
		const [row] = await su.query<{ status: string }>('select status from public.meetings where id = $1', [meetingId]);
		expect(row.status).toBe('planned');
	});

	it('a coordinator holds it: the state is frozen, and a later update changes meeting_state but not the snapshot', async () => {
		const { data, error } = await coordinator.rpc('hold_meeting', { p_meeting_id: meetingId });
		expect(error).toBeNull();
		snapshotId = data as string;
		const [snap] = await su.query<{ dashboard: State; taken_on: string }>(
			`select dashboard, to_char(taken_on, 'YYYY-MM-DD') as taken_on from public.meeting_snapshots where id = $1`,
			[snapshotId]
		);
		expect(snap.taken_on).toBe(shiftDays(fx.today, -1));
		expect(progressOf(snap.dashboard, fx.actions.a2)).toBe(50);

		const [{ version }] = await su.query<{ version: number }>('select version from public.actions where id = $1', [
			fx.actions.a2
		]);
		const update = await coordinator.rpc('record_action_update', {
			p_action_id: fx.actions.a2,
			p_expected_version: version,
			p_status: 'in_progress',
			p_progress: 80,
			p_health: 'on_track',
			p_comment: 'Avancée après le COPIL'
		});
		expect(update.error).toBeNull();
		const now = await coordinator.rpc('meeting_state', { p_charter_id: fx.charterId });
		expect(progressOf(now.data as unknown as State, fx.actions.a2)).toBe(80);
		const [again] = await su.query<{ dashboard: State }>(
			'select dashboard from public.meeting_snapshots where id = $1',
			[snapshotId]
		);
		expect(progressOf(again.dashboard, fx.actions.a2)).toBe(50);
	});

	it('a second hold is refused', async () => {
		const { error } = await coordinator.rpc('hold_meeting', { p_meeting_id: meetingId });
		expect(error?.message).toMatch(/déjà tenue/);
	});

	it('a coordinator can neither update nor delete the snapshot through the API', async () => {
		const updated = await coordinator
			.from('meeting_snapshots')
			.update({ report_path: 'x.pdf' })
			.eq('id', snapshotId)
			.select('id');
		expect(updated.error !== null || updated.data?.length === 0).toBe(true);
		const deleted = await coordinator.from('meeting_snapshots').delete().eq('id', snapshotId).select('id');
		expect(deleted.error !== null || deleted.data?.length === 0).toBe(true);
		const [row] = await su.query<{ report_path: string | null }>(
			'select report_path from public.meeting_snapshots where id = $1',
			[snapshotId]
		);
		expect(row.report_path).toBeNull();
	});

	it('the table owner, through pg, is refused by the trigger too', async () => {
		await expect(
			su.query(`update public.meeting_snapshots set dashboard = '{}'::jsonb where id = $1`, [snapshotId])
		).rejects.toThrow(/figé/);
		await expect(su.query('delete from public.meeting_snapshots where id = $1', [snapshotId])).rejects.toThrow(/figé/);
		await expect(su.query('truncate public.meeting_snapshots')).rejects.toThrow(/figé/);
		const rows = await su.query('select id from public.meeting_snapshots where id = $1', [snapshotId]);
		expect(rows).toHaveLength(1);
	});
});

describe('sending the minutes', () => {
	const minutesNotes = () =>
		su.query<{ recipient_email: string; dedupe_key: string; topic: string; meeting_id: string }>(
			`select recipient_email, dedupe_key, topic, meeting_id from public.notifications
			 where meeting_id = $1 and kind = 'meeting_minutes' order by created_at, recipient_email`,
			[meetingId]
		);

	it('a partner calling enqueue_meeting_minutes is refused', async () => {
		const { error } = await partner.rpc('enqueue_meeting_minutes', { p_meeting_id: meetingId });
		expect(error?.message).toMatch(/coordination/);
		expect(await minutesNotes()).toHaveLength(0);
	});

	it('goes once to each attendee, member or guest; sending again without a change adds nothing', async () => {
		const saved = await coordinator
			.from('meetings')
			.update({ minutes: `Tour de table.\nDécision de relancer ${tagged}.` })
			.eq('id', meetingId)
			.select('id');
		expect(saved.data).toHaveLength(1);
		const first = await coordinator.rpc('enqueue_meeting_minutes', { p_meeting_id: meetingId });
		expect(first.error).toBeNull();
		expect(first.data).toBe(3);
		const notes = await minutesNotes();
		expect(notes.map((n) => n.recipient_email).sort()).toEqual(
			[fx.coordinator.email, partnerUser.email, guest.email].sort()
		);
		expect(new Set(notes.map((n) => n.topic))).toEqual(new Set(['meetings']));
		const second = await coordinator.rpc('enqueue_meeting_minutes', { p_meeting_id: meetingId });
		expect(second.data).toBe(0);
		expect(await minutesNotes()).toHaveLength(3);
	});

	it('each attendee receives one e-mail with a file attached: the PDF compte rendu, which names the attendees', async () => {
		const report = await drainOutbox({ charterId: fx.charterId, siteUrl: SITE });
		expect(report).toMatchObject({ failed: 0 });
		expect(report.sent).toBeGreaterThanOrEqual(3);
		for (const to of [guest.email, partnerUser.email, fx.coordinator.email]) {
			const mails = (await mailbox.search(`to:${to}`)).filter((m) => /Compte rendu/.test(m.Subject));
			expect(mails).toHaveLength(1);
			const mail = await mailbox.message(mails[0].ID);
			// The stack's mailbox keeps the text, not the files: the MIME type says a file went with it.
			expect(String(mail.Headers['content-type'])).toMatch(/multipart\/mixed/);
		}
		// The file itself, as the sender built it for the guest's row (the invitations have their own rows).
		const [row] = await su.query<OutboxRow>(
			`select id, kind, recipient_email, recipient_user_id, topic, subject, body_text, body_html, payload
			 from public.notifications where meeting_id = $1 and recipient_email = $2 and kind = 'meeting_minutes'`,
			[meetingId, guest.email]
		);
		const [file] = await attachmentsOf(row, service, 'fr');
		expect(file.contentType).toBe('application/pdf');
		expect(file.filename).toBe(`compte-rendu-${shiftDays(fx.today, -1)}.pdf`);
		const text = pdfPages(file.content as Buffer)
			.join('\n')
			.replace(/\s+/g, ' ');
		for (const name of [guest.name, partnerUser.name, `Décision de relancer ${tagged}`]) expect(text).toContain(name);
	});

	it('after the minutes change, a new send goes', async () => {
		await coordinator.from('meetings').update({ minutes: 'Version corrigée.' }).eq('id', meetingId);
		const again = await coordinator.rpc('enqueue_meeting_minutes', { p_meeting_id: meetingId });
		expect(again.data).toBe(3);
	});
});
