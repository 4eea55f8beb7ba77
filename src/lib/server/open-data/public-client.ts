/**
 * A client with the public's rights (the anon key, no session), for the open data: what it reads is what
 * anyone may read, even when the visitor is a signed-in coordinator.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { PUBLIC_SUPABASE_ANON_KEY, PUBLIC_SUPABASE_URL } from '$app/env/private';
import type { Database } from '#lib/database.types.js';

let client: SupabaseClient<Database> | undefined;

export function publicClient(): SupabaseClient<Database> {
	client ??= createClient<Database>(PUBLIC_SUPABASE_URL, PUBLIC_SUPABASE_ANON_KEY, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
	});
	return client;
}
