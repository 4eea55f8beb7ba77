import { describe, expect, it } from 'vitest';
import { MINUTES_MAX, parseMinutesForm } from './minutes-form.ts';

const form = (minutes: string, version = '3') => {
	const data = new FormData();
	data.set('minutes', minutes);
	data.set('version', version);
	return data;
};

describe('the minutes field', () => {
	it('keeps the text exactly as typed, and an empty text means no minutes', () => {
		expect(parseMinutesForm(form('  Tour de table.\n\n- point 1  '))).toEqual({
			ok: true,
			minutes: '  Tour de table.\n\n- point 1  ',
			version: 3
		});
		expect(parseMinutesForm(form('   '))).toEqual({ ok: true, minutes: null, version: 3 });
	});

	it('refuses a text over the limit with a message, and hands the whole text back', () => {
		const long = 'x'.repeat(MINUTES_MAX + 1);
		const parsed = parseMinutesForm(form(long));
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.text).toBe(long);
		expect(parsed.error).toMatch(/50\s000 caractères/);
		expect(parseMinutesForm(form('x'.repeat(MINUTES_MAX))).ok).toBe(true);
	});
});
