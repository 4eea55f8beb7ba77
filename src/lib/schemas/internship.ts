import { z } from 'zod';
import { eraseConfirmSchema } from './erase.ts';
import { Constants } from '#lib/database.types.js';
import {
	DATE_MAX,
	DATE_MIN,
	isCalendarDay,
	isPlausible,
	MAX_PLACEMENT_MONTHS,
	monthsAfter
} from '#lib/domain/dates.js';
import { COMMUNE_CODE } from '#lib/domain/patterns.js';
import { communeCodes } from '#lib/schemas/fields.js';
import { m } from '#lib/paraglide/messages.js';

const enums = Constants.public.Enums;
const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.interns_text_too_long({ max }) })
		.default('');
const fr = (iso: string) => iso.split('-').reverse().join('/');
const isoDate = (required: () => string) =>
	z
		.string({ error: required })
		.trim()
		.min(1, { error: required })
		.regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.interns_date_invalid() })
		.refine(isCalendarDay, { error: (issue) => m.interns_date_nonexistent({ date: fr(String(issue.input)) }) })
		.refine(isPlausible, {
			error: (issue) =>
				m.interns_date_implausible({ date: fr(String(issue.input)), min: fr(DATE_MIN), max: fr(DATE_MAX) })
		});

/**
 * A placement as coordinators and host organizations enter it. The first name is checked in the action, since
 * an anonymised placement (RGPD) has none any more.
 */
export const internshipSchema = z
	.object({
		version: z.coerce.number().int().min(0).default(0),
		firstName: optionalText(80),
		lastName: optionalText(80),
		email: z
			.string()
			.trim()
			.toLowerCase()
			.max(254, { error: () => m.interns_email_invalid() })
			.refine((v) => v === '' || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v), { error: () => m.interns_email_invalid() })
			.default(''),
		profession: z.enum(enums.health_profession, { error: () => m.interns_profession_required() }),
		level: z.enum(enums.internship_level, { error: () => m.interns_level_required() }),
		specialty: optionalText(120),
		faculty: optionalText(160),
		supervisorName: optionalText(160),
		hostContact: optionalText(200),
		hostOrganizationId: z.guid({ error: () => m.interns_host_required() }),
		communeCode: z
			.string({ error: () => m.interns_commune_required() })
			.trim()
			.min(1, { error: () => m.interns_commune_required() })
			// A code, or a name typed without picking from the list: checkCommune resolves it on the server.
			.max(100, { error: () => m.interns_commune_invalid() })
			.refine((v) => COMMUNE_CODE.test(v.toUpperCase()) || /\p{L}{2}/u.test(v), {
				error: () => m.interns_commune_invalid()
			}),
		startsOn: isoDate(() => m.interns_starts_required()),
		endsOn: isoDate(() => m.interns_ends_required()),
		housing: z.enum([...enums.housing_kind, '']).default(''),
		housingNote: optionalText(300),
		status: z.enum(enums.internship_status).default('planned')
	})
	.refine((d) => d.endsOn >= d.startsOn, { path: ['endsOn'], error: () => m.interns_dates_order() })
	// Zod runs this even when a date failed its own checks: only two real days are compared.
	.refine(
		(d) =>
			!isCalendarDay(d.startsOn) ||
			!isCalendarDay(d.endsOn) ||
			d.endsOn <= monthsAfter(d.startsOn, MAX_PLACEMENT_MONTHS),
		{
			path: ['endsOn'],
			error: () => m.interns_placement_too_long({ max: MAX_PLACEMENT_MONTHS })
		}
	);

export type InternshipForm = z.infer<typeof internshipSchema>;

export const confirmSchema = z.object({ id: z.guid(), version: z.coerce.number().int().min(1) });

export const eraseSchema = eraseConfirmSchema(() => m.interns_erase_confirm_required());

/**
 * The preferences form: a checkbox per kind of e-mail (an unchecked box is absent, a checked one sends "on"),
 * and the list of the kinds the form showed, so that a post missing a box means "off" for that kind only when
 * the form did show it.
 */
const checkbox = () => z.enum(['', 'on']).default('');
export const preferencesSchema = z.object({
	topics: z
		.string()
		.max(200)
		.regex(/^[a-z_]+(,[a-z_]+)*$/),
	internship_events: checkbox(),
	internship_reminder: checkbox(),
	digest_official: checkbox(),
	digest_steering: checkbox(),
	digest_partner: checkbox(),
	support_requests: checkbox(),
	support_referrals: checkbox(),
	aid_commitments: checkbox(),
	meetings: checkbox(),
	update_campaigns: checkbox()
});

/** Registering an elected official of the charter with the communes they cover (an invitation by e-mail). */
export const officialInvitationSchema = z
	.object({
		email: z
			.string({ error: () => m.admin_error_email() })
			.trim()
			.toLowerCase()
			.min(1, { error: () => m.admin_error_email() })
			.max(254, { error: () => m.admin_error_email() })
			.pipe(z.email({ error: () => m.admin_error_email() })),
		communes: communeCodes()
	})
	.refine((d) => d.communes.trim() !== '', {
		path: ['communes'],
		error: () => m.admin_error_communes_required()
	});
