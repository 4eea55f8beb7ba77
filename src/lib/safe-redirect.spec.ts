import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-redirect.ts';

describe('safeNext', () => {
	it('keeps same-site paths', () => {
		expect(safeNext('/chartes/abc?x=1')).toBe('/chartes/abc?x=1');
	});
	it('refuses other sites and odd values', () => {
		for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'chartes', '/a\nb', '']) {
			expect(safeNext(bad)).toBe('/');
		}
		expect(safeNext(null, '/x')).toBe('/x');
	});
	it('accepts a full URL of this site only', () => {
		expect(safeNext('http://127.0.0.1:3000/chartes', '/', 'http://127.0.0.1:3000')).toBe('/chartes');
		expect(safeNext('http://127.0.0.1:3000.evil.example/x', '/', 'http://127.0.0.1:3000')).toBe('/');
	});
});
