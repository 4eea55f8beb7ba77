import { error } from '@sveltejs/kit';
import { todayIso } from '#lib/format.js';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';

/**
 * The elected official's home page: the interns arriving in their communes, through official_arrivals(),
 * which returns only what an official needs (first name, profession, dates, host, housing) and only for the
 * communes they cover.
 */
export const load: PageServerLoad = async ({ locals }) => {
	const [arrivals, communes] = await Promise.all([
		locals.supabase.rpc('official_arrivals'),
		locals.supabase
			.from('official_communes')
			.select('commune_code, charter_id, communes(name)')
			.eq('user_id', locals.user!.id)
			.order('commune_code')
	]);
	if (arrivals.error || communes.error) error(503, m.error_arrivals_unavailable());
	const today = todayIso();
	const rows = arrivals.data ?? [];
	return {
		today,
		communes: (communes.data ?? []).map((c) => ({
			code: c.commune_code,
			name: c.communes?.name ?? c.commune_code
		})),
		charterCount: new Set(rows.map((r) => r.charter_id)).size,
		upcoming: rows.filter((r) => r.ends_on >= today),
		past: rows.filter((r) => r.ends_on < today).reverse()
	};
};
