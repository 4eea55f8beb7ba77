import { describe, expect, it } from 'vitest';
import ical, { type VEvent } from 'node-ical';
import { renderMail } from '../render.ts';
import { attachmentsOf } from '../attachments.ts';
import { renderContent } from '../templates.ts';
import type { ServiceClient } from '../worker.ts';
import { durationText, meetingWhen } from './invitations.ts';
import { parisParts } from '../../../meetings/meeting-time.ts';

const payload = {
	meeting_id: '0b7f3c1e-1111-4a3b-9c1d-2e3f4a5b6c7d',
	uid: '0b7f3c1e-1111-4a3b-9c1d-2e3f4a5b6c7d@chartes-partenariales',
	sequence: 0,
	method: 'REQUEST',
	kind: 'meeting_invitation',
	meeting_kind: 'copil',
	title: 'COPIL de printemps',
	starts_at: '2027-03-12T13:00:00+00:00',
	duration_minutes: 150,
	place: 'Salle du conseil, Limoges',
	video_url: null,
	status: 'planned',
	updates_due_on: '2027-03-05',
	charter_title: 'Charte de la Haute-Vienne',
	charter_slug: 'haute-vienne',
	attendee_name: 'Léa Martin',
	guest: false,
	organization_name: 'CPTS',
	link_path: '/chartes/haute-vienne/reunions/0b7f3c1e-1111-4a3b-9c1d-2e3f4a5b6c7d'
};
const row = {
	id: '6b3f2f8e-1111-4a3b-9c1d-2e3f4a5b6c7d',
	kind: 'meeting_invitation',
	recipient_email: 'lea.martin@example.net',
	recipient_user_id: '7c3f2f8e-1111-4a3b-9c1d-2e3f4a5b6c7d',
	topic: 'meetings',
	subject: '',
	body_text: '',
	body_html: null,
	payload
};
const options = {
	siteUrl: 'https://chartes.example.org',
	mailFrom: 'Chartes <no-reply@example.org>',
	unsubscribeKey: Buffer.alloc(32)
};

describe('the time of a meeting in an e-mail', () => {
	it('is written in Paris, the French way and the English way, across the change of hour', () => {
		expect(meetingWhen('2027-03-12T13:00:00Z', 'fr')).toBe('12/03/2027 à 14 h 00');
		expect(meetingWhen('2027-03-12T13:00:00Z', 'en')).toBe('12/03/2027 at 2:00 pm');
		expect(meetingWhen('2027-03-30T12:00:00Z', 'fr')).toBe('30/03/2027 à 14 h 00');
		expect(meetingWhen('2027-03-30T07:30:00Z', 'en')).toBe('30/03/2027 at 9:30 am');
		expect(meetingWhen('2027-03-30T10:00:00Z', 'en')).toBe('30/03/2027 at 12:00 pm');
		expect(meetingWhen('hier', 'fr')).toBe('—');
		expect(durationText(150)).toBe('2 h 30');
		expect(durationText(120)).toBe('2 h');
		expect(durationText(45)).toBe('45 min');
	});
});

describe('the invitation e-mails', () => {
	it('invites a member in French, with the time, place, due date and the link to the meeting page', () => {
		const mail = renderMail(row, { ...options, locale: 'fr' });
		expect(mail.subject).toBe('Invitation : COPIL de printemps, le 12/03/2027 à 14 h 00');
		expect(mail.text).toContain('Bonjour Léa Martin,');
		expect(mail.text).toContain('La coordination de « Charte de la Haute-Vienne » vous invite');
		expect(mail.text).toContain('- Réunion : COPIL — COPIL de printemps');
		expect(mail.text).toContain('- Date : 12/03/2027 à 14 h 00');
		expect(mail.text).toContain('- Durée : 2 h 30');
		expect(mail.text).toContain('- Lieu : Salle du conseil, Limoges');
		expect(mail.text).toContain('- Mises à jour des actions attendues avant le : 05/03/2027');
		expect(mail.text).toContain(`https://chartes.example.org${payload.link_path}`);
		expect(mail.text).not.toContain('Lien de visioconférence :');
		expect(mail.headers['List-Unsubscribe']).toBeDefined();
	});

	it('invites in English, and a guest without an account nor unsubscribe link', () => {
		const en = renderMail(row, { ...options, locale: 'en' });
		expect(en.subject).toBe('Invitation: COPIL de printemps, on 12/03/2027 at 2:00 pm');
		expect(en.text).toContain('- Place: Salle du conseil, Limoges');
		const guest = renderMail(
			{
				...row,
				recipient_user_id: null,
				payload: {
					...payload,
					guest: true,
					video_url: 'https://visio.example.org/x',
					link_path: '/public/haute-vienne'
				}
			},
			{ ...options, locale: 'fr' }
		);
		expect(guest.text).toContain("Vous n'avez pas de compte");
		expect(guest.text).not.toContain('Mises à jour des actions');
		// A typed address is never a link in the text.
		expect(guest.text).toContain('- Lien de visioconférence : hxxps[:]//visio[.]example[.]org/x');
		expect(guest.headers['List-Unsubscribe']).toBeUndefined();
	});

	it('says what changed, what is cancelled, and what is withdrawn', () => {
		const update = renderContent(
			'meeting_update',
			{ ...payload, sequence: 1, starts_at: '2027-03-19T13:00:00Z' },
			'fr'
		)!;
		expect(update.subject).toBe('Réunion modifiée : COPIL de printemps, désormais le 19/03/2027 à 14 h 00');
		const cancelled = renderContent('meeting_cancelled', { ...payload, status: 'cancelled', method: 'CANCEL' }, 'fr')!;
		expect(cancelled.subject).toBe('Réunion annulée : COPIL de printemps du 12/03/2027 à 14 h 00');
		expect(cancelled.body).not.toContain('Durée');
		const withdrawn = renderContent('meeting_cancelled', { ...payload, method: 'CANCEL' }, 'en')!;
		expect(withdrawn.subject).toBe('Invitation withdrawn: COPIL de printemps on 12/03/2027 at 2:00 pm');
	});
});

describe('the file of an invitation', () => {
	it('is an .ics with the request method, the attendee and the right time in Paris', async () => {
		const [file] = await attachmentsOf(row, {} as ServiceClient, 'fr');
		expect(file.filename).toBe('invitation.ics');
		expect(file.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
		const events = Object.values(ical.sync.parseICS(String(file.content))).filter((c) => c?.type === 'VEVENT');
		expect(events).toHaveLength(1);
		const event = events[0] as VEvent;
		expect(parisParts(event.start)).toEqual({ date: '2027-03-12', time: '14:00' });
		expect(event.uid).toBe(payload.uid);
		expect(String(file.content)).toContain('lea.martin@example.net');
	});

	it('cancels with METHOD:CANCEL', async () => {
		const [file] = await attachmentsOf(
			{ ...row, kind: 'meeting_cancelled', payload: { ...payload, method: 'CANCEL', sequence: 2 } },
			{} as ServiceClient,
			'fr'
		);
		expect(file.contentType).toBe('text/calendar; charset=utf-8; method=CANCEL');
		expect(String(file.content)).toContain('METHOD:CANCEL');
		expect(String(file.content)).toContain('SEQUENCE:2');
	});
});
