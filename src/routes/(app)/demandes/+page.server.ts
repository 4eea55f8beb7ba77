import { todayIso } from '#lib/format.js';
import { loadReferred, pageNumber, requirePartner } from '#lib/server/support-referrals.js';
import type { PageServerLoad } from './$types';

/** The requests referred to the user's organizations, overdue first, a page at a time. */
export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const today = todayIso();
	const page = pageNumber(url.searchParams.get('page'));
	// The rows are asked for with the layout's memberships, not after them: RLS returns nothing to a non-partner,
	// whom requirePartner then turns away.
	const [{ memberships }, { rows, total, overdue, pages }] = await Promise.all([
		parent(),
		loadReferred(locals.supabase, today, page)
	]);
	const reps = requirePartner(memberships);
	const charters = new Map(memberships.map((ms) => [ms.charterId, ms.shortTitle ?? ms.title]));
	return {
		today,
		page,
		pages,
		total,
		overdue,
		multipleCharters: new Set(reps.map((r) => r.charterId)).size > 1,
		referrals: rows.map((r) => ({ ...r, charterTitle: charters.get(r.charter_id) ?? '—' }))
	};
};
