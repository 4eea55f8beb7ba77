/**
 * The validators of the plan's sheets, one by one, without a database: each kind of error with its sheet, row
 * and column, and the rows that pass.
 */
import { describe, expect, test } from 'vitest';
import type { Problem } from '../spreadsheet/types.ts';
import { context, errors, plan, rows } from './spec-fixtures.ts';
import { validatePlan } from './validate.ts';

const at = (problems: Problem[], sheet: string, row: number, column: string) =>
	problems.find((p) => p.level === 'error' && p.sheet === sheet && p.row === row && p.column === column)?.message;

describe('partenaires', () => {
	test('an organization of the directory, or a new one with its type, passes', () => {
		const { problems, payload } = validatePlan(
			plan({
				partenaires: rows(
					{ name: 'Faculté de Limoges', roles: ['lead'] },
					{ name: 'Maison de santé de Bellac', kind: 'autre', territory_code: '87011' }
				)
			}),
			context()
		);
		expect(problems).toEqual([]);
		expect(payload?.partners.map((p) => p.name)).toEqual(['Faculté de Limoges', 'Maison de santé de Bellac']);
	});

	test('each kind of error, in its row and column', () => {
		const { problems } = validatePlan(
			plan({
				partenaires: rows(
					{ name: 'Faculté de médecine de Limoges' },
					{ name: 'faculté de  médecine de Limoges' },
					{ name: 'ARS Nouvelle-Aquitaine', territory_code: '7' },
					{ name: 'CPTS', kind: 'cpts' },
					{ name: 'Association nouvelle' }
				)
			}),
			context()
		);
		expect(errors(problems)).toEqual([
			'partenaires|3|Organisation',
			'partenaires|4|Code territoire',
			'partenaires|5|Organisation',
			'partenaires|6|Type'
		]);
		expect(at(problems, 'partenaires', 3, 'Organisation')).toMatch(/figure déjà ligne 2/);
		expect(at(problems, 'partenaires', 5, 'Organisation')).toMatch(/Plusieurs organisations .* « CPTS »/);
		expect(at(problems, 'partenaires', 6, 'Type')).toMatch(/indiquez son type/);
	});
});

describe('objectifs', () => {
	test('a title of one letter is too short; an empty code leaves the row out', () => {
		const { problems, payload } = validatePlan(
			plan({ objectifs: rows({ code: '1', title: 'A' }, { code: null, title: 'Sans code' }) }),
			context()
		);
		expect(errors(problems)).toEqual(['objectifs|2|Titre']);
		expect(payload).toBeNull();
	});
});

describe('actions', () => {
	const action = (values: Record<string, string | number | string[] | null>) => ({
		code: '1.2',
		objective: '1',
		title: 'Une action',
		lead: 'ARS Nouvelle-Aquitaine',
		...values
	});

	test('each kind of error, in its row and column', () => {
		const { problems } = validatePlan(
			plan({
				actions: rows(
					action({ objective: '7' }),
					action({ code: '1.3', lead: 'Organisation imaginaire' }),
					action({ code: '1.4', contributors: ['ARS Nouvelle-Aquitaine', 'Inconnue'], funders: ['Autre inconnue'] }),
					action({ code: '1.5', communes: ['87085', '8708'] }),
					action({ code: '1.6', communes: ['87085', '99999'] }),
					action({ code: '1.7', status: 'done', progress: 50 }),
					action({ code: '1.8', starts_on: '2026-06-01', due_on: '2026-01-31' }),
					action({ code: '1.9', title: 'X' })
				)
			}),
			context()
		);
		expect(errors(problems)).toEqual([
			'actions|2|Objectif',
			'actions|3|Pilote',
			'actions|4|Contributeurs',
			'actions|4|Financeurs',
			'actions|5|Communes (codes INSEE)',
			'actions|6|Communes (codes INSEE)',
			'actions|7|Avancement (%)',
			'actions|8|Échéance',
			'actions|9|Titre'
		]);
		expect(at(problems, 'actions', 2, 'Objectif')).toBe(
			'Objectif 7 inconnu : ajoutez-le à la feuille objectifs ou corrigez le code.'
		);
		expect(at(problems, 'actions', 3, 'Pilote')).toMatch(/Partenaire inconnu « Organisation imaginaire »/);
		expect(at(problems, 'actions', 4, 'Contributeurs')).toMatch(/« Inconnue »/);
		expect(at(problems, 'actions', 5, 'Communes (codes INSEE)')).toMatch(/mal formés : 8708/);
		expect(at(problems, 'actions', 6, 'Communes (codes INSEE)')).toBe(
			'Aucune commune ne porte ces codes INSEE : 99999.'
		);
		expect(at(problems, 'actions', 7, 'Avancement (%)')).toMatch(/100 %/);
	});

	test('an unknown commune is reported after the other errors of its row', () => {
		const { problems } = validatePlan(
			plan({ actions: rows(action({ communes: ['99999'], title: 'X', objective: '7' })) }),
			context()
		);
		expect(errors(problems)).toEqual(['actions|2|Objectif', 'actions|2|Titre', 'actions|2|Communes (codes INSEE)']);
	});

	test('organizations of the partenaires sheet, by name or short name, and objectives of the file are known', () => {
		const { problems } = validatePlan(
			plan({
				partenaires: rows(
					{ name: 'Mairie de Bellac', short_name: 'Bellac', kind: 'commune' },
					{ name: 'Faculté de Limoges' }
				),
				objectifs: rows({ code: '3', title: 'Troisième' }),
				actions: rows(
					action({
						objective: '3',
						lead: 'Bellac',
						contributors: ['Faculté de médecine de Limoges', 'mairie de bellac']
					})
				)
			}),
			context()
		);
		expect(problems).toEqual([]);
	});
});

