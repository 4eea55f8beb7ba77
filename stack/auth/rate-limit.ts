/**
 * In-memory rate limits of the auth emulator (config.rateLimits). They reset when the stack restarts,
 * which is what a local stack wants.
 */
import type { StackConfig } from '../config.ts';
import { ApiError } from './http.ts';

/** Timestamps of events per key, within a sliding window. */
class SlidingWindow {
	private readonly events = new Map<string, number[]>();
	private readonly windowMs: number;

	constructor(windowSeconds: number) {
		this.windowMs = windowSeconds * 1000;
	}

	private recent(key: string, now: number): number[] {
		const list = (this.events.get(key) ?? []).filter((t) => now - t < this.windowMs);
		if (list.length) this.events.set(key, list);
		else this.events.delete(key);
		return list;
	}

	count(key: string, now = Date.now()): number {
		return this.recent(key, now).length;
	}

	last(key: string, now = Date.now()): number | undefined {
		return this.recent(key, now).at(-1);
	}

	add(key: string, now = Date.now()): void {
		const list = this.recent(key, now);
		list.push(now);
		this.events.set(key, list);
		// Keeps memory bounded when many distinct keys come and go.
		if (this.events.size > 10000) for (const k of [...this.events.keys()]) this.recent(k, now);
	}

	clear(key: string): void {
		this.events.delete(key);
	}
}

const requestRateLimit = () => new ApiError(429, 'over_request_rate_limit', 'Request rate limit reached');

export class RateLimits {
	private readonly limits: StackConfig['rateLimits'];
	private readonly passwordFailures: SlidingWindow;
	private readonly tokenRequests: SlidingWindow;
	private readonly emails: SlidingWindow;
	/** Last e-mail per address, kept beyond the window when the minimum interval is longer. */
	private readonly lastEmail = new Map<string, number>();

	constructor(limits: StackConfig['rateLimits']) {
		this.limits = limits;
		this.passwordFailures = new SlidingWindow(limits.windowSeconds);
		this.tokenRequests = new SlidingWindow(limits.windowSeconds);
		this.emails = new SlidingWindow(limits.windowSeconds);
	}

	/** Every `/token` request counts, per client IP. */
	tokenRequest(ip: string): void {
		if (this.tokenRequests.count(ip) >= this.limits.tokenRequests) throw requestRateLimit();
		this.tokenRequests.add(ip);
	}

	/** Refuses before the password is even checked once the failures of this e-mail and IP reached the limit. */
	checkPasswordFailures(email: string, ip: string): void {
		if (this.passwordFailures.count(`${email}|${ip}`) >= this.limits.passwordFailures) throw requestRateLimit();
	}

	passwordFailed(email: string, ip: string): void {
		this.passwordFailures.add(`${email}|${ip}`);
	}

	passwordSucceeded(email: string, ip: string): void {
		this.passwordFailures.clear(`${email}|${ip}`);
	}

	/** Before sending: GoTrue's SMTP_MAX_FREQUENCY message, then the per-address quota. */
	checkEmail(address: string): void {
		const key = address.toLowerCase();
		const now = Date.now();
		const last = this.lastEmail.get(key);
		const interval = this.limits.emailMinInterval * 1000;
		if (last !== undefined && interval > 0 && now - last < interval) {
			const left = Math.max(1, Math.ceil((last + interval - now) / 1000));
			throw new ApiError(
				429,
				'over_email_send_rate_limit',
				`For security purposes, you can only request this after ${left} seconds.`
			);
		}
		if (this.emails.count(key, now) >= this.limits.emailsPerAddress) {
			throw new ApiError(429, 'over_email_send_rate_limit', 'Email rate limit exceeded');
		}
	}

	emailSent(address: string): void {
		const key = address.toLowerCase();
		const now = Date.now();
		this.emails.add(key, now);
		this.lastEmail.set(key, now);
		if (this.lastEmail.size > 10000) {
			const horizon = now - Math.max(this.limits.emailMinInterval, this.limits.windowSeconds) * 1000;
			for (const [k, t] of this.lastEmail) if (t < horizon) this.lastEmail.delete(k);
		}
	}
}
