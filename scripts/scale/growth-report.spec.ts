import { describe, expect, it } from 'vitest';
import { growthRows, percentile, type GrowthPoint } from './growth-report.ts';

const point = (scale: number, p50: number, extra: Partial<GrowthPoint> = {}): GrowthPoint => ({
	scale,
	slug: 'echelle-001',
	charterActions: 200,
	p50,
	p95: p50 * 1.5,
	databaseBytes: scale * 1024 * 1024 * 1000,
	actions: scale * 20000,
	actionUpdates: scale * 500000,
	seededSeconds: null,
	...extra
});

describe('percentile', () => {
	it('takes the value at the rank, sorted', () => {
		expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
		expect(percentile([5, 1, 3, 2, 4], 95)).toBe(5);
		expect(percentile([], 50)).toBeNaN();
	});
});

describe('growthRows', () => {
	it('meets the target when the largest scale costs less than 1.2 times the smallest', () => {
		const rows = growthRows([point(3, 11), point(0.1, 10), point(1, 10.5)], null);
		expect(rows.map((r) => r.measure.split(' (')[0])).toEqual([
			'dashboard SQL of echelle-001 at SCALE 0.1',
			'dashboard SQL of echelle-001 at SCALE 1',
			'dashboard SQL of echelle-001 at SCALE 3',
			'dashboard SQL at SCALE 1 / SCALE 0.1',
			'dashboard SQL at SCALE 3 / SCALE 0.1'
		]);
		const target = rows[4];
		expect(target.value).toBe('× 1.10');
		expect(target.target).toBe('< × 1.2');
		expect(target.verdict).toBe('ok');
		expect(target.measure).toContain('database × 30.00');
		expect(rows[0].value).toBe('10.0 ms / 15.0 ms');
	});

	it('misses the target at 1.2 or more', () => {
		const rows = growthRows([point(0.1, 10), point(3, 12)], null);
		expect(rows.at(-1)?.verdict).toBe('missed');
	});

	it('compares the cost per action of the big charter with the 200-action one at its scale', () => {
		const grande = point(1, 60, { slug: 'echelle-grande', charterActions: 2000 });
		const rows = growthRows([point(0.1, 10), point(1, 10)], grande);
		const perAction = rows.find((r) => r.measure.startsWith('cost per action'));
		expect(perAction?.value).toBe('× 0.60');
		expect(perAction?.verdict).toBe('ok');
		expect(perAction?.measure).toContain('its time × 6.00');
		const slower = growthRows([point(1, 10)], point(1, 150, { slug: 'echelle-grande', charterActions: 2000 }));
		expect(slower.find((r) => r.measure.startsWith('cost per action'))?.verdict).toBe('missed');
	});

	it('says how long the data sets made in this run took', () => {
		const rows = growthRows([point(0.1, 10, { seededSeconds: 42.4 }), point(3, 10)], null);
		expect(rows.at(-1)).toMatchObject({ measure: 'generating the SCALE 0.1 data set (this run)', value: '42 s' });
	});
});
