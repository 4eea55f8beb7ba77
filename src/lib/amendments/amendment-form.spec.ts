import { describe, expect, it } from 'vitest';
import { todayIso } from '#lib/format.js';
import {
	JOIN_ROWS,
	amendmentNumber,
	joiningSignatories,
	openAmendmentSchema,
	signAmendmentSchema,
	signatureDateSchema
} from './amendment-form.ts';

const ORG_A = '2816f824-b59d-5b46-b345-5561fb37ac12';
const ORG_B = '9d720340-7837-5c44-8ff0-843a43391929';
const empty = Array(JOIN_ROWS).fill('');
const tomorrow = new Date(Date.now() + 36 * 3600 * 1000);

const errorsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
	(result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);

describe('opening an amendment', () => {
	it('needs a title of three characters at least, trimmed', () => {
		expect(openAmendmentSchema.safeParse({ title: '  Av  ', summary: '' }).success).toBe(false);
		expect(openAmendmentSchema.parse({ title: '  Avenant 2027 ', summary: '' })).toEqual({
			title: 'Avenant 2027',
			summary: ''
		});
	});
});

describe('recording an amendment as signed', () => {
	it('takes a day up to today, never a day to come', () => {
		const ok = signAmendmentSchema.safeParse({ signedOn: todayIso(), joinOrganization: empty, joinSignedOn: empty });
		expect(ok.success).toBe(true);
		const future = signAmendmentSchema.safeParse({
			signedOn: todayIso(tomorrow),
			joinOrganization: empty,
			joinSignedOn: empty
		});
		expect(errorsOf(future)).toEqual([['signedOn', 'La date de signature ne peut pas être dans le futur.']]);
		expect(signAmendmentSchema.safeParse({ signedOn: '2026-02-30' }).success).toBe(false);
	});

	it('says which joining row is wrong, next to its field', () => {
		const result = signAmendmentSchema.safeParse({
			signedOn: '2026-11-05',
			joinOrganization: ['', ORG_A, ORG_A],
			joinSignedOn: ['2026-11-01', 'pas une date', '']
		});
		expect(errorsOf(result)).toEqual([
			['joinOrganization.0', "Choisissez l'organisation, ou videz sa date."],
			['joinSignedOn.1', expect.any(String)],
			['joinOrganization.2', 'Cette organisation est déjà dans la liste.']
		]);
	});

	it('gives sign_amendment the rows filled in, a missing date as null (the amendment’s)', () => {
		const d = signAmendmentSchema.parse({
			signedOn: '2026-11-05',
			joinOrganization: [ORG_A, '', ORG_B],
			joinSignedOn: ['', '', '2026-10-30']
		});
		expect(joiningSignatories(d)).toEqual([
			{ organization_id: ORG_A, signed_on: null },
			{ organization_id: ORG_B, signed_on: '2026-10-30' }
		]);
	});
});

describe('a signatory’s date', () => {
	it('may be emptied, never set in the future', () => {
		expect(signatureDateSchema.parse({ organizationId: ORG_A, signedOn: '' })).toEqual({
			organizationId: ORG_A,
			signedOn: ''
		});
		expect(signatureDateSchema.safeParse({ organizationId: ORG_A, signedOn: todayIso(tomorrow) }).success).toBe(false);
		expect(signatureDateSchema.safeParse({ organizationId: 'x', signedOn: '2024-09-25' }).success).toBe(false);
	});
});

describe('the number in the address', () => {
	it('is 1 to 999, written plainly', () => {
		expect(amendmentNumber('1')).toBe(1);
		expect(amendmentNumber('999')).toBe(999);
		for (const bad of ['0', '01', '1000', '1.5', '-1', 'deux', '']) expect(amendmentNumber(bad)).toBeNull();
	});
});
