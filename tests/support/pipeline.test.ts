/**
 * The installation pipeline (supabase/migrations/20261123400200_installation_pipeline.sql) through the API, on a
 * charter of its own (tests/support/pipeline-fixture.ts): what each role reads (exact counts for the
 * coordination, cells under 3 withheld for everyone else, nothing for an outsider), the median and the
 * referrals on time; and the computed indicators `installations` and `requests`, which follow the requests and
 * refuse typed values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, sql } from '../helpers/env.ts';
import { shiftDays } from '../helpers/dashboard-fixture.ts';
import {
	backdate,
	createPipelineFixture,
	insertRequest,
	PIPELINE_PASSWORD,
	removePipelineFixture,
	type PipelineFixture,
	type PipelineRole
} from './pipeline-fixture.ts';

interface Pipeline {
	exact: boolean;
	role: string;
	requests_total: number | null;
	requests_open: number | null;
	by_status: { status: string; count: number | null }[];
	by_need: { need: string; count: number | null }[];
	by_profession: { profession: string; count: number | null }[];
	installations_total: number | null;
	installations_this_year: number | null;
	median_days: number | null;
	installations: { commune_code: string; commune_name: string; year: number; count: number | null }[];
	referrals:
		| {
				organization_id: string;
				organization_name: string;
				total: number | null;
				answered: number | null;
				on_time: number | null;
				overdue: number | null;
		  }[]
		| null;
	referrals_overdue: number | null;
}

let fx: PipelineFixture;
const clients = {} as Record<PipelineRole, SupabaseClient>;

beforeAll(async () => {
	fx = await createPipelineFixture();
	for (const role of Object.keys(fx.users) as PipelineRole[]) {
		const client = anonClient();
		const { error } = await client.auth.signInWithPassword({
			email: fx.users[role].email,
			password: PIPELINE_PASSWORD
		});
		if (error) throw error;
		clients[role] = client;
	}
}, 60_000);

afterAll(async () => {
	await removePipelineFixture(fx);
});

async function pipelineAs(role: PipelineRole): Promise<Pipeline> {
	const { data, error } = await clients[role].rpc('support_pipeline', {
		p_charter_id: fx.charterId,
		p_today: fx.today
	});
	if (error) throw new Error(`${role}: ${error.code} ${error.message}`);
	return data as unknown as Pipeline;
}

const byKey = <T extends Record<string, unknown>>(rows: T[], key: keyof T) =>
	Object.fromEntries(rows.map((r) => [String(r[key]), r.count]));
const thisYear = () => fx.installedOn.filter((d) => d.slice(0, 4) === fx.today.slice(0, 4)).length;

describe('the pipeline, by role', () => {
	it('gives the coordination exact counts, the median and the referrals on time', async () => {
		const p = await pipelineAs('coordinator');
		expect(p.exact).toBe(true);
		expect(p.requests_total).toBe(12);
		expect(p.requests_open).toBe(6);
		expect(byKey(p.by_status, 'status')).toEqual({ new: 2, in_progress: 4, on_hold: 0, installed: 5, abandoned: 1 });
		expect(byKey(p.by_need, 'need')).toMatchObject({ logement: 4, locaux: 1, garde_enfants: 0 });
		expect(byKey(p.by_profession, 'profession')).toEqual({ medecine: 9, kinesitherapie: 2, pharmacie: 1 });
		expect(p.installations_total).toBe(5);
		expect(p.installations_this_year).toBe(thisYear());
		expect(p.median_days).toBe(70);
		const communes = new Map<string, number | null>();
		for (const row of p.installations)
			communes.set(row.commune_name, (communes.get(row.commune_name) ?? 0) + (row.count ?? 0));
		expect(Object.fromEntries(communes)).toEqual({ Carpentras: 3, Avignon: 2 });
		const referrals = Object.fromEntries((p.referrals ?? []).map((r) => [r.organization_id, r]));
		expect(referrals[fx.organizations.p1]).toMatchObject({ total: 4, answered: 3, on_time: 3, overdue: 1 });
		expect(referrals[fx.organizations.p2]).toMatchObject({ total: 3, answered: 1, on_time: 0, overdue: 3 });
		expect(p.referrals_overdue).toBe(4);
	});

	for (const role of ['steering', 'partner_rep'] as const) {
		it(`withholds every count of 1 or 2 from ${role}`, async () => {
			const p = await pipelineAs(role);
			expect(p.exact).toBe(false);
			expect(p.requests_total).toBe(12);
			expect(byKey(p.by_status, 'status')).toEqual({
				new: null,
				in_progress: 4,
				on_hold: 0,
				installed: 5,
				abandoned: null
			});
			expect(byKey(p.by_need, 'need')).toMatchObject({ logement: 4, locaux: null });
			expect(byKey(p.by_profession, 'profession')).toEqual({ medecine: 9, kinesitherapie: null, pharmacie: null });
			// Five installations: the median rests on enough people to be shown.
			expect(p.median_days).toBe(70);
			for (const { commune_name, count } of p.installations)
				expect(count === null || count >= 3, `${commune_name}: ${count}`).toBe(true);
			const referrals = Object.fromEntries((p.referrals ?? []).map((r) => [r.organization_id, r]));
			expect(referrals[fx.organizations.p1]).toMatchObject({ total: 4, answered: 3, on_time: 3, overdue: null });
			expect(referrals[fx.organizations.p2]).toMatchObject({ total: 3, answered: null, on_time: 0, overdue: 3 });
		});
	}

	it('withholds small counts from an elected official and gives them no referral figures', async () => {
		const p = await pipelineAs('elected_official');
		expect(p.exact).toBe(false);
		expect(byKey(p.by_status, 'status')).toMatchObject({ new: null, abandoned: null, installed: 5 });
		expect(p.referrals).toBeNull();
		expect(p.referrals_overdue).toBeNull();
	});

	it('gives an outsider and anon nothing', async () => {
		const outsider = await clients.outsider.rpc('support_pipeline', { p_charter_id: fx.charterId });
		expect(outsider.data).toBeNull();
		expect(outsider.error?.message).toBe('Charte introuvable.');
		const anon = await anonClient().rpc('support_pipeline', { p_charter_id: fx.charterId });
		expect(anon.data).toBeNull();
		expect(anon.error).not.toBeNull();
	});

	it('withholds the median of fewer than 3 installations from steering, not from the coordination', async () => {
		// Three of the five go back to "in progress": two remain, 60 and 50 days after their first contact.
		await sql(`update public.support_requests set status = 'in_progress' where id = any ($1)`, [
			fx.requests.installed.slice(0, 3)
		]);
		try {
			expect((await pipelineAs('steering')).median_days).toBeNull();
			expect((await pipelineAs('steering')).installations_total).toBeNull();
			expect((await pipelineAs('coordinator')).median_days).toBe(55);
		} finally {
			await sql(
				`update public.support_requests set status = 'installed', installed_on = v.d::date, installed_commune_code = '84031',
				   installed_mode = 'liberal'
				 from unnest($1::uuid[], $2::text[]) as v (id, d) where support_requests.id = v.id`,
				[fx.requests.installed.slice(0, 3), fx.installedOn.slice(0, 3)]
			);
		}
		expect((await pipelineAs('steering')).median_days).toBe(70);
	});
});

// ------------------------------------------------------------------------------------------ computed indicators
async function values(indicatorId: string): Promise<[string, number][]> {
	const rows = await sql<{ on: string; value: string }>(
		`select to_char(measured_on, 'YYYY-MM-DD') as on, value from public.indicator_values where indicator_id = $1 order by measured_on`,
		[indicatorId]
	);
	return rows.map((r) => [r.on, Number(r.value)]);
}

/** The expected series: a cumulative count per month, dated the month's last day with an event. */
function series(days: string[]): [string, number][] {
	const last = new Map<string, string>();
	const count = new Map<string, number>();
	for (const d of [...days].sort()) {
		last.set(d.slice(0, 7), d);
		count.set(d.slice(0, 7), (count.get(d.slice(0, 7)) ?? 0) + 1);
	}
	let total = 0;
	return [...last.keys()].sort().map((month) => {
		total += count.get(month)!;
		return [last.get(month)!, total];
	});
}

