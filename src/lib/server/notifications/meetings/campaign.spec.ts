import { describe, expect, it } from 'vitest';
import { renderMail } from '../render.ts';
import { parisDay } from './campaign.ts';

const options = {
	siteUrl: 'https://chartes.example.org',
	mailFrom: 'Chartes <no-reply@example.org>',
	unsubscribeKey: Buffer.alloc(32)
};
const A1 = '11111111-1111-4111-8111-111111111111';
const A2 = '22222222-2222-4222-8222-222222222222';
const payload = {
	stage: 'open',
	meeting_kind: 'copil',
	starts_at: '2027-03-12T08:30:00+00:00',
	updates_due_on: '2027-03-01',
	charter_slug: 'haute-vienne',
	charter_title: 'Charte Haute-Vienne',
	organization_name: 'Faculté de médecine de Limoges',
	expected: 2,
	missing: 2,
	actions: [
		{ id: A1, code: '1.1', title: 'Accueillir les internes' },
		{ id: A2, code: '2.3', title: 'Ouvrir une maison de santé' }
	],
	link_path: '/mes-actions'
};
const row = (kind: string, p: Record<string, unknown>) => ({
	id: '6b3f2f8e-1111-4a3b-9c1d-2e3f4a5b6c7d',
	kind,
	recipient_email: 'rep@example.org',
	recipient_user_id: '00000000-0000-4000-a000-000000000005',
	topic: 'update_campaigns',
	subject: '',
	body_text: '',
	body_html: null,
	payload: p
});

describe('the opening notice of an update campaign', () => {
	it('names the meeting and the due date in the subject, and lists each action with its update link', () => {
		const mail = renderMail(row('campaign_open', payload), { ...options, locale: 'fr' });
		expect(mail.subject).toBe('COPIL du 12/03/2027 : vos actions à mettre à jour avant le 01/03/2027');
		expect(mail.text).toContain("Les 2 actions à mettre à jour d'ici le 01/03/2027 :");
		expect(mail.text).toContain(
			`- 1.1 Accueillir les internes\n  Mettre à jour l'action 1.1 : https://chartes.example.org/chartes/haute-vienne/actions/${A1}?formulaire=mise-a-jour#mise-a-jour`
		);
		expect(mail.text).toContain(`/chartes/haute-vienne/actions/${A2}?formulaire=mise-a-jour#mise-a-jour`);
		expect(mail.html.match(/Mettre à jour l&#39;action/g)).toHaveLength(2);
		expect(mail.text).toContain('représentant ou représentante de Faculté de médecine de Limoges');
		expect(mail.headers['List-Unsubscribe']).toMatch(/desabonnement/);
	});

	it('is written in English for an English reader', () => {
		const mail = renderMail(row('campaign_open', payload), { ...options, locale: 'en' });
		expect(mail.subject).toBe('Steering committee of 12/03/2027: your actions to update before 01/03/2027');
		expect(mail.text).toContain('Update action 2.3: https://chartes.example.org/chartes/haute-vienne/actions/');
	});

	it('links nothing when the charter or the action is not well formed', () => {
		const mail = renderMail(
			row('campaign_open', { ...payload, charter_slug: 'Bad Slug', actions: [{ id: 'x', code: '1.1', title: 'T' }] }),
			{ ...options, locale: 'fr' }
		);
		expect(mail.text).toContain('- 1.1 T');
		expect(mail.text).not.toContain('/actions/');
	});
});

describe('the reminders of an update campaign', () => {
	it('says how many actions are still missing, out of how many', () => {
		const p = { ...payload, stage: 'd7', expected: 3, missing: 1, actions: [payload.actions[1]] };
		const mail = renderMail(row('campaign_reminder', p), { ...options, locale: 'fr' });
		expect(mail.subject).toBe('Rappel – COPIL du 12/03/2027 : une action reste à mettre à jour avant le 01/03/2027');
		expect(mail.text).toContain("une action pilotée par Faculté de médecine de Limoges n'a pas encore été mise à jour");
		expect(mail.text).toContain('(sur 3 attendues)');
		expect(mail.text).not.toContain('1.1 Accueillir');
		expect(mail.text).toContain('- 2.3 Ouvrir une maison de santé');
	});

	it('counts several missing actions in both languages', () => {
		const p = { ...payload, stage: 'd2', expected: 2, missing: 2 };
		expect(renderMail(row('campaign_reminder', p), { ...options, locale: 'fr' }).subject).toBe(
			'Rappel – COPIL du 12/03/2027 : 2 actions restent à mettre à jour avant le 01/03/2027'
		);
		expect(renderMail(row('campaign_reminder', p), { ...options, locale: 'en' }).subject).toBe(
			'Reminder – Steering committee of 12/03/2027: 2 actions still to update before 01/03/2027'
		);
	});
});

describe('the day of a meeting', () => {
	it('is the day in Paris', () => {
		expect(parisDay('2027-03-11T23:30:00Z')).toBe('12/03/2027');
		expect(parisDay('2027-07-01T21:59:00Z')).toBe('01/07/2027');
		expect(parisDay('not a date')).toBe('—');
		expect(parisDay(null)).toBe('—');
	});
});
