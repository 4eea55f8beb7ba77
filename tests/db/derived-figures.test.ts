/**
 * The figures the dashboards read instead of replaying the data on every view (found with the benchmark, see
 * bench/RESULTS.md): action_progress_months (what the journal moved, per action and month) and
 * indicator_value_stats (count and last two values of each indicator). They are derived in the same transaction
 * as the rows they come from, by statement triggers; these tests compare them with the same figures computed
 * from the source rows, after entries arrive in and out of order, and after values are corrected or deleted.
 * They are read like their sources (members of the charter) and written by nobody through the API.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids, signInAs, DEMO, demoUserId, superuserPool, tag, uniqueCode } from '../helpers/demo.ts';

const T = tag('derived');
const su = superuserPool();
const HV = ids.charter('haute-vienne');
const ARS = ids.organization('ars-na');
const objectiveId = randomUUID();
const created: string[] = [];
let coordinator: SupabaseClient;
let outsider: SupabaseClient;

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

/** A journal entry as a trusted load writes it (the seed, an import as the owner): with its own date. */
async function entry(actionId: string, progress: number, at: string): Promise<void> {
	await su.query(
		`insert into public.action_updates (action_id, charter_id, author_id, status, progress, health, comment, created_at)
		 values ($1, $2, $3, 'in_progress', $4, 'on_track', $5, $6)`,
		[actionId, HV, demoUserId('coordHv'), progress, `Point ${T}`, at]
	);
}

/** The months as the trend used to compute them, from the whole journal of the action. */
async function expectedMonths(actionId: string) {
	const rows = await su.query<{ month: string; delta: number }>(
		`select to_char(month, 'YYYY-MM-DD') as month, sum(delta)::integer as delta from (
		   select date_trunc('month', u.created_at at time zone 'Europe/Paris')::date as month,
		     u.progress - coalesce(lag(u.progress) over (order by u.created_at, u.id), u.previous_progress, 0) as delta
		   from public.action_updates u where u.action_id = $1) m
		 group by month order by month`,
		[actionId]
	);
	return rows;
}
async function storedMonths(actionId: string) {
	const rows = await su.query<{ month: string; delta: number }>(
		`select to_char(month, 'YYYY-MM-DD') as month, progress_delta as delta
		 from public.action_progress_months where action_id = $1 order by month`,
		[actionId]
	);
	return rows;
}

async function expectedStats(indicatorId: string) {
	const rows = await su.query<{
		value_count: number;
		latest_on: string;
		latest_value: string;
		previous_value: string | null;
		recent: unknown;
	}>(
		`select count(*)::integer as value_count, to_char(max(measured_on), 'YYYY-MM-DD') as latest_on,
		   (array_agg(value order by measured_on desc))[1]::text as latest_value,
		   (array_agg(value order by measured_on desc))[2]::text as previous_value,
		   -- The last 24 values, oldest first, written again from the source rows.
		   (select jsonb_agg(jsonb_build_object('on', r.measured_on, 'value', r.value, 'note', r.note) order by r.measured_on)
		    from (select v.measured_on, v.value, v.note from public.indicator_values v where v.indicator_id = $1
		          order by v.measured_on desc limit 24) r) as recent
		 from public.indicator_values where indicator_id = $1 having count(*) > 0`,
		[indicatorId]
	);
	return rows[0] ?? null;
}
async function storedStats(indicatorId: string) {
	const rows = await su.query<{
		value_count: number;
		latest_on: string;
		latest_value: string;
		previous_value: string | null;
		recent: unknown;
	}>(
		`select value_count, to_char(latest_on, 'YYYY-MM-DD') as latest_on, latest_value::text as latest_value,
		   previous_value::text as previous_value, recent::jsonb as recent
		 from public.indicator_value_stats where indicator_id = $1`,
		[indicatorId]
	);
	return rows[0] ?? null;
}

beforeAll(async () => {
	await su.query('insert into public.objectives (id, charter_id, code, title) values ($1, $2, $3, $4)', [
		objectiveId,
		HV,
		uniqueCode(),
		`Objectif ${T}`
	]);
	[coordinator, outsider] = await Promise.all([signInAs(DEMO.coordHv), signInAs(DEMO.coordNormandie)]);
});

afterAll(async () => {
	await su.purgeActions(created);
	await su.query('delete from public.objectives where id = $1', [objectiveId]);
	await su.end();
});

