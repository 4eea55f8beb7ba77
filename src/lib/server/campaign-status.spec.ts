import { describe, expect, it } from 'vitest';
import { boardRows, boardTotals, toCampaignStatus } from './campaign-status.ts';

const row = {
	organization_id: 'o1',
	organization_name: 'Faculté',
	expected: 3,
	updated: 1,
	latest_comment: 'Local trouvé',
	latest_comment_at: '2027-02-20T10:00:00+00:00',
	latest_comment_author: 'Léa Martin',
	latest_comment_kind: 'fait_marquant' as const,
	missing: [{ id: 'a1', code: '1.1', title: 'Accueillir' }, null, { id: 'a2' }, 'x']
};

describe('the campaign board', () => {
	it('keeps only well-formed missing actions', () => {
		expect(boardRows([row])[0].missing).toEqual([{ id: 'a1', code: '1.1', title: 'Accueillir' }]);
		expect(boardRows([{ ...row, missing: null }])[0].missing).toEqual([]);
	});

	it('adds up the expected and updated actions of every organization', () => {
		expect(boardTotals([row, { ...row, expected: 4, updated: 4 }])).toEqual({ expected: 7, updated: 5 });
		expect(boardTotals([])).toEqual({ expected: 0, updated: 0 });
	});
});

describe('the campaign status of the dashboard', () => {
	const status = {
		meeting_id: 'm1',
		meeting_kind: 'copil' as const,
		meeting_title: 'COPIL',
		starts_at: '2027-03-12T09:00:00+00:00',
		campaign_opens_on: '2027-02-10',
		updates_due_on: '2027-03-01',
		state: 'ended',
		expected: 12,
		updated: 7,
		complete: false,
		missing: [
			{ organization_id: 'o1', organization_name: 'Faculté', expected: 3, missing: 2 },
			{ organization_id: 5, organization_name: 'bad' }
		]
	};

	it('reads the meeting, the state and who is missing', () => {
		expect(toCampaignStatus(status)).toEqual({
			meetingId: 'm1',
			meeting: { kind: 'copil', starts_at: '2027-03-12T09:00:00+00:00' },
			opensOn: '2027-02-10',
			dueOn: '2027-03-01',
			state: 'ended',
			expected: 12,
			updated: 7,
			complete: false,
			missing: [{ organizationId: 'o1', organizationName: 'Faculté', expected: 3, missing: 2 }]
		});
	});

	it('is nothing when there is no campaign, and an unknown state is read as ended', () => {
		expect(toCampaignStatus(undefined)).toBeNull();
		expect(toCampaignStatus({ ...status, state: 'running' })?.state).toBe('running');
		expect(toCampaignStatus({ ...status, state: 'weird' })?.state).toBe('ended');
	});
});
