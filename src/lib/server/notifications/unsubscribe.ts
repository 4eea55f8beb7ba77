/**
 * One-click unsubscribe links: the token names a person and a kind of message, signed with HMAC-SHA256, so
 * that the link works without signing in and cannot be forged for someone else. The key is UNSUBSCRIBE_SECRET,
 * or one derived from the service-role key (never the key itself).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const NOTIFICATION_TOPICS = [
	'internship_events',
	'internship_reminder',
	'digest_official',
	'digest_steering',
	'digest_partner'
] as const;
export type NotificationTopic = (typeof NOTIFICATION_TOPICS)[number];

export function isTopic(value: unknown): value is NotificationTopic {
	return typeof value === 'string' && (NOTIFICATION_TOPICS as readonly string[]).includes(value);
}

export function unsubscribeKey(secret: string | undefined, serviceRoleKey: string): Buffer {
	if (secret) return createHmac('sha256', 'charte-partenariale:unsubscribe').update(secret).digest();
	if (!serviceRoleKey) throw new Error('UNSUBSCRIBE_SECRET ou SUPABASE_SERVICE_ROLE_KEY est nécessaire');
	return createHmac('sha256', 'charte-partenariale:unsubscribe:service-role').update(serviceRoleKey).digest();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function sign(key: Buffer, data: string): string {
	return createHmac('sha256', key).update(data).digest('base64url');
}

export function unsubscribeToken(key: Buffer, userId: string, topic: NotificationTopic): string {
	const data = `${userId.toLowerCase()}.${topic}`;
	return `${Buffer.from(data).toString('base64url')}.${sign(key, data)}`;
}

/** The person and topic of a valid token, or null (malformed, or signed with another key). */
export function verifyUnsubscribeToken(
	key: Buffer,
	token: string | null | undefined
): { userId: string; topic: NotificationTopic } | null {
	if (!token || token.length > 300) return null;
	const [encoded, signature, extra] = token.split('.');
	if (!encoded || !signature || extra !== undefined) return null;
	const data = Buffer.from(encoded, 'base64url').toString('utf8');
	const expected = Buffer.from(sign(key, data));
	const given = Buffer.from(signature);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
	const [userId, topic] = data.split('.');
	if (!UUID.test(userId ?? '') || !isTopic(topic)) return null;
	return { userId, topic };
}
