/**
 * An action's current state (status, progress, health, last_update_at, version), kept by the journal's trigger,
 * against its journal's latest entry recomputed in SQL, after the writes the app makes (record_action_update as
 * the coordinator, a refused stale write, a plan edit) and trusted loads written out of order. The inventory of
 * derived figures is in docs/architecture.md ("Derived figures").
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids, signInAs, DEMO, demoUserId, superuserPool, tag, uniqueCode } from '../helpers/demo.ts';

const T = tag('derived-src');
const su = superuserPool();
const HV = ids.charter('haute-vienne');
const ARS = ids.organization('ars-na');
const objectiveId = randomUUID();
const actions: string[] = [];
let coordinator: SupabaseClient;

async function newAction(): Promise<string> {
	const id = randomUUID();
	await su.query(
		`insert into public.actions (id, charter_id, objective_id, code, title, lead_organization_id)
		 values ($1, $2, $3, $4, $5, $6)`,
		[id, HV, objectiveId, uniqueCode(), `Action ${T}`, ARS]
	);
	actions.push(id);
	return id;
}

beforeAll(async () => {
	await su.query('insert into public.objectives (id, charter_id, code, title) values ($1, $2, $3, $4)', [
		objectiveId,
		HV,
		uniqueCode(),
		`Objectif ${T}`
	]);
	coordinator = await signInAs(DEMO.coordHv);
});

afterAll(async () => {
	await su.purgeActions(actions);
	await su.query('delete from public.objectives where id = $1', [objectiveId]);
	await su.end();
});

// ------------------------------------------------------------------------------------ the actions' state
/** The action's stored state next to its journal's latest entry (by date, then id). */
async function stateAndLatest(actionId: string) {
	return su.one<{ stored: string; latest: string; version: number; entry_version: number }>(
		`select concat_ws('|', a.status, a.progress, a.health, a.last_update_at) as stored,
		   concat_ws('|', u.status, u.progress, u.health, u.created_at) as latest,
		   a.version, u.action_version as entry_version
		 from public.actions a
		 cross join lateral (
		   select * from public.action_updates u where u.action_id = a.id order by u.created_at desc, u.id desc limit 1
		 ) u
		 where a.id = $1`,
		[actionId]
	);
}

async function record(id: string, progress: number, status = 'in_progress', health = 'on_track') {
	const { data: action } = await coordinator.from('actions').select('version').eq('id', id).single();
	const { error } = await coordinator.rpc('record_action_update', {
		p_action_id: id,
		p_expected_version: action!.version,
		p_status: status,
		p_progress: progress,
		p_health: health,
		p_comment: `API ${T}`
	});
	expect(error).toBeNull();
}

describe("an action's current state", () => {
	it('is its latest journal entry, through the API, after a refused stale write and an out-of-order load', async () => {
		const id = await newAction();
		await record(id, 10);
		await record(id, 35, 'in_progress', 'at_risk');
		let s = await stateAndLatest(id);
		expect(s.stored).toBe(s.latest);
		expect(s.version).toBe(s.entry_version);

		// A form opened before the last save: refused, and nothing moves.
		const stale = await coordinator.rpc('record_action_update', {
			p_action_id: id,
			p_expected_version: 1,
			p_status: 'done',
			p_progress: 100,
			p_health: 'on_track',
			p_comment: `stale ${T}`
		});
		expect(stale.error?.code).toBe('PT409');
		expect((await stateAndLatest(id)).stored).toBe(s.latest);

		// A trusted load of past entries (an import as the owner) adds to the journal without turning the action back.
		await su.query(
			`insert into public.action_updates (action_id, charter_id, author_id, status, progress, health, comment, created_at)
			 values ($1, $2, $3, 'planned', 5, 'off_track', $4, now() - interval '200 days')`,
			[id, HV, demoUserId('coordHv'), `import ${T}`]
		);
		s = await stateAndLatest(id);
		expect(s.stored).toBe(s.latest);
		expect(s.stored).toMatch(/^in_progress\|35\|at_risk\|/);

		// A plan edit bumps the version but not the state; the next update applies on top of it.
		expect(
			(
				await coordinator
					.from('actions')
					.update({ title: `Renamed ${T}` })
					.eq('id', id)
			).error
		).toBeNull();
		await record(id, 60, 'in_progress', 'on_track');
		s = await stateAndLatest(id);
		expect(s.stored).toBe(s.latest);
		expect(s.version).toBe(s.entry_version);
	});

	it('is the latest entry of each action after a bulk load of several actions in any order', async () => {
		const [a, b] = [await newAction(), await newAction()];
		await su.query(
			`insert into public.action_updates (action_id, charter_id, author_id, status, progress, health, created_at)
			 select x, $3, $4, s::public.action_status, p, h::public.action_health, d::timestamptz
			 from (values ($1::uuid, 'in_progress', 40, 'on_track', '2026-05-02'), ($1::uuid, 'in_progress', 20, 'at_risk', '2026-03-01'),
			              ($2::uuid, 'done', 100, 'on_track', '2026-06-01'), ($2::uuid, 'in_progress', 70, 'on_track', '2026-04-01'),
			              ($1::uuid, 'in_progress', 30, 'off_track', '2026-04-15')) v(x, s, p, h, d)`,
			[a, b, HV, demoUserId('coordHv')]
		);
		for (const id of [a, b]) {
			const s = await stateAndLatest(id);
			expect(s.stored).toBe(s.latest);
		}
		expect((await stateAndLatest(a)).stored).toMatch(/^in_progress\|40\|on_track\|2026-05-02/);
		expect((await stateAndLatest(b)).stored).toMatch(/^done\|100\|on_track\|2026-06-01/);
	});
});
