/** The COPIL report as a PDF file: A4 portrait, DejaVu fonts, page numbers and the charter's name in the footer. */
import { formatDate } from '#lib/format.js';
import { hasFilters } from '#lib/domain/filters.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';
import type { DashboardData } from '../dashboard-data.js';
import { reportContent, type ActionDetail } from './content.js';
import { drawActions, drawCharts, drawFundings, drawIndicators } from './detail-pages.js';
import { drawChanges, drawDecisions, drawFigures, drawTitle } from './first-page.js';
import { ReportWriter } from './writer.js';
import { drawRegister, drawSinceMeeting, type RegisterEntry } from './meeting-pages.js';
import type { SinceMeeting } from '#lib/meetings/since.js';

export interface ReportCharter {
	title: string;
	short_title: string | null;
	territory_label: string | null;
}

export async function renderReport(input: {
	charter: ReportCharter;
	data: DashboardData;
	details: ActionDetail[];
	since: string;
	/** What changed since the last held meeting: the first page, when a meeting has been held. */
	sinceMeeting?: (SinceMeeting & { meeting: string }) | null;
	/** The register of decisions (omitted: no section). */
	register?: { open: RegisterEntry[]; done: RegisterEntry[] } | null;
}): Promise<Buffer> {
	const { charter, data, since } = input;
	const content = reportContent(data, input.details, since);
	const today = formatDate(data.today);
	const w = new ReportWriter({
		title: m.report_file_title({ date: today, charter: charter.title }),
		author: m.app_name(),
		lang: getLocale() === 'en' ? 'en-GB' : 'fr-FR'
	});
	drawTitle(w, {
		title: charter.title,
		territory: charter.territory_label,
		today: data.today,
		since,
		filtered: hasFilters(data.filters)
	});
	if (input.sinceMeeting) {
		drawSinceMeeting(w, input.sinceMeeting);
		w.newPage();
	}
	drawFigures(w, data.summary);
	drawChanges(w, content);
	drawDecisions(w, content, data.summary.stale_after_days);
	if (input.register) drawRegister(w, input.register);
	drawActions(w, content, data.objectives);
	drawCharts(w, data);
	drawIndicators(w, data);
	drawFundings(w, data);
	const name = charter.short_title ?? charter.title;
	return w.finish((page, pages) => ({
		left: m.report_footer({ charter: name, date: today }),
		right: m.report_page({ page, pages })
	}));
}
