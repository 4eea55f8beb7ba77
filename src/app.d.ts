import type { Session, SupabaseClient, User } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';

declare global {
	namespace App {
		interface Locals {
			/** Supabase client acting as the signed-in user (or anon): RLS decides what it sees. */
			supabase: SupabaseClient<Database>;
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
