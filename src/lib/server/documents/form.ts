/**
 * The fields of the document forms, read from the posted FormData and checked with zod (pure, tested in
 * form.spec.ts): the upload form (file, title, kind, publicity) and the change form (title, kind, publicity).
 * The file's own checks (empty, size, type, duplicate) are uploadDocument's.
 */
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { DOCUMENT_KINDS, isDocumentKind, type DocumentKind } from './view.js';

/** The form fields' names. */
export const FIELDS = {
	key: 'documentKey',
	file: 'file',
	title: 'title',
	kind: 'kind',
	isPublic: 'isPublic',
	id: 'documentId'
} as const;

export type UploadField = 'file' | 'title' | 'kind' | 'value';

/** What an upload form answers, under `documentForm` (the page shows it next to the form with the same key). */
export interface UploadAnswer {
	key: string;
	success?: string;
	error?: string;
	field?: UploadField | null;
	/** The document that already holds the same file. */
	duplicate?: { id: string; title: string; created_at: string };
	/** What was typed, given back (the file is not: browsers do not let a page fill a file input). */
	values?: { title: string; kind: string };
}

export interface UploadFields {
	key: string;
	file: File | null;
	title: string;
	kind: DocumentKind;
	isPublic: boolean;
}

const text = (data: FormData, name: string) => {
	const value = data.get(name);
	return typeof value === 'string' ? value : '';
};

const titleSchema = z
	.string()
	.trim()
	.max(200, { error: (issue) => m.docs_title_too_long({ count: String(issue.input).trim().length }) });

/** The file's name without its extension: the title when none is typed. */
export function titleFromFileName(fileName: string): string {
	const dot = fileName.lastIndexOf('.');
	return (dot > 0 ? fileName.slice(0, dot) : fileName).trim();
}

/**
 * The upload form's fields. Partner representatives file evidence only: their kind is `piece_justificative`
 * and never public, whatever is posted (RLS refuses anything else anyway). A coordinator's form without a
 * kind field (the evidence forms) files evidence too.
 */
export function readUploadForm(
	data: FormData,
	coordinator: boolean
): { ok: true; fields: UploadFields } | { ok: false; answer: UploadAnswer } {
	const key = text(data, FIELDS.key).slice(0, 100);
	const rawTitle = text(data, FIELDS.title);
	const rawKind = text(data, FIELDS.kind);
	const values = { title: rawTitle, kind: rawKind };
	const fail = (field: UploadField, error: string) => ({ ok: false as const, answer: { key, field, error, values } });

	const file = data.get(FIELDS.file);
	const upload = file instanceof File && file.size > 0 ? file : null;
	const title = titleSchema.safeParse(rawTitle);
	if (!title.success) return fail('title', title.error.issues[0].message);
	// A form without the kind field (evidence forms) files a piece of evidence.
	let kind: DocumentKind = 'piece_justificative';
	if (coordinator && data.has(FIELDS.kind)) {
		if (!isDocumentKind(rawKind)) return fail('kind', m.docs_kind_invalid());
		kind = rawKind;
	}
	let finalTitle = title.data;
	if (!finalTitle && upload) {
		finalTitle = titleFromFileName(upload.name);
		if (finalTitle.length > 200) return fail('title', m.docs_title_from_file_too_long());
	}
	return {
		ok: true,
		fields: { key, file: upload, title: finalTitle, kind, isPublic: coordinator && data.get(FIELDS.isPublic) === 'on' }
	};
}

const changeSchema = z.object({
	id: z.uuid(),
	title: z.optional(titleSchema.min(1, { error: () => m.docs_title_hint() })),
	kind: z.optional(z.enum(DOCUMENT_KINDS as [DocumentKind, ...DocumentKind[]], { error: () => m.docs_kind_invalid() })),
	isPublic: z.optional(z.boolean())
});
export type ChangeFields = z.infer<typeof changeSchema>;

/**
 * The change form: `documentId`, and any of `title`, `kind`, `public` ("1" or "0"). Only the posted fields
 * change. The error names its field.
 */
export function readChangeForm(
	data: FormData
): { ok: true; fields: ChangeFields } | { ok: false; field: string | null; error: string } {
	const input: Record<string, unknown> = { id: text(data, FIELDS.id) };
	if (data.has(FIELDS.title)) input.title = text(data, FIELDS.title);
	if (data.has(FIELDS.kind)) input.kind = text(data, FIELDS.kind);
	if (data.has('public')) input.isPublic = text(data, 'public') === '1';
	const parsed = changeSchema.safeParse(input);
	if (parsed.success) return { ok: true, fields: parsed.data };
	const issue = parsed.error.issues[0];
	const field = String(issue.path[0] ?? '');
	return {
		ok: false,
		field: field === 'id' ? null : field,
		error: field === 'id' ? m.docs_not_found() : issue.message
	};
}
