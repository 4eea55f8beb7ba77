import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config.ts';
import { digestsDue } from './jobs.ts';
import { renderMail } from './render.ts';
import { unsubscribeKey, unsubscribeToken, verifyUnsubscribeToken } from './unsubscribe.ts';

const USER = '3f0c9a4e-5b1d-4c2e-9f7a-1b2c3d4e5f60';

describe('unsubscribe tokens', () => {
	const key = unsubscribeKey(undefined, 'service-role-key-for-tests');

	it('name a person and a kind of message, and verify with the same key only', () => {
		const token = unsubscribeToken(key, USER, 'digest_partner');
		expect(verifyUnsubscribeToken(key, token)).toEqual({ userId: USER, topic: 'digest_partner' });
		expect(verifyUnsubscribeToken(unsubscribeKey('another secret', 'service-role-key-for-tests'), token)).toBeNull();
		expect(verifyUnsubscribeToken(unsubscribeKey(undefined, 'another service key'), token)).toBeNull();
	});

	it('refuse a token changed to another person or kind, or malformed', () => {
		const token = unsubscribeToken(key, USER, 'internship_events');
		const [, signature] = token.split('.');
		const forged = `${Buffer.from(`${USER}.digest_official`).toString('base64url')}.${signature}`;
		expect(verifyUnsubscribeToken(key, forged)).toBeNull();
		for (const bad of ['', 'abc', `${token}.x`, token.slice(0, -3), `x${token}`, null, undefined]) {
			expect(verifyUnsubscribeToken(key, bad)).toBeNull();
		}
		const unknownTopic = `${Buffer.from(`${USER}.everything`).toString('base64url')}`;
		expect(verifyUnsubscribeToken(key, `${unknownTopic}.${signature}`)).toBeNull();
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

describe('rendering an outbox row', () => {
	const row = {
		id: '11111111-2222-4333-8444-555555555555',
		recipient_email: 'maire@example.org',
		recipient_user_id: USER,
		topic: 'internship_events',
		subject: 'Arrivée d’un·e stagiaire à Bellac le 04/01/2027',
		body_text: 'Bonjour,\n\nLigne <b>1</b>\n\nListe :\n- un\n- deux',
		body_html: null,
		payload: { link_path: '/ma-commune' }
	};
	const options = {
		siteUrl: 'https://charte.example.org',
		mailFrom: 'Chartes <notifications@charte.example.org>',
		unsubscribeKey: unsubscribeKey('s', 'k')
	};

	it('adds the link to the app, the one-click unsubscribe link and its headers', () => {
		const mail = renderMail(row, options);
		expect(mail.messageId).toBe(`<${row.id}@charte.example.org>`);
		expect(mail.text).toContain('Voir sur le tableau de bord : https://charte.example.org/ma-commune');
		const link = mail.text.match(/https:\/\/charte\.example\.org\/desabonnement\?t=(\S+)/);
		expect(verifyUnsubscribeToken(options.unsubscribeKey, link![1])).toEqual({
			userId: USER,
			topic: 'internship_events'
		});
		expect(mail.headers['List-Unsubscribe']).toBe(`<${link![0]}>`);
		expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
		expect(mail.html).toContain('<html lang="fr">');
		expect(mail.html).toContain('Ligne &lt;b&gt;1&lt;/b&gt;');
		expect(mail.html).toContain('<p>Liste :</p><ul><li>un</li><li>deux</li></ul>');
	});

	it('has no unsubscribe link without a person or kind, and keeps links inside the app', () => {
		const mail = renderMail({ ...row, topic: null, payload: { link_path: '//evil.example/x' } }, options);
		expect(mail.headers['List-Unsubscribe']).toBeUndefined();
		expect(mail.text).toContain('Voir sur le tableau de bord : https://charte.example.org/\n');
	});
});

describe('schedule and settings', () => {
	it('sends the week’s digests from Monday 07:00, Paris time', () => {
		expect(digestsDue(new Date('2026-11-23T05:59:00Z'))).toBe(false); // Monday 06:59 in Paris
		expect(digestsDue(new Date('2026-11-23T06:00:00Z'))).toBe(true); // Monday 07:00
		expect(digestsDue(new Date('2026-11-22T22:00:00Z'))).toBe(true); // Sunday 23:00
	});

	it('reads the environment with defaults and refuses wrong values', () => {
		const env = { PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54321', SUPABASE_SERVICE_ROLE_KEY: 'key' };
		expect(configFromEnv(env)).toMatchObject({
			smtpUrl: null,
			concurrency: 5,
			maxAttempts: 8,
			retentionMonths: 12,
			jobs: true,
			siteUrl: 'http://127.0.0.1:3000'
		});
		expect(configFromEnv({ ...env, SITE_URL: 'https://charte.example.org/' }).siteUrl).toBe(
			'https://charte.example.org'
		);
		expect(() => configFromEnv({ ...env, RETENTION_MONTHS: '0' })).toThrow(/RETENTION_MONTHS/);
		expect(() => configFromEnv({ ...env, NOTIFICATION_JOBS: 'maybe' })).toThrow(/NOTIFICATION_JOBS/);
		expect(() => configFromEnv({})).toThrow(/PUBLIC_SUPABASE_URL/);
	});
});
