/**
 * The forms of a meeting (plan, edit, invite, presence): zod schemas with a message next to each field, and
 * the columns they write. The day and time are typed in Paris and become an instant (meeting-time.ts), right
 * across the changes of hour; an hour that does not exist is refused by the field. The database checks the
 * same rules again (the meetings table's checks).
 */
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import {
	choice,
	isValidIsoDate,
	optionalDate,
	optionalText,
	requiredDate,
	requiredText,
	uuid
} from '#lib/schemas/fields.js';
import { parisToInstant } from './meeting-time.ts';

export const MEETING_KINDS = ['copil', 'comite_technique', 'autre'] as const;
export const PRESENCES = ['invited', 'present', 'excused', 'absent'] as const;
/** How many guest rows the planning form offers. */
export const GUEST_ROWS = 3;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const HTTPS = /^https:\/\/[^\s<>"]+$/;

const email = z
	.string()
	.trim()
	.toLowerCase()
	.max(254, { error: () => m.admin_error_email() })
	.pipe(z.email({ error: () => m.admin_error_email() }));

const meetingFields = {
	kind: choice(MEETING_KINDS),
	title: requiredText(200),
	date: requiredDate(),
	time: z
		.string()
		.trim()
		.regex(TIME, { error: () => m.mplan_error_time() }),
	durationMinutes: z
		.number({ error: () => m.mplan_error_duration() })
		.int({ error: () => m.mplan_error_duration() })
		.min(15, { error: () => m.mplan_error_duration() })
		.max(720, { error: () => m.mplan_error_duration() })
		.default(120),
	place: optionalText(300),
	videoUrl: optionalText(500).refine((v) => v === '' || HTTPS.test(v), { error: () => m.mplan_error_video() }),
	updatesDueOn: optionalDate(),
	campaignOpensOn: optionalDate()
};

type MeetingInput = { [K in keyof typeof meetingFields]: z.output<(typeof meetingFields)[K]> };

/** The checks across fields, each next to its field. */
function checkMeeting(d: MeetingInput, ctx: z.RefinementCtx) {
	if (TIME.test(d.time) && isValidIsoDate(d.date) && parisToInstant(d.date, d.time) === null) {
		ctx.addIssue({ code: 'custom', path: ['time'], message: m.mplan_error_time_gap() });
	}
	if (d.place === '' && d.videoUrl === '') {
		ctx.addIssue({ code: 'custom', path: ['place'], message: m.mplan_error_where() });
	}
	if (d.updatesDueOn !== '' && d.date !== '' && d.updatesDueOn > d.date) {
		ctx.addIssue({ code: 'custom', path: ['updatesDueOn'], message: m.mplan_error_due_after() });
	}
	if (d.campaignOpensOn !== '' && d.updatesDueOn === '') {
		ctx.addIssue({ code: 'custom', path: ['campaignOpensOn'], message: m.mplan_error_opens_without_due() });
	} else if (d.campaignOpensOn !== '' && d.campaignOpensOn > d.updatesDueOn) {
		ctx.addIssue({ code: 'custom', path: ['campaignOpensOn'], message: m.mplan_error_opens_after() });
	}
}

export const meetingSchema = z.object(meetingFields).superRefine(checkMeeting);

/** Planning: the meeting, the members checked, and up to GUEST_ROWS guests (parallel lists, rows left empty ignored). */
export const planSchema = z
	.object({
		...meetingFields,
		attendees: z.array(uuid()).default([]),
		guestOrganization: z.array(z.string()).max(GUEST_ROWS).default([]),
		guestName: z.array(z.string()).max(GUEST_ROWS).default([]),
		guestEmail: z.array(z.string()).max(GUEST_ROWS).default([])
	})
	.superRefine((d, ctx) => {
		checkMeeting(d, ctx);
		for (let i = 0; i < GUEST_ROWS; i++) {
			const org = (d.guestOrganization[i] ?? '').trim();
			const name = (d.guestName[i] ?? '').trim();
			const address = (d.guestEmail[i] ?? '').trim();
			if (!org && !name && !address) continue;
			if (!org || !name || !address) {
				ctx.addIssue({ code: 'custom', path: ['guestName', i], message: m.mplan_error_guest_incomplete() });
			}
			if (address && !email.safeParse(address).success) {
				ctx.addIssue({ code: 'custom', path: ['guestEmail', i], message: m.admin_error_email() });
			}
			if (name.length > 120) {
				ctx.addIssue({ code: 'custom', path: ['guestName', i], message: m.admin_error_too_long({ max: 120 }) });
			}
		}
	});

export const addMemberSchema = z.object({ userId: uuid() });
export const addGuestSchema = z.object({
	organizationId: uuid(),
	name: requiredText(120),
	email
});
/** The presence form: one radio group per attendee, named `presence-<attendee id>`. */
export const presenceSchema = z.array(z.object({ id: uuid(), presence: choice(PRESENCES) })).max(500);
export const PRESENCE_PREFIX = 'presence-';

/** The columns of `meetings` a form writes. */
export function meetingColumns(d: MeetingInput) {
	const startsAt = parisToInstant(d.date, d.time);
	if (!startsAt) throw new Error('meetingColumns: an unchecked time');
	return {
		kind: d.kind,
		title: d.title,
		starts_at: startsAt,
		duration_minutes: d.durationMinutes,
		place: d.place === '' ? null : d.place,
		video_url: d.videoUrl === '' ? null : d.videoUrl,
		updates_due_on: d.updatesDueOn === '' ? null : d.updatesDueOn,
		campaign_opens_on: d.campaignOpensOn === '' ? null : d.campaignOpensOn
	};
}

/** The guests of a planning form, rows left empty dropped (the schema checked the others). */
export function guestsOf(d: z.output<typeof planSchema>): { organizationId: string; name: string; email: string }[] {
	const rows = [];
	for (let i = 0; i < GUEST_ROWS; i++) {
		const organizationId = (d.guestOrganization[i] ?? '').trim();
		const name = (d.guestName[i] ?? '').trim();
		const address = (d.guestEmail[i] ?? '').trim().toLowerCase();
		if (organizationId && name && address) rows.push({ organizationId, name, email: address });
	}
	return rows;
}

/** The presence of each attendee posted, or null when a value is not one of the form's. */
export function presencePairs(data: FormData): z.output<typeof presenceSchema> | null {
	const pairs: { id: string; presence: string }[] = [];
	for (const [key, value] of data) {
		if (key.startsWith(PRESENCE_PREFIX)) pairs.push({ id: key.slice(PRESENCE_PREFIX.length), presence: String(value) });
	}
	const parsed = presenceSchema.safeParse(pairs);
	return parsed.success ? parsed.data : null;
}