describe('progress moved per action and month', () => {
	it('follows the journal, including entries loaded out of order and several in one statement', async () => {
		const id = await newAction();
		await entry(id, 20, '2026-01-15T10:00:00Z');
		await entry(id, 50, '2026-03-31T23:30:00Z'); // 1 April in Paris
		expect(await storedMonths(id)).toEqual(await expectedMonths(id));
		expect((await storedMonths(id)).map((m) => m.month)).toEqual(['2026-01-01', '2026-04-01']);

		// An entry of February loaded afterwards changes what the April one moved.
		await entry(id, 35, '2026-02-10T09:00:00Z');
		const months = await storedMonths(id);
		expect(months).toEqual(await expectedMonths(id));
		expect(months).toEqual([
			{ month: '2026-01-01', delta: 20 },
			{ month: '2026-02-01', delta: 15 },
			{ month: '2026-04-01', delta: 15 }
		]);

		// Several entries of several actions in one statement.
		const other = await newAction();
		await su.query(
			`insert into public.action_updates (action_id, charter_id, author_id, status, progress, health, created_at)
			 select a, $2, $3, 'in_progress', p, 'on_track', d::timestamptz
			 from (values ($1::uuid, 60, '2026-05-02'), ($4::uuid, 10, '2026-05-03'), ($4::uuid, 30, '2026-06-01')) v(a, p, d)`,
			[id, HV, demoUserId('coordHv'), other]
		);
		expect(await storedMonths(id)).toEqual(await expectedMonths(id));
		expect(await storedMonths(other)).toEqual(await expectedMonths(other));
	});

	it('follows progress recorded through the API, and the trend reads it', async () => {
		const id = await newAction();
		const first = await coordinator.rpc('record_action_update', {
			p_action_id: id,
			p_expected_version: 1,
			p_status: 'in_progress',
			p_progress: 40,
			p_health: 'on_track',
			p_comment: `API ${T}`
		});
		expect(first.error).toBeNull();
		const months = await storedMonths(id);
		expect(months).toEqual(await expectedMonths(id));
		expect(months.at(-1)?.delta).toBe(40);
		const trend = await coordinator.rpc('dashboard_progress_trend', { p_charter_id: HV, p_objective_id: objectiveId });
		expect(trend.error).toBeNull();
		expect(trend.data?.length).toBeGreaterThan(0);
	});

	it('is read by members only and written by nobody through the API', async () => {
		const id = await newAction();
		await entry(id, 25, '2026-02-01T12:00:00Z');
		const mine = await coordinator.from('action_progress_months').select('progress_delta').eq('action_id', id);
		expect(mine.data).toEqual([{ progress_delta: 25 }]);
		const theirs = await outsider.from('action_progress_months').select('progress_delta').eq('action_id', id);
		expect(theirs.data).toEqual([]);
		const forged = await coordinator
			.from('action_progress_months')
			.insert({ action_id: id, charter_id: HV, month: '2026-03-01', progress_delta: 50 });
		expect(forged.error).not.toBeNull();
		const changed = await coordinator
			.from('action_progress_months')
			.update({ progress_delta: 99 })
			.eq('action_id', id)
			.select();
		expect(changed.data ?? []).toEqual([]);
		expect(await storedMonths(id)).toEqual([{ month: '2026-02-01', delta: 25 }]);
	});
});

