/**
 * The dates the product accepts, in one place: imports (spreadsheet/cells.ts, internship-import), the placement
 * form (schemas/internship.ts) and the SQL checks (internships_plausible_dates) say the same.
 */

/** A charter, an action or a placement happens between these two days (a year typed on 3 digits does not). */
export const DATE_MIN = '2000-01-01';
export const DATE_MAX = '2100-12-31';

/** The longest placement: a docteur junior's year. */
export const MAX_PLACEMENT_MONTHS = 12;

/** Whether an ISO date (2026-06-31) names a day of the calendar. */
export function isCalendarDay(iso: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	if (!match) return false;
	const [y, mo, d] = match.slice(1).map(Number);
	const date = new Date(Date.UTC(y, mo - 1, d));
	date.setUTCFullYear(y);
	return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const isPlausible = (iso: string) => iso >= DATE_MIN && iso <= DATE_MAX;

/** The same day `months` later (the month's last day when it has fewer days); '' for what is not a day. */
export function monthsAfter(iso: string, months: number): string {
	if (!isCalendarDay(iso)) return '';
	const [y, mo, d] = iso.split('-').map(Number);
	const target = new Date(Date.UTC(y, mo - 1 + months, 1));
	const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
	target.setUTCDate(Math.min(d, last));
	return target.toISOString().slice(0, 10);
}
