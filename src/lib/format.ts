/**
 * Numbers, amounts and dates as French public servants write them: 22/11/2026, 600 000 €, 45 %.
 * Intl does the work; the locale follows the user's language (fr-FR, or en-GB for English, which keeps the
 * day/month/year order).
 */
import { getLocale } from '#lib/paraglide/runtime.js';

const intlLocale = () => (getLocale() === 'en' ? 'en-GB' : 'fr-FR');
const TIME_ZONE = 'Europe/Paris';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
// Formatters are costly to build and a page formats hundreds of values: one per locale and kind, kept.
function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const locale = intlLocale();
	const id = `${locale}|n|${key}`;
	let f = cache.get(id) as Intl.NumberFormat | undefined;
	if (!f) cache.set(id, (f = new Intl.NumberFormat(locale, options)));
	return f;
}
function dateFormat(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const locale = intlLocale();
	const id = `${locale}|d|${key}`;
	let f = cache.get(id) as Intl.DateTimeFormat | undefined;
	if (!f) cache.set(id, (f = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, ...options })));
	return f;
}

/** A calendar date (`2026-11-22`) is a day, not an instant: read it at noon UTC so no time zone moves it. */
function toDate(value: string | Date): Date {
	if (value instanceof Date) return value;
	return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
}

export function formatDate(value: string | Date | null | undefined, empty = '—'): string {
	if (!value) return empty;
	const date = toDate(value);
	return Number.isNaN(date.getTime())
		? empty
		: dateFormat('date', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

export function formatDateTime(value: string | Date | null | undefined, empty = '—'): string {
	if (!value) return empty;
	const date = toDate(value);
	return Number.isNaN(date.getTime())
		? empty
		: dateFormat('datetime', {
				day: '2-digit',
				month: '2-digit',
				year: 'numeric',
				hour: '2-digit',
				minute: '2-digit'
			}).format(date);
}

export function formatMonth(value: string | Date | null | undefined, empty = '—'): string {
	if (!value) return empty;
	return dateFormat('month', { month: 'long', year: 'numeric' }).format(toDate(value));
}

/** A month on a chart axis: « nov. 2026 ». */
export function formatMonthShort(value: string | Date | number): string {
	return dateFormat('month-short', { month: 'short', year: 'numeric' }).format(
		typeof value === 'number' ? new Date(value) : toDate(value)
	);
}

export function formatNumber(
	value: number | string | null | undefined,
	empty = '—',
	maximumFractionDigits = 2
): string {
	if (value === null || value === undefined || value === '') return empty;
	const n = Number(value);
	return Number.isFinite(n) ? numberFormat(`num${maximumFractionDigits}`, { maximumFractionDigits }).format(n) : empty;
}

export function formatEuros(value: number | string | null | undefined, empty = '—'): string {
	if (value === null || value === undefined || value === '') return empty;
	const n = Number(value);
	if (!Number.isFinite(n)) return empty;
	const whole = Number.isInteger(n);
	return numberFormat(whole ? 'eur0' : 'eur2', {
		style: 'currency',
		currency: 'EUR',
		minimumFractionDigits: whole ? 0 : 2,
		maximumFractionDigits: 2
	}).format(n);
}

/** `value` is a percentage already (45 means 45 %). */
export function formatPercent(value: number | string | null | undefined, empty = '—'): string {
	if (value === null || value === undefined || value === '') return empty;
	const n = Number(value);
	return Number.isFinite(n)
		? numberFormat('pct', { style: 'percent', maximumFractionDigits: 0 }).format(n / 100)
		: empty;
}

/** Today's date in Paris as `YYYY-MM-DD`, the reference for "overdue" and "due soon". */
const isoDay = new Intl.DateTimeFormat('en-CA', {
	timeZone: TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});
export function todayIso(now: Date = new Date()): string {
	return isoDay.format(now);
}
