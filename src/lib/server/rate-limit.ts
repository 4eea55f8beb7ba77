/**
 * Fixed-window rate limits kept in Postgres (`public.rate_limit_windows`, migration …700000), so that every app
 * instance behind a load balancer counts the same hits and a restart forgets nothing. One round trip per check,
 * through the server-only service-role client. Keys are hashed before they leave the process: the table holds
 * no address or e-mail in clear.
 *
 * If the database cannot be reached the limiter lets the request through (and says so on the console): the
 * request itself needs the database and fails on its own, and the auth server keeps its own sign-in limits.
 */
import { createHash } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';

export type Verdict = { allowed: boolean; retryAfterSeconds: number };
type Client = SupabaseClient<Database>;

/** The service-role client, imported when first used: pure modules importing a limiter need no environment. */
const adminClient = async (): Promise<Client> => (await import('./supabase-admin.ts')).supabaseAdmin();

export class RateLimiter {
	private readonly windowSeconds: number;

	/**
	 * `name` separates the limits in the shared table; `client` is the service-role client (a test passes its
	 * own, to stand for another instance).
	 */
	constructor(
		private readonly name: string,
		private readonly limit: number,
		windowMs: number,
		private readonly client: () => Client | Promise<Client> = adminClient
	) {
		this.windowSeconds = Math.max(1, Math.round(windowMs / 1000));
	}

	/** The key as stored: the limit's name and a sha256 of what it counts. */
	storedKey(key: string): string {
		return `${this.name}:${createHash('sha256').update(key).digest('base64url')}`;
	}

	/** Counts one hit for `key`; `allowed` is false once the limit is passed within the window. */
	async hit(key: string): Promise<Verdict> {
		const { data, error } = await (
			await this.client()
		)
			.rpc('rate_limit_hit', { p_key: this.storedKey(key), p_window_seconds: this.windowSeconds })
			.single();
		if (error || !data) {
			console.error(`rate limit ${this.name}: ${error?.message ?? 'no answer'}`);
			return { allowed: true, retryAfterSeconds: 0 };
		}
		return { allowed: data.hits <= this.limit, retryAfterSeconds: data.retry_after_seconds };
	}

	/** True when `key` is over the limit, without counting a hit. */
	async blocked(key: string): Promise<boolean> {
		const { data, error } = await (
			await this.client()
		).rpc('rate_limit_count', {
			p_key: this.storedKey(key),
			p_window_seconds: this.windowSeconds
		});
		if (error) console.error(`rate limit ${this.name}: ${error.message}`);
		return (data ?? 0) >= this.limit;
	}

	async reset(key: string): Promise<void> {
		const { error } = await (await this.client()).rpc('rate_limit_reset', { p_key: this.storedKey(key) });
		if (error) console.error(`rate limit ${this.name}: ${error.message}`);
	}
}

export function intFromEnv(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Failed password sign-ins per address and client: 10 in 15 minutes, then wait. */
export const signInFailures = new RateLimiter('signin', intFromEnv('RATE_LIMIT_SIGNIN_FAILURES', 10), 15 * 60_000);

/** Form posts: per signed-in user (120 a minute) or, before sign-in, per client address (60 a minute). */
export const userPosts = new RateLimiter('posts-user', intFromEnv('RATE_LIMIT_USER_POSTS', 120), 60_000);
export const anonymousPosts = new RateLimiter('posts-anon', intFromEnv('RATE_LIMIT_ANON_POSTS', 60), 60_000);
