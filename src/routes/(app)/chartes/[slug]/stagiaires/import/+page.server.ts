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
import { loadCharter } from '#lib/server/charter-access.js';
import { requireRegisterAccess } from '#lib/server/internships.js';
import {
	previewResult,
	readPayload,
	readUploads,
	type PreviewResult as Result
} from '#lib/server/spreadsheet/upload.js';
import type { Actions, PageServerLoad } from './$types';

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

export type PreviewResult = Result<ImportPreview>;

export const actions: Actions = {
	// Step 1: read the file and show what it holds and everything wrong with it; nothing is written.
	apercu: async ({ request, locals, params }) => {
		const { charter, membership } = await loadCharter(locals, params.slug);
		const member = requireRegisterAccess(membership);
		const upload = await readUploads(request);
		if (!upload.ok) return upload.failure;
		return previewResult(upload.files, (files) => previewInternships(locals.supabase, charter.id, member, files));
	},

	// Step 2: the checked rows, posted back, inserted in one transaction (RLS decides, the officials are told).
	importer: async ({ request, locals, params }) => {
		const { charter, membership } = await loadCharter(locals, params.slug);
		requireRegisterAccess(membership);
		const posted = await readPayload(request, importPayloadSchema);
		if (!posted.ok) return posted.failure;
		if (posted.payload.length === 0) return { imported: 0 };
		const result = await importInternships(locals.supabase, charter.id, locals.user!.id, posted.payload);
		if (!result.ok) {
			const error = { code: result.code ?? undefined, message: result.message };
			return fail(dbErrorStatus(error), { importError: m.admin_import_refused({ reason: dbErrorMessage(error) }) });
		}
		return { imported: result.count };
	}
};
