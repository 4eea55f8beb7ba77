/**
 * The iCalendar file of a meeting (RFC 5545, with the `ics` package): what the invitations carry
 * (attachments.ts, from the outbox row's payload) and what the meeting page offers ("Ajouter à mon agenda").
 * Pure. The identifier (UID) is the meeting's, stable, and SEQUENCE its sequence, so that a calendar replaces
 * the event it holds when the meeting moves, and drops it on METHOD:CANCEL. DTSTART is written in UTC (with Z):
 * the instant is the meeting's, whatever the calendar's time zone.
 */
import { createEvent, type EventAttributes } from 'ics';

export type IcsMethod = 'REQUEST' | 'CANCEL';

export interface IcsMeeting {
	/** Stable per meeting, e.g. `<meeting id>@chartes-partenariales`. */
	uid: string;
	sequence: number;
	method: IcsMethod;
	title: string;
	/** An instant (ISO 8601 with its offset, as Postgres gives a timestamptz). */
	startsAt: string;
	durationMinutes: number;
	place: string | null;
	videoUrl: string | null;
	description?: string;
	/** The meeting's page in the app, for members. */
	url?: string | null;
	organizer: { name: string; email: string };
	attendees: { name: string; email: string }[];
}

/** The calendar identifier of a meeting (the one the database writes in the payload, uid). */
export const meetingUid = (meetingId: string): string => `${meetingId}@chartes-partenariales`;

/** An address out of a From header: `Chartes <no-reply@example.org>` → `no-reply@example.org`. */
export function addressOf(from: string): string {
	const match = /<([^<>\s]+@[^<>\s]+)>/.exec(from) ?? /([^\s<>]+@[^\s<>]+)/.exec(from);
	return match ? match[1] : 'notifications@example.org';
}

const httpsUrl = (value: string | null | undefined): string | undefined =>
	value && /^https?:\/\/[^\s<>"]+$/.test(value) ? value : undefined;

/** The meeting's place for calendars: the place and the link, either or both. */
export function locationOf(place: string | null, videoUrl: string | null): string | undefined {
	const parts = [place?.trim(), videoUrl?.trim()].filter((p): p is string => !!p);
	return parts.length ? parts.join(' — ') : undefined;
}

/** The .ics text; throws if the meeting cannot be written (an impossible date), which fails the sending. */
export function buildIcs(meeting: IcsMeeting): string {
	const start = new Date(meeting.startsAt).getTime();
	if (!Number.isFinite(start)) throw new Error(`ics: invalid start ${meeting.startsAt}`);
	const minutes = Math.max(1, Math.round(meeting.durationMinutes));
	const event: EventAttributes = {
		productId: 'chartes-partenariales/reunions',
		method: meeting.method,
		uid: meeting.uid,
		sequence: meeting.sequence,
		title: meeting.title,
		start,
		startInputType: 'utc',
		startOutputType: 'utc',
		duration: { hours: Math.floor(minutes / 60), minutes: minutes % 60 },
		status: meeting.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
		organizer: { name: meeting.organizer.name, email: meeting.organizer.email },
		attendees: meeting.attendees.map((a) => ({
			name: a.name,
			email: a.email,
			rsvp: meeting.method === 'REQUEST',
			partstat: 'NEEDS-ACTION',
			role: 'REQ-PARTICIPANT'
		})),
		...(locationOf(meeting.place, meeting.videoUrl) ? { location: locationOf(meeting.place, meeting.videoUrl) } : {}),
		...(httpsUrl(meeting.url ?? meeting.videoUrl) ? { url: httpsUrl(meeting.url ?? meeting.videoUrl) } : {}),
		...(meeting.description ? { description: meeting.description } : {})
	};
	const { error, value } = createEvent(event);
	if (error || !value) throw new Error(`ics: ${error?.message ?? 'no output'}`);
	return value;
}

export const icsContentType = (method: IcsMethod): string => `text/calendar; charset=utf-8; method=${method}`;
