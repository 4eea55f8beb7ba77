import { describe, expect, it } from 'vitest';
import { parseYear, yearActionFigures, yearChoices, type YearAction } from './dashboard-year.js';

describe('parseYear', () => {
	it('reads a year of 2000-2100, nothing as today, anything else as invalid', () => {
		expect(parseYear(null)).toBeNull();
		expect(parseYear('')).toBeNull();
		expect(parseYear('2025')).toBe(2025);
		expect(parseYear(' 2019 ')).toBe(2019);
		for (const bad of ['1999', '2101', '25', '2025.5', 'abc', '20250']) expect(parseYear(bad)).toBe('invalid');
	});
});

describe('yearChoices', () => {
	it('offers the past years of the charter, newest first', () => {
		expect(yearChoices({ starts_on: '2019-01-01', signed_on: null, ends_on: '2020-12-31' }, '2026-12-01')).toEqual([
			2020, 2019
		]);
		expect(yearChoices({ starts_on: null, signed_on: '2024-09-25', ends_on: null }, '2026-12-01')).toEqual([
			2025, 2024
		]);
		expect(yearChoices({ starts_on: null, signed_on: null, ends_on: '2026-12-31' }, '2026-12-01')).toEqual([
			2025, 2024, 2023, 2022, 2021
		]);
		expect(yearChoices({ starts_on: '2026-03-01', signed_on: null, ends_on: null }, '2026-12-01')).toEqual([]);
	});
});

describe('yearActionFigures', () => {
	const action = (status: YearAction['status'], progress: number): YearAction => ({
		id: `${status}-${progress}`,
		code: '1.1',
		title: 'A',
		objective_id: 'o',
		objective_code: '1',
		status,
		progress,
		basis: 'journal',
		entry_at: null
	});
	it('counts by status and averages the progress without the abandoned actions', () => {
		const figures = yearActionFigures([action('done', 100), action('in_progress', 50), action('abandoned', 0)]);
		expect(figures).toEqual({
			count: 3,
			byStatus: { planned: 0, in_progress: 1, done: 1, blocked: 0, abandoned: 1 },
			progress: 75
		});
		expect(yearActionFigures([]).progress).toBeNull();
	});
});
