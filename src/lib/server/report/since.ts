/**
 * "Since the previous report": the day the COPIL report counts changes from: a date chosen on the report page,
 * by default the day of the last held meeting (its snapshot), or 90 days back when none has been held.
 */
import { m } from '#lib/paraglide/messages.js';

export const DEFAULT_PERIOD_DAYS = 90;
/** The earliest day a report may start from: nothing in this product is older. */
export const EARLIEST_SINCE = '2000-01-01';

export type Since =
	{ ok: true; since: string; chosen: boolean } | { ok: false; since: string; chosen: false; message: string };

/** `2026-11-22` shifted by `days` (negative: back), as a calendar date. */
export function shiftIso(iso: string, days: number): string {
	const d = new Date(`${iso}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

function realDay(year: number, month: number, day: number): string | null {
	const d = new Date(Date.UTC(year, month - 1, day, 12));
	if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
	return d.toISOString().slice(0, 10);
}

/**
 * The `depuis` parameter: `2026-09-01` (a date field) or `01/09/2026` (typed by hand). Empty means the default
 * period (since the last meeting). A date that does not exist, lies in the future or before 2000 is refused with a message.
 */
export function parseSince(raw: string | null | undefined, today: string, lastMeeting: string | null = null): Since {
	const fallback = lastMeeting && lastMeeting <= today ? lastMeeting : shiftIso(today, -DEFAULT_PERIOD_DAYS);
	const value = (raw ?? '').trim();
	if (!value) return { ok: true, since: fallback, chosen: false };
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) ?? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
	if (!match) return { ok: false, since: fallback, chosen: false, message: m.report_since_unreadable() };
	const [year, month, day] = value.includes('-')
		? [Number(match[1]), Number(match[2]), Number(match[3])]
		: [Number(match[3]), Number(match[2]), Number(match[1])];
	const iso = realDay(year, month, day);
	if (!iso) return { ok: false, since: fallback, chosen: false, message: m.report_since_missing_day() };
	if (iso > today) return { ok: false, since: fallback, chosen: false, message: m.report_since_future() };
	if (iso < EARLIEST_SINCE) return { ok: false, since: fallback, chosen: false, message: m.report_since_too_old() };
	return { ok: true, since: iso, chosen: true };
}
