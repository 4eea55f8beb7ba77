/**
 * The minutes field of a meeting, checked on the server: the text as typed (never trimmed nor cut: a text too
 * long is refused with a message and handed back to the field) and the version the form was loaded with.
 */
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { formatNumber } from '#lib/format.js';

/** The same bound as meetings.minutes in SQL. */
export const MINUTES_MAX = 50000;

export const minutesSchema = () =>
	z.object({
		minutes: z.string().max(MINUTES_MAX, { message: m.minutes_too_long({ max: formatNumber(MINUTES_MAX) }) }),
		version: z.coerce.number().int().positive()
	});

export type MinutesForm =
	{ ok: true; minutes: string | null; version: number } | { ok: false; text: string; error: string };

export function parseMinutesForm(data: FormData): MinutesForm {
	const raw = data.get('minutes');
	const text = typeof raw === 'string' ? raw : '';
	const parsed = minutesSchema().safeParse({ minutes: text, version: data.get('version') });
	if (!parsed.success)
		return {
			ok: false,
			text,
			error: parsed.error.issues[0]?.message ?? m.minutes_too_long({ max: formatNumber(MINUTES_MAX) })
		};
	return { ok: true, minutes: parsed.data.minutes.trim() ? parsed.data.minutes : null, version: parsed.data.version };
}
