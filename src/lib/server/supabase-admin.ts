import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { PUBLIC_SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY } from '$app/env/private';
import type { Database } from '#lib/database.types.js';

let admin: SupabaseClient<Database> | undefined;

/**
 * The service-role client bypasses row-level security. Only the few server jobs that need it use it
 * (sending notifications, inviting users, the retention job); pages act as the signed-in user.
 */
export function supabaseAdmin(): SupabaseClient<Database> {
	admin ??= createClient<Database>(PUBLIC_SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
	});
	return admin;
}
