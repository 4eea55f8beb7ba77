import { describe, expect, it } from 'vitest';
import { largestMoves, sinceMeeting, type MeetingState, type StateAction } from './since.ts';

const action = (id: string, over: Partial<StateAction> = {}): StateAction => ({
	id,
	code: id.toUpperCase(),
	title: `Action ${id}`,
	status: 'in_progress',
	progress: 20,
	is_overdue: false,
	is_stale: false,
	...over
});

const before: MeetingState = {
	taken_on: '2027-03-12',
	dashboard: { summary: { progress: 30 } },
	actions: [action('a1'), action('a2', { status: 'blocked' }), action('a3', { is_overdue: true, progress: 50 })],
	indicators: [
		{
			id: 'i1',
			name: 'Médecins installés',
			unit: 'médecins',
			latest_value: 3,
			latest_on: '2027-01-01',
			state: 'off_track'
		},
		{ id: 'i2', name: 'Stages', unit: null, latest_value: 10, latest_on: '2027-01-01', state: 'on_track' }
	],
	decisions: [
		{ id: 'd1', code: 'D01', text: 'Recruter', status: 'open', owner_name: 'ARS' },
		{ id: 'd2', code: 'D02', text: 'Abandonner X', status: 'open', owner_name: 'CPAM' },
		{ id: 'd3', code: 'D03', text: 'Déjà fait', status: 'done', owner_name: 'CPAM' }
	]
};

const now: MeetingState = {
	taken_on: '2027-05-01',
	dashboard: { summary: { progress: 45.5 } },
	actions: [
		action('a1', { status: 'done', progress: 100 }),
		action('a2', { status: 'in_progress' }),
		action('a3', { is_overdue: true, progress: 50, is_stale: true }),
		action('a4', { status: 'planned', progress: 0 })
	],
	indicators: [
		{
			id: 'i1',
			name: 'Médecins installés',
			unit: 'médecins',
			latest_value: 6,
			latest_on: '2027-04-01',
			state: 'on_track'
		},
		{ id: 'i2', name: 'Stages', unit: null, latest_value: 10, latest_on: '2027-01-01', state: 'off_track' }
	],
	decisions: [
		{ id: 'd1', code: 'D01', text: 'Recruter', status: 'done', owner_name: 'ARS' },
		{ id: 'd2', code: 'D02', text: 'Abandonner X', status: 'dropped', owner_name: 'CPAM' },
		{ id: 'd3', code: 'D03', text: 'Déjà fait', status: 'done', owner_name: 'CPAM' },
		{ id: 'd4', code: 'D04', text: 'Nouvelle', status: 'open', owner_name: 'ARS' }
	]
};

describe('since the last meeting', () => {
	const s = sinceMeeting(before, now);

	it('lists status changes and progress per action, and the overall mean', () => {
		expect(s.statusChanges).toEqual([
			{ code: 'A1', title: 'Action a1', from: 'in_progress', to: 'done' },
			{ code: 'A2', title: 'Action a2', from: 'blocked', to: 'in_progress' }
		]);
		expect(s.progress).toEqual([{ code: 'A1', title: 'Action a1', from: 20, to: 100, gained: 80 }]);
		expect(s.overall).toEqual({ from: 30, to: 45.5, gained: 15.5 });
	});

	it('lists new and resolved alerts, actions added, decisions closed since, indicators changed', () => {
		expect(s.newAlerts).toEqual([
			{ kind: 'stale', code: 'A3', subject: 'Action a3' },
			{ kind: 'indicator_off_track', code: null, subject: 'Stages' }
		]);
		expect(s.resolvedAlerts).toEqual([
			{ kind: 'blocked', code: 'A2', subject: 'Action a2' },
			{ kind: 'indicator_off_track', code: null, subject: 'Médecins installés' }
		]);
		expect(s.actionsAdded).toEqual([{ code: 'A4', title: 'Action a4' }]);
		expect(s.decisionsClosed.map((d) => [d.code, d.status])).toEqual([
			['D01', 'done'],
			['D02', 'dropped']
		]);
		expect(s.indicators).toEqual([
			{ name: 'Médecins installés', unit: 'médecins', from: 3, fromOn: '2027-01-01', to: 6, toOn: '2027-04-01' }
		]);
		expect(s.unchanged).toBe(false);
		expect([s.from, s.to]).toEqual(['2027-03-12', '2027-05-01']);
	});

	it('says nothing moved when the states are the same, and survives empty parts', () => {
		expect(sinceMeeting(before, { ...before, taken_on: '2027-04-01' }).unchanged).toBe(true);
		const empty = sinceMeeting({ taken_on: '2027-01-01' }, { taken_on: '2027-02-01', dashboard: null });
		expect(empty.unchanged).toBe(true);
		expect(empty.overall.gained).toBeNull();
	});
});

describe('the largest moves, for the dashboard', () => {
	const change = (code: string, gained: number) => ({
		code,
		title: `Action ${code}`,
		from: 50,
		to: 50 + gained,
		gained
	});
	const since = (progress: ReturnType<typeof change>[]) => ({
		...sinceMeeting({ taken_on: '2026-10-01' }, { taken_on: '2026-12-01' }),
		progress
	});

	it('keeps a short list whole, without a total', () => {
		const short = since([change('1.1', 5), change('1.2', -3)]);
		expect(largestMoves(short, 2)).toBe(short);
		expect(largestMoves(short, 2).progressTotal).toBeUndefined();
	});

	it('keeps the largest moves either way, in the plan order, and says how many there were', () => {
		const view = largestMoves(
			since([change('1.1', 2), change('1.2', -30), change('1.10', 10), change('2.1', 10), change('2.2', 1)]),
			3
		);
		// −30, then the two +10 (1.10 and 2.1 tie; both fit); the list keeps the plan's order.
		expect(view.progress.map((p) => p.code)).toEqual(['1.2', '1.10', '2.1']);
		expect(view.progressTotal).toBe(5);
	});

	it('breaks a tie at the limit by code, numerically', () => {
		const view = largestMoves(since([change('1.10', 4), change('1.9', 4), change('1.2', 4)]), 2);
		// 1.2 and 1.9 come before 1.10 in numeric order; the list keeps the order it was given.
		expect(view.progress.map((p) => p.code)).toEqual(['1.9', '1.2']);
	});
});
