import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { boardTotals, loadCampaignBoard } from '#lib/server/campaign-status.js';
import { todayIso } from '#lib/format.js';
import type { PageServerLoad } from './$types';

// The campaign's board: the coordination and the steering committee follow who updated (others: a polite word).
export const load: PageServerLoad = async ({ locals, parent }) => {
	const { meeting, membership } = await parent();
	const allowed = membership?.role === 'coordinator' || membership?.role === 'steering';
	if (!allowed || !meeting.updates_due_on) return { allowed, rows: [], totals: boardTotals([]), today: todayIso() };
	const rows = await loadCampaignBoard(locals.supabase, meeting.id);
	if (!rows) error(503, m.campaign_board_title());
	return { allowed, rows, totals: boardTotals(rows), today: todayIso() };
};
