/**
 * The two steps of a spreadsheet import, shared by the plan import (administration/import) and the interns'
 * lists (stagiaires/import), whose forms post to the same actions: `?/apercu` sends the file(s) in the field
 * `fichiers` and gets the preview; `?/importer` posts back the checked payload in the field `payload`.
 */
import { fail, type ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import type { Problem, UploadedFile } from './types.js';

/** The form field of the files, and the one of the payload posted back. */
export const UPLOAD_FIELD = 'fichiers';
export const PAYLOAD_FIELD = 'payload';
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const MAX_MEGABYTES = String(MAX_UPLOAD_BYTES / 1024 / 1024);

export type UploadFailure = ActionFailure<{ uploadError: string }>;
export type ImportFailure = ActionFailure<{ importError: string }>;

/** What a preview of either import holds: the sheets read, the problems, the payload when nothing is wrong. */
export interface Preview {
	sheets: unknown[];
	problems: Problem[];
	payload: unknown;
}

/** A preview as the page receives it: the payload as JSON for the confirmation form, and the files' names. */
export interface PreviewResult<P extends Preview> {
	preview: Omit<P, 'payload'> & { payload: string | null; files: string[] };
}

/**
 * The uploaded XLSX or CSV files of the form (empty file inputs left out), or the failure to show: no file, a
 * type other than XLSX or CSV, more than 10 MB in all (a body too large for the server fails the same way).
 */
export async function readUploads(
	request: Request
): Promise<{ ok: true; files: UploadedFile[] } | { ok: false; failure: UploadFailure }> {
	const failure = (status: number, uploadError: string) => ({
		ok: false as const,
		failure: fail(status, { uploadError })
	});
	let data: FormData;
	try {
		data = await request.formData();
	} catch {
		return failure(413, m.admin_import_too_large({ size: MAX_MEGABYTES }));
	}
	const files = data.getAll(UPLOAD_FIELD).filter((f): f is File => f instanceof File && f.size > 0);
	if (files.length === 0) return failure(400, m.admin_import_no_file());
	if (files.some((f) => !/\.(xlsx|csv)$/i.test(f.name))) return failure(400, m.admin_import_bad_type());
	if (files.reduce((n, f) => n + f.size, 0) > MAX_UPLOAD_BYTES)
		return failure(413, m.admin_import_too_large({ size: MAX_MEGABYTES }));
	return {
		ok: true,
		files: await Promise.all(files.map(async (f) => ({ name: f.name, data: new Uint8Array(await f.arrayBuffer()) })))
	};
}

/**
 * Runs the preview of the uploaded files and answers the page: the preview (a 422 when it lists errors), or a
 * 503 when the database could not be read.
 */
export async function previewResult<P extends Preview>(
	files: UploadedFile[],
	preview: (files: UploadedFile[]) => Promise<P>
): Promise<PreviewResult<P> | ActionFailure<PreviewResult<P>> | UploadFailure> {
	let outcome: P;
	try {
		outcome = await preview(files);
	} catch {
		return fail(503, { uploadError: m.admin_error_unavailable() });
	}
	const result: PreviewResult<P> = {
		preview: {
			...outcome,
			payload: outcome.payload ? JSON.stringify(outcome.payload) : null,
			files: files.map((f) => f.name)
		}
	};
	return outcome.payload ? result : fail(422, result);
}

/** The payload posted back by the confirmation form, checked again against its schema. */
export async function readPayload<S extends z.ZodType>(
	request: Request,
	schema: S
): Promise<{ ok: true; payload: z.infer<S> } | { ok: false; failure: ImportFailure }> {
	const data = await request.formData();
	const invalid = { ok: false as const, failure: fail(400, { importError: m.admin_import_payload_invalid() }) };
	let payload: unknown;
	try {
		payload = JSON.parse(String(data.get(PAYLOAD_FIELD) ?? ''));
	} catch {
		return invalid;
	}
	const parsed = schema.safeParse(payload);
	return parsed.success ? { ok: true, payload: parsed.data } : invalid;
}