describe('indicators computed from the requests', () => {
	let installations: string;
	let requests: string;

	beforeAll(async () => {
		[{ id: installations }] = await sql<{ id: string }>(
			`insert into public.indicators (charter_id, name, source, source_profession) values ($1, 'Installations de médecins', 'installations', 'medecine') returning id`,
			[fx.charterId]
		);
	});

	it('gets its series as soon as it is created, from the installations of its profession', async () => {
		expect(await values(installations)).toEqual(series(fx.installedOn));
	});

	it('follows an insert, an update and a delete of requests', async () => {
		const day = shiftDays(fx.today, -1);
		const added = await insertRequest(fx.charterId, { status: 'installed', installedOn: day });
		// Another profession does not count.
		const kine = await insertRequest(fx.charterId, {
			status: 'installed',
			installedOn: day,
			profession: 'kinesitherapie'
		});
		expect(await values(installations)).toEqual(series([...fx.installedOn, day]));

		const { error } = await clients.coordinator
			.from('support_requests')
			.update({ status: 'in_progress' })
			.eq('id', fx.requests.installed[4]);
		expect(error).toBeNull();
		expect(await values(installations)).toEqual(series([...fx.installedOn.slice(0, 4), day]));

		// A coordinator records an installation in a month that had none: the database writes the new value, and
		// no person is its author.
		const earlier = shiftDays(fx.today, -200);
		const recorded = await clients.coordinator
			.from('support_requests')
			.insert({
				charter_id: fx.charterId,
				requester_first_name: 'Alex',
				requester_email: 'alex.pipeline@example.com',
				profession: 'medecine',
				stage: 'en_exercice',
				channel: 'phone',
				status: 'installed',
				installed_on: earlier,
				installed_commune_code: '84031',
				installed_mode: 'mixte'
			})
			.select('id')
			.single();
		expect(recorded.error).toBeNull();
		expect(await values(installations)).toEqual(series([...fx.installedOn.slice(0, 4), day, earlier]));
		const authors = await sql<{ n: number; all: number }>(
			'select count(*) filter (where entered_by is not null)::int as n, count(*)::int as all from public.indicator_values where indicator_id = $1',
			[installations]
		);
		expect(authors[0]).toEqual({ n: 0, all: series([...fx.installedOn.slice(0, 4), day, earlier]).length });

		const removed = await clients.coordinator
			.from('support_requests')
			.delete()
			.in('id', [added, kine, recorded.data!.id]);
		expect(removed.error).toBeNull();
		expect(await values(installations)).toEqual(series(fx.installedOn.slice(0, 4)));

		await sql(
			`update public.support_requests set status = 'installed', installed_on = $2, installed_commune_code = '84007', installed_mode = 'liberal' where id = $1`,
			[fx.requests.installed[4], fx.installedOn[4]]
		);
		expect(await values(installations)).toEqual(series(fx.installedOn));
	});

	it('counts the requests received, by their day in Paris, once an indicator takes that source', async () => {
		[{ id: requests }] = await sql<{ id: string }>(
			`insert into public.indicators (charter_id, name, source) values ($1, 'Demandes reçues', 'manual') returning id`,
			[fx.charterId]
		);
		await sql(
			`insert into public.indicator_values (indicator_id, charter_id, measured_on, value) values ($1, $2, $3, 99)`,
			[requests, fx.charterId, fx.today]
		);
		await sql(`update public.indicators set source = 'requests' where id = $1`, [requests]);
		const received = [...Array(5).fill(shiftDays(fx.today, -100)), ...Array(7).fill(fx.today)];
		expect(await values(requests)).toEqual(series(received));

		// A request received long ago, in bulk with two others: one refresh, the right months.
		const old = [
			await insertRequest(fx.charterId),
			await insertRequest(fx.charterId),
			await insertRequest(fx.charterId)
		];
		await backdate(old, shiftDays(fx.today, -400));
		await sql('select private.refresh_pipeline_indicators(array[$1]::uuid[])', [fx.charterId]);
		expect(await values(requests)).toEqual(series([...received, ...Array(3).fill(shiftDays(fx.today, -400))]));
		await sql('delete from public.support_requests where id = any ($1)', [old]);
		expect(await values(requests)).toEqual(series(received));
	});

	it('refuses a typed value on a computed indicator, even from the coordination', async () => {
		const insert = await clients.coordinator
			.from('indicator_values')
			.insert({ indicator_id: installations, charter_id: fx.charterId, measured_on: fx.today, value: 42 });
		expect(insert.error?.code).toBe('PT409');
		const update = await clients.coordinator
			.from('indicator_values')
			.update({ value: 1 })
			.eq('indicator_id', installations);
		expect(update.error?.code).toBe('PT409');
		expect(await values(installations)).toEqual(series(fx.installedOn));
	});
});
