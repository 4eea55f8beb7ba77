import { fail } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { dbErrorMessage, dbErrorStatus } from '#lib/server/db-errors.js';
import {
	importInternships,
	importPayloadSchema,
	INTERNSHIP_SHEET,
	previewInternships,
	type ImportPreview
} from '#lib/server/internship-import/index.js';
import { charterContext, requireRegisterAccess } from '#lib/server/internships.js';
import type { Actions, PageServerLoad } from './$types';

const MAX_BYTES = 10 * 1024 * 1024;

export const load: PageServerLoad = async ({ parent }) => {
	const { membership } = await parent();
	requireRegisterAccess(membership);
	return {
		columns: INTERNSHIP_SHEET.columns.map((c) => ({
			header: c.header,
			required: !!c.required,
			description: c.description,
			example: c.example ?? ''
		}))
	};
};

export interface PreviewResult {
	preview: Omit<ImportPreview, 'payload'> & { payload: string | null; files: string[] };
}

export const actions: Actions = {
	// Step 1: read the file and show what it holds and everything wrong with it; nothing is written.
	apercu: async ({ request, locals, params }) => {
		const { charter, membership } = await charterContext(locals, params.slug);
		const member = requireRegisterAccess(membership);
		let data: FormData;
		try {
			data = await request.formData();
		} catch {
			return fail(413, { uploadError: m.admin_import_too_large({ size: '10' }) });
		}
		const files = data.getAll('fichier').filter((f): f is File => f instanceof File && f.size > 0);
		if (files.length === 0) return fail(400, { uploadError: m.admin_import_no_file() });
		if (files.some((f) => !/\.(xlsx|csv)$/i.test(f.name))) return fail(400, { uploadError: m.admin_import_bad_type() });
		if (files.reduce((n, f) => n + f.size, 0) > MAX_BYTES)
			return fail(413, { uploadError: m.admin_import_too_large({ size: '10' }) });
		let preview: ImportPreview;
		try {
			preview = await previewInternships(
				locals.supabase,
				charter.id,
				member,
				await Promise.all(files.map(async (f) => ({ name: f.name, data: new Uint8Array(await f.arrayBuffer()) })))
			);
		} catch {
			return fail(503, { uploadError: m.admin_error_unavailable() });
		}
		const result: PreviewResult = {
			preview: {
				...preview,
				payload: preview.payload ? JSON.stringify(preview.payload) : null,
				files: files.map((f) => f.name)
			}
		};
		return preview.payload ? result : fail(422, result);
	},

	// Step 2: the checked rows, posted back, inserted in one transaction (RLS decides, the officials are told).
	importer: async ({ request, locals, params }) => {
		const { charter, membership } = await charterContext(locals, params.slug);
		requireRegisterAccess(membership);
		const data = await request.formData();
		let payload: unknown;
		try {
			payload = JSON.parse(String(data.get('payload') ?? ''));
		} catch {
			return fail(400, { importError: m.admin_import_payload_invalid() });
		}
		const parsed = importPayloadSchema.safeParse(payload);
		if (!parsed.success) return fail(400, { importError: m.admin_import_payload_invalid() });
		if (parsed.data.length === 0) return { imported: 0 };
		const result = await importInternships(locals.supabase, charter.id, locals.user!.id, parsed.data);
		if (!result.ok) {
			const error = { code: result.code ?? undefined, message: result.message };
			return fail(dbErrorStatus(error), { importError: m.admin_import_refused({ reason: dbErrorMessage(error) }) });
		}
		return { imported: result.count };
	}
};
