/** Schemas of the coordinators' forms (charter, partners, plan, indicators, fundings, members). */
import { z } from 'zod';
import { Constants } from '#lib/database.types.js';
import { ACTION_CODE, OBJECTIVE_CODE, TERRITORY_CODE } from '#lib/domain/patterns.js';
import { CHARTER_STATUSES } from '#lib/domain/status.js';
import { OPEN_DATA_LICENCES } from '#lib/open-data/dcat.js';
import { m } from '#lib/paraglide/messages.js';
import {
	choice,
	communeCodes,
	optionalDate,
	optionalNumber,
	optionalText,
	optionalUuid,
	requiredText,
	uuid
} from './fields.js';

// The choices of the forms are the schema's enums (generated types), in their order.
const enums = Constants.public.Enums;
export const CHARTER_SCOPES = enums.charter_scope;
export const PARTNER_ROLES = enums.charter_partner_role;
export const MEMBER_ROLES = enums.member_role;
export const RECURRENCES = enums.action_recurrence;
export const DIRECTIONS = enums.indicator_direction;
export const INDICATOR_SOURCES = enums.indicator_source;
const OCCURRENCE_SOURCES: readonly string[] = [
	'occurrence_participants',
	'occurrence_professionals',
	'occurrence_interested'
];
export const ORGANIZATION_KINDS = enums.organization_kind;

const territoryCode = () =>
	z
		.string()
		.trim()
		.toUpperCase()
		.default('')
		.refine((v) => v === '' || TERRITORY_CODE.test(v), { error: () => m.admin_error_territory_code() });

const datesInOrder = (from: string, to: string) => !from || !to || to >= from;

const charterFields = {
	title: requiredText(200, 3),
	shortTitle: optionalText(60),
	scopeLevel: choice(CHARTER_SCOPES),
	territoryCode: territoryCode(),
	territoryLabel: optionalText(120),
	signedOn: optionalDate(),
	startsOn: optionalDate(),
	endsOn: optionalDate(),
	summary: optionalText(5000)
};

export const charterSchema = z
	.object({
		...charterFields,
		status: choice(CHARTER_STATUSES),
		isPublic: z.boolean().default(false),
		staleAfterDays: z
			.number({ error: () => m.admin_error_stale_days() })
			.int({ error: () => m.admin_error_stale_days() })
			.min(7, { error: () => m.admin_error_stale_days() })
			.max(365, { error: () => m.admin_error_stale_days() })
			.default(60),
		budgetTotal: optionalNumber(0, 1e12),
		budgetNote: optionalText(1000),
		// The licence of the public page's open data (Licence Ouverte 2.0 by default).
		openDataLicence: z.enum(OPEN_DATA_LICENCES, { error: () => m.open_data_licence_invalid() }).default('etalab-2.0')
	})
	.refine((d) => datesInOrder(d.startsOn, d.endsOn), { path: ['endsOn'], error: () => m.admin_error_dates_order() });

/** Words of a title as an address: "Plan Haute-Vienne 2026" → "plan-haute-vienne-2026". */
export function slugify(value: string): string {
	return value
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 80)
		.replace(/-+$/g, '');
}

/** Addresses that are pages of the app, not charters. */
export const RESERVED_SLUGS = ['nouvelle'];

export const newCharterSchema = z
	.object({
		...charterFields,
		slug: z
			.string()
			.trim()
			.toLowerCase()
			.max(80, { error: () => m.admin_error_too_long({ max: 80 }) })
			.default('')
			.refine((v) => v === '' || /^[a-z0-9]+(-[a-z0-9]+)*$/.test(v), { error: () => m.admin_error_slug() })
			.refine((v) => !RESERVED_SLUGS.includes(v), { error: () => m.admin_error_slug_reserved() })
	})
	.refine((d) => datesInOrder(d.startsOn, d.endsOn), { path: ['endsOn'], error: () => m.admin_error_dates_order() });

export const organizationSchema = z.object({
	name: requiredText(200, 2),
	shortName: optionalText(40),
	kind: choice(ORGANIZATION_KINDS),
	territoryCode: territoryCode(),
	roles: z.array(choice(PARTNER_ROLES)).default([])
});

