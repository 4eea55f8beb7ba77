import { error } from '@sveltejs/kit';
import { isUuid } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { drawFrozenReport, frozenReportFileName, loadSnapshot } from '#lib/server/documents/frozen-draw.js';
import { loadStoredReport } from '#lib/server/documents/frozen-report.js';
import type { RequestHandler } from './$types';

/**
 * `reunions/[id]/rapport.pdf`: the COPIL report as it was presented at a held meeting. The file filed in the
 * meeting's documents when it was held, as it is; for a meeting held before reports were filed, drawn again
 * from its snapshot alone (never from today's data).
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { charter, membership } = await loadCharter(locals, params.slug);
	if (!membership || !isUuid(params.id)) error(404, m.meeting_not_found());
	const snapshot = await loadSnapshot(locals.supabase, charter.id, params.id).catch(() =>
		error(503, m.mplan_error_unavailable())
	);
	if (!snapshot) error(404, m.minutes_not_held());
	const stored = snapshot.report_path ? await loadStoredReport(locals.supabase, snapshot.report_path) : null;
	const body = stored ?? new Uint8Array(await drawFrozenReport(locals.supabase, charter, snapshot));
	return new Response(body as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${frozenReportFileName(charter.slug, snapshot.taken_on)}"`,
			'cache-control': 'private, no-store'
		}
	});
};
