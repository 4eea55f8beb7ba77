import { createClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import type { Database } from '#lib/database.types.js';
import { RateLimiter } from './rate-limit.ts';

// The counting itself is in Postgres: tests/scale-out/rate-limits.test.ts (two instances, windows, privileges).
describe('RateLimiter', () => {
	it('stores the limit name and a hash of the key, never the key', () => {
		const limiter = new RateLimiter('signin', 10, 15 * 60_000);
		const stored = limiter.storedKey('203.0.113.5|anne@example.org');
		expect(stored).toMatch(/^signin:[A-Za-z0-9_-]{43}$/);
		expect(stored).not.toContain('example.org');
		expect(limiter.storedKey('203.0.113.5|anne@example.org')).toBe(stored);
		expect(limiter.storedKey('203.0.113.5|bob@example.org')).not.toBe(stored);
		expect(new RateLimiter('posts-user', 10, 60_000).storedKey('203.0.113.5|anne@example.org')).not.toBe(stored);
	});
	it('lets requests through when the database cannot be reached', async () => {
		// Port 9 (discard) on loopback: nothing answers, the call fails at once.
		const unreachable = createClient<Database>('http://127.0.0.1:9', 'x'.repeat(40), {
			auth: { persistSession: false, autoRefreshToken: false }
		});
		const limiter = new RateLimiter('t', 1, 60_000, () => unreachable);
		const errors: unknown[] = [];
		const original = console.error;
		console.error = (...args: unknown[]) => void errors.push(args);
		try {
			expect(await limiter.hit('k')).toEqual({ allowed: true, retryAfterSeconds: 0 });
			expect(await limiter.blocked('k')).toBe(false);
		} finally {
			console.error = original;
		}
		expect(errors.length).toBe(2);
	});
});
