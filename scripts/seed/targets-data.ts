/**
 * Yearly targets of the demo indicators (issue 16, multi-year plans), appended to the seed by generate.ts.
 * Source: the Cotentin document (002_dcdc058e378cefbc.txt) — "chaque année depuis 2016, une centaine d'internes"
 * — for the two years of its 2019-2020 plan.
 */
import type { SqlTools } from './support-sql.ts';

export interface TargetSeed {
	charter: string;
	indicator: string;
	year: number;
	target: number;
	note?: string;
}

export const TARGETS: TargetSeed[] = [
	{
		charter: 'cotentin',
		indicator: 'cotentin-internes',
		year: 2019,
		target: 100,
		note: 'Une centaine d’internes accueillis chaque année (plan 2019-2020).'
	},
	{
		charter: 'cotentin',
		indicator: 'cotentin-internes',
		year: 2020,
		target: 100,
		note: 'Une centaine d’internes accueillis chaque année (plan 2019-2020).'
	}
];

export function targetsSql({ seedId, row, insert }: Pick<SqlTools, 'seedId' | 'row' | 'insert'>): string {
	return [
		'-- Yearly targets of indicators (scripts/seed/targets-data.ts)',
		insert(
			'indicator_targets',
			['indicator_id', 'charter_id', 'year', 'target', 'note'],
			TARGETS.map((t) =>
				row([seedId('indicator', t.indicator), seedId('charter', t.charter), t.year, t.target, t.note])
			)
		)
	].join('\n');
}
