/**
 * Financial aids of a charter (aid_schemes, aid_grants, public.aid_overview): the forms' schemas, the rows they
 * write, and what the aids page shows (the alerts 90 days before a commitment ends and when one is broken, the
 * pooled envelope shown once). The database checks the same rules again (20261123400100_aids_and_events.sql).
 */
import { z } from 'zod';
import { Constants, type Enums } from '#lib/database.types.js';
import { m } from '#lib/paraglide/messages.js';
import {
	choice,
	isValidIsoDate,
	optionalDate,
	optionalNumber,
	optionalText,
	optionalUuid,
	orNull,
	requiredNumber,
	requiredText,
	uuid
} from '#lib/schemas/fields.js';

export const AID_KINDS = Constants.public.Enums.aid_kind;
export const AID_GRANT_STATUSES = Constants.public.Enums.aid_grant_status;
type GrantStatus = Enums<'aid_grant_status'>;

/** The statuses whose commitment is still running (an end within 90 days raises an alert). */
export const RUNNING: readonly GrantStatus[] = ['granted', 'paid', 'in_commitment'];
const DATED: readonly GrantStatus[] = ['in_commitment', 'fulfilled', 'broken', 'refunded'];
export const ALERT_DAYS = 90;

export const schemeSchema = z.object({
	id: optionalUuid(),
	name: requiredText(200, 2),
	kind: choice(AID_KINDS),
	funderOrganizationId: optionalUuid(),
	actionId: optionalUuid(),
	maxAmount: optionalNumber(0.01, 1e10),
	maxAmountPerYear: z.boolean().default(false),
	commitmentYears: optionalNumber(1, 20).refine((v) => v === null || Number.isInteger(v), {
		error: () => m.admin_error_number_invalid()
	}),
	envelopeAmount: optionalNumber(0, 1e12),
	note: optionalText(2000)
});
export type SchemeInput = z.output<typeof schemeSchema>;

export const grantSchema = z
	.object({
		id: optionalUuid(),
		schemeId: uuid(),
		requestId: optionalUuid(),
		beneficiaryName: requiredText(160, 2),
		amount: requiredNumber(0.01, 1e10),
		decidedOn: z
			.string({ error: () => m.admin_error_date_required() })
			.min(1, { error: () => m.admin_error_date_required() })
			.refine(isValidIsoDate, { error: () => m.admin_error_date_invalid() }),
		paidAmount: optionalNumber(0, 1e10),
		commitmentStartsOn: optionalDate(),
		commitmentEndsOn: optionalDate(),
		status: choice(AID_GRANT_STATUSES),
		refundAmount: optionalNumber(0, 1e10),
		note: optionalText(2000)
	})
	.superRefine((d, ctx) => {
		// zod 4 runs this even when a field failed: compare only what parsed.
		const paid = typeof d.paidAmount === 'number' ? d.paidAmount : 0;
		if (typeof d.amount === 'number' && paid > d.amount)
			ctx.addIssue({ code: 'custom', path: ['paidAmount'], message: m.aids_error_paid_over_amount() });
		if (typeof d.refundAmount === 'number' && d.refundAmount > paid)
			ctx.addIssue({ code: 'custom', path: ['refundAmount'], message: m.aids_error_refund_over_paid() });
		const starts = typeof d.commitmentStartsOn === 'string' ? d.commitmentStartsOn : '';
		const ends = typeof d.commitmentEndsOn === 'string' ? d.commitmentEndsOn : '';
		if (starts && ends && isValidIsoDate(starts) && isValidIsoDate(ends) && ends <= starts)
			ctx.addIssue({ code: 'custom', path: ['commitmentEndsOn'], message: m.aids_error_ends_before_starts() });
		const status = d.status as GrantStatus | undefined;
		if (status && DATED.includes(status) && !starts)
			ctx.addIssue({ code: 'custom', path: ['commitmentStartsOn'], message: m.aids_error_start_required() });
		if (status && status !== 'granted' && paid <= 0)
			ctx.addIssue({ code: 'custom', path: ['paidAmount'], message: m.aids_error_payment_required() });
		if (status === 'refunded' && typeof d.refundAmount !== 'number')
			ctx.addIssue({ code: 'custom', path: ['refundAmount'], message: m.aids_error_refund_required() });
	});
export type GrantInput = z.output<typeof grantSchema>;

export const schemeColumns = (d: SchemeInput) => ({
	name: d.name,
	kind: d.kind,
	funder_organization_id: orNull(d.funderOrganizationId),
	action_id: orNull(d.actionId),
	max_amount: d.maxAmount,
	max_amount_per_year: d.maxAmountPerYear,
	commitment_years: d.commitmentYears,
	envelope_amount: d.envelopeAmount,
	note: orNull(d.note)
});

export const grantColumns = (d: GrantInput) => ({
	scheme_id: d.schemeId,
	request_id: orNull(d.requestId),
	beneficiary_name: d.beneficiaryName,
	amount: d.amount!,
	decided_on: d.decidedOn,
	paid_amount: d.paidAmount ?? 0,
	commitment_starts_on: orNull(d.commitmentStartsOn),
	commitment_ends_on: orNull(d.commitmentEndsOn),
	status: d.status,
	refund_amount: d.refundAmount,
	note: orNull(d.note)
});

/** `YYYY-MM-DD` plus n days. */
export function addDays(iso: string, days: number): string {
	const date = new Date(`${iso}T12:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}

export type AidAlert = 'ending' | 'broken' | null;
/** A broken commitment (refund due), or one still running that ends within 90 days of today. */
export function aidAlert(grant: { status: GrantStatus; commitment_ends_on: string | null }, today: string): AidAlert {
	if (grant.status === 'broken') return 'broken';
	const ends = grant.commitment_ends_on;
	if (RUNNING.includes(grant.status) && ends && ends > today && ends <= addDays(today, ALERT_DAYS)) return 'ending';
	return null;
}

export interface OverviewRow {
	pooled: boolean;
	pooled_envelope: number | null;
	envelope_left: number | null;
	withheld: boolean;
}
/** The pooled envelope, shown once: its total and what is left (null when withheld), if any scheme draws on it. */
export function poolOf(rows: OverviewRow[]): { total: number | null; left: number | null; withheld: boolean } | null {
	const pooled = rows.filter((r) => r.pooled);
	if (!pooled.length) return null;
	const total = pooled[0].pooled_envelope;
	const left = pooled[0].envelope_left;
	return { total, left: total === null ? null : left, withheld: total !== null && left === null };
}
