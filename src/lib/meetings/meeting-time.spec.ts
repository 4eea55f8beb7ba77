import { describe, expect, it } from 'vitest';
import { parisParts, parisToInstant } from './meeting-time.ts';

describe('a meeting time in Paris', () => {
	it('is one hour ahead of UTC in winter and two in summer', () => {
		expect(parisToInstant('2027-03-12', '14:00')).toBe('2027-03-12T13:00:00.000Z');
		expect(parisToInstant('2027-03-30', '14:00')).toBe('2027-03-30T12:00:00.000Z');
		expect(parisToInstant('2026-12-31', '23:30')).toBe('2026-12-31T22:30:00.000Z');
	});

	it('crosses the change of hour on the right side', () => {
		expect(parisToInstant('2027-03-28', '01:59')).toBe('2027-03-28T00:59:00.000Z');
		expect(parisToInstant('2027-03-28', '03:00')).toBe('2027-03-28T01:00:00.000Z');
		// 02:30 does not exist that night.
		expect(parisToInstant('2027-03-28', '02:30')).toBeNull();
		// 02:30 happens twice on 31/10/2027: the first, still in summer time.
		expect(parisToInstant('2027-10-31', '02:30')).toBe('2027-10-31T00:30:00.000Z');
	});

	it('refuses impossible days and times', () => {
		expect(parisToInstant('2027-02-30', '10:00')).toBeNull();
		expect(parisToInstant('2027-13-01', '10:00')).toBeNull();
		expect(parisToInstant('2027-03-12', '24:00')).toBeNull();
		expect(parisToInstant('12/03/2027', '10:00')).toBeNull();
		expect(parisToInstant('2027-03-12', '9h')).toBeNull();
	});

	it('reads an instant back as the day and time typed', () => {
		expect(parisParts('2027-03-12T13:00:00Z')).toEqual({ date: '2027-03-12', time: '14:00' });
		expect(parisParts('2027-03-30T12:00:00+00:00')).toEqual({ date: '2027-03-30', time: '14:00' });
		expect(parisParts('2027-01-01T23:30:00Z')).toEqual({ date: '2027-01-02', time: '00:30' });
	});
});
