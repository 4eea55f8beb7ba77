/**
 * The form actions of "documents here", one line per page:
 *
 *   export const actions = { ...documentActions(({ event }) => ({ kind: 'action', id: event.params.id! })) };
 *
 * gives the page `?/uploadDocument` (document-upload.svelte posts it, with or without JavaScript),
 * `?/deleteDocument` (asks first, then deletes: coordinators only) and `?/changeDocument` (title, kind,
 * publicity: coordinators only). The subject decides where the file goes; the database decides who may (RLS on
 * documents and storage.objects). Every refusal is a 4xx with its message next to the field or above the list.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { MAX_DOCUMENT_BYTES, type DocumentSubject } from '#lib/documents/files.js';
import { isUuid } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';
import { loadCharter, type CharterAccess } from '#lib/server/charter-access.js';
import type { ConfirmRequest, Notice } from '#lib/server/row-actions.js';
import { uploadDocument } from './upload.js';
import { changeDocument, deleteDocument } from './list.js';
import { FIELDS, readChangeForm, readUploadForm, type UploadAnswer, type UploadField } from './form.js';

/** What a page's subject resolver answers: the subject, a refusal on a field, or null (not here). */
export type SubjectAnswer = DocumentSubject | { field: UploadField; error: string } | null;

export interface SubjectContext {
	event: RequestEvent;
	data: FormData;
	access: CharterAccess;
}

export type SubjectResolver = (ctx: SubjectContext) => SubjectAnswer | Promise<SubjectAnswer>;

/** The form fields beside the file, at most: a body over this is refused before it is read. */
const FORM_OVERHEAD = 1024 * 1024;

/** What the list shows above itself after a delete or a change (under `documentNotice`). */
const notice = (kind: Notice['kind'], text: string) => ({ documentNotice: { kind, text } satisfies Notice });
const refusal = (status: number, text: string) => fail(status, notice('error', text));
const uploadRefusal = (status: number, answer: UploadAnswer) => fail(status, { documentForm: answer });

/**
 * The posted form of a page that takes a document, or the refusal to answer: too large (413, from its
 * content-length, before it is read) or unreadable (400).
 */
export async function readForm(
	request: Request
): Promise<{ ok: true; data: FormData } | { ok: false; status: 400 | 413 }> {
	if (Number(request.headers.get('content-length') ?? 0) > MAX_DOCUMENT_BYTES + FORM_OVERHEAD)
		return { ok: false, status: 413 };
	try {
		return { ok: true, data: await request.formData() };
	} catch (thrown) {
		const status = (thrown as { status?: number; cause?: { status?: number } } | null) ?? {};
		return { ok: false, status: status.status === 413 || status.cause?.status === 413 ? 413 : 400 };
	}
}

export function documentActions(subjectOf: SubjectResolver) {
	return {
		uploadDocument: async (event: RequestEvent) => {
			const posted = await readForm(event.request);
			if (!posted.ok) {
				const error = posted.status === 413 ? m.documents_error_too_large() : m.docs_form_unreadable();
				return uploadRefusal(posted.status, { key: '', field: 'file', error });
			}
			const access = await loadCharter(event.locals, event.params.slug ?? '');
			const coordinator = access.membership?.role === 'coordinator';
			const read = readUploadForm(posted.data, coordinator);
			if (!read.ok) return uploadRefusal(400, read.answer);
			const { key, file, title, kind, isPublic } = read.fields;
			const values = { title: String(posted.data.get(FIELDS.title) ?? ''), kind };
			if (!access.membership)
				return uploadRefusal(403, { key, field: 'file', error: m.documents_error_forbidden(), values });
			const subject = await subjectOf({ event, data: posted.data, access });
			if (!subject) return uploadRefusal(400, { key, field: 'file', error: m.docs_subject_invalid(), values });
			if ('error' in subject) return uploadRefusal(400, { key, ...subject, values });
			if (!file) return uploadRefusal(400, { key, field: 'file', error: m.documents_error_empty(), values });

			const result = await uploadDocument(event.locals.supabase, {
				charterId: access.charter.id,
				subject,
				kind,
				title,
				file,
				isPublic
			});
			if (!result.ok) {
				return uploadRefusal(result.status, {
					key,
					field: 'file',
					error: result.message,
					duplicate: result.duplicate,
					values
				});
			}
			return {
				documentForm: { key, success: m.docs_uploaded({ title: result.document.title }) } satisfies UploadAnswer
			};
		},

		deleteDocument: async (event: RequestEvent) => {
			const posted = await readForm(event.request);
			if (!posted.ok) return refusal(400, m.docs_not_found());
			const id = String(posted.data.get(FIELDS.id) ?? '');
			if (!isUuid(id)) return refusal(404, m.docs_not_found());
			const { charter, membership } = await loadCharter(event.locals, event.params.slug ?? '');
			if (posted.data.get('confirm') !== '1') {
				const { data: doc } = await event.locals.supabase
					.from('documents')
					.select('title')
					.eq('id', id)
					.eq('charter_id', charter.id)
					.maybeSingle();
				if (!doc) return refusal(404, m.docs_not_found());
				if (membership?.role !== 'coordinator') return refusal(403, m.docs_delete_forbidden());
				return {
					documentConfirm: {
						action: '?/deleteDocument',
						fields: { [FIELDS.id]: id },
						title: m.docs_delete_confirm_title(),
						text: m.docs_delete_confirm_text({ title: doc.title }),
						confirmLabel: m.docs_delete(),
						danger: true
					} satisfies ConfirmRequest
				};
			}
			// The database decides (RLS: coordinators only), whatever the page showed.
			const result = await deleteDocument(event.locals.supabase, charter.id, id);
			if (!result.ok) return refusal(result.status, result.message);
			const { title, fileRemoved } = result.value;
			return notice('success', fileRemoved ? m.docs_deleted({ title }) : m.docs_deleted_file_kept({ title }));
		},

		changeDocument: async (event: RequestEvent) => {
			const posted = await readForm(event.request);
			if (!posted.ok) return refusal(400, m.docs_not_found());
			const read = readChangeForm(posted.data);
			if (!read.ok) return refusal(read.field ? 400 : 404, read.error);
			const { charter } = await loadCharter(event.locals, event.params.slug ?? '');
			const { id, ...change } = read.fields;
			const result = await changeDocument(event.locals.supabase, charter.id, id, change);
			if (!result.ok) return refusal(result.status, result.message);
			const { title, isPublic } = result.value;
			if (change.title === undefined && change.kind === undefined && change.isPublic !== undefined)
				return notice('success', isPublic ? m.docs_published({ title }) : m.docs_unpublished({ title }));
			return notice('success', m.docs_changed({ title }));
		}
	};
}

/** The subject of a page about one thing of the charter (an action, a meeting) taken from its URL. */
export const subjectFromParam =
	(kind: 'action' | 'meeting' | 'decision' | 'amendment') =>
	({ event }: SubjectContext): SubjectAnswer => {
		const id = event.params.id;
		return isUuid(id) ? { kind, id: id.toLowerCase() } : null;
	};
