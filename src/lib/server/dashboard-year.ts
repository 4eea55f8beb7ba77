/**
 * The dashboard of a past year, loaded only when the address asks for one (`?annee=2025`): one call to
 * public.dashboard_year, as the signed-in member (RLS decides), beside today's dashboard.
 */
import { error } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { parseYear, YEAR_PARAM, type DashboardYear } from '#lib/dashboard-year.js';
import { m } from '#lib/paraglide/messages.js';

/** The year asked by the address (null: none); a year that is not one is a 400 with its message. */
export function requestedYear(url: URL): number | null {
	const year = parseYear(url.searchParams.get(YEAR_PARAM));
	if (year === 'invalid') error(400, m.year_error());
	return year;
}

export async function loadDashboardYear(
	supabase: SupabaseClient<Database>,
	charterId: string,
	year: number
): Promise<DashboardYear> {
	const { data, error: err } = await supabase.rpc('dashboard_year', { p_charter_id: charterId, p_year: year });
	if (err || !data) error(503, m.error_dashboard_unavailable());
	const d = data as unknown as DashboardYear;
	const num = (v: number | string | null) => (v === null ? null : Number(v));
	return {
		...d,
		indicators: d.indicators.map((i) => ({
			...i,
			baseline: num(i.baseline),
			final_target: num(i.final_target),
			year_target: num(i.year_target),
			target: num(i.target),
			value: num(i.value)
		}))
	};
}
