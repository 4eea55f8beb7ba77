/**
 * Building blocks of the form schemas: French messages (functions, translated at validation time), dates as
 * `YYYY-MM-DD` strings (what `<input type="date">` posts and Postgres takes), optional numbers that stay
 * null when the field is left empty.
 */
import { z } from 'zod';
import { COMMUNE_CODE, UUID } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day (rejects 2026-02-30). */
export function isValidIsoDate(value: string): boolean {
	if (!ISO_DATE.test(value)) return false;
	const date = new Date(`${value}T12:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const requiredDate = () =>
	z
		.string({ error: () => m.admin_error_date_required() })
		.min(1, { error: () => m.admin_error_date_required() })
		.refine(isValidIsoDate, { error: () => m.admin_error_date_invalid() });

/** Empty string when not given (the form's value); the server turns it into null. */
export const optionalDate = () =>
	z
		.string()
		.default('')
		.refine((v) => v === '' || isValidIsoDate(v), { error: () => m.admin_error_date_invalid() });

export const requiredText = (max: number, min = 1) =>
	z
		.string({ error: () => m.admin_error_required() })
		.trim()
		.min(min, { error: () => (min > 1 ? m.admin_error_too_short({ min }) : m.admin_error_required()) })
		.max(max, { error: () => m.admin_error_too_long({ max }) });

export const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.admin_error_too_long({ max }) })
		.default('');

/** A number the user may leave empty (null), within bounds. */
export const optionalNumber = (min?: number, max?: number) =>
	z
		.number({ error: () => m.admin_error_number_invalid() })
		.refine((v) => Number.isFinite(v), { error: () => m.admin_error_number_invalid() })
		.refine((v) => min === undefined || v >= min, { error: () => m.admin_error_number_min({ min: min ?? 0 }) })
		.refine((v) => max === undefined || v <= max, { error: () => m.admin_error_number_max({ max: max ?? 0 }) })
		.nullable()
		.default(null);

/** A number the user must give. */
export const requiredNumber = (min?: number, max?: number) =>
	optionalNumber(min, max).refine((v) => v !== null, { error: () => m.admin_error_number_required() });

export const uuid = () =>
	z.string().regex(UUID, {
		error: () => m.admin_error_choice_required()
	});

export const optionalUuid = () =>
	z
		.string()
		.default('')
		.refine((v) => v === '' || UUID.test(v), {
			error: () => m.admin_error_choice_required()
		});

/** One of the values of an enum, with a French message when none is chosen. */
export const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values, { error: () => m.admin_error_choice_required() });

/** `''` → null, for optional columns. */
export const orNull = <T>(value: T | '' | undefined): T | null => (value === '' || value === undefined ? null : value);

/** INSEE codes typed or picked: "87085, 87187" → ['87085', '87187'] (upper case, no duplicates). */
export function parseCommuneCodes(value: string): string[] {
	return [
		...new Set(
			value
				.split(/[\s,;]+/)
				.map((c) => c.trim().toUpperCase())
				.filter(Boolean)
		)
	];
}

/** The form stored in communes.search_name: lower case, no accents, words separated by one space. */
export function communeSearchText(value: string): string {
	return value
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

/**
 * What a commune field holds: INSEE codes, and names typed without picking from the list (entries separated by
 * commas, semicolons or new lines). The server resolves a name to its commune when exactly one bears it, and asks
 * otherwise (resolveCommunes in #lib/server/communes.js): a name is never guessed.
 */
export function parseCommuneEntries(value: string): { codes: string[]; names: string[] } {
	const codes: string[] = [];
	const names: string[] = [];
	for (const entry of value.split(/[,;\n]+/)) {
		const text = entry.trim().replace(/\s+/g, ' ');
		if (!text) continue;
		const words = text.toUpperCase().split(' ');
		if (words.every((w) => COMMUNE_CODE.test(w))) codes.push(...words);
		else names.push(text);
	}
	return { codes: [...new Set(codes)], names: [...new Set(names)] };
}

/** A list of INSEE codes or commune names, checked for format here and for existence by the server. */
export const communeCodes = () =>
	z
		.string()
		.default('')
		.refine((v) => v.length <= 2000 && parseCommuneEntries(v).names.every((n) => n.length <= 100 && /\p{L}/u.test(n)), {
			error: () => m.admin_error_commune_codes()
		});
