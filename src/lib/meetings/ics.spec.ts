import { describe, expect, it } from 'vitest';
import ical, { type VEvent } from 'node-ical';
import { addressOf, buildIcs, icsContentType, locationOf, meetingUid, type IcsMeeting } from './ics.ts';
import { parisParts } from './meeting-time.ts';

const meeting: IcsMeeting = {
	uid: meetingUid('0b7f3c1e-1111-4a3b-9c1d-2e3f4a5b6c7d'),
	sequence: 0,
	method: 'REQUEST',
	title: 'COPIL de printemps',
	startsAt: '2027-03-12T13:00:00+00:00',
	durationMinutes: 150,
	place: 'Salle du conseil, Limoges',
	videoUrl: 'https://visio.example.org/copil',
	url: 'https://chartes.example.org/chartes/haute-vienne/reunions/0b7f3c1e-1111-4a3b-9c1d-2e3f4a5b6c7d',
	organizer: { name: 'Charte de la Haute-Vienne', email: 'notifications@example.org' },
	attendees: [{ name: 'Léa Martin', email: 'lea.martin@example.net' }]
};

function eventOf(text: string) {
	const events = Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT');
	expect(events).toHaveLength(1);
	return events[0] as VEvent;
}

describe('the iCalendar file of a meeting', () => {
	it('parses, with the right instant in Paris, its duration, place, link and people', () => {
		const text = buildIcs(meeting);
		expect(text).toContain('METHOD:REQUEST');
		expect(text).toContain('DTSTART:20270312T130000Z');
		expect(text).toMatch(/DURATION:PT2H30M/);
		expect(text).toContain('SEQUENCE:0');
		const event = eventOf(text);
		expect(event.uid).toBe('0b7f3c1e-1111-4a3b-9c1d-2e3f4a5b6c7d@chartes-partenariales');
		expect(parisParts(event.start)).toEqual({ date: '2027-03-12', time: '14:00' });
		expect(parisParts(event.end!)).toEqual({ date: '2027-03-12', time: '16:30' });
		expect(event.location).toBe('Salle du conseil, Limoges — https://visio.example.org/copil');
		expect(String(event.summary)).toBe('COPIL de printemps');
		expect(JSON.stringify(event.organizer).toLowerCase()).toContain('mailto:notifications@example.org');
		expect(JSON.stringify(event.attendee).toLowerCase()).toContain('mailto:lea.martin@example.net');
		expect(String((event as unknown as { url: unknown }).url)).toContain('/reunions/0b7f3c1e');
	});

	it('is right across the change to summer time', () => {
		const event = eventOf(buildIcs({ ...meeting, startsAt: '2027-03-30T12:00:00.000Z' }));
		expect(event.start.toISOString()).toBe('2027-03-30T12:00:00.000Z');
		expect(parisParts(event.start)).toEqual({ date: '2027-03-30', time: '14:00' });
	});

	it('keeps its UID and carries the new sequence when the meeting moves, and cancels', () => {
		const moved = buildIcs({ ...meeting, sequence: 1, startsAt: '2027-03-19T13:00:00Z' });
		expect(moved).toContain('SEQUENCE:1');
		expect(eventOf(moved).uid).toBe(meeting.uid);
		const cancelled = buildIcs({ ...meeting, sequence: 2, method: 'CANCEL' });
		expect(cancelled).toContain('METHOD:CANCEL');
		expect(cancelled).toContain('STATUS:CANCELLED');
		expect(eventOf(cancelled).uid).toBe(meeting.uid);
	});

	it('writes a meeting without a place nor a link, and refuses an impossible start', () => {
		const text = buildIcs({ ...meeting, place: null, videoUrl: null, url: null });
		expect(text).not.toContain('LOCATION');
		expect(() => buildIcs({ ...meeting, startsAt: 'demain' })).toThrow();
	});

	it('has the helpers the sender needs', () => {
		expect(addressOf('Chartes partenariales <notifications@example.org>')).toBe('notifications@example.org');
		expect(addressOf('no-reply@example.org')).toBe('no-reply@example.org');
		expect(locationOf(' ', null)).toBeUndefined();
		expect(icsContentType('CANCEL')).toBe('text/calendar; charset=utf-8; method=CANCEL');
	});
});
