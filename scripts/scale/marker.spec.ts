import { describe, expect, it } from 'vitest';
import { fingerprint, markerMatches, type ScaleMarker } from './marker.ts';

describe('fingerprint', () => {
	it('does not depend on the order the files are given in', () => {
		const a = { name: 'a.sql', content: 'select 1;' };
		const b = { name: 'b.sql', content: 'select 2;' };
		expect(fingerprint([a, b])).toBe(fingerprint([b, a]));
	});
	it('changes with a file content or a file name', () => {
		const base = fingerprint([{ name: 'a.sql', content: 'select 1;' }]);
		expect(fingerprint([{ name: 'a.sql', content: 'select 2;' }])).not.toBe(base);
		expect(fingerprint([{ name: 'b.sql', content: 'select 1;' }])).not.toBe(base);
	});
	it('keeps names and contents apart', () => {
		expect(fingerprint([{ name: 'ab', content: 'c' }])).not.toBe(fingerprint([{ name: 'a', content: 'bc' }]));
	});
});

describe('markerMatches', () => {
	const expected: ScaleMarker = { schema: 's1', generator: 'g1', scale: 3, salt: 'charte-2026' };
	it('accepts the same marker', () => {
		expect(markerMatches(JSON.parse(JSON.stringify(expected)), expected)).toBe(true);
	});
	it('refuses a missing or malformed marker', () => {
		expect(markerMatches(null, expected)).toBe(false);
		expect(markerMatches('x', expected)).toBe(false);
	});
	it('refuses a change of schema, generator, scale or salt', () => {
		expect(markerMatches({ ...expected, schema: 's2' }, expected)).toBe(false);
		expect(markerMatches({ ...expected, generator: 'g2' }, expected)).toBe(false);
		expect(markerMatches({ ...expected, scale: 1 }, expected)).toBe(false);
		expect(markerMatches({ ...expected, salt: 'other' }, expected)).toBe(false);
	});
});
