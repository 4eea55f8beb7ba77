import { filterQuery, parseFilters } from '#lib/domain/filters.js';
import { todayIso } from '#lib/format.js';
import { requireMember } from '#lib/server/dashboard-data.js';
import { reportContent } from '#lib/server/report/content.js';
import { loadReport } from '#lib/server/report/data.js';
import { parseSince, shiftIso, DEFAULT_PERIOD_DAYS } from '#lib/server/report/since.js';
import { changeLines, valueOn } from '#lib/server/report/words.js';
import type { PageServerLoad } from './$types';

/**
 * The COPIL report on screen, the preview of its PDF: the dashboard's data with every action, what changed
 * since the previous report (`depuis`, 90 days back by default) and each action's latest comment.
 */
export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const { charter, membership } = await parent();
	requireMember(charter, membership);
	const filters = parseFilters(url);
	const today = todayIso();
	const raw = url.searchParams.get('depuis') ?? '';
	const since = parseSince(raw, today);
	const { data: dashboard, details } = await loadReport(locals.supabase, charter.id, filters, since.since);
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
		sinceField: { value: raw, error: since.ok ? null : since.message, default: shiftIso(today, -DEFAULT_PERIOD_DAYS) },
		query: filterQuery(filters),
		pdfHref: `/chartes/${charter.slug}/rapport/pdf${pdfQuery ? `?${pdfQuery}` : ''}`
	};
};
