import { describe, expect, it } from 'vitest';
import { invitedByDefault, meetingFormValues, splitMeetings, type MeetingRow } from './meeting-pages.ts';

const row = (id: string, starts_at: string, status: MeetingRow['status'] = 'planned'): MeetingRow => ({
	id,
	kind: 'copil',
	title: id,
	starts_at,
	status,
	updates_due_on: null,
	attendees: 0
});

describe('the meetings pages', () => {
	it('lists the planned meetings to come soonest first, the others latest first', () => {
		const now = new Date('2027-03-12T10:00:00Z');
		const { upcoming, past } = splitMeetings(
			[
				row('later', '2027-06-01T12:00:00Z'),
				row('soon', '2027-03-20T12:00:00Z'),
				row('this-morning', '2027-03-12T07:00:00Z'),
				row('held', '2027-01-10T12:00:00Z', 'held'),
				row('cancelled', '2027-04-01T12:00:00Z', 'cancelled'),
				row('forgotten', '2026-11-01T12:00:00Z')
			],
			now
		);
		expect(upcoming.map((r) => r.id)).toEqual(['this-morning', 'soon', 'later']);
		expect(past.map((r) => r.id)).toEqual(['cancelled', 'held', 'forgotten']);
	});

	it('invites everyone but the elected officials by default', () => {
		expect(invitedByDefault('coordinator')).toBe(true);
		expect(invitedByDefault('steering')).toBe(true);
		expect(invitedByDefault('partner_rep')).toBe(true);
		expect(invitedByDefault('elected_official')).toBe(false);
	});

	it('fills the edit form with the day and time in Paris', () => {
		const values = meetingFormValues({
			id: 'x',
			charter_id: 'c',
			kind: 'copil',
			title: 'COPIL',
			starts_at: '2027-03-30T12:00:00+00:00',
			duration_minutes: 90,
			place: null,
			video_url: 'https://visio.example.org/a',
			status: 'planned',
			updates_due_on: null,
			campaign_opens_on: null,
			minutes: null,
			sequence: 0,
			held_at: null,
			created_by: null,
			created_at: '',
			updated_at: '',
			updated_by: null,
			version: 1
		});
		expect(values).toMatchObject({
			date: '2027-03-30',
			time: '14:00',
			place: '',
			videoUrl: 'https://visio.example.org/a'
		});
	});
});
