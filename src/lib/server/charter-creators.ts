/**
 * Creating a charter is a right a platform administrator grants (`charter_creators`, written with the service
 * role: `npm run admin:creators`). The database's insert policy on `charters` is the rule; this only tells the
 * pages whether to offer the form.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';

export async function canCreateCharters(supabase: SupabaseClient<Database>, userId: string): Promise<boolean> {
	const { data } = await supabase.from('charter_creators').select('user_id').eq('user_id', userId).maybeSingle();
	return data !== null;
}
