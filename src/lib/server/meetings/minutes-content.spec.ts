import { describe, expect, it } from 'vitest';
import { pdfPages } from '../../../../tests/helpers/pdf-text.ts';
import { minutesContent, type MinutesInput } from './minutes-content.ts';
import { pieces, renderMinutesPdf } from './minutes-pdf.ts';
import { minutesFileName } from './minutes-attachment.ts';
import { minutesTemplate } from '../notifications/meetings/minutes.ts';

const long = `${'Longue discussion sur le recrutement. '.repeat(120)}FIN-DU-TEXTE`;

const input: MinutesInput = {
	charterId: '00000000-0000-4000-8000-000000000001',
	charter: { title: 'Charte de Haute-Vienne', short_title: 'Haute-Vienne' },
	meeting: {
		kind: 'copil',
		title: 'COPIL de printemps',
		starts_at: '2027-03-12T13:30:00Z',
		place: 'Préfecture, Limoges',
		video_url: null,
		status: 'held',
		minutes: `Ouverture par la présidente.\nTour de table.\n\n${long}`,
		held_at: '2027-03-12T16:00:00Z'
	},
	attendees: [
		{ name: 'Camille Martin', organization: 'ARS', presence: 'present' },
		{ name: 'Dominique Petit', organization: 'CPAM', presence: 'excused' }
	],
	items: [
		{ position: 2, kind: 'other', title: 'Questions diverses', notes: null },
		{ position: 1, kind: 'decision_review', title: 'D01 Recruter', notes: 'fait' }
	],
	decisions: [{ code: 'D03', text: 'Ouvrir un second cabinet', owner: 'ARS', due_on: '2027-06-30', status: 'open' }],
	snapshot: {
		taken_on: '2027-03-12',
		state: {
			dashboard: {
				summary: {
					actions_total: 12,
					progress: 42.5,
					done: 3,
					blocked: 1,
					overdue: 2,
					stale: 0,
					indicators_off_track: 1,
					weather: 'watch'
				},
				alerts: [{ kind: 'blocked', action_code: '1.2', action_title: 'Maison de santé', indicator_name: null }]
			}
		}
	}
};

describe('the compte rendu', () => {
	it('names the meeting in Paris time, lists attendees with presence, agenda in order, decisions, summary', () => {
		const c = minutesContent(input, 'fr');
		expect(c.heading).toBe('COPIL du 12/03/2027');
		expect(c.meta).toContain('Le 12/03/2027 à 14:30');
		expect(c.meta).toContain('Lieu : Préfecture, Limoges');
		expect(c.attendees).toEqual([
			{ name: 'Camille Martin', organization: 'ARS', presence: 'Présent' },
			{ name: 'Dominique Petit', organization: 'CPAM', presence: 'Excusé' }
		]);
		expect(c.agenda[0]).toBe('1. D01 Recruter (Suivi de décision) — fait');
		expect(c.agenda[1]).toBe('2. Questions diverses');
		expect(c.decisions[0]).toMatchObject({ code: 'D03', due: '30/06/2027', status: expect.any(String) });
		expect(c.minutes).toEqual(['Ouverture par la présidente.\nTour de table.', long]);
		expect(c.presented?.heading).toBe('Ce qui a été présenté le 12/03/2027');
		expect(c.presented?.figures).toContainEqual({ label: 'Avancement moyen', value: '42,5 %' });
		expect(c.presented?.alerts).toEqual(['Bloquée : 1.2 Maison de santé']);
	});

	it('speaks English to an English reader, and says when nothing was frozen', () => {
		const c = minutesContent({ ...input, snapshot: null }, 'en');
		expect(c.heading).toBe('Steering committee of 12/03/2027');
		expect(c.attendees[1].presence).toBe('Excused');
		expect(c.presented).toBeNull();
	});

	it('never cuts the text: long paragraphs are drawn in pieces that add up to the whole', () => {
		const parts = pieces(long, 500);
		expect(parts.length).toBeGreaterThan(4);
		expect(parts.join(' ')).toBe(long);
		expect(parts.every((p) => p.length <= 500)).toBe(true);
	});

	it('renders a PDF that says it all, with a dated file name', async () => {
		const pdf = await renderMinutesPdf(input, 'fr');
		const text = pdfPages(pdf).join('\n');
		for (const word of [
			'COPIL du 12/03/2027',
			'Camille Martin',
			'Dominique Petit',
			'D03',
			'Ouvrir un second cabinet',
			'FIN-DU-TEXTE',
			'Maison de santé'
		])
			expect(text.replace(/\s+/g, ' ')).toContain(word);
		expect(minutesFileName(input.meeting.starts_at, 'fr')).toBe('compte-rendu-2027-03-12.pdf');
	});

	it('the e-mail names the meeting and the charter in both languages', () => {
		const payload = {
			meeting_kind: 'copil',
			starts_at: '2027-03-12T13:30:00Z',
			charter_title: 'Charte HV',
			recipient_name: 'Camille'
		};
		const fr = minutesTemplate(payload, 'fr');
		expect(fr.subject).toBe('Compte rendu : COPIL du 12/03/2027 — Charte HV');
		expect(fr.body).toContain('Bonjour Camille,');
		expect(minutesTemplate(payload, 'en').subject).toBe('Minutes: Steering committee of 12/03/2027 — Charte HV');
	});
});
