import { describe, expect, it } from 'vitest';
import { monthTicks } from './builders.js';

const at = (iso: string) => new Date(`${iso}T12:00:00Z`).getTime();
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

describe('monthTicks', () => {
	it('puts a tick on the first day of every month of the span', () => {
		expect(monthTicks(at('2026-01-01'), at('2026-04-15'), 6).map(iso)).toEqual([
			'2026-01-01',
			'2026-02-01',
			'2026-03-01',
			'2026-04-01'
		]);
	});

	it('starts at the next month when the span starts after the first day', () => {
		expect(monthTicks(at('2026-01-10'), at('2026-03-01'), 6).map(iso)).toEqual(['2026-02-01', '2026-03-01']);
	});

	it('keeps every nth month so that at most `limit` remain, across years', () => {
		const ticks = monthTicks(at('2021-12-01'), at('2026-11-01'), 6).map(iso);
		expect(ticks.length).toBeLessThanOrEqual(6);
		expect(ticks[0]).toBe('2021-12-01');
		expect(ticks.every((d) => d.endsWith('-01'))).toBe(true);
	});

	it('gives nothing for a span inside one month', () => {
		expect(monthTicks(at('2026-05-03'), at('2026-05-20'), 5)).toEqual([]);
	});
});