export const addPartnerSchema = z.object({
	organizationId: uuid(),
	roles: z.array(choice(PARTNER_ROLES)).min(1, { error: () => m.admin_error_roles_required() })
});

export const objectiveSchema = z.object({
	code: z
		.string({ error: () => m.admin_error_required() })
		.trim()
		.min(1, { error: () => m.admin_error_required() })
		.regex(OBJECTIVE_CODE, { error: () => m.admin_error_objective_code() }),
	title: requiredText(300, 2),
	description: optionalText(5000)
});

export const actionSchema = z
	.object({
		objectiveId: uuid(),
		code: z
			.string({ error: () => m.admin_error_required() })
			.trim()
			.min(1, { error: () => m.admin_error_required() })
			.regex(ACTION_CODE, { error: () => m.admin_error_action_code() }),
		title: requiredText(300, 2),
		description: optionalText(10000),
		leadOrganizationId: uuid(),
		contributors: z.array(uuid()).default([]),
		funders: z.array(uuid()).default([]),
		communes: communeCodes(),
		startsOn: optionalDate(),
		dueOn: optionalDate(),
		recurrence: choice(RECURRENCES),
		recurringSince: optionalNumber(1900, 2100)
	})
	.refine((d) => datesInOrder(d.startsOn, d.dueOn), { path: ['dueOn'], error: () => m.admin_error_dates_order() });

/** "charter", "objective:<id>" or "action:<id>": what an indicator measures. */
export const indicatorSchema = z
	.object({
		name: requiredText(300, 2),
		attachment: z
			.string()
			.regex(/^(charter|objective:[0-9a-f-]{36}|action:[0-9a-f-]{36})$/, {
				error: () => m.admin_error_choice_required()
			})
			.default('charter'),
		unit: optionalText(40),
		baseline: optionalNumber(-1e12, 1e12),
		target: optionalNumber(-1e12, 1e12),
		targetOn: optionalDate(),
		direction: choice(DIRECTIONS),
		note: optionalText(2000),
		// Typed values (manual) or computed by the database (20261123400100_aids_and_events.sql and the pipeline).
		source: choice(INDICATOR_SOURCES).default('manual')
	})
	.superRefine((d, ctx) => {
		// An edition-fed indicator belongs to an action (the database checks it too).
		if (
			typeof d.source === 'string' &&
			OCCURRENCE_SOURCES.includes(d.source) &&
			typeof d.attachment === 'string' &&
			!d.attachment.startsWith('action:')
		)
			ctx.addIssue({ code: 'custom', path: ['source'], message: m.indicators_error_source_needs_action() });
	});

export const fundingSchema = z.object({
	organizationId: uuid(),
	actionId: optionalUuid(),
	source: requiredText(80),
	year: optionalNumber(2000, 2100),
	plannedAmount: optionalNumber(0, 1e10),
	committedAmount: optionalNumber(0, 1e10),
	paidAmount: optionalNumber(0, 1e10),
	note: optionalText(1000)
});

const email = z
	.string({ error: () => m.admin_error_email() })
	.trim()
	.toLowerCase()
	.min(1, { error: () => m.admin_error_email() })
	.max(254, { error: () => m.admin_error_email() })
	.pipe(z.email({ error: () => m.admin_error_email() }));

export const invitationSchema = z
	.object({
		email,
		role: choice(MEMBER_ROLES),
		organizationId: optionalUuid(),
		communes: communeCodes()
	})
	.refine((d) => d.role !== 'partner_rep' || d.organizationId !== '', {
		path: ['organizationId'],
		error: () => m.admin_error_organization_required()
	})
	.refine((d) => d.role !== 'elected_official' || d.communes.trim() !== '', {
		path: ['communes'],
		error: () => m.admin_error_communes_required()
	});

export const memberSchema = z
	.object({
		memberId: uuid(),
		role: choice(MEMBER_ROLES),
		organizationId: optionalUuid()
	})
	.refine((d) => d.role !== 'partner_rep' || d.organizationId !== '', {
		path: ['organizationId'],
		error: () => m.admin_error_organization_required()
	});
