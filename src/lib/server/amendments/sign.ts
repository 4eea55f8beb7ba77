/**
 * Recording an amendment as signed: first its signed document (uploadDocument, kind `avenant`, filed under the
 * amendment), so that a refused file stops everything before the signature, which cannot be undone; then the
 * signature and the organizations joining by it, in one transaction (public.sign_amendment). A document filed
 * by an earlier try that failed afterwards is kept and counts: the same file posted again is not refused.
 */
import { error } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { m } from '#lib/paraglide/messages.js';
import { joiningSignatories, SIGNED_FILE_FIELD, type SignAmendmentInput } from '#lib/amendments/amendment-form.js';
import { readForm } from '#lib/server/documents/actions.js';
import { uploadDocument } from '#lib/server/documents/upload.js';
import { dbRefusal, refuse } from '#lib/server/form-action.js';
import type { AmendmentRow } from './amendments.ts';

type Client = SupabaseClient<Database>;

/**
 * The file posted with the form, if any (an empty file input posts a nameless empty file). A body too large or
 * unreadable is a 413 or a 400 in words, never a 500. The form is read from a copy: superforms reads the rest.
 */
export async function postedFile(request: Request): Promise<File | null> {
	const posted = await readForm(request.clone());
	if (!posted.ok)
		error(posted.status, posted.status === 413 ? m.documents_error_too_large() : m.life_error_unreadable());
	const file = posted.data.get(SIGNED_FILE_FIELD);
	return file instanceof File && file.size > 0 ? file : null;
}

async function signedDocumentId(supabase: Client, amendment: AmendmentRow): Promise<string | null> {
	const { data } = await supabase
		.from('documents')
		.select('id')
		.eq('charter_id', amendment.charter_id)
		.eq('amendment_id', amendment.id)
		.eq('kind', 'avenant')
		.limit(1)
		.maybeSingle();
	return data?.id ?? null;
}

export async function recordSigned(
	supabase: Client,
	amendment: AmendmentRow,
	d: SignAmendmentInput,
	file: File | null
): Promise<AmendmentRow> {
	if (amendment.signed_on) refuse(409, m.life_error_already_signed({ number: amendment.number }));
	const filed = await signedDocumentId(supabase, amendment);
	if (file) {
		const upload = await uploadDocument(supabase, {
			charterId: amendment.charter_id,
			subject: { kind: 'amendment', id: amendment.id },
			kind: 'avenant',
			title: m.life_document_title({ number: amendment.number }),
			file
		});
		if (!upload.ok && !(upload.duplicate && upload.duplicate.id === filed)) {
			refuse(upload.status === 415 ? 400 : upload.status, upload.message, SIGNED_FILE_FIELD);
		}
	} else if (!filed) {
		refuse(400, m.life_error_file_required(), SIGNED_FILE_FIELD);
	}
	const { data, error: refused } = await supabase.rpc('sign_amendment', {
		p_amendment_id: amendment.id,
		p_signed_on: d.signedOn,
		p_signatories: joiningSignatories(d)
	});
	if (refused) throw dbRefusal(refused);
	return data as AmendmentRow;
}
