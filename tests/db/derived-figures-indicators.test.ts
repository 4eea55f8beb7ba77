/**
 * The computed indicators' values against the same series recomputed from their source rows in SQL: those from
 * the support requests (installations, requests) and those from an action's editions, after the writes the app
 * makes as the coordinator (inserts, updates, deletes through supabase-js) and an indicator switched to a
 * computed source. The inventory of derived figures is in docs/architecture.md ("Derived figures").
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids, signInAs, DEMO, superuserPool, tag, uniqueCode } from '../helpers/demo.ts';

const T = tag('derived-src');
const su = superuserPool();
const HV = ids.charter('haute-vienne');
const ARS = ids.organization('ars-na');
const objectiveId = randomUUID();
const actions: string[] = [];
const requests: string[] = [];
let coordinator: SupabaseClient;
let communes: string[] = [];

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
	communes = (await su.query<{ code: string }>(`select code from public.communes order by code limit 3`)).map(
		(c) => c.code
	);
});

afterAll(async () => {
	if (requests.length) await su.query('delete from public.support_requests where id = any($1)', [requests]);
	await su.purgeActions(actions);
	await su.query('delete from public.objectives where id = $1', [objectiveId]);
	await su.end();
});

// ------------------------------------------------------------------------ indicators from the requests
/** The series as recomputed from the requests: cumulative count, one point per month, dated its last day. */
async function expectedPipeline(indicatorId: string) {
	return su.query<{ d: string; v: number }>(
		`select to_char(measured_on, 'YYYY-MM-DD') as d, (sum(n) over (order by measured_on))::int as v from (
		   select max(x.d) as measured_on, count(*) as n from public.indicators i
		   cross join lateral (
		     select case when i.source = 'installations' then r.installed_on
		       else (r.created_at at time zone 'Europe/Paris')::date end as d
		     from public.support_requests r
		     where r.charter_id = i.charter_id and (i.source_profession is null or r.profession = i.source_profession)
		       and (i.source = 'requests' or (r.status = 'installed' and r.installed_on is not null))
		   ) x
		   where i.id = $1 group by date_trunc('month', x.d)
		 ) m order by measured_on`,
		[indicatorId]
	);
}
async function storedValues(indicatorId: string) {
	return su.query<{ d: string; v: number }>(
		`select to_char(measured_on, 'YYYY-MM-DD') as d, value::int as v from public.indicator_values
		 where indicator_id = $1 order by measured_on`,
		[indicatorId]
	);
}

describe('indicators computed from the support requests', () => {
	it('follow requests recorded, installed, moved, changed and deleted by the coordination', async () => {
		// An existing charter already has requests: the computed series starts from them.
		const installations = randomUUID();
		const requestsIndicator = randomUUID();
		await su.query(
			`insert into public.indicators (id, charter_id, name, direction, source, source_profession)
			 values ($1, $3, $4, 'increase', 'installations', 'medecine'), ($2, $3, $5, 'increase', 'requests', null)`,
			[installations, requestsIndicator, HV, `Installés ${T}`, `Demandes ${T}`]
		);
		const check = async () => {
			for (const id of [installations, requestsIndicator])
				expect(await storedValues(id), id).toEqual(await expectedPipeline(id));
		};
		await check();

		const base = { charter_id: HV, stage: 'en_exercice', channel: 'phone' } as const;
		const inserted = await coordinator
			.from('support_requests')
			.insert(
				[
					{
						...base,
						requester_first_name: 'Alix',
						requester_email: 'alix.derived@example.com',
						profession: 'medecine'
					},
					{
						...base,
						requester_first_name: 'Bao',
						requester_email: 'bao.derived@example.com',
						profession: 'kinesitherapie'
					},
					{
						...base,
						requester_first_name: 'Cyd',
						requester_email: 'cyd.derived@example.com',
						profession: 'medecine',
						status: 'installed',
						installed_on: '2025-11-20',
						installed_commune_code: communes[0],
						installed_mode: 'liberal'
					}
				],
				{ defaultToNull: false }
			)
			.select('id');
		expect(inserted.error).toBeNull();
		const [alix, bao, cyd] = inserted.data!.map((r) => r.id);
		requests.push(alix, bao, cyd);
		await check();
		expect((await storedValues(installations)).length).toBeGreaterThan(0);

		// Installed in another month; moved to an earlier day; a profession corrected; one deleted.
		const installed = await coordinator
			.from('support_requests')
			.update({
				status: 'installed',
				installed_on: '2026-02-03',
				installed_commune_code: communes[1],
				installed_mode: 'salarie'
			})
			.eq('id', alix);
		expect(installed.error).toBeNull();
		await check();
		expect(
			(await coordinator.from('support_requests').update({ installed_on: '2025-09-30' }).eq('id', cyd)).error
		).toBeNull();
		await check();
		expect(
			(await coordinator.from('support_requests').update({ profession: 'medecine' }).eq('id', bao)).error
		).toBeNull();
		await check();
		expect(
			(
				await coordinator
					.from('support_requests')
					.update({ status: 'on_hold', installed_on: null, installed_commune_code: null, installed_mode: null })
					.eq('id', alix)
			).error
		).toBeNull();
		await check();
		const removed = await su.query('delete from public.support_requests where id = $1 returning id', [cyd]);
		expect(removed).toHaveLength(1);
		await check();
	});
});

