/**
 * validatePlan without a database: the good rows of every sheet and the payload they give, what reading and
 * parsing found, the order of the problems, the counts of the preview, the shared code check, and the context
 * built from the reads. The sheets' own errors are in validate-sheets.spec.ts.
 */
import { describe, expect, test } from 'vitest';
import type { Problem } from '../spreadsheet/types.ts';
import { parseSheet } from '../spreadsheet/parse.ts';
import { checkCode, newValidation } from './checks.ts';
import { context, errors, plan, rows } from './spec-fixtures.ts';
import { emptyExisting, indicatorKey, type ExistingPlan } from './existing.ts';
import { ACTIONS_SHEET } from './template.ts';
import { communeCodes, validatePlan } from './validate.ts';

const goodPlan = () =>
	plan({
		partenaires: rows(
			{ name: 'Faculté de médecine de Limoges', roles: ['signatory'] },
			{ name: 'Mairie de Bellac', short_name: 'Bellac', kind: 'commune', territory_code: '87011', roles: [] }
		),
		objectifs: rows({ code: '1', title: 'Accès aux soins' }, { code: '2', title: 'Former et accueillir' }),
		actions: rows({
			code: '2.1',
			objective: '2',
			title: 'Accueillir les internes',
			lead: 'Faculté de Limoges',
			contributors: ['ARS Nouvelle-Aquitaine'],
			funders: ['Bellac'],
			communes: ['87085'],
			starts_on: '2026-01-01',
			due_on: '2026-12-31',
			status: 'done',
			progress: null
		}),
		indicateurs: rows({ name: 'Internes accueillis', action: '2.1', target: 12 }),
		financements: rows({
			funder: 'Mairie de Bellac',
			action: '2.1',
			source: 'Fonds propres',
			year: 2026,
			planned: 5000
		})
	});

