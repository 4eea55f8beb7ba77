import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { indicatorRows, indicatorsCsv, planCsv } from './csv.js';
import type { OpenIndicator } from './data.js';

const indicator: OpenIndicator = {
	id: 'i',
	name: 'Internes accueillis',
	unit: 'internes',
	baseline: 80,
	target: 120,
	target_on: '2027-12-31',
	direction: 'increase',
	objective_code: null,
	action_code: '1.1',
	values: [{ measured_on: '2025-07-01', value: 95.5, note: 'Week-end' }],
	targets: [{ year: 2025, target: 100, note: null }]
};

const parse = (csv: string) => Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), { delimiter: ';' }).data;

describe('open-data CSV', () => {
	it('writes the plan with a BOM, ; separated, an objective without action on a row of its own', () => {
		const csv = planCsv([
			{
				objective_code: '1',
				objective_title: 'Faire découvrir le territoire',
				action: {
					code: '1.1',
					title: 'Week-end d’accueil',
					lead_name: 'Agglomération',
					status: 'in_progress',
					progress: 50,
					due_on: '2026-12-31',
					is_overdue: false
				}
			},
			{ objective_code: '2', objective_title: 'Sans action', action: null }
		]);
		expect(csv.startsWith('\ufeff')).toBe(true);
		const [header, first, second] = parse(csv);
		expect(header[0]).toBe('Code objectif');
		expect(first).toEqual([
			'1',
			'Faire découvrir le territoire',
			'1.1',
			'Week-end d’accueil',
			'Agglomération',
			'En cours',
			'50',
			'2026-12-31',
			'non'
		]);
		expect(second).toEqual(['2', 'Sans action', '', '', '', '', '', '', '']);
	});

	it('writes each value, the baseline, the yearly targets and the final target of an indicator', () => {
		expect(indicatorRows([indicator]).map((r) => r.slice(4, 8))).toEqual([
			['Valeur mesurée', { day: '2025-07-01' }, 2025, 95.5],
			['Valeur de référence', null, null, 80],
			['Cible annuelle', { day: '2025-12-31' }, 2025, 100],
			['Cible finale', { day: '2027-12-31' }, 2027, 120]
		]);
		const [, value] = parse(indicatorsCsv([indicator]));
		expect(value).toEqual([
			'Internes accueillis',
			'Action 1.1',
			'internes',
			'À la hausse',
			'Valeur mesurée',
			'2025-07-01',
			'2025',
			'95,5',
			'Week-end'
		]);
	});
});
