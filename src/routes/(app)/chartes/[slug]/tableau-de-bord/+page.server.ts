import { redirect } from '@sveltejs/kit';
import { filterQuery, parseFilters, typedCommune } from '#lib/domain/filters.js';
import { communeFromText } from './commune-text.ts';
import { loadDashboard, requireMember } from '#lib/server/dashboard-data.js';
import { publicationAction } from '#lib/server/publication-action.js';
import { loadPilotCoverage } from '#lib/server/pilot-coverage.js';
import { loadCampaignStatus } from '#lib/server/campaign-status.js';
import { loadSupportPipeline } from '#lib/server/support-pipeline-data.js';
import { loadSinceMeeting } from '#lib/server/since-meeting.js';
import { hasRequests } from '#lib/support-pipeline.js';
import { largestMoves } from '#lib/meetings/since.js';
import { pipelineView } from '#lib/support-pipeline-view.js';
import { yearChoices } from '#lib/dashboard-year.js';
import { dashboardView } from '#lib/dashboard-view.js';
import { todayIso } from '#lib/format.js';
import { loadDashboardYear, requestedYear } from '#lib/server/dashboard-year.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const { charter, membership } = await parent();
	requireMember(charter, membership);
	const filters = parseFilters(url);
	const coordinator = membership?.role === 'coordinator';
	// A past year (`?annee=2025`) is one more call, made only when asked.
	const year = requestedYear(url);
	const [dashboard, coverage, pipeline, campaign, sinceMeeting, pastYear] = await Promise.all([
		loadDashboard(locals.supabase, charter.id, filters),
		// The coordination sees which pilots have nobody to update their actions.
		coordinator ? loadPilotCoverage(locals.supabase, charter.id) : null,
		loadSupportPipeline(locals.supabase, charter.id),
		loadCampaignStatus(locals.supabase, charter.id),
		loadSinceMeeting(locals.supabase, charter.id),
		year === null ? null : loadDashboardYear(locals.supabase, charter.id, year)
	]);
	// A commune typed by name (the text field of a charter with many communes): one match filters on its code.
	const typed = typedCommune(url);
	const match = typed === null ? null : communeFromText(dashboard.options.communes, typed);
	if (match?.code) {
		const next = new URL(url);
		next.searchParams.set('commune', match.code);
		redirect(303, next.pathname + next.search);
	}
	return {
		// Only what the components read: the hydration data is part of the page's weight.
		dashboard: dashboardView(dashboard),
		// What was typed and matched no commune, or several, with the message the field shows.
		communeTyped: typed !== null && match?.error ? { text: typed, error: match.error } : null,
		campaign,
		// The largest moves of progress only (the report lists them all).
		sinceMeeting: sinceMeeting && largestMoves(sinceMeeting),
		year,
		pastYear,
		years: yearChoices(charter, todayIso()),
		uncoveredPilots: coverage?.uncovered ?? [],
		// The installation pipeline, as strings: the browser gets no labels nor rules for it.
		pipeline: hasRequests(pipeline) ? pipelineView(pipeline) : null,
		query: filterQuery(filters),
		canPublish: membership?.role === 'coordinator'
	};
};

export const actions: Actions = { publication: publicationAction };