describe('validatePlan', () => {
	test('good rows of every sheet give the payload of import_charter_plan, and nothing to fix', () => {
		const preview = validatePlan(goodPlan(), context());
		expect(preview.problems).toEqual([]);
		expect(preview.payload?.partners).toEqual([
			{
				name: 'Faculté de médecine de Limoges',
				short_name: null,
				kind: null,
				territory_code: null,
				roles: ['signatory'],
				emails: []
			},
			{
				name: 'Mairie de Bellac',
				short_name: 'Bellac',
				kind: 'commune',
				territory_code: '87011',
				roles: [],
				emails: []
			}
		]);
		expect(preview.payload?.objectives.map((o) => o.code)).toEqual(['1', '2']);
		expect(preview.payload?.actions[0]).toMatchObject({
			code: '2.1',
			objective: '2',
			lead: 'Faculté de Limoges',
			communes: ['87085'],
			// A done action without a progress is complete.
			status: 'done',
			progress: 100
		});
		expect(preview.payload?.indicators[0]).toMatchObject({ name: 'Internes accueillis', action: '2.1', target: 12 });
		expect(preview.payload?.fundings[0]).toMatchObject({ funder: 'Mairie de Bellac', year: 2026, planned: 5000 });
	});

	test('the preview counts what is new and what is updated in every sheet, as the import matches rows', () => {
		// Without anything in the charter but objective 1 and action 1.1, every partner, indicator and funding is new.
		expect(validatePlan(goodPlan(), context()).sheets).toEqual([
			{ name: 'objectifs', title: 'Objectifs', rows: 2, created: 1, updated: 1 },
			{ name: 'actions', title: 'Actions', rows: 1, created: 1, updated: 0 },
			{ name: 'partenaires', title: 'Partenaires', rows: 2, created: 2, updated: 0 },
			{ name: 'indicateurs', title: 'Indicateurs', rows: 1, created: 1, updated: 0 },
			{ name: 'financements', title: 'Financements', rows: 1, created: 1, updated: 0 }
		]);
		// The faculty is a partner already, the indicator and the funding exist: they are updates.
		const existing: ExistingPlan = {
			partners: new Set(['fac']),
			actions: new Map(),
			indicators: new Set([indicatorKey('internes  ACCUEILLIS', null, '2.1')]),
			fundings: new Set()
		};
		const again = validatePlan(goodPlan(), context({ existing }));
		expect(again.sheets.slice(2).map((s) => [s.name, s.created, s.updated])).toEqual([
			['partenaires', 1, 1],
			['indicateurs', 0, 1],
			['financements', 1, 0]
		]);
		expect(validatePlan(plan({ objectifs: rows({ code: '1', title: 'Seul' }) }), context()).sheets).toEqual([
			{ name: 'objectifs', title: 'Objectifs', rows: 1, created: 0, updated: 1 }
		]);
	});

	test('the preview lists each action with its pilot, and what an import changes in an existing one', () => {
		const old = {
			title: 'Accueillir les internes',
			description: null,
			objective: '2',
			lead: 'fac',
			status: 'in_progress',
			progress: 40,
			health: 'on_track',
			starts_on: '2026-01-01',
			due_on: '2026-12-31'
		};
		const same = validatePlan(
			goodPlan(),
			context({
				existing: { ...emptyExisting(), actions: new Map([['2.1', { ...old, status: 'done', progress: 100 }]]) }
			})
		);
		expect(same.actions).toEqual([
			{ code: '2.1', title: 'Accueillir les internes', lead: 'Faculté de Limoges', change: 'same', fields: [] }
		]);
		const changed = validatePlan(
			goodPlan(),
			context({ existing: { ...emptyExisting(), actions: new Map([['2.1', { ...old, lead: 'ars' }]]) } })
		);
		expect(changed.actions[0]).toMatchObject({ change: 'updated', fields: ['lead', 'status', 'progress'] });
		expect(changed.sheets.find((s) => s.name === 'actions')).toMatchObject({ created: 0, updated: 1 });
		expect(validatePlan(goodPlan(), context()).actions[0]).toMatchObject({ change: 'new', lead: 'Faculté de Limoges' });
	});

	test("representatives' addresses of the partners sheet are checked and listed for invitation", () => {
		const preview = validatePlan(
			plan({
				partenaires: rows(
					{ name: 'Faculté de médecine de Limoges', emails: ['Doyen@Univ-Limoges.fr', 'doyen@univ-limoges.fr'] },
					{ name: 'ARS Nouvelle-Aquitaine', emails: ['pas-une-adresse', 'ars@ars.sante.fr'] }
				)
			}),
			context()
		);
		expect(errors(preview.problems)).toEqual(['partenaires|3|E-mails des représentants']);
		expect(preview.problems[0].message).toContain('« pas-une-adresse »');
		expect(preview.payload).toBeNull();
		const ok = validatePlan(
			plan({ partenaires: rows({ name: 'Faculté de médecine de Limoges', emails: ['Doyen@Univ-Limoges.fr'] }) }),
			context()
		);
		expect(ok.invitations).toEqual([{ partner: 'Faculté de médecine de Limoges', emails: ['doyen@univ-limoges.fr'] }]);
		expect(ok.payload?.partners[0].emails).toEqual(['doyen@univ-limoges.fr']);
	});

	test('a problem from reading or parsing the file keeps the payload back, and comes first in its sheet', () => {
		const read: Problem = { level: 'error', sheet: 'plan.xlsx', row: null, column: null, message: 'illisible' };
		const warning: Problem = { level: 'warning', sheet: 'actions', row: 1, column: 'Remarque', message: 'inconnue' };
		const preview = validatePlan(plan({ objectifs: rows({ code: '1', title: 'Un' }) }, [warning, read]), context());
		expect(preview.payload).toBeNull();
		expect(preview.problems).toEqual([read, warning]);
		// A warning alone does not.
		expect(
			validatePlan(plan({ objectifs: rows({ code: '1', title: 'Un' }) }, [warning]), context()).payload
		).not.toBeNull();
	});

	test('problems are listed in the order of the sheets, then of the rows', () => {
		const preview = validatePlan(
			plan({
				financements: rows({ funder: 'Inconnu', source: 'FEDER' }),
				actions: rows(
					{ code: '1.2', objective: '1', title: 'Bonne', lead: 'ARS Nouvelle-Aquitaine' },
					{ code: '1.3', objective: '9', title: 'Mauvaise', lead: 'ARS Nouvelle-Aquitaine' }
				),
				objectifs: rows({ code: '1', title: 'Un' }, { code: '1', title: 'Deux' })
			}),
			context()
		);
		expect(errors(preview.problems)).toEqual(['objectifs|3|Code', 'actions|3|Objectif', 'financements|2|Financeur']);
	});

	test('errors found while parsing reach the preview with their sheet, row and column', () => {
		const raw = {
			spec: ACTIONS_SHEET,
			headers: ['Code', 'Objectif', 'Titre', 'Pilote', 'Début', 'Avancement (%)'],
			rows: [
				{
					row: 2,
					cells: { code: '1.2', objective: '1', title: 'Action', lead: 'ARS', starts_on: '31/02/2026', progress: 150 }
				}
			]
		};
		const parsed = parseSheet(raw);
		const preview = validatePlan(plan({ actions: parsed.rows }, parsed.problems), context());
		expect(preview.payload).toBeNull();
		expect(errors(preview.problems)).toEqual(expect.arrayContaining(['actions|2|Début', 'actions|2|Avancement (%)']));
	});
});

