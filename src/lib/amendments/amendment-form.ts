/**
 * The forms of an amendment: opening a draft (title, summary), recording it as signed (the date, the signed
 * document, and up to JOIN_ROWS organizations joining the charter by it, each with the date it signed), and a
 * signatory's date on the partners page. The database checks the same rules again (sign_amendment,
 * prepare_amendment, the checks of charter_amendments).
 */
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { todayIso } from '#lib/format.js';
import { UUID } from '#lib/domain/patterns.js';
import { isValidIsoDate, optionalDate, optionalText, requiredDate, requiredText, uuid } from '#lib/schemas/fields.js';

/** How many joining organizations the signing form offers. */
export const JOIN_ROWS = 3;
/** The name of the file input of the signing form (read beside the superform, which holds no file). */
export const SIGNED_FILE_FIELD = 'pdf';

const notInFuture = (value: string) => value === '' || !isValidIsoDate(value) || value <= todayIso();

export const openAmendmentSchema = z.object({
	title: requiredText(200, 3),
	summary: optionalText(5000)
});

export const signAmendmentSchema = z
	.object({
		signedOn: requiredDate().refine(notInFuture, { error: () => m.life_error_date_future() }),
		joinOrganization: z.array(z.string()).max(JOIN_ROWS).default([]),
		joinSignedOn: z.array(z.string()).max(JOIN_ROWS).default([])
	})
	.superRefine((d, ctx) => {
		const seen = new Set<string>();
		for (let i = 0; i < JOIN_ROWS; i++) {
			const org = (d.joinOrganization[i] ?? '').trim();
			const date = (d.joinSignedOn[i] ?? '').trim();
			if (!org && !date) continue;
			if (!org) {
				ctx.addIssue({ code: 'custom', path: ['joinOrganization', i], message: m.life_error_join_organization() });
			} else if (!UUID.test(org)) {
				ctx.addIssue({ code: 'custom', path: ['joinOrganization', i], message: m.admin_error_choice_required() });
			} else if (seen.has(org)) {
				ctx.addIssue({ code: 'custom', path: ['joinOrganization', i], message: m.life_error_join_twice() });
			}
			seen.add(org);
			if (date && !isValidIsoDate(date)) {
				ctx.addIssue({ code: 'custom', path: ['joinSignedOn', i], message: m.admin_error_date_invalid() });
			} else if (!notInFuture(date)) {
				ctx.addIssue({ code: 'custom', path: ['joinSignedOn', i], message: m.life_error_date_future() });
			}
		}
	});

export type SignAmendmentInput = z.output<typeof signAmendmentSchema>;

/** The organizations joining by the amendment, for public.sign_amendment (rows left empty are ignored). */
export function joiningSignatories(d: SignAmendmentInput): { organization_id: string; signed_on: string | null }[] {
	const rows: { organization_id: string; signed_on: string | null }[] = [];
	for (let i = 0; i < JOIN_ROWS; i++) {
		const org = (d.joinOrganization[i] ?? '').trim();
		if (!org) continue;
		const date = (d.joinSignedOn[i] ?? '').trim();
		rows.push({ organization_id: org, signed_on: date || null });
	}
	return rows;
}

/** A signatory's date on the partners page: a day, or empty to say it is not known. */
export const signatureDateSchema = z.object({
	organizationId: uuid(),
	signedOn: optionalDate().refine(notInFuture, { error: () => m.life_error_date_future() })
});

/** The amendment's number in a page address: 1 to 999, else null (404). */
export function amendmentNumber(param: string): number | null {
	if (!/^[1-9]\d{0,2}$/.test(param)) return null;
	return Number(param);
}
