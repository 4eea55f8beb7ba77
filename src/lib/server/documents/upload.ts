/**
 * Filing a document: the file goes to Storage as the signed-in user (the policies on storage.objects decide
 * where they may write), then its row to `documents` (the policies on documents decide what they may file).
 * The same file twice in a charter is recognised by its sha256 before anything is sent. A row that cannot be
 * written leaves no file behind: the object is removed with the service role, the only use of it here.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Enums, Tables } from '#lib/database.types.js';
import {
	DOCUMENTS_BUCKET,
	MAX_DOCUMENT_BYTES,
	contentMatchesType,
	documentMimeType,
	documentObjectPath,
	subjectColumns,
	type DocumentSubject
} from '#lib/documents/files.js';
import { formatDate } from '#lib/format.js';
import { m } from '#lib/paraglide/messages.js';
import { dbErrorMessage } from '#lib/server/db-errors.js';
import { supabaseAdmin } from '#lib/server/supabase-admin.js';

export type DocumentRow = Tables<'documents'>;

export interface DocumentUpload {
	charterId: string;
	subject: DocumentSubject;
	kind: Enums<'document_kind'>;
	title: string;
	file: File;
	isPublic?: boolean;
}

export type UploadResult =
	| { ok: true; document: DocumentRow }
	| {
			ok: false;
			status: 400 | 403 | 409 | 413 | 415 | 503;
			message: string;
			duplicate?: Pick<DocumentRow, 'id' | 'title' | 'created_at'>;
	  };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What a Storage error means for the person uploading. */
export function storageErrorResult(error: {
	message: string;
	statusCode?: string | number;
	status?: number;
}): UploadResult {
	const status = Number(error.statusCode ?? error.status ?? 0);
	if (status === 413) return { ok: false, status: 413, message: m.documents_error_too_large() };
	if (status === 415) return { ok: false, status: 415, message: m.documents_error_type() };
	if (status === 403 || /row-level security/i.test(error.message)) {
		return { ok: false, status: 403, message: m.documents_error_forbidden() };
	}
	return { ok: false, status: 503, message: m.documents_error_storage() };
}

/** The document of this charter holding the same bytes, if any. */
export async function findDuplicate(
	supabase: SupabaseClient<Database>,
	charterId: string,
	hash: string
): Promise<Pick<DocumentRow, 'id' | 'title' | 'created_at'> | null> {
	const { data } = await supabase
		.from('documents')
		.select('id, title, created_at')
		.eq('charter_id', charterId)
		.eq('sha256', hash)
		.maybeSingle();
	return data;
}

export async function uploadDocument(
	supabase: SupabaseClient<Database>,
	upload: DocumentUpload
): Promise<UploadResult> {
	const { file, charterId } = upload;
	if (!file || file.size === 0) return { ok: false, status: 400, message: m.documents_error_empty() };
	if (file.size > MAX_DOCUMENT_BYTES) return { ok: false, status: 413, message: m.documents_error_too_large() };
	const mimeType = documentMimeType(file.name, file.type);
	if (!mimeType) return { ok: false, status: 415, message: m.documents_error_type() };

	const bytes = new Uint8Array(await file.arrayBuffer());
	if (!contentMatchesType(mimeType, bytes)) return { ok: false, status: 415, message: m.documents_error_content() };
	const hash = sha256(bytes);
	const duplicate = await findDuplicate(supabase, charterId, hash);
	if (duplicate) {
		return {
			ok: false,
			status: 409,
			message: m.documents_error_duplicate({ title: duplicate.title, date: formatDate(duplicate.created_at) }),
			duplicate
		};
	}

	const path = documentObjectPath(charterId, upload.subject, file.name, randomUUID());
	const stored = await supabase.storage
		.from(DOCUMENTS_BUCKET)
		.upload(path, bytes, { contentType: mimeType, upsert: false, cacheControl: '3600' });
	if (stored.error) return storageErrorResult(stored.error as { message: string; statusCode?: string });

	const { data, error } = await supabase
		.from('documents')
		.insert({
			charter_id: charterId,
			kind: upload.kind,
			title: upload.title.trim(),
			object_path: path,
			file_name: file.name,
			size: file.size,
			mime_type: mimeType,
			sha256: hash,
			is_public: upload.isPublic ?? false,
			...subjectColumns(upload.subject)
		})
		.select()
		.single();
	if (error || !data) {
		await supabaseAdmin().storage.from(DOCUMENTS_BUCKET).remove([path]);
		const raced = error?.code === '23505' ? await findDuplicate(supabase, charterId, hash) : null;
		if (raced) {
			return {
				ok: false,
				status: 409,
				message: m.documents_error_duplicate({ title: raced.title, date: formatDate(raced.created_at) }),
				duplicate: raced
			};
		}
		const status = error?.code === '42501' || error?.code === 'PT403' ? 403 : 400;
		return { ok: false, status, message: error ? dbErrorMessage(error) : m.documents_error_storage() };
	}
	return { ok: true, document: data };
}
