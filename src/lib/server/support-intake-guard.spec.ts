import { describe, expect, it } from 'vitest';
import { checkFormToken, formToken, formTokenKey, MAX_FILL_MS } from './support-intake-guard.ts';

const key = formTokenKey('a-service-role-key-for-the-tests');
const charter = '0d0ffa03-5f7e-46fe-b3db-99671a4c58dd';
const opened = 1_796_000_000_000;

describe("the public form's opening time", () => {
	const token = formToken(key, charter, opened);

	it('accepts a form sent between 3 seconds and 2 hours after it opened', () => {
		expect(checkFormToken(key, charter, token, opened + 3_000)).toBe('ok');
		expect(checkFormToken(key, charter, token, opened + MAX_FILL_MS)).toBe('ok');
	});

	it('refuses one sent too soon or too late', () => {
		expect(checkFormToken(key, charter, token, opened + 2_999)).toBe('too_fast');
		expect(checkFormToken(key, charter, token, opened + MAX_FILL_MS + 1)).toBe('expired');
	});

	it('refuses a time changed by the client, a token of another charter or key, and garbage', () => {
		const [, mac] = token.split('.');
		expect(checkFormToken(key, charter, `${opened - 60_000}.${mac}`, opened + 5_000)).toBe('tampered');
		expect(checkFormToken(key, 'another-charter', token, opened + 5_000)).toBe('tampered');
		expect(checkFormToken(formTokenKey('another-key-of-twenty-chars'), charter, token, opened + 5_000)).toBe(
			'tampered'
		);
		for (const bad of ['', 'x', `${opened}`, `${opened}.`, `${opened}.${'A'.repeat(43)}`])
			expect(checkFormToken(key, charter, bad, opened + 5_000)).toBe('tampered');
	});
});