describe('the shared code check', () => {
	const format = { pattern: /^[0-9]+(\.[0-9]+)*$/, message: 'mal formé' };
	const duplicate = (first: number) => `déjà ligne ${first}`;

	test('a well-formed code seen for the first time passes and is remembered', () => {
		const v = newValidation(context());
		const seen = new Map<string, number>();
		expect(checkCode(v, 'objectifs', 2, '2.3', format, seen, duplicate)).toBe(true);
		expect(seen.get('2.3')).toBe(2);
		expect(v.problems).toEqual([]);
	});

	test('a malformed code is reported in the Code column of its sheet and row, and the row left out', () => {
		const v = newValidation(context());
		expect(checkCode(v, 'actions', 5, 'A.1', format, new Map(), duplicate)).toBe(false);
		expect(v.problems).toEqual([{ level: 'error', sheet: 'actions', row: 5, column: 'Code', message: 'mal formé' }]);
	});

	test('a code repeated in the sheet names the row that has it first', () => {
		const v = newValidation(context());
		const seen = new Map([['1', 2]]);
		expect(checkCode(v, 'objectifs', 4, '1', format, seen, duplicate)).toBe(false);
		expect(v.problems).toEqual([
			{ level: 'error', sheet: 'objectifs', row: 4, column: 'Code', message: 'déjà ligne 2' }
		]);
	});

	test('the objectives and actions sheets use it with their own formats', () => {
		const preview = validatePlan(
			plan({
				objectifs: rows({ code: '1.a', title: 'Lettre' }, { code: '2', title: 'Deux' }, { code: '2', title: 'Encore' }),
				actions: rows({ code: '2', objective: '2', title: 'Sans point', lead: 'ARS Nouvelle-Aquitaine' })
			}),
			context()
		);
		const codes = preview.problems.map((p) => `${p.sheet}|${p.row}|${p.column}|${p.message}`);
		expect(codes).toEqual([
			expect.stringMatching(/^objectifs\|2\|Code\|Le numéro d'objectif s'écrit/),
			'objectifs|4|Code|Code 2 en double (déjà utilisé ligne 3).'
		]);
		expect(preview.payload).toBeNull();
		// "2" is a well-formed action code too (one to five numbers): that action passes; "2.x" does not.
		expect(
			validatePlan(plan({ actions: rows({ code: '2.x', objective: '1', title: 'Lettre', lead: 'ARS' }) }), context())
				.problems[0]
		).toMatchObject({ sheet: 'actions', row: 2, column: 'Code', message: expect.stringMatching(/numéro d'action/) });
	});
});

describe('what is read before validating', () => {
	test('the commune codes to look up: those of the actions sheet that are well formed, once', () => {
		expect(communeCodes(rows({ communes: ['87085', '2a004', '123'] }, { communes: ['87085'] }, { code: '1' }))).toEqual(
			['87085', '2A004']
		);
	});

	test('the context knows the charter’s organizations by name and short name, and the directory apart', () => {
		const c = context();
		expect(c.known).toEqual(
			new Map([
				['agence régionale de santé nouvelle-aquitaine', 'ars'],
				['ars nouvelle-aquitaine', 'ars']
			])
		);
		expect(c.byName.get('faculté de médecine de limoges')).toBe('fac');
		expect(c.byShortName.get('cpts')).toEqual(['cpts-a', 'cpts-b']);
		expect(c.communes).toEqual(new Set(['87085', '87187']));
	});
});