describe('indicateurs', () => {
	test('each kind of error, in its row and column', () => {
		const { problems } = validatePlan(
			plan({
				indicateurs: rows(
					{ name: 'Médecins installés', objective: '8' },
					{ name: 'Internes', action: '9.9' },
					{ name: 'Internes', action: '1.1' },
					{ name: 'internes', action: '1.1' },
					{ name: null, action: '9.9' }
				)
			}),
			context()
		);
		expect(errors(problems)).toEqual(['indicateurs|2|Objectif', 'indicateurs|3|Action', 'indicateurs|5|Nom']);
		expect(at(problems, 'indicateurs', 3, 'Action')).toMatch(/Action 9\.9 inconnue/);
		expect(at(problems, 'indicateurs', 5, 'Nom')).toMatch(/« internes » en double \(déjà ligne 4\)/);
	});

	test('the same name attached elsewhere is another indicator; actions of the file are known', () => {
		const { problems, payload } = validatePlan(
			plan({
				actions: rows({ code: '2.1', objective: '1', title: 'Nouvelle', lead: 'ARS Nouvelle-Aquitaine' }),
				indicateurs: rows({ name: 'Internes', action: '2.1' }, { name: 'Internes', objective: '1' })
			}),
			context()
		);
		expect(problems).toEqual([]);
		expect(payload?.indicators).toHaveLength(2);
	});
});

describe('financements', () => {
	test('each kind of error, in its row and column; a row without funder or source is left out', () => {
		const { problems, payload } = validatePlan(
			plan({
				financements: rows(
					{ funder: 'Conseil imaginaire', source: 'FEDER' },
					{ funder: 'ARS Nouvelle-Aquitaine', source: 'FIR', action: '4.4' },
					{ funder: 'ARS Nouvelle-Aquitaine', source: 'FIR', year: 2026 },
					{ funder: 'ars nouvelle-aquitaine', source: 'fir', year: 2026 },
					{ funder: 'ARS Nouvelle-Aquitaine', source: null }
				)
			}),
			context()
		);
		expect(errors(problems)).toEqual(['financements|2|Financeur', 'financements|3|Action', 'financements|5|Source']);
		expect(at(problems, 'financements', 5, 'Source')).toMatch(/que ligne 4/);
		expect(payload).toBeNull();
	});

	test('another year or source is another funding', () => {
		const { problems, payload } = validatePlan(
			plan({
				financements: rows(
					{ funder: 'ARS Nouvelle-Aquitaine', source: 'FIR', year: 2026 },
					{ funder: 'ARS Nouvelle-Aquitaine', source: 'FIR', year: 2027 },
					{ funder: 'ARS Nouvelle-Aquitaine', source: 'FEDER', year: 2027, action: '1.1' }
				)
			}),
			context()
		);
		expect(problems).toEqual([]);
		expect(payload?.fundings).toHaveLength(3);
	});
});
