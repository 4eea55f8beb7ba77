import { describe, expect, it } from 'vitest';
import { formatDate, formatEuros, formatNumber, formatPercent, todayIso } from './format.ts';

// Intl separates thousands with a narrow no-break space and puts a no-break space before € and %.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('French formats', () => {
	it('writes dates as day/month/year', () => {
		expect(formatDate('2026-11-22')).toBe('22/11/2026');
		expect(formatDate('2024-09-25T23:30:00Z')).toBe('26/09/2024'); // already the 26th in Paris
		expect(formatDate(null)).toBe('—');
	});
	it('writes amounts in euros with spaces between thousands', () => {
		expect(plain(formatEuros(600000))).toBe('600 000 €');
		expect(plain(formatEuros('4800.5'))).toBe('4 800,50 €');
		expect(formatEuros(null)).toBe('—');
	});
	it('writes percentages and numbers', () => {
		expect(plain(formatPercent(45))).toBe('45 %');
		expect(plain(formatNumber(13000))).toBe('13 000');
		expect(formatNumber('abc')).toBe('—');
	});
	it('knows what day it is in Paris', () => {
		expect(todayIso(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23');
	});
});
