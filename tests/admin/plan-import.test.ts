/**
 * Spreadsheet import and export of a charter's plan, through the real stack: the template's workbook is
 * written, read back, validated against the charter and imported by public.import_charter_plan as a
 * coordinator (RLS applies), all or nothing.
 */
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, test } from 'vitest';
import { exportPlan, PLAN_SHEETS, previewPlan, type PlanPayload } from '../../src/lib/server/charter-plan/index.ts';
import { buildCsv, buildWorkbook } from '../../src/lib/server/spreadsheet/write.ts';
import { serviceClient, sql } from '../helpers/env.ts';
import { dropCharter, newCharter, newUser, signedIn } from './helpers.ts';

const created: string[] = [];
afterAll(async () => {
	for (const id of created) await dropCharter(id);
});

async function charterId(slug: string): Promise<string> {
	const [row] = await sql<{ id: string }>('select id from public.charters where slug = $1', [slug]);
	return row.id;
}

/** The plan as comparable data: order kept where it matters, lists sorted. */
async function snapshot(client: Parameters<typeof exportPlan>[0], id: string) {
	const plan = await exportPlan(client, id);
	return JSON.parse(JSON.stringify(plan));
}

async function workbookOf(sheets: Record<string, unknown[][]>): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	for (const [name, rows] of Object.entries(sheets)) workbook.addWorksheet(name).addRows(rows);
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('charter plan import and export', () => {
	test('export then import into a new charter gives the same plan, for every seeded charter', async () => {
		const coordinator = await newUser('coordination');
		const { data: charters } = await serviceClient().from('charters').select('id, slug').order('slug');
		expect(charters!.length).toBeGreaterThan(5);
		let actionsCompared = 0;
		for (const source of charters!) {
			const original = await snapshot(serviceClient(), source.id);
			const file = await buildWorkbook(PLAN_SHEETS, original, { title: source.slug });

			const target = await newCharter(coordinator.client, coordinator.id, 'Copie');
			created.push(target.id);
			const preview = await previewPlan(coordinator.client, target.id, [{ name: `${source.slug}.xlsx`, data: file }]);
			expect(
				preview.problems.filter((p) => p.level === 'error'),
				source.slug
			).toEqual([]);
			const { error } = await coordinator.client.rpc('import_charter_plan', {
				p_charter_id: target.id,
				p_payload: preview.payload
			});
			expect(error, source.slug).toBeNull();

			const copy = await snapshot(coordinator.client, target.id);
			expect(copy, source.slug).toEqual(original);
			actionsCompared += original.actions.length;
		}
		// The comparison covered real plans, not empty ones.
		expect(actionsCompared).toBeGreaterThan(20);
	});

	test('CSV files, one per sheet, round-trip too', async () => {
		const coordinator = await newUser('coordination');
		const source = await charterId('vaucluse-sante-attractivite');
		const original = await snapshot(serviceClient(), source);
		const files = PLAN_SHEETS.map((spec) => ({
			name: `${spec.name}.csv`,
			data: new TextEncoder().encode(buildCsv(spec, original[spec.name]))
		}));
		const target = await newCharter(coordinator.client, coordinator.id, 'Copie CSV');
		created.push(target.id);
		const preview = await previewPlan(coordinator.client, target.id, files);
		expect(preview.problems.filter((p) => p.level === 'error')).toEqual([]);
		const { error } = await coordinator.client.rpc('import_charter_plan', {
			p_charter_id: target.id,
			p_payload: preview.payload
		});
		expect(error).toBeNull();
		expect(await snapshot(coordinator.client, target.id)).toEqual(original);
	});

	test('a file with errors lists each one by sheet, row and column, and yields nothing to import', async () => {
		const coordinator = await newUser('coordination');
		const target = await newCharter(coordinator.client, coordinator.id, 'Erreurs');
		created.push(target.id);
		const file = await workbookOf({
			objectifs: [
				['Code', 'Titre'],
				['1', 'Premier objectif'],
				['1', 'Doublon']
			],
			actions: [
				[
					'Code',
					'Objectif',
					'Titre',
					'Pilote',
					'Début',
					'Échéance',
					'Statut',
					'Avancement (%)',
					'Communes (codes INSEE)'
				],
				[
					'1.1',
					'1',
					'Action correcte',
					'Faculté de médecine de Limoges',
					'01/02/2026',
					'31/12/2026',
					'En cours',
					40,
					'87085'
				],
				['1.2', '1', 'Pilote inconnu', 'Organisation imaginaire', '31/02/2026', '', 'Bloquée', 150, '99999'],
				['1.3', '7', 'Objectif inconnu', 'Faculté de médecine de Limoges', '', '', 'Réalisée', 50, '']
			],
			partenaires: [
				['Organisation', 'Rôles'],
				['Faculté de médecine de Limoges', 'Signataire']
			]
		});
		const preview = await previewPlan(coordinator.client, target.id, [{ name: 'plan.xlsx', data: file }]);
		expect(preview.payload).toBeNull();
		const errors = preview.problems.filter((p) => p.level === 'error');
		const at = (sheet: string, row: number, column: string) =>
			errors.find((p) => p.sheet === sheet && p.row === row && p.column === column)?.message;
		expect(at('objectifs', 3, 'Code')).toMatch(/en double/);
		expect(at('actions', 3, 'Pilote')).toMatch(/Partenaire inconnu « Organisation imaginaire »/);
		expect(at('actions', 3, 'Début')).toMatch(/La date « 31\/02\/2026 » n'existe pas/);
		expect(at('actions', 3, 'Avancement (%)')).toMatch(/hors limites/);
		expect(at('actions', 3, 'Communes (codes INSEE)')).toMatch(/99999/);
		expect(at('actions', 4, 'Objectif')).toMatch(/Objectif 7 inconnu/);
		expect(at('actions', 4, 'Avancement (%)')).toMatch(/100 %/);
		expect(at('actions', 2, 'Pilote')).toBeUndefined();
	});

	test('the import is all or nothing: a failure half-way leaves the charter unchanged', async () => {
		const coordinator = await newUser('coordination');
		const target = await newCharter(coordinator.client, coordinator.id, 'Tout ou rien');
		created.push(target.id);
		const payload: PlanPayload = {
			partners: [
				{
					name: 'Faculté de médecine de Limoges',
					short_name: null,
					kind: null,
					territory_code: null,
					roles: ['lead'],
					emails: []
				}
			],
			objectives: [{ code: '1', title: 'Un objectif', description: null }],
			actions: [
				action('1.1', '1', 'Faculté de médecine de Limoges'),
				// The second action names an objective that exists nowhere: the whole call fails.
				action('1.2', '9', 'Faculté de médecine de Limoges')
			],
			indicators: [],
			fundings: []
		};
		const { error } = await coordinator.client.rpc('import_charter_plan', {
			p_charter_id: target.id,
			p_payload: payload
		});
		expect(error?.code).toBe('PT400');
		expect(error?.message).toMatch(/Action 1\.2 : l'objectif « 9 » n'existe pas/);
		const [counts] = await sql<{ objectives: number; actions: number; partners: number }>(
			`select (select count(*)::int from public.objectives where charter_id = $1) as objectives,
				(select count(*)::int from public.actions where charter_id = $1) as actions,
				(select count(*)::int from public.charter_partners where charter_id = $1) as partners`,
			[target.id]
		);
		expect(counts).toEqual({ objectives: 0, actions: 0, partners: 0 });

		// The corrected payload imports.
		payload.actions[1].objective = '1';
		const retry = await coordinator.client.rpc('import_charter_plan', { p_charter_id: target.id, p_payload: payload });
		expect(retry.error).toBeNull();
		expect(retry.data).toMatchObject({ objectives_created: 1, actions_created: 2 });
	});

	test('importing again updates by code and journals a changed state instead of overwriting it', async () => {
		const coordinator = await newUser('coordination');
		const target = await newCharter(coordinator.client, coordinator.id, 'Reimport');
		created.push(target.id);
		const payload: PlanPayload = {
			partners: [
				{
					name: 'Faculté de médecine de Limoges',
					short_name: null,
					kind: null,
					territory_code: null,
					roles: ['lead'],
					emails: []
				}
			],
			objectives: [{ code: '1', title: 'Un objectif', description: null }],
			actions: [action('1.1', '1', 'Faculté de Limoges')],
			indicators: [],
			fundings: []
		};
		expect(
			(await coordinator.client.rpc('import_charter_plan', { p_charter_id: target.id, p_payload: payload })).error
		).toBeNull();
		payload.actions[0] = { ...payload.actions[0], title: 'Titre revu', status: 'in_progress', progress: 30 };
		const second = await coordinator.client.rpc('import_charter_plan', { p_charter_id: target.id, p_payload: payload });
		expect(second.data).toMatchObject({ actions_created: 0, actions_updated: 1 });
		const rows = await sql<{ title: string; status: string; progress: number; entries: number }>(
			`select a.title, a.status, a.progress, (select count(*)::int from public.action_updates u where u.action_id = a.id) as entries
			 from public.actions a where a.charter_id = $1`,
			[target.id]
		);
		expect(rows).toEqual([{ title: 'Titre revu', status: 'in_progress', progress: 30, entries: 1 }]);
	});

	test('only a coordinator of the charter may import into it', async () => {
		const coordinator = await newUser('coordination');
		const target = await newCharter(coordinator.client, coordinator.id, 'Refus');
		created.push(target.id);
		const partner = await signedIn('ars.na@example.org', 'charte-demo-2026');
		const { error } = await partner.rpc('import_charter_plan', {
			p_charter_id: target.id,
			p_payload: {
				partners: [],
				objectives: [{ code: '1', title: 'Intrus', description: null }],
				actions: [],
				indicators: [],
				fundings: []
			}
		});
		expect(error?.code).toBe('PT403');
		const [row] = await sql<{ n: number }>('select count(*)::int as n from public.objectives where charter_id = $1', [
			target.id
		]);
		expect(row.n).toBe(0);
	});
});

function action(code: string, objective: string, lead: string): PlanPayload['actions'][number] {
	return {
		code,
		objective,
		title: `Action ${code}`,
		description: null,
		lead,
		contributors: [],
		funders: [],
		communes: [],
		starts_on: null,
		due_on: null,
		recurrence: null,
		recurring_since: null,
		status: null,
		progress: null,
		health: null
	};
}
