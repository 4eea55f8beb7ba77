import { describe, expect, it } from 'vitest';
import { byUrgency, isOverdue, parseRegisterFilters, recordDecisionArgs, toDecisionRow } from './decisions.ts';

const ID = '3f0c9a4e-5b1d-4c2e-9f7a-1b2c3d4e5f60';
const raw = (over: Record<string, unknown> = {}) =>
	({
		id: ID,
		code: 'D01',
		number: 1,
		text: 'Recruter',
		status: 'open',
		due_on: '2026-11-01',
		owner_organization_id: ID,
		meeting_id: ID,
		status_comment: null,
		status_changed_at: null,
		owner: { name: 'Faculté de médecine de Limoges', short_name: 'Faculté' },
		meeting: { starts_at: '2026-10-01T12:00:00Z', kind: 'copil' },
		action: null,
		...over
	}) as Parameters<typeof toDecisionRow>[0];

describe('the register filters', () => {
	it('shows the open decisions by default and ignores what it does not know', () => {
		expect(parseRegisterFilters(new URLSearchParams(''))).toEqual({ status: 'open', owner: null, meeting: null });
		expect(parseRegisterFilters(new URLSearchParams('etat=nimporte&responsable=x&reunion=1'))).toEqual({
			status: 'open',
			owner: null,
			meeting: null
		});
		expect(parseRegisterFilters(new URLSearchParams(`etat=all&responsable=${ID}&reunion=${ID}`))).toEqual({
			status: 'all',
			owner: ID,
			meeting: ID
		});
	});
});

describe('overdue decisions', () => {
	it('is an open decision past its due date only', () => {
		expect(isOverdue({ status: 'open', due_on: '2026-11-01' }, '2026-11-02')).toBe(true);
		expect(isOverdue({ status: 'open', due_on: '2026-11-02' }, '2026-11-02')).toBe(false);
		expect(isOverdue({ status: 'done', due_on: '2026-11-01' }, '2026-11-02')).toBe(false);
		expect(isOverdue({ status: 'open', due_on: null }, '2026-11-02')).toBe(false);
	});

	it('comes first, then the nearest due date, undated last', () => {
		const today = '2026-11-15';
		const rows = [
			toDecisionRow(raw({ code: 'D03', number: 3, due_on: null }), today),
			toDecisionRow(raw({ code: 'D02', number: 2, due_on: '2026-12-01' }), today),
			toDecisionRow(raw({ code: 'D04', number: 4, due_on: '2026-11-20' }), today),
			toDecisionRow(raw({ code: 'D01', number: 1, due_on: '2026-11-01' }), today)
		];
		expect(rows.sort(byUrgency).map((r) => r.code)).toEqual(['D01', 'D04', 'D02', 'D03']);
		expect(rows[0]).toMatchObject({ overdue: true, ownerName: 'Faculté' });
	});
});

describe('record_decision arguments', () => {
	const base = {
		text: 'Lancer',
		ownerOrganizationId: ID,
		dueOn: '',
		link: 'none' as const,
		actionId: ID,
		objectiveId: ID,
		actionTitle: 'Campagne'
	};
	it('takes only what the chosen link needs', () => {
		expect(recordDecisionArgs(ID, base)).toEqual({
			p_meeting_id: ID,
			p_text: 'Lancer',
			p_owner_organization_id: ID,
			p_due_on: undefined,
			p_action_id: undefined,
			p_new_action: undefined
		});
		expect(recordDecisionArgs(ID, { ...base, link: 'existing' }).p_action_id).toBe(ID);
		expect(recordDecisionArgs(ID, { ...base, link: 'new', dueOn: '2027-01-31' })).toMatchObject({
			p_due_on: '2027-01-31',
			p_action_id: undefined,
			p_new_action: { objective_id: ID, title: 'Campagne', due_on: '2027-01-31' }
		});
	});
});
