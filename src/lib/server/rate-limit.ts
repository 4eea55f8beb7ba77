/**
 * Fixed-window counters kept in memory, per server process. Enough to slow down password guessing and
 * runaway scripts on one Node server; behind several servers, the reverse proxy's limits take over.
 */
export class RateLimiter {
	private readonly hits = new Map<string, { count: number; resetAt: number }>();
	private lastSweep = 0;

	constructor(
		private readonly limit: number,
		private readonly windowMs: number
	) {}

	/** Counts one hit for `key`; `allowed` is false once the limit is passed within the window. */
	hit(key: string, now = Date.now()): { allowed: boolean; retryAfterSeconds: number } {
		this.sweep(now);
		let entry = this.hits.get(key);
		if (!entry || entry.resetAt <= now) {
			entry = { count: 0, resetAt: now + this.windowMs };
			this.hits.set(key, entry);
		}
		entry.count++;
		return { allowed: entry.count <= this.limit, retryAfterSeconds: Math.ceil((entry.resetAt - now) / 1000) };
	}

	/** True when `key` is over the limit, without counting a hit. */
	blocked(key: string, now = Date.now()): boolean {
		const entry = this.hits.get(key);
		return Boolean(entry && entry.resetAt > now && entry.count >= this.limit);
	}

	reset(key: string): void {
		this.hits.delete(key);
	}

	private sweep(now: number): void {
		if (now - this.lastSweep < this.windowMs) return;
		this.lastSweep = now;
		for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key);
	}
}

function intFromEnv(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Failed password sign-ins per address and client: 10 in 15 minutes, then wait. */
export const signInFailures = new RateLimiter(intFromEnv('RATE_LIMIT_SIGNIN_FAILURES', 10), 15 * 60_000);

/** Form posts: per signed-in user (120 a minute) or, before sign-in, per client address (60 a minute). */
export const userPosts = new RateLimiter(intFromEnv('RATE_LIMIT_USER_POSTS', 120), 60_000);
export const anonymousPosts = new RateLimiter(intFromEnv('RATE_LIMIT_ANON_POSTS', 60), 60_000);
