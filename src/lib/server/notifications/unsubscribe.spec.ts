import { describe, expect, it } from 'vitest';
import { UNSUBSCRIBE_TOKEN_DAYS, unsubscribeKey, unsubscribeToken, verifyUnsubscribeToken } from './unsubscribe.ts';
import { createHmac } from 'node:crypto';

const USER = '3f0c9a4e-5b1d-4c2e-9f7a-1b2c3d4e5f60';
const DAY = 86_400_000;
const SENT = new Date('2026-11-23T08:30:00Z');
const after = (ms: number) => new Date(SENT.getTime() + ms);
const key = unsubscribeKey(undefined, 'service-role-key-for-tests');

/** A token as the first version of the app signed them: person and topic, no date. */
function undatedToken(data: string): string {
	const signature = createHmac('sha256', key).update(data).digest('base64url');
	return `${Buffer.from(data).toString('base64url')}.${signature}`;
}

describe('unsubscribe tokens', () => {
	it('name a person and a kind of message, and verify with the same key only', () => {
		const token = unsubscribeToken(key, USER, 'digest_partner', SENT);
		expect(verifyUnsubscribeToken(key, token, after(1000))).toEqual({
			ok: true,
			userId: USER,
			topic: 'digest_partner',
			issuedAt: new Date('2026-11-23T08:30:00Z')
		});
		const otherSecret = unsubscribeKey('another secret', 'service-role-key-for-tests');
		expect(verifyUnsubscribeToken(otherSecret, token, after(1000))).toEqual({ ok: false, reason: 'invalid' });
		const otherServiceKey = unsubscribeKey(undefined, 'another service key');
		expect(verifyUnsubscribeToken(otherServiceKey, token, after(1000))).toEqual({ ok: false, reason: 'invalid' });
	});

	it('work for 365 days after the e-mail was sent, not a second more', () => {
		expect(UNSUBSCRIBE_TOKEN_DAYS).toBe(365);
		const token = unsubscribeToken(key, USER, 'internship_events', SENT);
		for (const ms of [0, 364 * DAY, 365 * DAY - 1000, 365 * DAY]) {
			expect(verifyUnsubscribeToken(key, token, after(ms)).ok, `${ms / DAY} days`).toBe(true);
		}
		for (const ms of [365 * DAY + 1000, 366 * DAY, 3 * 365 * DAY]) {
			expect(verifyUnsubscribeToken(key, token, after(ms)), `${ms / DAY} days`).toEqual({
				ok: false,
				reason: 'expired'
			});
		}
		// The default clock is the real one: a link of today works, one of 366 days ago has expired.
		expect(verifyUnsubscribeToken(key, unsubscribeToken(key, USER, 'internship_events')).ok).toBe(true);
		const lastYear = new Date(Date.now() - 366 * DAY);
		expect(verifyUnsubscribeToken(key, unsubscribeToken(key, USER, 'internship_events', lastYear))).toEqual({
			ok: false,
			reason: 'expired'
		});
	});

	it('refuse a token dated in the future beyond a few minutes of clock difference', () => {
		const token = unsubscribeToken(key, USER, 'digest_official', after(2 * 60_000));
		expect(verifyUnsubscribeToken(key, token, SENT).ok).toBe(true);
		const farAhead = unsubscribeToken(key, USER, 'digest_official', after(DAY));
		expect(verifyUnsubscribeToken(key, farAhead, SENT)).toEqual({ ok: false, reason: 'invalid' });
	});

	it('refuse the first, undated tokens as expired, and never mistake forged ones for them', () => {
		const undated = undatedToken(`${USER}.internship_events`);
		expect(verifyUnsubscribeToken(key, undated, SENT)).toEqual({ ok: false, reason: 'expired' });
		// Same shape, signed with another key: not ours at all.
		const [encoded] = undated.split('.');
		expect(verifyUnsubscribeToken(key, `${encoded}.${'A'.repeat(43)}`, SENT)).toEqual({
			ok: false,
			reason: 'invalid'
		});
		// Signed by us, but not a person and topic.
		expect(verifyUnsubscribeToken(key, undatedToken(`${USER}.everything`), SENT)).toEqual({
			ok: false,
			reason: 'invalid'
		});
	});

	it('refuse a token changed to another person, kind or date, or malformed', () => {
		const token = unsubscribeToken(key, USER, 'internship_events', SENT);
		const [encoded, signature] = token.split('.');
		const data = Buffer.from(encoded, 'base64url').toString();
		for (const changed of [
			data.replace('internship_events', 'digest_official'),
			data.replace(/\d+$/, String(Math.floor(Date.now() / 1000))),
			data.replace(USER, '00000000-0000-4000-8000-000000000000')
		]) {
			expect(changed).not.toBe(data);
			const forged = `${Buffer.from(changed).toString('base64url')}.${signature}`;
			expect(verifyUnsubscribeToken(key, forged, after(1000))).toEqual({ ok: false, reason: 'invalid' });
		}
		for (const bad of ['', 'abc', `${token}.x`, token.slice(0, -3), `x${token}`, 'a'.repeat(301), null, undefined]) {
			expect(verifyUnsubscribeToken(key, bad, after(1000))).toEqual({ ok: false, reason: 'invalid' });
		}
	});

	it('never use the service-role key itself as the signing key', () => {
		const serviceKey = 'service-role-key-for-tests';
		const derived = unsubscribeKey(undefined, serviceKey);
		expect(derived.length).toBe(32);
		expect(derived.equals(Buffer.from(serviceKey))).toBe(false);
		expect(derived.equals(unsubscribeKey(serviceKey, 'other'))).toBe(false);
		expect(() => unsubscribeKey(undefined, '')).toThrow();
	});
});
