import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.ts';

describe('RateLimiter', () => {
	it('allows the limit, refuses the next hit, and forgets after the window', () => {
		const limiter = new RateLimiter(3, 1000);
		const t = 1_000_000;
		expect([1, 2, 3].map(() => limiter.hit('a', t).allowed)).toEqual([true, true, true]);
		const fourth = limiter.hit('a', t + 100);
		expect(fourth.allowed).toBe(false);
		expect(fourth.retryAfterSeconds).toBe(1);
		expect(limiter.blocked('a', t + 200)).toBe(true);
		expect(limiter.hit('b', t + 200).allowed).toBe(true);
		expect(limiter.hit('a', t + 1001).allowed).toBe(true);
	});
	it('reset clears a key', () => {
		const limiter = new RateLimiter(1, 60_000);
		limiter.hit('k');
		expect(limiter.blocked('k')).toBe(true);
		limiter.reset('k');
		expect(limiter.blocked('k')).toBe(false);
	});
});
