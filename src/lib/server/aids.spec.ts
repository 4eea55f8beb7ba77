/** The aids page's rules (alerts, pooled envelope, the forms' checks) and the commitment e-mails in both languages. */
import { describe, expect, test } from 'vitest';
import { addDays, aidAlert, grantSchema, poolOf, schemeSchema } from './aids.ts';
import { occurrenceSchema } from './occurrences.ts';
import { renderContent } from './notifications/templates.ts';

const SCHEME = '0ae2e950-c4b6-5286-9cf5-a8673f49a813';

describe('aidAlert', () => {
	const today = '2026-12-01';
	test('a running commitment that ends within 90 days, not on day 91 nor already ended', () => {
		expect(aidAlert({ status: 'in_commitment', commitment_ends_on: '2027-02-15' }, today)).toBe('ending');
		expect(aidAlert({ status: 'paid', commitment_ends_on: addDays(today, 90) }, today)).toBe('ending');
		expect(aidAlert({ status: 'paid', commitment_ends_on: addDays(today, 91) }, today)).toBeNull();
		expect(aidAlert({ status: 'in_commitment', commitment_ends_on: today }, today)).toBeNull();
		expect(aidAlert({ status: 'fulfilled', commitment_ends_on: '2027-01-01' }, today)).toBeNull();
		expect(aidAlert({ status: 'granted', commitment_ends_on: null }, today)).toBeNull();
	});
	test('a broken commitment whatever its end (refund due)', () => {
		expect(aidAlert({ status: 'broken', commitment_ends_on: '2029-06-01' }, today)).toBe('broken');
		expect(aidAlert({ status: 'refunded', commitment_ends_on: '2029-06-01' }, today)).toBeNull();
	});
});

describe('poolOf', () => {
	const row = (pooled: boolean, left: number | null, withheld = false) => ({
		pooled,
		pooled_envelope: 600000,
		envelope_left: left,
		withheld
	});
	test('the pooled envelope once, with what is left, or withheld', () => {
		expect(poolOf([row(true, 499000), row(true, 499000), row(false, 10)])).toEqual({
			total: 600000,
			left: 499000,
			withheld: false
		});
		expect(poolOf([row(true, null, true)])).toEqual({ total: 600000, left: null, withheld: true });
		expect(poolOf([row(false, 10)])).toBeNull();
	});
});

describe('grantSchema', () => {
	const base = {
		schemeId: SCHEME,
		beneficiaryName: 'Dr Anaïs Test',
		amount: 4800,
		decidedOn: '2026-11-20',
		status: 'granted'
	};
	test('accepts a decided grant and leaves empty amounts empty', () => {
		const parsed = grantSchema.safeParse(base);
		expect(parsed.success).toBe(true);
		expect(parsed.data?.paidAmount).toBeNull();
	});
	test('refuses a payment over the amount, a refund over the payment, an end before the start', () => {
		const parsed = grantSchema.safeParse({
			...base,
			status: 'refunded',
			paidAmount: 5000,
			refundAmount: 6000,
			commitmentStartsOn: '2027-01-01',
			commitmentEndsOn: '2026-01-01'
		});
		expect(parsed.success).toBe(false);
		const paths = parsed.error!.issues.map((i) => i.path.join('.'));
		expect(paths).toEqual(expect.arrayContaining(['paidAmount', 'refundAmount', 'commitmentEndsOn']));
	});
	test('a status past "granted" needs a payment, and a commitment status its start', () => {
		const parsed = grantSchema.safeParse({ ...base, status: 'in_commitment' });
		const paths = parsed.error!.issues.map((i) => i.path.join('.'));
		expect(paths).toEqual(expect.arrayContaining(['paidAmount', 'commitmentStartsOn']));
	});
	test('does not crash on invalid fields (zod 4 runs the refinement anyway)', () => {
		const parsed = grantSchema.safeParse({ ...base, amount: 'abc', paidAmount: 'x', status: 'nope' });
		expect(parsed.success).toBe(false);
	});
});

describe('schemeSchema and occurrenceSchema', () => {
	test('a scheme without its own envelope (pooled), a whole number of commitment years', () => {
		expect(schemeSchema.safeParse({ name: 'Aide', kind: 'etudes' }).data?.envelopeAmount).toBeNull();
		expect(schemeSchema.safeParse({ name: 'Aide', kind: 'etudes', commitmentYears: 2.5 }).success).toBe(false);
	});
	test('an edition: unknown stays empty, professionals and interested not above the participants', () => {
		expect(occurrenceSchema.safeParse({ heldOn: '2026-07-03' }).data?.participants).toBeNull();
		const over = occurrenceSchema.safeParse({ heldOn: '2026-07-03', participants: 10, interested: 11 });
		expect(over.error!.issues.map((i) => i.path.join('.'))).toEqual(['interested']);
		expect(occurrenceSchema.safeParse({ heldOn: '2026-02-30' }).success).toBe(false);
		expect(occurrenceSchema.safeParse({ heldOn: '2026-07-03', communeCode: 'abc' }).success).toBe(false);
	});
});

describe('commitment e-mails', () => {
	const payload = {
		event: 'ending',
		charter_title: 'Plan Cholet',
		scheme_name: 'Aide au maintien des cabinets médicaux',
		beneficiary_name: 'Cabinet médical de Mazières-en-Mauges',
		amount: 12000,
		paid_amount: 12000,
		commitment_starts_on: '2024-02-15',
		commitment_ends_on: '2027-02-15',
		link_path: '/chartes/cholet-attractivite-medicale/aides'
	};
	test('the end of a commitment, in French and in English', () => {
		const fr = renderContent('aid_commitment_ending', payload, 'fr')!;
		expect(fr.subject).toBe("Fin d'engagement le 15/02/2027 : Cabinet médical de Mazières-en-Mauges");
		expect(fr.body).toMatch(/Montant accordé : 12\s000\s€/);
		expect(fr.body).toContain('du 15/02/2024 au 15/02/2027');
		const en = renderContent('aid_commitment_ending', payload, 'en')!;
		expect(en.subject).toBe('Commitment ends on 15/02/2027: Cabinet médical de Mazières-en-Mauges');
		expect(en.body).toContain('Amount granted: €12,000');
	});
	test('a broken commitment says a refund is due', () => {
		const fr = renderContent('aid_commitment_broken', { ...payload, event: 'broken' }, 'fr')!;
		expect(fr.subject).toBe('Engagement rompu : Cabinet médical de Mazières-en-Mauges, remboursement dû');
		expect(renderContent('aid_commitment_broken', { ...payload, event: 'broken' }, 'en')!.body).toContain(
			'a refund is due'
		);
	});
});
