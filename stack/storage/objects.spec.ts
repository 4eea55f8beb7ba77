import { describe, expect, it } from 'vitest';
import { StorageError } from './errors.ts';
import { parseRange } from './objects.ts';

describe('parseRange', () => {
	it('reads one range of bytes within the object', () => {
		expect(parseRange('bytes=0-3', 10)).toEqual({ start: 0, end: 3 });
		expect(parseRange('bytes=4-', 10)).toEqual({ start: 4, end: 9 });
		expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
		expect(parseRange('bytes=5-99', 10)).toEqual({ start: 5, end: 9 });
		expect(parseRange('bytes=-99', 10)).toEqual({ start: 0, end: 9 });
	});
	it('serves the whole object without a range, or for several ranges or another unit', () => {
		expect(parseRange(undefined, 10)).toBeNull();
		expect(parseRange('bytes=0-1,4-5', 10)).toBeNull();
		expect(parseRange('items=0-1', 10)).toBeNull();
	});
	it('refuses a range outside the object (InvalidRange)', () => {
		for (const header of ['bytes=10-', 'bytes=5-2', 'bytes=-', 'bytes=0-0']) {
			const size = header === 'bytes=0-0' ? 0 : 10;
			expect(() => parseRange(header, size)).toThrow(StorageError);
		}
	});
});
