import { filterQuery, parseFilters } from '#lib/domain/filters.js';
import { todayIso } from '#lib/format.js';
import { requireMember } from '#lib/server/dashboard-data.js';
import { reportContent } from '#lib/server/report/content.js';
import { loadReport } from '#lib/server/report/data.js';
import { parseSince, shiftIso, DEFAULT_PERIOD_DAYS } from '#lib/server/report/since.js';
import { changeLines, valueOn } from '#lib/server/report/words.js';
import { loadLastSnapshot, sinceSnapshot } from '#lib/server/since-meeting.js';
import type { PageServerLoad } from './$types';

/**
 * The COPIL report on screen, the preview of its PDF: the dashboard's data with every action, what changed
 * since the previous report (`depuis`: the last held meeting by default, else 90 days back) and each action's latest comment.
 */
export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const { charter, membership } = await parent();
	requireMember(charter, membership);
	const filters = parseFilters(url);
	const today = todayIso();
	const raw = url.searchParams.get('depuis') ?? '';
	// What changed since the last held meeting, whose day is the default start of the report.
	const last = await loadLastSnapshot(locals.supabase, charter.id);
	const since = parseSince(raw, today, last?.takenOn ?? null);
	const [{ data: dashboard, details }, sinceMeeting] = await Promise.all([
		loadReport(locals.supabase, charter.id, filters, since.since),
		last ? sinceSnapshot(locals.supabase, charter.id, last) : null
	]);
	const content = reportContent(dashboard, details, since.since);
	// The PDF link keeps the filters, and the date when one was chosen (and valid).
	const pdfParams = new URLSearchParams(filterQuery(filters));
	if (raw && since.ok) pdfParams.set('depuis', since.since);
	const pdfQuery = pdfParams.toString();
	return {
		dashboard,
		objectives: content.objectives,
		changes: changeLines(content),
		indicatorChanges: content.indicatorChanges.map((i) => ({
			name: i.name,
			values: i.values.map((v) => valueOn(v.value, i.unit, v.on)).join(' ; ')
		})),
		since: since.since,
		sinceField: {
			value: raw,
			error: since.ok ? null : since.message,
			default: last?.takenOn ?? shiftIso(today, -DEFAULT_PERIOD_DAYS)
		},
		// "depuis le COPIL du 12/03/2027" when the date is the last held meeting's.
		sinceMeeting: sinceMeeting && since.since === sinceMeeting.from ? sinceMeeting.meeting : null,
		sinceLastMeeting: sinceMeeting,
		query: filterQuery(filters),
		pdfHref: `/chartes/${charter.slug}/rapport/pdf${pdfQuery ? `?${pdfQuery}` : ''}`
	};
};
