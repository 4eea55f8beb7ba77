/**
 * A request for installation support (support_requests), as the professional sends it through the charter's
 * public form and as a coordinator records it (phone, e-mail, event, partner): the same fields, checked in one
 * place. The database checks them again (20261123400000_installation_support.sql).
 *
 * The project is never cut: over 4 000 characters the form says how long it is and sends nothing. The communes
 * are INSEE codes or names typed without JavaScript; the server resolves them (resolveCommunes) and refuses
 * unknown or ambiguous ones.
 */
import { z } from 'zod';
import { Constants } from '#lib/database.types.js';
import { formatNumber } from '#lib/format.js';
import { isValidIsoDate, parseCommuneEntries } from '#lib/schemas/fields.js';
import { m } from '#lib/paraglide/messages.js';

const enums = Constants.public.Enums;

export const PROJECT_MAX = 4000;
export const COMMUNES_MAX = 10;
/** The channels a coordinator records; 'public_form' is the form's own. */
export const RECORDED_CHANNELS = ['phone', 'email', 'event', 'partner'] as const;
export const SUPPORT_NEEDS = enums.support_need;
export const CAREER_STAGES = enums.career_stage;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PHONE = /^\+?[0-9 .()-]{6,25}$/;

const name = (required: () => string) =>
	z
		.string({ error: required })
		.trim()
		.min(1, { error: required })
		.max(80, { error: () => m.intake_error_name_too_long() });

const fields = {
	firstName: name(() => m.intake_error_first_name()),
	lastName: name(() => m.intake_error_last_name()),
	email: z
		.string({ error: () => m.intake_error_email() })
		.trim()
		.toLowerCase()
		.max(254, { error: () => m.intake_error_email() })
		.refine((v) => v === '' || EMAIL.test(v), { error: () => m.intake_error_email() })
		.default(''),
	phone: z
		.string({ error: () => m.intake_error_phone() })
		.trim()
		.refine((v) => v === '' || PHONE.test(v), { error: () => m.intake_error_phone() })
		.default(''),
	locale: z.enum(['fr', 'en'], { error: () => m.intake_error_locale() }).default('fr'),
	profession: z.enum(enums.health_profession, { error: () => m.intake_error_profession() }),
	stage: z.enum(enums.career_stage, { error: () => m.intake_error_stage() }),
	specialty: z
		.string({ error: () => m.intake_error_specialty() })
		.trim()
		.max(120, { error: () => m.intake_error_specialty() })
		.default(''),
	project: z
		.string({ error: () => m.intake_error_form() })
		.trim()
		.max(PROJECT_MAX, {
			error: (issue) => m.intake_error_project_too_long({ length: formatNumber(String(issue.input).length) })
		})
		.default(''),
	needs: z
		.array(z.enum(enums.support_need, { error: () => m.intake_error_needs() }), { error: () => m.intake_error_needs() })
		// Checkboxes post each need once: a repeated one is a forged post.
		.refine((needs) => new Set(needs).size === needs.length, { error: () => m.intake_error_needs() })
		.default([]),
	communes: z
		.string({ error: () => m.intake_error_communes_invalid() })
		.default('')
		.refine((v) => v.length <= 2000 && parseCommuneEntries(v).names.every((n) => n.length <= 100 && /\p{L}/u.test(n)), {
			error: () => m.intake_error_communes_invalid()
		})
		.refine(
			(v) => {
				const { codes, names } = parseCommuneEntries(v);
				return codes.length + names.length <= COMMUNES_MAX;
			},
			{ error: () => m.intake_error_communes_too_many() }
		),
	wishedOn: z
		.string({ error: () => m.admin_error_date_invalid() })
		.trim()
		.default('')
		.refine((v) => v === '' || (isValidIsoDate(v) && v >= '2000-01-01' && v <= '2100-12-31'), {
			error: () => m.admin_error_date_invalid()
		})
};

type Contact = { email?: unknown; phone?: unknown };
/** Zod runs this even when a field failed: only strings are looked at. */
const reachable = (d: Contact) =>
	(typeof d.email === 'string' && d.email.trim() !== '') || (typeof d.phone === 'string' && d.phone.trim() !== '');
const contactRule = { path: ['email'], error: () => m.intake_error_contact() };

/** The public form: the fields, the consent, and the two bot checks (a honeypot, a signed opening time). */
export const publicRequestSchema = z
	.object({
		...fields,
		consent: z
			.boolean({ error: () => m.intake_error_consent() })
			.default(false)
			.refine((v) => v === true, {
				error: () => m.intake_error_consent()
			}),
		// Hidden from people (and from assistive technologies): a bot fills it in.
		website: z.string().max(500).default(''),
		// `<milliseconds>.<HMAC>`, written by the server when the page opened (support-intake-guard.ts).
		openedAt: z.string().max(200).default('')
	})
	.refine(reachable, contactRule);

/** The coordinator's recording: the channel, the event edition it came from, and no consent box. */
export const recordRequestSchema = z
	.object({
		...fields,
		channel: z.enum(RECORDED_CHANNELS, { error: () => m.intake_channel_required() }),
		occurrenceId: z
			.string()
			.default('')
			.refine((v) => v === '' || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v), {
				error: () => m.intake_record_occurrence_unknown()
			})
	})
	.refine(reachable, contactRule);

/** The coordinator's switch of the public form. */
export const intakeSwitchSchema = z.object({ open: z.enum(['true', 'false']) });

export type PublicRequest = z.infer<typeof publicRequestSchema>;
export type RecordedRequest = z.infer<typeof recordRequestSchema>;
export type RequestFields = Omit<PublicRequest, 'consent' | 'website' | 'openedAt'>;

/** The request as public.submit_support_request reads it (its `p_request`), with the communes resolved. */
export function submissionPayload(d: PublicRequest, communeCodes: string[]) {
	return {
		first_name: d.firstName,
		last_name: d.lastName,
		email: d.email,
		phone: d.phone,
		locale: d.locale,
		profession: d.profession,
		stage: d.stage,
		specialty: d.specialty,
		project: d.project,
		needs: d.needs,
		communes: communeCodes,
		wished_on: d.wishedOn,
		consent: d.consent
	};
}

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

/** The row a coordinator inserts (RLS decides; the database sets the reference and the author). */
export function recordedRow(d: RecordedRequest, charterId: string, ownerId: string) {
	return {
		charter_id: charterId,
		requester_first_name: d.firstName,
		requester_last_name: d.lastName,
		requester_email: orNull(d.email),
		requester_phone: orNull(d.phone),
		requester_locale: d.locale,
		profession: d.profession,
		stage: d.stage,
		specialty: orNull(d.specialty),
		project: orNull(d.project),
		needs: d.needs,
		channel: d.channel,
		occurrence_id: d.channel === 'event' ? orNull(d.occurrenceId) : null,
		owner_id: ownerId,
		wished_on: orNull(d.wishedOn)
	};
}
