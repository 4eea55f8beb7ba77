import { describe, expect, it } from 'vitest';
import { removeTargetSchema, targetSchema } from './targets.js';

describe('targetSchema', () => {
	it('takes a year and a target, the note optional', () => {
		expect(targetSchema.parse({ year: 2025, target: 120 })).toEqual({ year: 2025, target: 120, note: '' });
		expect(targetSchema.parse({ year: 2100, target: 0, note: ' cible ' })).toEqual({
			year: 2100,
			target: 0,
			note: 'cible'
		});
	});

	it('refuses an empty target instead of reading 0, and a year out of 2000-2100', () => {
		const empty = targetSchema.safeParse({ year: 2025, target: null });
		expect(empty.success).toBe(false);
		expect(empty.error?.issues.map((i) => i.path.join('.'))).toEqual(['target']);
		for (const year of [1999, 2101, 2025.5, null]) {
			const wrong = targetSchema.safeParse({ year, target: 3 });
			expect(wrong.error?.issues.map((i) => i.path.join('.'))).toEqual(['year']);
		}
		expect(targetSchema.safeParse({ year: 2025, target: 1, note: 'x'.repeat(501) }).success).toBe(false);
		expect(removeTargetSchema.safeParse({ year: 1990 }).success).toBe(false);
	});
});
