import { describe, expect, it } from 'vitest';
import { isCalendarDay, isPlausible, monthsAfter } from './dates.ts';

describe('dates', () => {
	it('tells a calendar day from one that does not exist', () => {
		expect(isCalendarDay('2026-06-30')).toBe(true);
		expect(isCalendarDay('2028-02-29')).toBe(true);
		for (const bad of ['2026-06-31', '2027-02-29', '2026-13-01', '2026-00-10', '26-06-01', '2026-6-1'])
			expect(isCalendarDay(bad), bad).toBe(false);
	});

	it('finds years typed on three digits implausible', () => {
		expect(isPlausible('0202-05-02')).toBe(false);
		expect(isPlausible('2101-01-01')).toBe(false);
		expect(isPlausible('2026-11-02')).toBe(true);
	});

	it('adds months, keeping to the last day of a shorter month', () => {
		expect(monthsAfter('2026-11-02', 12)).toBe('2027-11-02');
		expect(monthsAfter('2026-01-31', 1)).toBe('2026-02-28');
		expect(monthsAfter('', 12)).toBe('');
		expect(monthsAfter('2026-06-31', 12)).toBe('');
	});
});
