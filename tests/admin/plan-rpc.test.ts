/**
 * The coordinators' operations on a plan, through PostgREST as the signed-in user: reordering, archiving
 * and restoring, an action's partners and communes, who entered an indicator value. Each test owns its
 * charter.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { sql } from '../helpers/env.ts';
import { dropCharter, newCharter, newUser, signedIn } from './helpers.ts';

const created: string[] = [];
afterAll(async () => {
	for (const id of created) await dropCharter(id);
});

async function orgId(name: string): Promise<string> {
	const [row] = await sql<{ id: string }>('select id from public.organizations where short_name = $1 or name = $1', [
		name
	]);
	return row.id;
}

async function planFixture() {
	const coordinator = await newUser('coordination');
	const charter = await newCharter(coordinator.client, coordinator.id, 'Plan RPC');
	created.push(charter.id);
	const lead = await orgId('Ordre des médecins 87');
	const ids: Record<string, string> = {};
	for (const [i, code] of ['1', '2', '3'].entries()) {
		const { data, error } = await coordinator.client
			.from('objectives')
			.insert({ charter_id: charter.id, code, title: `Objectif ${code}`, position: i + 1 })
			.select('id')
			.single();
		if (error) throw error;
		ids[code] = data.id;
	}
	for (const [i, code] of ['1.1', '1.2'].entries()) {
		const { data, error } = await coordinator.client
			.from('actions')
			.insert({
				charter_id: charter.id,
				objective_id: ids['1'],
				code,
				title: `Action ${code}`,
				lead_organization_id: lead,
				position: i + 1
			})
			.select('id')
			.single();
		if (error) throw error;
		ids[code] = data.id;
	}
	return { coordinator, charter, ids, lead };
}

const order = async (charterId: string) =>
	(
		await sql<{ code: string }>(
			'select code from public.objectives where charter_id = $1 and archived_at is null order by position',
			[charterId]
		)
	).map((r) => r.code);

describe('plan operations', () => {
	test('objectives move up and down; only a coordinator may move them', async () => {
		const { coordinator, charter, ids } = await planFixture();
		expect(
			(await coordinator.client.rpc('move_objective', { p_objective_id: ids['3'], p_direction: 'up' })).error
		).toBeNull();
		expect(await order(charter.id)).toEqual(['1', '3', '2']);
		// The first one cannot go higher: nothing changes.
		await coordinator.client.rpc('move_objective', { p_objective_id: ids['1'], p_direction: 'up' });
		expect(await order(charter.id)).toEqual(['1', '3', '2']);

		const partner = await signedIn('ordre.87@example.org', 'charte-demo-2026');
		const { error } = await partner.rpc('move_objective', { p_objective_id: ids['1'], p_direction: 'down' });
		expect(error?.code).toBe('PT403');
		expect(await order(charter.id)).toEqual(['1', '3', '2']);
	});

	test('moving or archiving an action keeps its version, so an open progress form stays valid', async () => {
		const { coordinator, ids } = await planFixture();
		const [before] = await sql<{ version: number }>('select version from public.actions where id = $1', [ids['1.2']]);
		await coordinator.client.rpc('move_action', { p_action_id: ids['1.2'], p_direction: 'up' });
		const [after] = await sql<{ version: number; position: number }>(
			'select version, position from public.actions where id = $1',
			[ids['1.2']]
		);
		expect(after).toEqual({ version: before.version, position: 1 });
		const { error } = await coordinator.client.rpc('record_action_update', {
			p_action_id: ids['1.2'],
			p_expected_version: before.version,
			p_status: 'in_progress',
			p_progress: 10,
			p_health: 'on_track'
		});
		expect(error).toBeNull();
	});

	test('an action with history is archived, not deleted, and its objective can be archived and restored', async () => {
		const { coordinator, charter, ids } = await planFixture();
		await coordinator.client.rpc('record_action_update', {
			p_action_id: ids['1.1'],
			p_expected_version: 1,
			p_status: 'in_progress',
			p_progress: 20,
			p_health: 'on_track',
			p_comment: 'Historique'
		});
		const refused = await coordinator.client.from('actions').delete().eq('id', ids['1.1']);
		expect(refused.error?.code).toBe('PT409');

		expect((await coordinator.client.rpc('archive_objective', { p_objective_id: ids['1'] })).error).toBeNull();
		const archived = await sql<{ code: string; archived: boolean }>(
			'select code, archived_at is not null as archived from public.actions where charter_id = $1 order by code',
			[charter.id]
		);
		expect(archived).toEqual([
			{ code: '1.1', archived: true },
			{ code: '1.2', archived: true }
		]);
		// The journal stays; an archived action cannot be updated.
		const [{ n }] = await sql<{ n: number }>(
			'select count(*)::int as n from public.action_updates where action_id = $1',
			[ids['1.1']]
		);
		expect(n).toBe(1);
		const late = await coordinator.client.rpc('record_action_update', {
			p_action_id: ids['1.1'],
			p_expected_version: 2,
			p_status: 'done',
			p_progress: 100,
			p_health: 'on_track'
		});
		expect(late.error?.code).toBe('PT403');
		// An action is not restored into an archived objective.
		const early = await coordinator.client.from('actions').update({ archived_at: null }).eq('id', ids['1.2']);
		expect(early.error?.code).toBe('PT409');

		await coordinator.client.rpc('archive_objective', { p_objective_id: ids['1'], p_archive: false });
		const [{ live }] = await sql<{ live: number }>(
			'select count(*)::int as live from public.actions where charter_id = $1 and archived_at is null',
			[charter.id]
		);
		expect(live).toBe(2);
	});

	test('an action’s partners and communes are replaced together; unknown communes are refused', async () => {
		const { coordinator, ids } = await planFixture();
		const ars = await orgId('ARS Nouvelle-Aquitaine');
		const region = await orgId('Région Nouvelle-Aquitaine');
		const ok = await coordinator.client.rpc('set_action_links', {
			p_action_id: ids['1.1'],
			p_contributors: [ars],
			p_funders: [region],
			p_communes: ['87085', '87187']
		});
		expect(ok.error).toBeNull();
		const bad = await coordinator.client.rpc('set_action_links', {
			p_action_id: ids['1.1'],
			p_contributors: [],
			p_funders: [],
			p_communes: ['99999']
		});
		expect(bad.error?.code).toBe('PT400');
		expect(bad.error?.message).toContain('99999');
		const communes = await sql<{ commune_code: string }>(
			'select commune_code from public.action_communes where action_id = $1 order by 1',
			[ids['1.1']]
		);
		expect(communes.map((c) => c.commune_code)).toEqual(['87085', '87187']);

		const partner = await signedIn('ars.na@example.org', 'charte-demo-2026');
		const refused = await partner.rpc('set_action_links', {
			p_action_id: ids['1.1'],
			p_contributors: [],
			p_funders: [],
			p_communes: []
		});
		expect(refused.error?.code).toBe('PT403');
	});

	test('an indicator value records who entered it, whatever the request says', async () => {
		const { coordinator, charter, ids } = await planFixture();
		const { data: indicator } = await coordinator.client
			.from('indicators')
			.insert({ charter_id: charter.id, action_id: ids['1.1'], name: 'Mesure' })
			.select('id')
			.single();
		const other = '00000000-0000-4000-a000-000000000002';
		const { data, error } = await coordinator.client
			.from('indicator_values')
			.insert({
				indicator_id: indicator!.id,
				charter_id: charter.id,
				measured_on: '2026-11-01',
				value: 3,
				entered_by: other
			})
			.select('entered_by')
			.single();
		expect(error).toBeNull();
		expect(data!.entered_by).toBe(coordinator.id);
	});
});
