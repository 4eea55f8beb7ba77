import { describe, expect, it } from 'vitest';
import { decisionRegister, type RegisterDecision } from './meeting-pages.ts';

const decision = (code: string, over: Partial<RegisterDecision> = {}): RegisterDecision => ({
	code,
	text: `Décision ${code}`,
	owner: 'ARS',
	due_on: null,
	status: 'open',
	status_changed_at: null,
	meeting: 'COPIL du 12/03/2027',
	...over
});

describe('the register of decisions', () => {
	it('lists open decisions first, the overdue ones flagged and on top, then those done since the last meeting', () => {
		const r = decisionRegister(
			[
				decision('D01', { due_on: '2027-06-30' }),
				decision('D02', { due_on: '2027-03-01' }),
				decision('D03', { status: 'done', status_changed_at: '2027-04-02T10:00:00Z' }),
				decision('D04', { status: 'done', status_changed_at: '2027-01-02T10:00:00Z' }),
				decision('D05', { status: 'dropped', status_changed_at: '2027-04-02T10:00:00Z' }),
				decision('D06')
			],
			'2027-05-01',
			'2027-03-12'
		);
		expect(r.open.map((d) => [d.code, d.overdue])).toEqual([
			['D02', true],
			['D01', false],
			['D06', false]
		]);
		expect(r.done.map((d) => d.code)).toEqual(['D03']);
	});
});
