import { error } from '@sveltejs/kit';
import { loadCharter } from '#lib/server/charter-access.js';
import { requireMember } from '#lib/server/dashboard-data.js';
import { parseFilters } from '#lib/domain/filters.js';
import { todayIso } from '#lib/format.js';
import { loadReport } from '#lib/server/report/data.js';
import { renderReport } from '#lib/server/report/render.js';
import { parseSince } from '#lib/server/report/since.js';
import { loadMeetingReport } from '#lib/server/report/meetings-data.js';
import { loadLastSnapshot } from '#lib/server/since-meeting.js';
import { decisionRegister } from '#lib/server/report/meeting-pages.js';
import type { RequestHandler } from './$types';

/** `rapport/pdf`: the COPIL report as a PDF file (same filters as the dashboard, `depuis` the previous report, the last held meeting by default). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { charter, membership } = await loadCharter(locals, params.slug);
	requireMember(charter, membership);
	const today = todayIso();
	// The last snapshot's day starts the period; the comparison and the register load with the report.
	const last = await loadLastSnapshot(locals.supabase, charter.id);
	const since = parseSince(url.searchParams.get('depuis'), today, last?.takenOn ?? null);
	if (!since.ok) error(400, since.message);
	const [meetings, { data, details }] = await Promise.all([
		loadMeetingReport(locals.supabase, charter.id, last),
		loadReport(locals.supabase, charter.id, parseFilters(url), since.since)
	]);
	const body = await renderReport({
		charter,
		data,
		details,
		since: since.since,
		sinceMeeting: meetings.sinceMeeting,
		register: decisionRegister(meetings.decisions, data.today, meetings.sinceMeeting?.from ?? since.since)
	});
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="rapport-copil-${charter.slug}-${data.today}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
