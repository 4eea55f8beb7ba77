/**
 * The dashboard of a past year (`?annee=2025`) through the dashboard page's own load, as the Haute-Vienne
 * coordinator: an indicator's last value of 2025 against the 2025 target (and the final target for a year
 * without one), and the actions as the journal says at the end of the year; a year that is not one is a 400.
 */
import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardYear } from '../../src/lib/dashboard-year.ts';
import { callDashboardLoad, signedIn } from '../helpers/dashboard-load.ts';
import { ids, superuserPool, tag } from '../helpers/demo.ts';

const HV = ids.charter('haute-vienne');
const su = superuserPool();
let indicatorId = '';

type Loaded = { pastYear: DashboardYear | null; year: number | null; years: number[] };
const load = async (search: string) =>
	(await callDashboardLoad(await signedIn('coordination.hv@example.org'), 'haute-vienne', search)) as unknown as Loaded;

beforeAll(async () => {
	const row = await su.one<{ id: string }>(
		`insert into public.indicators (charter_id, name, unit, target, target_on, direction, position)
		 values ($1, $2, 'médecins', 30, '2027-12-31', 'increase', 99) returning id`,
		[HV, `Indicateur pluriannuel ${tag('year')}`]
	);
	indicatorId = row.id;
	await su.query(
		`insert into public.indicator_values (indicator_id, charter_id, measured_on, value) values
		 ($1, $2, '2025-03-01', 10), ($1, $2, '2025-11-15', 14), ($1, $2, '2026-02-01', 20)`,
		[indicatorId, HV]
	);
	await su.query(
		`insert into public.indicator_targets (indicator_id, charter_id, year, target, note) values ($1, $2, 2025, 15, 'Jalon 2025')`,
		[indicatorId, HV]
	);
});

afterAll(async () => {
	await su.query('delete from public.indicators where id = $1', [indicatorId]);
	await su.end();
});

describe('the dashboard of a past year', () => {
	it('shows the last 2025 value against the 2025 target', async () => {
		const data = await load('?annee=2025');
		expect(data.year).toBe(2025);
		const indicator = data.pastYear!.indicators.find((i) => i.id === indicatorId)!;
		expect(indicator).toMatchObject({
			value: 14,
			measured_on: '2025-11-15',
			year_target: 15,
			target: 15,
			final_target: 30,
			state: 'not_reached'
		});
		// A year without its own target is measured against the final target; no value by then: no data.
		const before = (await load('?annee=2024')).pastYear!.indicators.find((i) => i.id === indicatorId)!;
		expect(before).toMatchObject({ value: null, year_target: null, target: 30, state: 'no_data' });
	});

	it('gives each action its state of the journal at the end of the year', async () => {
		const data = await load('?annee=2025');
		const expected = await su.query<{ id: string; status: string | null; progress: number | null }>(
			`select a.id, u.status::text, u.progress from public.actions a
			 left join lateral (select status, progress from public.action_updates
			   where action_id = a.id and created_at < '2026-01-01T00:00:00+01:00'
			   order by created_at desc, id desc limit 1) u on true
			 where a.charter_id = $1 and a.archived_at is null`,
			[HV]
		);
		expect(data.pastYear!.actions).toHaveLength(expected.length);
		const fromJournal = expected.filter((e) => e.status !== null);
		expect(fromJournal.length).toBeGreaterThan(0);
		for (const e of fromJournal) {
			const action = data.pastYear!.actions.find((a) => a.id === e.id)!;
			expect([action.basis, action.status, action.progress]).toEqual(['journal', e.status, e.progress]);
		}
	});

	it('is not loaded without a year, and a year that is not one is a 400', async () => {
		const today = await load('');
		expect(today.pastYear).toBeNull();
		expect(today.years).toContain(2025);
		for (const bad of ['?annee=1999', '?annee=deux-mille']) {
			const outcome = await load(bad).then(
				() => 'loaded',
				(thrown) => (isHttpError(thrown) ? thrown.status : thrown)
			);
			expect(outcome).toBe(400);
		}
	});
});
