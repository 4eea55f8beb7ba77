import { fail } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { PLAN_SHEETS, planPayloadSchema, previewPlan, type PlanPreview } from '#lib/server/charter-plan/index.js';
import { charterIdFromSlug } from '#lib/server/charter-access.js';
import { dbErrorMessage, dbErrorStatus } from '#lib/server/db-errors.js';
import type { Actions, PageServerLoad } from './$types';

const MAX_BYTES = 10 * 1024 * 1024;

export const load: PageServerLoad = async () => ({
	sheets: PLAN_SHEETS.map((s) => ({
		name: s.name,
		title: s.title,
		description: s.description,
		columns: s.columns.map((c) => ({
			header: c.header,
			required: !!c.required,
			description: c.description,
			example: c.example ?? ''
		}))
	}))
});

export interface PreviewResult {
	preview: Omit<PlanPreview, 'payload'> & { payload: string | null; files: string[] };
}

export const actions: Actions = {
	preview: async ({ request, locals, params }) => {
		let data: FormData;
		try {
			data = await request.formData();
		} catch {
			return fail(413, { uploadError: m.admin_import_too_large({ size: '10' }) });
		}
		const files = data.getAll('fichiers').filter((f): f is File => f instanceof File && f.size > 0);
		if (files.length === 0) return fail(400, { uploadError: m.admin_import_no_file() });
		if (files.some((f) => !/\.(xlsx|csv)$/i.test(f.name))) return fail(400, { uploadError: m.admin_import_bad_type() });
		if (files.reduce((n, f) => n + f.size, 0) > MAX_BYTES)
			return fail(413, { uploadError: m.admin_import_too_large({ size: '10' }) });

		const charterId = await charterIdFromSlug(locals, params.slug);
		let preview: PlanPreview;
		try {
			preview = await previewPlan(
				locals.supabase,
				charterId,
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

	import: async ({ request, locals, params }) => {
		const data = await request.formData();
		let payload: unknown;
		try {
			payload = JSON.parse(String(data.get('payload') ?? ''));
		} catch {
			return fail(400, { importError: m.admin_import_payload_invalid() });
		}
		const parsed = planPayloadSchema.safeParse(payload);
		if (!parsed.success) return fail(400, { importError: m.admin_import_payload_invalid() });
		const charterId = await charterIdFromSlug(locals, params.slug);
		const { data: stats, error } = await locals.supabase.rpc('import_charter_plan', {
			p_charter_id: charterId,
			p_payload: parsed.data
		});
		if (error) {
			return fail(dbErrorStatus(error), {
				importError: m.admin_import_refused({ reason: dbErrorMessage(error) })
			});
		}
		return { imported: stats as Record<string, number> };
	}
};
