/**
 * What the report reads, as the signed-in user (RLS decides what they see): the dashboard's data with every
 * action shown, and each action's contributors, latest comment and journal since the chosen date.
 */
import { error } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import type { DashboardFilters } from '#lib/domain/filters.js';
import { m } from '#lib/paraglide/messages.js';
import { loadDashboard, type DashboardData } from '../dashboard-data.js';
import type { ActionDetail } from './content.js';

export async function loadActionDetails(
	supabase: SupabaseClient<Database>,
	charterId: string,
	since: string | null
): Promise<ActionDetail[]> {
	const { data, error: err } = await supabase.rpc('report_action_details', {
		p_charter_id: charterId,
		...(since ? { p_since: since } : {})
	});
	if (err) error(503, m.report_error_unavailable());
	return (data ?? []) as ActionDetail[];
}

export async function loadReport(
	supabase: SupabaseClient<Database>,
	charterId: string,
	filters: DashboardFilters,
	since: string
): Promise<{ data: DashboardData; details: ActionDetail[] }> {
	const [data, details] = await Promise.all([
		loadDashboard(supabase, charterId, filters, { withActions: true }),
		loadActionDetails(supabase, charterId, since)
	]);
	return { data, details };
}
