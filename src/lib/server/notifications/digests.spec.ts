import { describe, expect, it } from 'vitest';
import { digestContent } from './digests.ts';

const partner = {
	charter_title: 'Charte de Haute-Vienne',
	charter_short_title: 'Haute-Vienne',
	charter_slug: 'haute-vienne',
	organization_name: 'Faculté de médecine',
	actions: [],
	referrals: []
};

describe('the decisions in the weekly digests', () => {
	it('lists the open decisions of the organization, the overdue ones said so, in the order given', () => {
		const mail = digestContent(
			'digest_partner',
			{
				...partner,
				decisions: [
					{ code: 'D02', text: 'Ouvrir un lieu de stage', due_on: '2026-10-01', overdue: true },
					{ code: 'D05', text: 'Recruter un chargé de mission', due_on: '2027-03-12', overdue: false },
					{ code: 'D07', text: 'Écrire aux maires', due_on: null, overdue: false }
				]
			},
			'fr'
		)!;
		expect(mail.subject).toBe('Vos décisions : 3 décisions à suivre (Haute-Vienne)');
		const lines = mail.body.split('\n');
		const first = lines.findIndex((l) => l.startsWith('- D02'));
		expect(lines.slice(first, first + 3)).toEqual([
			'- D02 Ouvrir un lieu de stage : en retard, échéance le 01/10/2026',
			'- D05 Recruter un chargé de mission : échéance le 12/03/2027',
			'- D07 Écrire aux maires'
		]);
		expect(mail.body).toContain('Les décisions du comité de pilotage dont Faculté de médecine est responsable');
	});

	it('keeps the actions subject when there are late actions too, and says it in English', () => {
		const mail = digestContent(
			'digest_partner',
			{
				...partner,
				actions: [{ id: 'a', code: '2.1', title: 'Action', reason: 'never', leads: true }],
				decisions: [{ code: 'D01', text: 'Décider', due_on: null, overdue: false }]
			},
			'en'
		)!;
		expect(mail.subject).toBe('Your actions: 1 action to update (Haute-Vienne)');
		expect(mail.body).toContain('- D01 Décider');
	});

	it('gives the steering members the count of open and overdue decisions', () => {
		const mail = digestContent(
			'digest_steering',
			{ charter_title: 'Charte', update_count: 0, value_count: 0, open_decision_count: 3, overdue_decision_count: 1 },
			'fr'
		)!;
		expect(mail.body).toContain('3 décisions ouvertes, dont 1 en retard.');
		const none = digestContent('digest_steering', { charter_title: 'Charte', update_count: 1, value_count: 0 }, 'fr')!;
		expect(none.body).not.toContain('décision');
	});
});
