/**
 * The per-request client for reads that may come from a read replica (`locals.supabaseRead`). With
 * `SUPABASE_READ_URL` set (a Supabase read replica's own API endpoint), it is a second supabase-js client on that
 * URL carrying the same user's JWT as `locals.supabase`, so RLS decides there as on the primary. Unset, it is
 * `locals.supabase` itself.
 *
 * Only for reads that tolerate a replica's lag (dashboards, the cross-charter view, exports, public pages, open
 * data): never a read that follows the request's own write (docs/architecture.md, "A national deployment").
 * It holds no session of its own and never refreshes one: the hooks validated the session before making it.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';

export type ReadClientOptions = {
	/** The replica's API URL; undefined or empty: reads go to the primary client. */
	readUrl: string | undefined;
	anonKey: string;
	/** The validated session's access token, or null for an anonymous visitor. */
	accessToken: string | null;
	fetch?: typeof fetch;
};

export function readClient(
	primary: SupabaseClient<Database>,
	{ readUrl, anonKey, accessToken, fetch: fetchFn }: ReadClientOptions
): SupabaseClient<Database> {
	if (!readUrl) return primary;
	return createClient<Database>(readUrl, anonKey, {
		global: {
			...(fetchFn ? { fetch: fetchFn } : {}),
			headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {}
		},
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
	});
}