describe('indicator statistics', () => {
	it('follow values entered, corrected and deleted, through the API and in bulk', async () => {
		const actionId = await newAction();
		const indicatorId = randomUUID();
		await su.query(
			`insert into public.indicators (id, charter_id, action_id, name, unit, baseline, target, direction)
			 values ($1, $2, $3, $4, 'internes', 0, 10, 'increase')`,
			[indicatorId, HV, actionId, `Indicateur ${T}`]
		);
		expect(await storedStats(indicatorId)).toBeNull();

		const entered = await coordinator.from('indicator_values').insert([
			{ indicator_id: indicatorId, charter_id: HV, measured_on: '2026-03-01', value: 4 },
			{ indicator_id: indicatorId, charter_id: HV, measured_on: '2026-01-01', value: 2 }
		]);
		expect(entered.error).toBeNull();
		expect(await storedStats(indicatorId)).toEqual(await expectedStats(indicatorId));
		expect(await storedStats(indicatorId)).toMatchObject({
			value_count: 2,
			latest_on: '2026-03-01',
			latest_value: '4.00',
			previous_value: '2.00'
		});

		// A correction of the latest value, then a newer one, then the newest deleted.
		await su.query(
			`update public.indicator_values set value = 5 where indicator_id = $1 and measured_on = '2026-03-01'`,
			[indicatorId]
		);
		expect(await storedStats(indicatorId)).toMatchObject({ latest_value: '5.00', previous_value: '2.00' });
		await su.query(
			`insert into public.indicator_values (indicator_id, charter_id, measured_on, value) values ($1, $2, '2026-06-01', 8)`,
			[indicatorId, HV]
		);
		expect(await storedStats(indicatorId)).toEqual(await expectedStats(indicatorId));
		expect(await storedStats(indicatorId)).toMatchObject({
			value_count: 3,
			latest_value: '8.00',
			previous_value: '5.00'
		});
		await su.query(`delete from public.indicator_values where indicator_id = $1 and measured_on = '2026-06-01'`, [
			indicatorId
		]);
		expect(await storedStats(indicatorId)).toMatchObject({
			value_count: 2,
			latest_value: '5.00',
			previous_value: '2.00'
		});

		// The dashboard shows them.
		const dashboard = await coordinator.rpc('charter_dashboard', { p_charter_id: HV, p_objective_id: objectiveId });
		expect(dashboard.error).toBeNull();
		const shown = (
			dashboard.data as { indicators: { id: string; value_count: number; latest_value: number; values: unknown[] }[] }
		).indicators.find((i) => i.id === indicatorId);
		expect(shown).toMatchObject({ value_count: 2, latest_value: 5 });
		expect(shown?.values).toHaveLength(2);

		// Every value gone: no statistics left.
		await su.query('delete from public.indicator_values where indicator_id = $1', [indicatorId]);
		expect(await storedStats(indicatorId)).toBeNull();
	});

	it('keep the last 24 values of a long series, whatever the order they were entered in', async () => {
		const actionId = await newAction();
		const indicatorId = randomUUID();
		await su.query(
			`insert into public.indicators (id, charter_id, action_id, name, unit, direction)
			 values ($1, $2, $3, $4, 'internes', 'increase')`,
			[indicatorId, HV, actionId, `Série ${T}`]
		);
		// 30 months, entered newest first in two statements, one with a note; then one in the middle corrected.
		const months = Array.from(
			{ length: 30 },
			(_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`
		);
		const rows = months.map((on, i) => ({ indicator_id: indicatorId, charter_id: HV, measured_on: on, value: i }));
		expect((await coordinator.from('indicator_values').insert(rows.slice(15).reverse())).error).toBeNull();
		expect((await coordinator.from('indicator_values').insert(rows.slice(0, 15))).error).toBeNull();
		await su.query(
			`update public.indicator_values set value = 99, note = 'corrigée' where indicator_id = $1 and measured_on = $2`,
			[indicatorId, months[20]]
		);
		const stored = await storedStats(indicatorId);
		expect(stored).toEqual(await expectedStats(indicatorId));
		const recent = stored?.recent as { on: string; value: number; note: string | null }[];
		expect(recent.map((p) => p.on)).toEqual(months.slice(6));
		expect(recent[14]).toEqual({ on: months[20], value: 99, note: 'corrigée' });
		// The dashboard carries exactly those.
		const dashboard = await coordinator.rpc('charter_dashboard', { p_charter_id: HV, p_objective_id: objectiveId });
		const shown = (dashboard.data as { indicators: { id: string; values: unknown[] }[] }).indicators.find(
			(i) => i.id === indicatorId
		);
		expect(shown?.values).toEqual(recent);
	});

	it('are read by members only and written by nobody through the API', async () => {
		const actionId = await newAction();
		const indicatorId = randomUUID();
		await su.query(
			`insert into public.indicators (id, charter_id, action_id, name, direction) values ($1, $2, $3, $4, 'increase')`,
			[indicatorId, HV, actionId, `Indicateur ${T}`]
		);
		await su.query(
			`insert into public.indicator_values (indicator_id, charter_id, measured_on, value) values ($1, $2, '2026-02-01', 3)`,
			[indicatorId, HV]
		);
		const mine = await coordinator.from('indicator_value_stats').select('value_count').eq('indicator_id', indicatorId);
		expect(mine.data).toEqual([{ value_count: 1 }]);
		// Haute-Vienne is published: another charter's coordinator reads what the public page shows anyway.
		const published = await su.one<{ is_public: boolean }>('select is_public from public.charters where id = $1', [HV]);
		const theirs = await outsider.from('indicator_value_stats').select('value_count').eq('indicator_id', indicatorId);
		expect(theirs.data).toEqual(published.is_public ? [{ value_count: 1 }] : []);
		const forged = await coordinator
			.from('indicator_value_stats')
			.update({ value_count: 99 })
			.eq('indicator_id', indicatorId)
			.select();
		expect(forged.data ?? []).toEqual([]);
		const removed = await coordinator.from('indicator_value_stats').delete().eq('indicator_id', indicatorId).select();
		expect(removed.data ?? []).toEqual([]);
		expect(await storedStats(indicatorId)).toMatchObject({ value_count: 1 });
	});
});
