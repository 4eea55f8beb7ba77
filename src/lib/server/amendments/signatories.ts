/**
 * The signatories of a charter: the date each signed, and the amendment by which an organization joined
 * later (charter_partners rows of role `signatory`). Read for the partners page and the charter's page; a
 * coordinator corrects a date on the partners page (RLS: coordinators update partners).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { m } from '#lib/paraglide/messages.js';
import { signatureDateSchema } from '#lib/amendments/amendment-form.js';
import { dbErrorMessage, dbErrorStatus } from '#lib/server/db-errors.js';
import { failure, success } from '#lib/server/row-actions.js';

type Client = SupabaseClient<Database>;

export interface Signature {
	signedOn: string | null;
	amendmentNumber: number | null;
}

export interface Signatory extends Signature {
	organizationId: string;
	name: string;
}

/** The signatories of a charter, by name, with their dates and the amendment they joined by. */
export async function loadSignatories(supabase: Client, charterId: string): Promise<Signatory[]> {
	const { data, error } = await supabase
		.from('charter_partners')
		.select(
			'signed_on, organization:organizations(id, name), amendment:charter_amendments!charter_partners_amendment_fk(number)'
		)
		.eq('charter_id', charterId)
		.eq('role', 'signatory');
	if (error) return [];
	return data
		.filter((s) => s.organization)
		.map((s) => ({
			organizationId: s.organization!.id,
			name: s.organization!.name,
			signedOn: s.signed_on,
			amendmentNumber: s.amendment?.number ?? null
		}))
		.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** The signatures by organization, for the partners page. */
export function signaturesByOrganization(signatories: Signatory[]): Map<string, Signature> {
	return new Map(
		signatories.map((s) => [s.organizationId, { signedOn: s.signedOn, amendmentNumber: s.amendmentNumber }])
	);
}

/** The partners page's `?/signature`: a signatory's date, or none when the field is emptied. */
export async function saveSignatureDate(supabase: Client, charterId: string, data: FormData) {
	const parsed = signatureDateSchema.safeParse({
		organizationId: data.get('organizationId'),
		signedOn: data.get('signedOn') ?? ''
	});
	if (!parsed.success) return failure(400, parsed.error.issues[0]?.message ?? m.admin_error_choice_required());
	const { organizationId, signedOn } = parsed.data;
	const { data: rows, error } = await supabase
		.from('charter_partners')
		.update({ signed_on: signedOn || null })
		.eq('charter_id', charterId)
		.eq('organization_id', organizationId)
		.eq('role', 'signatory')
		.select('organization:organizations(name)');
	if (error) return failure(dbErrorStatus(error), dbErrorMessage(error));
	if (!rows.length) return failure(403, m.admin_error_forbidden());
	const name = rows[0].organization?.name ?? '';
	return success(signedOn ? m.life_signature_saved({ name }) : m.life_signature_cleared({ name }));
}
