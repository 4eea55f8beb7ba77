/**
 * The public form's defences against bots and floods, without a third-party service:
 * - a honeypot field that people never see (a bot fills it in);
 * - a signed opening time: the page carries `<milliseconds>.<HMAC>`, and a post sooner than 3 seconds after it,
 *   later than 2 hours, or with a time that is not the server's own, is refused;
 * - a limit per client address, in Postgres (5 requests every 10 minutes by default, RATE_LIMIT_SUPPORT_FORM),
 *   on top of the database's own caps per charter (private.submit_support_request).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { RateLimiter } from './rate-limit.ts';

export const MIN_FILL_MS = 3_000;
export const MAX_FILL_MS = 2 * 60 * 60_000;

export function formTokenKey(serviceRoleKey: string): Buffer {
	if (!serviceRoleKey) throw new Error('SUPABASE_SERVICE_ROLE_KEY est nécessaire au formulaire public');
	return createHmac('sha256', 'charte-partenariale:support-form').update(serviceRoleKey).digest();
}

const sign = (key: Buffer, scope: string, time: string) =>
	createHmac('sha256', key).update(`${scope}:${time}`).digest('base64url');

/** The hidden value of a form opened now, for one charter (`scope`, its id). */
export function formToken(key: Buffer, scope: string, now = Date.now()): string {
	const time = String(now);
	return `${time}.${sign(key, scope, time)}`;
}

export type TokenVerdict = 'ok' | 'too_fast' | 'expired' | 'tampered';

export function checkFormToken(key: Buffer, scope: string, token: string, now = Date.now()): TokenVerdict {
	const match = /^(\d{10,16})\.([A-Za-z0-9_-]{43})$/.exec(token);
	if (!match) return 'tampered';
	const expected = Buffer.from(sign(key, scope, match[1]));
	const given = Buffer.from(match[2]);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'tampered';
	const elapsed = now - Number(match[1]);
	if (elapsed < MIN_FILL_MS) return 'too_fast';
	if (elapsed > MAX_FILL_MS) return 'expired';
	return 'ok';
}

function limitFromEnv(): number {
	const value = Number(process.env.RATE_LIMIT_SUPPORT_FORM);
	return Number.isInteger(value) && value > 0 ? value : 5;
}

/** Requests stored through the public form, per client address: 5 every 10 minutes by default. */
export const supportFormPosts = new RateLimiter('support-form', limitFromEnv(), 10 * 60_000);
