/** The French spellings of the plan's list values (the first is written on export), and the template's notices. */
import type { Enums } from '#lib/database.types.js';
import { organizationKindLabels } from '#lib/labels.js';
import { m } from '#lib/paraglide/messages.js';

const fr = { locale: 'fr' as const };

export const STATUSES: Record<Enums<'action_status'>, string[]> = {
	planned: [m.status_planned({}, fr), 'a venir', 'prevue'],
	in_progress: [m.status_in_progress({}, fr)],
	done: [m.status_done({}, fr), 'realise', 'terminee'],
	blocked: [m.status_blocked({}, fr), 'bloque'],
	abandoned: [m.status_abandoned({}, fr), 'abandonne']
};
export const HEALTHS: Record<Enums<'action_health'>, string[]> = {
	on_track: [m.health_on_track({}, fr)],
	at_risk: [m.health_at_risk({}, fr)],
	off_track: [m.health_off_track({}, fr)]
};
export const RECURRENCES: Record<Enums<'action_recurrence'>, string[]> = {
	none: [m.recurrence_none({}, fr), 'non', 'aucune'],
	yearly: [m.recurrence_yearly({}, fr), 'annuel', 'chaque annee']
};
export const DIRECTIONS: Record<Enums<'indicator_direction'>, string[]> = {
	increase: [m.direction_increase({}, fr), 'hausse', 'augmenter'],
	decrease: [m.direction_decrease({}, fr), 'baisse', 'diminuer']
};
export const PARTNER_ROLES: Record<Enums<'charter_partner_role'>, string[]> = {
	signatory: [m.partner_role_signatory({}, fr)],
	lead: [m.partner_role_lead({}, fr)],
	funder: [m.partner_role_funder({}, fr)],
	contributor: [m.partner_role_contributor({}, fr), 'contributeur']
};
/** A label function called in French, whatever the request's language: the template is French. */
const inFrench = (label: () => string) => (label as unknown as (inputs: object, options: typeof fr) => string)({}, fr);
export const KINDS = Object.fromEntries(
	Object.entries(organizationKindLabels).map(([kind, label]) => [kind, [inFrench(label)]])
) as Record<Enums<'organization_kind'>, string[]>;

/** The first spelling of each value, for the notices: "À venir, En cours, ...". */
export const choices = (values: Record<string, string[]>) =>
	Object.values(values)
		.map((s) => s[0])
		.join(', ');
