/**
 * Reading, downloading, changing and deleting a charter's documents, as the signed-in user: RLS shows the
 * members their charter's documents, and lets coordinators alone change and delete them (the storage policies
 * do the same for the files).
 */
import { error } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { DOCUMENTS_BUCKET, SUBJECT_COLUMNS } from '#lib/documents/files.js';
import { m } from '#lib/paraglide/messages.js';
import { dbErrorMessage, dbErrorStatus, type ErrorStatus } from '#lib/server/db-errors.js';
import {
	toDocumentView,
	type DocumentFilter,
	type DocumentKind,
	type DocumentRowWithSubject,
	type DocumentView
} from './view.js';

type Db = SupabaseClient<Database>;

const LIST_SELECT = `id, kind, title, file_name, size, mime_type, created_at, is_public,
	action_id, meeting_id, decision_id, amendment_id, indicator_value_id,
	uploader:profiles(display_name),
	action:actions(code, title),
	meeting:meetings(kind, starts_at),
	decision:decisions(code),
	amendment:charter_amendments(number),
	indicator_value:indicator_values(measured_on, indicator:indicators(id, name))`;

/** The signed URL lives this long (seconds): long enough to follow the redirect, too short to be shared. */
export const DOWNLOAD_URL_SECONDS = 60;

/**
 * The documents of a charter the user may see, newest first, with the uploader's name and what each is
 * attached to (`slug` makes the links). A database failure is a 503 in words.
 */
export async function listDocuments(
	supabase: Db,
	charterId: string,
	filter: DocumentFilter = {},
	slug = ''
): Promise<DocumentView[]> {
	let query = supabase.from('documents').select(LIST_SELECT).eq('charter_id', charterId);
	if (filter.kind) query = query.eq('kind', filter.kind);
	if (filter.indicatorValueIds) query = query.in('indicator_value_id', filter.indicatorValueIds);
	if (filter.subject === 'charter') {
		for (const column of Object.values(SUBJECT_COLUMNS)) query = query.is(column, null);
	} else if (filter.subject) {
		const column = SUBJECT_COLUMNS[filter.subject];
		query = filter.subjectId ? query.eq(column, filter.subjectId) : query.not(column, 'is', null);
	}
	const { data, error: failed } = await query.order('created_at', { ascending: false }).order('id');
	if (failed) error(503, m.docs_unavailable());
	const base = `/chartes/${slug}`;
	return (data as unknown as DocumentRowWithSubject[]).map((row) => toDocumentView(row, base));
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: ErrorStatus; message: string };

/** A short-lived signed URL of the file, named as it was filed; 404 for a document the user cannot see. */
export async function documentDownloadUrl(supabase: Db, charterId: string, id: string): Promise<Outcome<string>> {
	const { data, error: failed } = await supabase
		.from('documents')
		.select('object_path, file_name')
		.eq('id', id)
		.eq('charter_id', charterId)
		.maybeSingle();
	if (failed) return { ok: false, status: 503, message: m.docs_unavailable() };
	if (!data) return { ok: false, status: 404, message: m.docs_not_found() };
	const signed = await supabase.storage
		.from(DOCUMENTS_BUCKET)
		.createSignedUrl(data.object_path, DOWNLOAD_URL_SECONDS, { download: data.file_name });
	if (signed.error || !signed.data?.signedUrl) {
		const status = Number((signed.error as { statusCode?: string } | null)?.statusCode ?? 0);
		return status === 404 || status === 400
			? { ok: false, status: 404, message: m.docs_not_found() }
			: { ok: false, status: 503, message: m.docs_download_unavailable() };
	}
	return { ok: true, value: signed.data.signedUrl };
}

/**
 * Deletes a document: its row as the user (RLS: coordinators only; none deleted means refused, 403), then its
 * file as the user. `fileRemoved` is false when the file stayed in Storage (the row is gone all the same).
 */
export async function deleteDocument(
	supabase: Db,
	charterId: string,
	id: string
): Promise<Outcome<{ title: string; fileRemoved: boolean }>> {
	const { data, error: failed } = await supabase
		.from('documents')
		.delete()
		.eq('id', id)
		.eq('charter_id', charterId)
		.select('title, object_path');
	if (failed) return { ok: false, status: dbErrorStatus(failed), message: dbErrorMessage(failed) };
	if (!data?.length) return { ok: false, status: 403, message: m.docs_delete_forbidden() };
	const [row] = data;
	const removed = await supabase.storage.from(DOCUMENTS_BUCKET).remove([row.object_path]);
	return { ok: true, value: { title: row.title, fileRemoved: !removed.error && (removed.data?.length ?? 0) > 0 } };
}

export interface DocumentChange {
	title?: string;
	kind?: DocumentKind;
	isPublic?: boolean;
}

/** Changes a document's title, kind or publicity as the user (RLS: coordinators only; 403 otherwise). */
export async function changeDocument(
	supabase: Db,
	charterId: string,
	id: string,
	change: DocumentChange
): Promise<Outcome<{ title: string; isPublic: boolean }>> {
	const patch: Database['public']['Tables']['documents']['Update'] = {};
	if (change.title !== undefined) patch.title = change.title;
	if (change.kind !== undefined) patch.kind = change.kind;
	if (change.isPublic !== undefined) patch.is_public = change.isPublic;
	const { data, error: failed } = await supabase
		.from('documents')
		.update(patch)
		.eq('id', id)
		.eq('charter_id', charterId)
		.select('title, is_public');
	if (failed) return { ok: false, status: dbErrorStatus(failed), message: dbErrorMessage(failed) };
	if (!data?.length) return { ok: false, status: 403, message: m.docs_change_forbidden() };
	return { ok: true, value: { title: data[0].title, isPublic: data[0].is_public } };
}
