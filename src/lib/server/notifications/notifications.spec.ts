import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config.ts';
import { digestsDue } from './jobs.ts';

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
			supportRetentionMonths: 24,
			jobs: true,
			siteUrl: 'http://127.0.0.1:3000'
		});
		expect(configFromEnv({ ...env, SITE_URL: 'https://charte.example.org/' }).siteUrl).toBe(
			'https://charte.example.org'
		);
		expect(() => configFromEnv({ ...env, RETENTION_MONTHS: '0' })).toThrow(/RETENTION_MONTHS/);
		expect(configFromEnv({ ...env, SUPPORT_RETENTION_MONTHS: '36' }).supportRetentionMonths).toBe(36);
		expect(() => configFromEnv({ ...env, SUPPORT_RETENTION_MONTHS: '121' })).toThrow(/SUPPORT_RETENTION_MONTHS/);
		expect(() => configFromEnv({ ...env, NOTIFICATION_JOBS: 'maybe' })).toThrow(/NOTIFICATION_JOBS/);
		expect(() => configFromEnv({})).toThrow(/PUBLIC_SUPABASE_URL/);
	});
});
