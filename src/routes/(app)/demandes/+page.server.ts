import { todayIso } from '#lib/format.js';
import { loadReferred, requirePartner } from '#lib/server/support-referrals.js';
import type { PageServerLoad } from './$types';

/** The requests referred to the user's organizations, overdue first. */
export const load: PageServerLoad = async ({ locals, parent }) => {
	const { memberships } = await parent();
	const reps = requirePartner(memberships);
	const today = todayIso();
	const rows = await loadReferred(locals.supabase, today);
	const charters = new Map(memberships.map((ms) => [ms.charterId, ms.shortTitle ?? ms.title]));
	return {
		today,
		multipleCharters: new Set(reps.map((r) => r.charterId)).size > 1,
		referrals: rows.map((r) => ({ ...r, charterTitle: charters.get(r.charter_id) ?? '—' }))
	};
};
