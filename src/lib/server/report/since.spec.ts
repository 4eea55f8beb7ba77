import { describe, expect, it } from 'vitest';
import { parseSince, shiftIso } from './since.ts';

const TODAY = '2026-12-01';

describe('the date of the previous report', () => {
	it('defaults to 90 days back, across months and years', () => {
		expect(parseSince(null, TODAY)).toEqual({ ok: true, since: '2026-09-02', chosen: false });
		expect(parseSince('  ', TODAY).since).toBe('2026-09-02');
		expect(shiftIso('2026-01-15', -90)).toBe('2025-10-17');
	});

	it('reads a date field and a date typed the French way', () => {
		expect(parseSince('2026-06-30', TODAY)).toEqual({ ok: true, since: '2026-06-30', chosen: true });
		expect(parseSince('30/06/2026', TODAY)).toEqual({ ok: true, since: '2026-06-30', chosen: true });
		expect(parseSince('1/7/2026', TODAY).since).toBe('2026-07-01');
		expect(parseSince(TODAY, TODAY).ok).toBe(true);
	});

	it('refuses with its reason a day that does not exist, a future day, a day before 2000, and gibberish', () => {
		const missing = parseSince('31/06/2026', TODAY);
		expect(missing).toMatchObject({ ok: false, message: "Cette date n'existe pas." });
		expect(parseSince('2026-02-29', TODAY).ok).toBe(false);
		expect(parseSince('2024-02-29', TODAY).ok).toBe(true);
		expect(parseSince('2026-12-02', TODAY)).toMatchObject({ ok: false, message: expect.stringContaining('passée') });
		expect(parseSince('1999-12-31', TODAY)).toMatchObject({ ok: false, message: expect.stringContaining('2000') });
		expect(parseSince('hier', TODAY)).toMatchObject({ ok: false, message: expect.stringContaining('22/09/2026') });
		// A refused date never silently becomes another one: the caller gets the default with the message.
		expect(missing.since).toBe('2026-09-02');
	});
});

describe('the default date after a meeting', () => {
	it('is the day of the last held meeting, unless a date is chosen', () => {
		expect(parseSince('', TODAY, '2026-10-15')).toEqual({ ok: true, since: '2026-10-15', chosen: false });
		expect(parseSince('2026-09-01', TODAY, '2026-10-15').since).toBe('2026-09-01');
		expect(parseSince('', TODAY, null).since).toBe('2026-09-02');
	});
});
