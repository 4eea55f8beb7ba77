import type { Session, SupabaseClient, User } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';

declare global {
	namespace App {
		interface Locals {
			/** Supabase client acting as the signed-in user (or anon): RLS decides what it sees. */
			supabase: SupabaseClient<Database>;
			/**
			 * The same user's client for reads that tolerate a read replica's lag (SUPABASE_READ_URL); without
			 * a replica, `supabase` itself. Never for a read that follows this request's own write.
			 */
			supabaseRead: SupabaseClient<Database>;
			/** Validated once per request in hooks.server.ts (getUser against the auth server). */
			session: Session | null;
			user: User | null;
			locale: 'fr' | 'en';
		}
		interface Error {
			message: string;
		}
		namespace Superforms {
			/** The confirmation or error shown under a form, in words. */
			type Message = { kind: 'success' | 'error'; text: string };
		}
	}
}

export {};