// -------------------------------------------------------------------------- indicators from the editions
async function expectedEditions(indicatorId: string) {
	return su.query<{ d: string; v: number }>(
		`select to_char(o.held_on, 'YYYY-MM-DD') as d, f.figure::int as v
		 from public.indicators i join public.action_occurrences o on o.action_id = i.action_id
		 cross join lateral (select case i.source when 'occurrence_participants' then o.participants
		   when 'occurrence_professionals' then o.professionals else o.interested end as figure) f
		 where i.id = $1 and f.figure is not null order by o.held_on`,
		[indicatorId]
	);
}

describe("indicators computed from an action's editions", () => {
	it('follow editions added, corrected and removed, and an indicator switched to the editions', async () => {
		const actionId = await newAction();
		const participants = randomUUID();
		const professionals = randomUUID();
		await su.query(
			`insert into public.indicators (id, charter_id, action_id, name, direction, source)
			 values ($1, $3, $4, $5, 'increase', 'occurrence_participants'), ($2, $3, $4, $6, 'increase', 'manual')`,
			[participants, professionals, HV, actionId, `Participants ${T}`, `Professionnels ${T}`]
		);
		// The manual indicator has a typed value, which goes when it becomes edition-fed.
		await su.query(
			`insert into public.indicator_values (indicator_id, charter_id, measured_on, value) values ($1, $2, '2024-01-01', 99)`,
			[professionals, HV]
		);
		const editions = await coordinator
			.from('action_occurrences')
			.insert([
				{ action_id: actionId, charter_id: HV, held_on: '2026-06-14', participants: 40, professionals: 12 },
				{ action_id: actionId, charter_id: HV, held_on: '2025-06-15', participants: 30 },
				{ action_id: actionId, charter_id: HV, held_on: '2024-06-16', professionals: 8 }
			])
			.select('id, held_on');
		expect(editions.error).toBeNull();
		const byDay = new Map(editions.data!.map((e) => [e.held_on, e.id]));
		const check = async () => {
			for (const id of [participants]) expect(await storedValues(id)).toEqual(await expectedEditions(id));
		};
		await check();
		expect((await storedValues(participants)).map((v) => v.v)).toEqual([30, 40]);

		expect(
			(await coordinator.from('indicators').update({ source: 'occurrence_professionals' }).eq('id', professionals))
				.error
		).toBeNull();
		expect(await storedValues(professionals)).toEqual(await expectedEditions(professionals));
		expect((await storedValues(professionals)).map((v) => v.v)).toEqual([8, 12]);

		const corrected = await coordinator
			.from('action_occurrences')
			.update({ participants: 45, professionals: null })
			.eq('id', byDay.get('2026-06-14')!);
		expect(corrected.error).toBeNull();
		await check();
		expect(await storedValues(professionals)).toEqual(await expectedEditions(professionals));
		expect((await coordinator.from('action_occurrences').delete().eq('id', byDay.get('2025-06-15')!)).error).toBeNull();
		await check();
		expect((await storedValues(participants)).map((v) => v.v)).toEqual([45]);
		expect(await storedValues(professionals)).toEqual(await expectedEditions(professionals));
	});
});
