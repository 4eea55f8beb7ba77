/**
 * One-click unsubscribe links: the token names a person, a kind of message and the time the e-mail was sent,
 * signed with HMAC-SHA256, so that the link works without signing in, cannot be forged for someone else, and
 * stops working a year later (an old, forwarded or leaked e-mail does not act for its reader forever). The key
 * is UNSUBSCRIBE_SECRET, or one derived from the service-role key (never the key itself).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
// Relative paths: Node runs this file as it is (npm run worker).
import { Constants } from '../../database.types.ts';
import { UUID } from '../../domain/patterns.ts';

export const NOTIFICATION_TOPICS = Constants.public.Enums.notification_topic;
export type NotificationTopic = (typeof NOTIFICATION_TOPICS)[number];

export function isTopic(value: unknown): value is NotificationTopic {
	return typeof value === 'string' && (NOTIFICATION_TOPICS as readonly string[]).includes(value);
}

export function unsubscribeKey(secret: string | undefined, serviceRoleKey: string): Buffer {
	if (secret) return createHmac('sha256', 'charte-partenariale:unsubscribe').update(secret).digest();
	if (!serviceRoleKey) throw new Error('UNSUBSCRIBE_SECRET ou SUPABASE_SERVICE_ROLE_KEY est nécessaire');
	return createHmac('sha256', 'charte-partenariale:unsubscribe:service-role').update(serviceRoleKey).digest();
}

/** A link works for a year after the e-mail was sent; the preferences page works at any time. */
export const UNSUBSCRIBE_TOKEN_DAYS = 365;
const DAY_MS = 86_400_000;
/** Senders' clocks may be a little ahead of the web server's. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Version of the signed data; the first tokens (person and topic only, no date) are refused. */
const VERSION = 'u2';

function sign(key: Buffer, data: string): string {
	return createHmac('sha256', key).update(data).digest('base64url');
}

/** The token of a link sent at `issuedAt`: the person, the kind of message and the time, signed together. */
export function unsubscribeToken(
	key: Buffer,
	userId: string,
	topic: NotificationTopic,
	issuedAt: Date = new Date()
): string {
	const data = `${VERSION}.${userId.toLowerCase()}.${topic}.${Math.floor(issuedAt.getTime() / 1000)}`;
	return `${Buffer.from(data).toString('base64url')}.${sign(key, data)}`;
}

export type UnsubscribeCheck =
	{ ok: true; userId: string; topic: NotificationTopic; issuedAt: Date } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * What a token is worth at `now`: the person and topic of a valid token; `expired` for a genuine token older
 * than UNSUBSCRIBE_TOKEN_DAYS, or one of the first tokens, which carried no date; `invalid` for anything else
 * (malformed, signed with another key, changed, dated in the future).
 */
export function verifyUnsubscribeToken(
	key: Buffer,
	token: string | null | undefined,
	now: Date = new Date()
): UnsubscribeCheck {
	const invalid = { ok: false, reason: 'invalid' } as const;
	if (!token || token.length > 300) return invalid;
	const [encoded, signature, extra] = token.split('.');
	if (!encoded || !signature || extra !== undefined) return invalid;
	const data = Buffer.from(encoded, 'base64url').toString('utf8');
	const expected = Buffer.from(sign(key, data));
	const given = Buffer.from(signature);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return invalid;
	const parts = data.split('.');
	if (parts.length === 2 && UUID.test(parts[0]) && isTopic(parts[1])) return { ok: false, reason: 'expired' };
	const [version, userId, topic, seconds] = parts;
	if (parts.length !== 4 || version !== VERSION || !UUID.test(userId) || !isTopic(topic)) return invalid;
	if (!/^\d{1,12}$/.test(seconds)) return invalid;
	const issuedAt = new Date(Number(seconds) * 1000);
	const age = now.getTime() - issuedAt.getTime();
	if (age < -CLOCK_SKEW_MS) return invalid;
	if (age > UNSUBSCRIBE_TOKEN_DAYS * DAY_MS) return { ok: false, reason: 'expired' };
	return { ok: true, userId, topic, issuedAt };
}
