/**
 * record_action_update: recording progress is one atomic call with optimistic concurrency. Two people saving
 * from the same version never overwrite each other silently: one wins, the other is told, in French, that the
 * action moved and to which version; the journal holds one entry per accepted call and the action's current
 * state follows it.
 *
 * The actions are created for this file in Haute-Vienne (led by ARS Nouvelle-Aquitaine, so that both the
 * coordinator and the ARS representative may record on them) and purged afterwards.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids, signInAs, DEMO, demoUserId, superuserPool, tag, uniqueCode } from '../helpers/demo.ts';

const T = tag('rau');
const su = superuserPool();
const HV = ids.charter('haute-vienne');
const ARS = ids.organization('ars-na');
const objectiveId = randomUUID();
const created: string[] = [];
let coordinator: SupabaseClient;
let ars: SupabaseClient;
let ordre: SupabaseClient;

interface ActionState {
	version: number;
	status: string;
	progress: number;
	health: string;
	last_update_at: Date | null;
	updated_by: string | null;
}

async function newAction(): Promise<string> {
	const id = randomUUID();
	await su.query(
		`insert into public.actions (id, charter_id, objective_id, code, title, lead_organization_id)
		 values ($1, $2, $3, $4, $5, $6)`,
		[id, HV, objectiveId, uniqueCode(), `Action ${T}`, ARS]
	);
	created.push(id);
	return id;
}
const state = (id: string) =>
	su.one<ActionState>(
		'select version, status, progress, health, last_update_at, updated_by from public.actions where id = $1',
		[id]
	);
const journal = (id: string) =>
	su.query<{
		id: string;
		author_id: string;
		organization_id: string | null;
		status: string;
		progress: number;
		health: string;
		comment: string | null;
		previous_status: string;
		previous_progress: number;
		action_version: number;
		created_at: Date;
	}>('select * from public.action_updates where action_id = $1 order by created_at, action_version', [id]);

function record(
	client: SupabaseClient,
	id: string,
	expectedVersion: number,
	values: { status?: string; progress?: number; health?: string; comment?: string | null } = {}
) {
	return client.rpc('record_action_update', {
		p_action_id: id,
		p_expected_version: expectedVersion,
		p_status: values.status ?? 'in_progress',
		p_progress: values.progress ?? 50,
		p_health: values.health ?? 'on_track',
		p_comment: values.comment === undefined ? `Point ${T}` : values.comment
	});
}

beforeAll(async () => {
	await su.query('insert into public.objectives (id, charter_id, code, title) values ($1, $2, $3, $4)', [
		objectiveId,
		HV,
		uniqueCode(),
		`Objectif ${T}`
	]);
	[coordinator, ars, ordre] = await Promise.all([signInAs(DEMO.coordHv), signInAs(DEMO.arsNa), signInAs(DEMO.ordre87)]);
});

afterAll(async () => {
	await su.purgeActions(created);
	await su.query('delete from public.objectives where id = $1', [objectiveId]);
	await su.end();
});

describe('record_action_update', () => {
	it('lets exactly one of two concurrent calls with the same version win; the other gets a French conflict', async () => {
		const id = await newAction();
		const before = await state(id);
		expect(before.version).toBe(1);

		const [a, b] = await Promise.all([
			record(coordinator, id, before.version, { progress: 30, health: 'at_risk', comment: `Coordination ${T}` }),
			record(ars, id, before.version, { progress: 45, health: 'on_track', comment: `ARS ${T}` })
		]);
		const results = [a, b];
		const winners = results.filter((r) => !r.error);
		const losers = results.filter((r) => r.error);
		expect(winners).toHaveLength(1);
		expect(losers).toHaveLength(1);

		const conflict = losers[0].error!;
		expect(conflict.code).toBe('PT409');
		expect(conflict.message).toBe("Cette action a été mise à jour entre-temps par quelqu'un d'autre.");
		expect(conflict.hint).toMatch(/Relisez la nouvelle version/);
		const details = JSON.parse(conflict.details) as { version: number; progress: number; status: string };
		expect(details.version).toBe(2);
		expect(details.status).toBe('in_progress');

		// the journal holds exactly one new row: the winner's
		const rows = await journal(id);
		expect(rows).toHaveLength(1);
		const won = winners[0].data as { version: number; progress: number }[];
		expect(won).toHaveLength(1);
		expect(won[0].version).toBe(2);
		expect(details.progress).toBe(won[0].progress);
		expect(rows[0].progress).toBe(won[0].progress);
		expect(rows[0].action_version).toBe(2);
		const winner = a.error ? 'arsNa' : 'coordHv';
		expect(rows[0].author_id).toBe(demoUserId(winner));
		// the ARS entry is made in the name of the lead organization; the coordinator's in nobody's
		expect(rows[0].organization_id).toBe(winner === 'arsNa' ? ARS : null);

		// a stale version is refused after the race too, and changes nothing
		const stale = await record(winner === 'arsNa' ? coordinator : ars, id, before.version, { progress: 60 });
		expect(stale.error?.code).toBe('PT409');
		expect(JSON.parse(stale.error!.details).version).toBe(2);
		expect(await journal(id)).toHaveLength(1);
		expect((await state(id)).version).toBe(2);
	});

	it('serialises a burst of calls on the same version: one entry, every other caller told of the conflict', async () => {
		const id = await newAction();
		const callers = [coordinator, ars, ordre, coordinator, ars, coordinator];
		// Ordre 87 neither leads nor contributes to this action: refused before the version is even compared
		const results = await Promise.all(callers.map((c, i) => record(c, id, 1, { progress: 10 + i })));
		expect(results.filter((r) => !r.error)).toHaveLength(1);
		expect(results[2].error?.code).toBe('PT403');
		expect(results.filter((r) => r.error?.code === 'PT409')).toHaveLength(callers.length - 2);
		expect(await journal(id)).toHaveLength(1);
		expect((await state(id)).version).toBe(2);
	});

	it('moves the action’s status, progress, health, version and last update with each journal entry', async () => {
		const id = await newAction();
		const first = await record(ars, id, 1, { status: 'in_progress', progress: 20, health: 'at_risk' });
		expect(first.error).toBeNull();
		let now = await state(id);
		let rows = await journal(id);
		expect(now).toMatchObject({ version: 2, status: 'in_progress', progress: 20, health: 'at_risk' });
		expect(now.updated_by).toBe(demoUserId('arsNa'));
		expect(now.last_update_at?.toISOString()).toBe(rows[0].created_at.toISOString());
		expect(first.data).toEqual([
			{
				id,
				version: 2,
				status: 'in_progress',
				progress: 20,
				health: 'at_risk',
				last_update_at: expect.any(String)
			}
		]);

		const second = await record(coordinator, id, 2, {
			status: 'done',
			progress: 100,
			health: 'on_track',
			comment: null
		});
		expect(second.error).toBeNull();
		now = await state(id);
		rows = await journal(id);
		expect(now).toMatchObject({ version: 3, status: 'done', progress: 100, health: 'on_track' });
		expect(now.updated_by).toBe(demoUserId('coordHv'));
		expect(rows).toHaveLength(2);
		expect(rows[1]).toMatchObject({
			status: 'done',
			progress: 100,
			comment: null,
			previous_status: 'in_progress',
			previous_progress: 20,
			action_version: 3
		});
		expect(now.last_update_at?.toISOString()).toBe(rows[1].created_at.toISOString());
		expect(rows[1].created_at.getTime()).toBeGreaterThanOrEqual(rows[0].created_at.getTime());
	});

	it('refuses bad values with PT400 and a French message, recording nothing', async () => {
		const id = await newAction();
		const cases: [Parameters<typeof record>[3], RegExp][] = [
			[{ progress: 101 }, /^L'avancement doit être compris entre 0 et 100 %\.$/],
			[{ progress: -1 }, /^L'avancement doit être compris entre 0 et 100 %\.$/],
			[{ status: 'done', progress: 80 }, /^Une action réalisée est avancée à 100 %\.$/],
			[{ comment: 'x'.repeat(4001) }, /^Le commentaire ne doit pas dépasser 4 000 caractères\.$/]
		];
		for (const [values, message] of cases) {
			const { error } = await record(ars, id, 1, values);
			expect(error?.code, JSON.stringify(values).slice(0, 60)).toBe('PT400');
			expect(error?.message).toMatch(message);
		}
		const missing = await ars.rpc('record_action_update', {
			p_action_id: id,
			p_expected_version: 1,
			p_status: 'in_progress',
			p_progress: null,
			p_health: 'on_track'
		});
		expect(missing.error?.code).toBe('PT400');
		expect(missing.error?.message).toBe('Statut, avancement, santé et version sont obligatoires.');
		expect(await journal(id)).toHaveLength(0);
		expect(await state(id)).toMatchObject({ version: 1, status: 'planned', progress: 0 });
	});

	it('refuses, with PT403 and a French message, an action the caller’s organization neither leads nor contributes to', async () => {
		const id = await newAction();
		const { error } = await record(ordre, id, 1);
		expect(error?.code).toBe('PT403');
		expect(error?.message).toBe(
			'Vous ne pouvez mettre à jour que les actions que votre organisation pilote ou auxquelles elle contribue.'
		);
		expect(await journal(id)).toHaveLength(0);
	});

	it('refuses a non-integer progress instead of rounding it', async () => {
		const id = await newAction();
		const { error } = await ars.rpc('record_action_update', {
			p_action_id: id,
			p_expected_version: 1,
			p_status: 'in_progress',
			p_progress: 45.5,
			p_health: 'on_track'
		});
		expect(error).not.toBeNull();
		expect(await journal(id)).toHaveLength(0);
		expect(await state(id)).toMatchObject({ version: 1, progress: 0 });
	});

	it('refuses an entry that changes nothing and says nothing; a comment alone is news', async () => {
		const id = await newAction();
		expect((await record(ars, id, 1, { status: 'in_progress', progress: 40, comment: null })).error).toBeNull();
		for (const comment of [null, '', '   ']) {
			const { error } = await record(ars, id, 2, { status: 'in_progress', progress: 40, comment });
			expect(error?.code).toBe('PT400');
			expect(error?.message).toMatch(/^Rien n'a changé/);
		}
		expect(await journal(id)).toHaveLength(1);
		const confirmed = await record(ars, id, 2, {
			status: 'in_progress',
			progress: 40,
			comment: 'Rien de nouveau, je confirme'
		});
		expect(confirmed.error).toBeNull();
		expect(await journal(id)).toHaveLength(2);
	});

	it('lets a contributor record progress but not change the status, which is the lead organization’s', async () => {
		const id = await newAction();
		await su.query(
			`insert into public.action_partners (action_id, charter_id, organization_id, role) values ($1, $2, $3, 'contributor')`,
			[id, HV, ids.organization('ordre87')]
		);
		for (const status of ['in_progress', 'abandoned', 'blocked', 'done']) {
			const { error } = await record(ordre, id, 1, { status, progress: status === 'done' ? 100 : 10 });
			expect(error?.code, status).toBe('PT403');
			expect(error?.message).toMatch(
				/^Seules l'organisation pilote \(Agence régionale de santé Nouvelle-Aquitaine\) et la coordination/
			);
		}
		// the same refusal through a direct insert into the journal
		const direct = await ordre.from('action_updates').insert({
			action_id: id,
			charter_id: HV,
			author_id: demoUserId('ordre87'),
			status: 'abandoned',
			progress: 0,
			health: 'on_track'
		});
		expect(direct.error?.code).toBe('PT403');
		expect(await journal(id)).toHaveLength(0);
		expect((await record(ordre, id, 1, { status: 'planned', progress: 10 })).error).toBeNull();
		expect((await record(ars, id, 2, { status: 'abandoned', progress: 10 })).error).toBeNull();
		expect(await state(id)).toMatchObject({ status: 'abandoned', version: 3 });
	});
});
