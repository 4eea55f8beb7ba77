/**
 * Reading one cell as a date or a number the way French spreadsheets write them, with the reason when it
 * cannot be read: a date that does not exist (31/06/2026) is told apart from one that cannot be read
 * ("demain"), and from one outside the plausible range (02/05/0202, a year typed on three digits).
 */
import type { CellValue } from './types.js';

import { DATE_MAX, DATE_MIN } from '#lib/domain/dates.js';

export { DATE_MAX, DATE_MIN };

export type DateReading =
	{ ok: true; date: string } | { ok: false; reason: 'unreadable' | 'nonexistent' | 'implausible' };

const pad = (n: number) => String(n).padStart(2, '0');

/** The ISO date of a year, month and day, or why there is none: a day that does not exist, or an odd year. */
function fromParts(y: number, mo: number, d: number): DateReading {
	const date = new Date(Date.UTC(y, mo - 1, d));
	if (y < 100) date.setUTCFullYear(y);
	const exists =
		mo >= 1 && mo <= 12 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
	if (!exists) return { ok: false, reason: 'nonexistent' };
	const iso = `${String(y).padStart(4, '0')}-${pad(mo)}-${pad(d)}`;
	if (iso < DATE_MIN || iso > DATE_MAX) return { ok: false, reason: 'implausible' };
	return { ok: true, date: iso };
}

/** 22/11/2026, 22-11-2026, 22.11.2026, 2026-11-22, an Excel date cell or serial number → 2026-11-22. */
export function readDate(value: CellValue): DateReading {
	if (value instanceof Date) {
		// exceljs reads date cells as UTC midnight.
		if (Number.isNaN(value.getTime())) return { ok: false, reason: 'unreadable' };
		return fromParts(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
	}
	if (typeof value === 'number') {
		// An Excel serial day (days since 1899-12-30), when a date cell lost its format.
		if (!Number.isInteger(value) || value < 1) return { ok: false, reason: 'unreadable' };
		if (value > 200000) return { ok: false, reason: 'implausible' };
		const date = new Date(Date.UTC(1899, 11, 30) + value * 86_400_000);
		return fromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
	}
	const text = String(value ?? '').trim();
	let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
	if (match) return fromParts(Number(match[1]), Number(match[2]), Number(match[3]));
	match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/.exec(text);
	if (match) {
		// A two-digit year is ambiguous (26: 1926 or 2026?): refused as implausible, with the expected form.
		if (match[3].length !== 4) return { ok: false, reason: 'implausible' };
		return fromParts(Number(match[3]), Number(match[2]), Number(match[1]));
	}
	return { ok: false, reason: 'unreadable' };
}

/** The ISO date of a cell, or null when it is not a plausible date (readDate tells why). */
export function parseDate(value: CellValue): string | null {
	const reading = readDate(value);
	return reading.ok ? reading.date : null;
}

/** "1 234,56 €", "45 %", 1234.56 → a number; null when it is not one. */
export function parseNumber(value: CellValue): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string') return null;
	const text = value
		.replace(/[\s\u00a0\u202f]/g, '')
		.replace(/[€%]/g, '')
		.replace(',', '.');
	if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) return null;
	return Number(text);
}

/** The number of decimals a number is written with (45.5 → 1), to refuse what a column would round. */
export function decimalsOf(n: number): number {
	if (Number.isInteger(n)) return 0;
	const text = String(n);
	if (text.includes('e-')) return Number(text.split('e-')[1]) + (text.split('e-')[0].split('.')[1]?.length ?? 0);
	return text.split('.')[1]?.length ?? 0;
}

/**
 * A cell Excel shows as a percentage holds a fraction (40 % is 0.4): its value as shown, 40. The product is
 * rounded to 9 decimals so that 0.455 gives 45.5 and not 45.500000000000004.
 */
export function percentOf(fraction: number): number {
	return Math.round(fraction * 100 * 1e9) / 1e9;
}
