import { describe, expect, it } from 'vitest';
import { canChangeStatus, canUpdateAction, planSave, type ActionState, type PostedUpdate } from './plan-save.ts';

const LEAD = 'lead-org';
const current: ActionState = {
	version: 4,
	status: 'in_progress',
	progress: 40,
	health: 'on_track',
	lead_organization_id: LEAD
};
const both = { mayUpdate: true, mayChangeStatus: true };
const progressOnly = { mayUpdate: true, mayChangeStatus: false };
const same: PostedUpdate = {
	version: 4,
	status: 'in_progress',
	progress: '40',
	health: 'on_track',
	comment: '',
	value: null
};

describe('planSave', () => {
	it('refuses a post that changes nothing, says nothing and carries no value', () => {
		const plan = planSave(current, same, both, 'Pilote');
		expect(plan.refuse?.field).toBe('comment');
		expect(plan.refuse?.status).toBe(400);
		expect(planSave(current, { ...same, comment: '   ' }, both, 'Pilote').refuse?.field).toBe('comment');
	});

	it('records a comment alone, or any change of status, progress or health', () => {
		for (const change of [
			{ comment: 'Rien de nouveau, je confirme' },
			{ progress: '41' },
			{ health: 'at_risk' as const }
		]) {
			expect(planSave(current, { ...same, ...change }, progressOnly, 'Pilote')).toEqual({
				recordUpdate: true,
				saveValue: false
			});
		}
		expect(planSave(current, { ...same, status: 'blocked' }, both, 'Pilote')).toEqual({
			recordUpdate: true,
			saveValue: false
		});
	});

	it('saves a value alone without an empty journal entry, and both when both are given', () => {
		expect(planSave(current, { ...same, value: 0 }, progressOnly, 'Pilote')).toEqual({
			recordUpdate: false,
			saveValue: true
		});
		expect(planSave(current, { ...same, progress: '35', value: 3 }, progressOnly, 'Pilote')).toEqual({
			recordUpdate: true,
			saveValue: true
		});
	});

	it('refuses a status change by someone who does not lead the action, naming the pilot', () => {
		for (const status of ['abandoned', 'blocked', 'planned'] as const) {
			const plan = planSave(current, { ...same, status, comment: 'x' }, progressOnly, 'Faculté de médecine');
			expect(plan.refuse).toMatchObject({ field: 'status', status: 403 });
			expect(plan.refuse?.text).toContain('Faculté de médecine');
		}
	});

	it('leaves to the database whoever may not update the action at all (its refusal is the answer)', () => {
		const plan = planSave(current, { ...same, status: 'done' }, { mayUpdate: false, mayChangeStatus: false }, 'Pilote');
		expect(plan).toEqual({ recordUpdate: true, saveValue: false });
	});

	it('leaves a stale form to the database, which answers with the conflict', () => {
		expect(planSave(current, { ...same, version: 3 }, progressOnly, 'Pilote')).toEqual({
			recordUpdate: true,
			saveValue: false
		});
	});
});

describe('canChangeStatus', () => {
	it('is the coordination and the lead organization’s representatives only', () => {
		expect(canChangeStatus({ role: 'coordinator', organizationId: null }, LEAD)).toBe(true);
		expect(canChangeStatus({ role: 'partner_rep', organizationId: LEAD }, LEAD)).toBe(true);
		expect(canChangeStatus({ role: 'partner_rep', organizationId: 'other' }, LEAD)).toBe(false);
		expect(canChangeStatus({ role: 'steering', organizationId: LEAD }, LEAD)).toBe(false);
		expect(canChangeStatus(null, LEAD)).toBe(false);
	});
	it('lets contributors and funders update, not change the status', () => {
		const rep = { role: 'partner_rep' as const, organizationId: 'contrib' };
		expect(canUpdateAction(rep, LEAD, ['contrib'])).toBe(true);
		expect(canChangeStatus(rep, LEAD)).toBe(false);
		expect(canUpdateAction(rep, LEAD, ['other'])).toBe(false);
		expect(canUpdateAction({ role: 'elected_official', organizationId: 'contrib' }, LEAD, ['contrib'])).toBe(false);
	});
});
