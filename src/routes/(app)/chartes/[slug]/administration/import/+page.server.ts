import { fail } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { PLAN_SHEETS, planPayloadSchema, previewPlan, type PlanPreview } from '#lib/server/charter-plan/index.js';
import { invitePartners, type InviteOutcome } from '#lib/server/charter-plan/invite.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { dbErrorMessage, dbErrorStatus } from '#lib/server/db-errors.js';
import {
	previewResult,
	readPayload,
	readUploads,
	type PreviewResult as Result
} from '#lib/server/spreadsheet/upload.js';
import type { Actions, PageServerLoad } from './$types';

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

export type PreviewResult = Result<PlanPreview>;

export const actions: Actions = {
	// Step 1: read the files and show what they hold and everything wrong with them; nothing is written.
	apercu: async ({ request, locals, params }) => {
		const upload = await readUploads(request);
		if (!upload.ok) return upload.failure;
		const charterId = (await loadCharter(locals, params.slug)).charter.id;
		return previewResult(upload.files, (files) => previewPlan(locals.supabase, charterId, files));
	},

	// Step 2: the checked payload, posted back, imported in one transaction by public.import_charter_plan;
	// then the representatives of the partners sheet are invited (each invitation on its own: one refused
	// address does not undo the import).
	importer: async ({ request, locals, params, url }) => {
		const posted = await readPayload(request, planPayloadSchema);
		if (!posted.ok) return posted.failure;
		const charterId = (await loadCharter(locals, params.slug)).charter.id;
		const { data: stats, error } = await locals.supabase.rpc('import_charter_plan', {
			p_charter_id: charterId,
			p_payload: posted.payload
		});
		if (error) {
			return fail(dbErrorStatus(error), {
				importError: m.admin_import_refused({ reason: dbErrorMessage(error) })
			});
		}
		const invites: InviteOutcome = await invitePartners(
			{ supabase: locals.supabase, origin: url.origin, userId: locals.user!.id },
			charterId,
			posted.payload.partners
		);
		return { imported: stats as Record<string, number>, invites };
	}
};
