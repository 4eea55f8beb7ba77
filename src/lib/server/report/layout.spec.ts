import { describe, expect, it } from 'vitest';
import { CONTENT_BOTTOM, CONTENT_WIDTH, PAGE, clipText, columnWidths, needsNewPage, planRows } from './layout.ts';

describe('report layout', () => {
	it('gives every column its minimum and shares the rest by weight, within the width', () => {
		const widths = columnWidths(500, [
			{ min: 30, weight: 0 },
			{ min: 150, weight: 3 },
			{ min: 60, weight: 1 }
		]);
		expect(widths[0]).toBe(30);
		expect(widths[1]).toBeCloseTo(150 + (260 * 3) / 4);
		expect(widths.reduce((a, b) => a + b)).toBeCloseTo(500);
		// Too narrow for the minimums: shrunk in proportion, never wider than the page.
		const squeezed = columnWidths(100, [
			{ min: 100, weight: 1 },
			{ min: 100, weight: 1 }
		]);
		expect(squeezed).toEqual([50, 50]);
	});

	it('the action title column of an A4 table is far wider than 90 pt', () => {
		const [, title] = columnWidths(CONTENT_WIDTH, [
			{ min: 26, weight: 0 },
			{ min: 130, weight: 3 },
			{ min: 70, weight: 1 },
			{ min: 52, weight: 0 },
			{ min: 130, weight: 3 }
		]);
		expect(title).toBeGreaterThan(150);
	});

	it('starts a block on a new page only when it does not fit, and never leaves a page empty', () => {
		expect(needsNewPage(CONTENT_BOTTOM - 50, 40)).toBe(false);
		expect(needsNewPage(CONTENT_BOTTOM - 50, 60)).toBe(true);
		// At the top of a page a block stays, even taller than the page: a new page would not help.
		expect(needsNewPage(PAGE.top, 2000)).toBe(false);
	});

	it('never splits a row, repeats the header and keeps a group heading with its first row', () => {
		const bottom = 290;
		const top = 0;
		const rows = [
			{ height: 100 },
			{ height: 100 },
			{ height: 20, keepWithNext: true },
			{ height: 60 },
			{ height: 100 }
		];
		const breaks = planRows(rows, { y: 0, header: 20, top, bottom });
		// Header 20 + 100 + 100 = 220: the heading alone would fit (240), not with its row (300 > 290).
		expect(breaks).toEqual([false, false, true, false, false]);
		// Every row then ends above the bottom.
		let cursor = 20;
		rows.forEach((row, i) => {
			if (breaks[i]) cursor = top + 20;
			cursor += row.height;
			expect(cursor).toBeLessThanOrEqual(bottom);
		});
	});

	it('cuts long text at a word and says so; short text is untouched', () => {
		expect(clipText('Un   commentaire\ncourt.', 50, '[…]')).toBe('Un commentaire court.');
		const long = 'mot '.repeat(200);
		const clipped = clipText(long, 100, '[…] suite dans le journal');
		expect(clipped.length).toBeLessThanOrEqual(100 + ' […] suite dans le journal'.length);
		expect(clipped.endsWith('mot […] suite dans le journal')).toBe(true);
	});
});
