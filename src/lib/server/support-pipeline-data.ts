/**
 * The installation pipeline of a charter's dashboard: one call to public.support_pipeline as the signed-in
 * member (supabase/migrations/20261123400200_installation_pipeline.sql decides what each role reads).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { todayIso } from '#lib/format.js';
import type { PipelineDocument } from '#lib/support-pipeline.js';

/**
 * The pipeline, or null when the section cannot be shown: the rest of the dashboard does not depend on it, so a
 * failure leaves the section out (and is logged) instead of failing the page.
 */
export async function loadSupportPipeline(
	supabase: SupabaseClient<Database>,
	charterId: string,
	today = todayIso()
): Promise<PipelineDocument | null> {
	const { data, error } = await supabase.rpc('support_pipeline', { p_charter_id: charterId, p_today: today });
	if (error) {
		console.error(`support_pipeline ${charterId}: ${error.code} ${error.message}`);
		return null;
	}
	return (data as unknown as PipelineDocument | null) ?? null;
}
