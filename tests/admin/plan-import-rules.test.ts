/**
 * public.import_charter_plan holds a payload sent by other means than the app's preview to the same rules:
 * nothing is rounded by a cast (a progress with decimals, more than two decimals in an amount or an indicator
 * value) and no implausible date is taken (outside 2000-2100); each is refused with PT400 and its message.
 */
import { afterAll, describe, expect, test } from 'vitest';
import type { PlanPayload } from '../../src/lib/server/charter-plan/index.ts';
import { sql } from '../helpers/env.ts';
import { dropCharter, newCharter, newUser } from './helpers.ts';

const created: string[] = [];
afterAll(async () => {
	for (const id of created) await dropCharter(id);
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

describe('import_charter_plan, called directly', () => {
	test('a payload sent by other means is held to the same rules: nothing rounded, no implausible date', async () => {
		const coordinator = await newUser('coordination');
		const target = await newCharter(coordinator.client, coordinator.id, 'Arrondis');
		created.push(target.id);
		const base = (): PlanPayload => ({
			partners: [
				{
					name: 'Faculté de médecine de Limoges',
					short_name: null,
					kind: null,
					territory_code: null,
					roles: ['funder'],
					emails: []
				}
			],
			objectives: [{ code: '1', title: 'Un objectif', description: null }],
			actions: [action('1.1', '1', 'Faculté de médecine de Limoges')],
			indicators: [],
			fundings: []
		});
		const refused = async (payload: PlanPayload, message: RegExp) => {
			const { error } = await coordinator.client.rpc('import_charter_plan', {
				p_charter_id: target.id,
				p_payload: payload
			});
			expect(error?.code).toBe('PT400');
			expect(error?.message).toMatch(message);
		};
		const decimal = base();
		decimal.actions[0].progress = 45.5;
		await refused(decimal, /Action 1\.1 : l'avancement 45\.5 n'est pas un nombre entier ; rien n'est arrondi/);
		const old = base();
		old.actions[0].starts_on = '0202-05-02';
		await refused(old, /Action 1\.1 : une date doit être comprise entre le 01\/01\/2000 et le 31\/12\/2100/);
		const cents = base();
		cents.fundings = [
			{
				funder: 'Faculté de médecine de Limoges',
				action: null,
				source: 'Fonds propres',
				year: 2026,
				planned: 12.345,
				committed: null,
				paid: null,
				note: null
			}
		];
		await refused(cents, /Financements, ligne 2 : un montant a plus de deux décimales/);
		const value = base();
		value.indicators = [
			{
				name: 'Internes',
				objective: null,
				action: null,
				unit: null,
				baseline: 1.005,
				target: null,
				target_on: null,
				direction: null,
				note: null
			}
		];
		await refused(value, /Indicateur « Internes » : deux décimales au plus/);
		const [counts] = await sql<{ actions: number }>(
			'select count(*)::int as actions from public.actions where charter_id = $1',
			[target.id]
		);
		expect(counts.actions).toBe(0);
		const fine = base();
		fine.actions[0].progress = 45;
		fine.fundings = [{ ...cents.fundings[0], planned: 12.34 }];
		const { error } = await coordinator.client.rpc('import_charter_plan', { p_charter_id: target.id, p_payload: fine });
		expect(error).toBeNull();
		const [row] = await sql<{ progress: number; planned: string }>(
			`select a.progress, f.planned_amount::text as planned from public.actions a, public.fundings f
			 where a.charter_id = $1 and f.charter_id = $1`,
			[target.id]
		);
		expect(row).toEqual({ progress: 45, planned: '12.34' });
	});
});
