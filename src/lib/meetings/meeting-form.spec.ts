import { describe, expect, it } from 'vitest';
import { addGuestSchema, guestsOf, meetingColumns, meetingSchema, planSchema, presencePairs } from './meeting-form.ts';

const base = {
	kind: 'copil',
	title: 'COPIL de printemps',
	date: '2027-03-30',
	time: '14:00',
	durationMinutes: 120,
	place: 'Salle du conseil',
	videoUrl: '',
	updatesDueOn: '',
	campaignOpensOn: ''
};
const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
	Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('the meeting form', () => {
	it('turns the day and time in Paris into the right instant, across the change of hour', () => {
		const summer = meetingSchema.parse(base);
		expect(meetingColumns(summer).starts_at).toBe('2027-03-30T12:00:00.000Z');
		const winter = meetingSchema.parse({ ...base, date: '2027-03-12' });
		expect(meetingColumns(winter)).toMatchObject({
			starts_at: '2027-03-12T13:00:00.000Z',
			place: 'Salle du conseil',
			video_url: null,
			updates_due_on: null,
			campaign_opens_on: null
		});
	});

	it('refuses impossible dates and times, next to their field', () => {
		expect(Object.keys(issues(meetingSchema.safeParse({ ...base, date: '2027-02-30' })))).toEqual(['date']);
		expect(Object.keys(issues(meetingSchema.safeParse({ ...base, time: '25:00' })))).toEqual(['time']);
		const gap = issues(meetingSchema.safeParse({ ...base, date: '2027-03-28', time: '02:30' }));
		expect(gap.time).toMatch(/changement d'heure/);
	});

	it('wants a place or an https link, a duration in bounds, and dates in order', () => {
		expect(issues(meetingSchema.safeParse({ ...base, place: '' })).place).toMatch(/lieu ou un lien/);
		expect(meetingSchema.safeParse({ ...base, place: '', videoUrl: 'https://visio.example.org/a' }).success).toBe(true);
		expect(issues(meetingSchema.safeParse({ ...base, videoUrl: 'http://visio.example.org/a' })).videoUrl).toMatch(
			/https/
		);
		expect(issues(meetingSchema.safeParse({ ...base, videoUrl: 'javascript:alert(1)' })).videoUrl).toBeDefined();
		expect(Object.keys(issues(meetingSchema.safeParse({ ...base, durationMinutes: 5 })))).toEqual(['durationMinutes']);
		expect(issues(meetingSchema.safeParse({ ...base, updatesDueOn: '2027-03-31' })).updatesDueOn).toMatch(
			/jour de la réunion/
		);
		expect(meetingSchema.safeParse({ ...base, updatesDueOn: '2027-03-30' }).success).toBe(true);
		expect(issues(meetingSchema.safeParse({ ...base, campaignOpensOn: '2027-03-01' })).campaignOpensOn).toBeDefined();
		expect(
			issues(meetingSchema.safeParse({ ...base, updatesDueOn: '2027-03-20', campaignOpensOn: '2027-03-21' }))
				.campaignOpensOn
		).toBeDefined();
	});

	it('keeps the complete guest rows, drops empty ones, and points at an incomplete one', () => {
		const org = '6b3f2f8e-1111-4a3b-9c1d-2e3f4a5b6c7d';
		const plan = planSchema.parse({
			...base,
			attendees: [org],
			guestOrganization: [org, '', ''],
			guestName: ['Léa Martin', '', ''],
			guestEmail: [' Lea.Martin@Example.net ', '', '']
		});
		expect(guestsOf(plan)).toEqual([{ organizationId: org, name: 'Léa Martin', email: 'lea.martin@example.net' }]);
		const bad = issues(
			planSchema.safeParse({
				...base,
				guestOrganization: ['', org],
				guestName: ['', 'Sacha'],
				guestEmail: ['', 'pas-une-adresse']
			})
		);
		expect(Object.keys(bad)).toEqual(['guestEmail.1']);
		const incomplete = issues(
			planSchema.safeParse({ ...base, guestOrganization: [''], guestName: ['Sacha'], guestEmail: [''] })
		);
		expect(incomplete['guestName.0']).toMatch(/organisation, le nom et l'adresse/);
		expect(addGuestSchema.safeParse({ organizationId: org, name: 'Sacha', email: 'x' }).success).toBe(false);
	});

	it('reads one presence per attendee, and refuses a value that is not one', () => {
		const id = '6b3f2f8e-1111-4a3b-9c1d-2e3f4a5b6c7d';
		const data = new FormData();
		data.set(`presence-${id}`, 'present');
		data.set('other', 'x');
		expect(presencePairs(data)).toEqual([{ id, presence: 'present' }]);
		data.set(`presence-${id}`, 'late');
		expect(presencePairs(data)).toBeNull();
		const notId = new FormData();
		notId.set('presence-abc', 'present');
		expect(presencePairs(notId)).toBeNull();
	});
});
