/**
 * Aids and events (20261123400100_aids_and_events.sql) against the real stack: who reads and writes editions,
 * schemes and grants (coordinator, partner, steering, official, anon), the totals of public.aid_overview with
 * the cells under 3 withheld, the indicators computed from the editions, and the commitment alerts through the
 * outbox to the mailbox, once each.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, superuserPool } from '../helpers/demo.ts';
import { anonClient, mailbox } from '../helpers/env.ts';
import { createUser, createWorld, drainOutbox, WORLD_PASSWORD, type World } from '../notifications/world.ts';

const su = superuserPool();
const SITE = 'http://aides.test';
let world: World;
let coordinator: SupabaseClient;
let partner: SupabaseClient;
let otherPartner: SupabaseClient;
let steering: SupabaseClient;
let official: SupabaseClient;
const anon = anonClient();
const extraUsers: string[] = [];
const orgs: string[] = [];
let actionId: string;
let requestId: string;
let schemeOwn: string;
let schemePooled: string;
let referredGrant: string;

async function member(role: string, label: string, organizationId: string | null = null) {
	const email = `${label}.${world.tag}@example.com`;
	const id = await createUser(su, email, `${label} ${world.tag}`);
	extraUsers.push(id);
	await su.query(
		'insert into public.charter_members (charter_id, user_id, role, organization_id) values ($1, $2, $3, $4)',
		[world.charterId, id, role, organizationId]
	);
	return signInAs(email, WORLD_PASSWORD);
}

async function organization(name: string) {
	const { id } = await su.one<{ id: string }>(
		`insert into public.organizations (name, kind) values ($1, 'cpts') returning id`,
		[`${name} ${world.tag}`]
	);
	orgs.push(id);
	return id;
}

beforeAll(async () => {
	world = await createWorld(su, [['49099']]);
	const partnerOrg = await organization('CPTS partenaire');
	const otherOrg = await organization('Mairie voisine');
	await su.query('update public.charters set budget_total = 50000 where id = $1', [world.charterId]);
	const { id: objectiveId } = await su.one<{ id: string }>(
		`insert into public.objectives (charter_id, code, title) values ($1, '1', 'Attirer des médecins') returning id`,
		[world.charterId]
	);
	({ id: actionId } = await su.one<{ id: string }>(
		`insert into public.actions (charter_id, objective_id, code, title, lead_organization_id)
		 values ($1, $2, '1.1', 'Week-end des internes', $3) returning id`,
		[world.charterId, objectiveId, partnerOrg]
	));
	({ id: requestId } = await su.one<{ id: string }>(
		`insert into public.support_requests (charter_id, requester_first_name, requester_email, profession, stage, channel, needs)
		 values ($1, 'Zoé', 'zoe.${world.tag}@example.com', 'medecine', 'interne', 'phone', '{aides_financieres}') returning id`,
		[world.charterId]
	));
	await su.query(
		`insert into public.referrals (request_id, charter_id, organization_id, need) values ($1, $2, $3, 'aides_financieres')`,
		[requestId, world.charterId, partnerOrg]
	);
	({ id: schemeOwn } = await su.one<{ id: string }>(
		`insert into public.aid_schemes (charter_id, name, kind, max_amount, commitment_years, envelope_amount)
		 values ($1, 'Aide à l''installation', 'installation', 10000, 5, 100000) returning id`,
		[world.charterId]
	));
	({ id: schemePooled } = await su.one<{ id: string }>(
		`insert into public.aid_schemes (charter_id, name, kind, max_amount, max_amount_per_year, commitment_years)
		 values ($1, 'Indemnité d''étude', 'etudes', 4800, true, 5) returning id`,
		[world.charterId]
	));
	await su.query(
		`insert into public.aid_grants (charter_id, scheme_id, beneficiary_name, amount, decided_on, paid_amount, commitment_starts_on, status)
		 select $1, $2, 'Dr Bénéficiaire ' || g, 10000, '2025-01-10', 10000, '2025-02-01', 'in_commitment' from generate_series(1, 3) g`,
		[world.charterId, schemeOwn]
	);
	({ id: referredGrant } = await su.one<{ id: string }>(
		`insert into public.aid_grants (charter_id, scheme_id, request_id, beneficiary_name, amount, decided_on, paid_amount, status)
		 values ($1, $2, $3, 'Zoé Interne', 9600, '2026-09-01', 4800, 'paid') returning id`,
		[world.charterId, schemePooled, requestId]
	));
	coordinator = await signInAs(world.coordinator.email, WORLD_PASSWORD);
	official = await signInAs(world.officials[0].email, WORLD_PASSWORD);
	partner = await member('partner_rep', 'partenaire', partnerOrg);
	otherPartner = await member('partner_rep', 'voisin', otherOrg);
	steering = await member('steering', 'copil');
});

afterAll(async () => {
	await su.query('delete from public.notifications where charter_id = $1', [world.charterId]);
	await world.remove();
	await su.query('delete from auth.users where id = any($1)', [extraUsers]);
	await su.query('delete from public.organizations where id = any($1)', [orgs]);
	await su.end();
});

const setPublic = (value: boolean) =>
	su.query('update public.charters set is_public = $2 where id = $1', [world.charterId, value]);

describe('action_occurrences: who reads and writes editions', () => {
	it('lets the coordinator and the action’s partner add editions, and nobody else', async () => {
		const row = (held_on: string) => ({ action_id: actionId, charter_id: world.charterId, held_on, participants: 10 });
		expect((await coordinator.from('action_occurrences').insert(row('2016-07-01')).select('id')).error).toBeNull();
		expect((await partner.from('action_occurrences').insert(row('2017-07-01')).select('id')).error).toBeNull();
		for (const [who, client] of [
			['other partner', otherPartner],
			['steering', steering],
			['official', official]
		] as const) {
			const { error } = await client.from('action_occurrences').insert(row('2018-07-01'));
			expect(error?.code, who).toBe('42501');
		}
		const { error } = await anon.from('action_occurrences').insert(row('2018-07-01'));
		expect(error).not.toBeNull();
	});

	it('refuses implausible figures and a second edition on the same day', async () => {
		const base = { action_id: actionId, charter_id: world.charterId };
		const over = await coordinator
			.from('action_occurrences')
			.insert({ ...base, held_on: '2019-07-01', participants: 10, professionals: 11 });
		expect(over.error?.code).toBe('23514');
		const negative = await coordinator
			.from('action_occurrences')
			.insert({ ...base, held_on: '2019-07-01', participants: -1 });
		expect(negative.error?.code).toBe('23514');
		const twice = await coordinator.from('action_occurrences').insert({ ...base, held_on: '2016-07-01' });
		expect(twice.error?.code).toBe('23505');
	});

	it('lets members read them, and anon only once the charter is public', async () => {
		for (const client of [steering, official, otherPartner]) {
			const { data } = await client.from('action_occurrences').select('id').eq('action_id', actionId);
			expect(data).toHaveLength(2);
		}
		expect((await anon.from('action_occurrences').select('id').eq('action_id', actionId)).data).toEqual([]);
		await setPublic(true);
		try {
			expect((await anon.from('action_occurrences').select('id').eq('action_id', actionId)).data).toHaveLength(2);
		} finally {
			await setPublic(false);
		}
	});

	it('lets the steering member neither change nor delete an edition', async () => {
		const { data: changed } = await steering
			.from('action_occurrences')
			.update({ participants: 99 })
			.eq('action_id', actionId)
			.select('id');
		expect(changed).toEqual([]);
		const { data: deleted } = await steering.from('action_occurrences').delete().eq('action_id', actionId).select('id');
		expect(deleted).toEqual([]);
	});
});

describe('aid_schemes and aid_grants', () => {
	it('lets every member read the schemes, anon only on a public charter, and only coordinators write them', async () => {
		for (const client of [steering, official, partner]) {
			expect((await client.from('aid_schemes').select('id').eq('charter_id', world.charterId)).data).toHaveLength(2);
		}
		expect((await anon.from('aid_schemes').select('id').eq('charter_id', world.charterId)).data).toEqual([]);
		await setPublic(true);
		try {
			expect((await anon.from('aid_schemes').select('id').eq('charter_id', world.charterId)).data).toHaveLength(2);
		} finally {
			await setPublic(false);
		}
		const scheme = { charter_id: world.charterId, name: `Aide ${world.tag}`, kind: 'autre' };
		expect((await steering.from('aid_schemes').insert(scheme)).error?.code).toBe('42501');
		expect((await coordinator.from('aid_schemes').insert(scheme).select('id')).error).toBeNull();
	});

	it('shows beneficiaries to the coordinator, the referred partner’s one to the partner, and none to the others', async () => {
		const names = async (client: SupabaseClient) =>
			(
				(await client.from('aid_grants').select('id, beneficiary_name').eq('charter_id', world.charterId)).data ?? []
			).map((g) => g.id);
		expect(await names(coordinator)).toHaveLength(4);
		expect(await names(partner)).toEqual([referredGrant]);
		expect(await names(otherPartner)).toEqual([]);
		expect(await names(steering)).toEqual([]);
		expect(await names(official)).toEqual([]);
		await setPublic(true);
		try {
			const { data, error } = await anon.from('aid_grants').select('id').eq('charter_id', world.charterId);
			expect(error !== null || data?.length === 0).toBe(true);
		} finally {
			await setPublic(false);
		}
	});

	it('lets only coordinators write grants, within the ceiling and the amounts', async () => {
		const grant = {
			charter_id: world.charterId,
			scheme_id: schemeOwn,
			beneficiary_name: 'Dr Nouveau',
			amount: 5000,
			decided_on: '2026-11-01'
		};
		expect((await partner.from('aid_grants').insert(grant)).error?.code).toBe('42501');
		expect((await steering.from('aid_grants').insert(grant)).error?.code).toBe('42501');
		const { data: changed } = await partner
			.from('aid_grants')
			.update({ amount: 1 })
			.eq('id', referredGrant)
			.select('id');
		expect(changed).toEqual([]);
		const over = await coordinator.from('aid_grants').insert({ ...grant, amount: 10001 });
		expect(over.error?.code).toBe('PT400');
		expect(over.error?.message).toMatch(/plafond/);
		// The yearly ceiling times the commitment's years: 4 800 € × 5.
		const yearly = await coordinator.from('aid_grants').insert({ ...grant, scheme_id: schemePooled, amount: 24001 });
		expect(yearly.error?.code).toBe('PT400');
		const paidOver = await coordinator.from('aid_grants').insert({ ...grant, paid_amount: 6000, status: 'paid' });
		expect(paidOver.error?.code).toBe('23514');
		const { data: ok, error } = await coordinator
			.from('aid_grants')
			.insert({ ...grant, commitment_starts_on: '2026-11-15' })
			.select('id, commitment_ends_on')
			.single();
		expect(error).toBeNull();
		// The default end: the start plus the scheme's five years.
		expect(ok?.commitment_ends_on).toBe('2031-11-15');
		await su.query('delete from public.aid_grants where id = $1', [ok!.id]);
	});
});

describe('public.aid_overview', () => {
	type Row = {
		scheme_id: string;
		grants_count: number | null;
		decided_amount: number | null;
		envelope_left: number | null;
		withheld: boolean;
	};
	const overview = async (client: SupabaseClient) => {
		const { data, error } = await client.rpc('aid_overview', { p_charter_id: world.charterId });
		return { rows: (data ?? []) as Row[], error };
	};
	const of = (rows: Row[], id: string) => rows.find((r) => r.scheme_id === id)!;

	it('gives the coordinator every figure and what is left of each envelope', async () => {
		const { rows } = await overview(coordinator);
		expect(of(rows, schemeOwn)).toMatchObject({
			grants_count: 3,
			decided_amount: 30000,
			envelope_left: 70000,
			withheld: false
		});
		expect(of(rows, schemePooled)).toMatchObject({ grants_count: 1, decided_amount: 9600, envelope_left: 40400 });
	});

	it('withholds counts under 3, their amounts and the pooled remainder from the other roles', async () => {
		for (const client of [steering, official, partner]) {
			const { rows } = await overview(client);
			expect(of(rows, schemeOwn)).toMatchObject({ grants_count: 3, decided_amount: 30000, envelope_left: 70000 });
			expect(of(rows, schemePooled)).toMatchObject({
				grants_count: null,
				decided_amount: null,
				envelope_left: null,
				withheld: true
			});
		}
	});

	it('answers anon only for a public charter', async () => {
		expect((await overview(anon)).error?.code).toBe('PT404');
		await setPublic(true);
		try {
			const { rows } = await overview(anon);
			expect(of(rows, schemePooled).withheld).toBe(true);
			expect(of(rows, schemeOwn).grants_count).toBe(3);
		} finally {
			await setPublic(false);
		}
	});
});

describe('indicators computed from the editions', () => {
	let indicatorId: string;
	const values = async () =>
		(
			await su.query<{ measured_on: string; value: string }>(
				`select measured_on::text, value::text from public.indicator_values where indicator_id = $1 order by measured_on`,
				[indicatorId]
			)
		).map((v) => [v.measured_on, Number(v.value)]);

	it('replaces typed values with one value per edition when the source changes', async () => {
		const { data, error } = await coordinator
			.from('indicators')
			.insert({ charter_id: world.charterId, action_id: actionId, name: 'Internes accueillis' })
			.select('id')
			.single();
		expect(error).toBeNull();
		indicatorId = data!.id;
		expect(
			(
				await coordinator
					.from('indicator_values')
					.insert({ indicator_id: indicatorId, charter_id: world.charterId, measured_on: '2020-01-01', value: 3 })
			).error
		).toBeNull();
		expect(
			(await coordinator.from('indicators').update({ source: 'occurrence_participants' }).eq('id', indicatorId)).error
		).toBeNull();
		expect(await values()).toEqual([
			['2016-07-01', 10],
			['2017-07-01', 10]
		]);
	});

	it('follows the editions as they are added, changed and deleted', async () => {
		await partner
			.from('action_occurrences')
			.insert({ action_id: actionId, charter_id: world.charterId, held_on: '2018-06-30', participants: 120 });
		await coordinator
			.from('action_occurrences')
			.update({ participants: 95 })
			.eq('action_id', actionId)
			.eq('held_on', '2016-07-01');
		await coordinator.from('action_occurrences').delete().eq('action_id', actionId).eq('held_on', '2017-07-01');
		// An edition without the figure gives no value (unknown is not 0).
		await coordinator
			.from('action_occurrences')
			.insert({ action_id: actionId, charter_id: world.charterId, held_on: '2019-06-29' });
		expect(await values()).toEqual([
			['2016-07-01', 95],
			['2018-06-30', 120]
		]);
	});

	it('refuses a typed value on a computed indicator with a clear 409', async () => {
		const { error } = await coordinator
			.from('indicator_values')
			.insert({ indicator_id: indicatorId, charter_id: world.charterId, measured_on: '2021-01-01', value: 1 });
		expect(error?.code).toBe('PT409');
		expect(error?.message).toMatch(/calculé/);
	});
});

describe('commitment alerts', () => {
	const service = () =>
		su.one<{ n: number }>('select public.enqueue_commitment_alerts($1::date, $2::uuid) as n', [
			'2026-12-01',
			world.charterId
		]);

	it('tells each coordinator 90 days before a commitment ends, once', async () => {
		await su.query(
			`update public.aid_grants set commitment_ends_on = '2027-02-15' where charter_id = $1 and beneficiary_name = 'Dr Bénéficiaire 1'`,
			[world.charterId]
		);
		expect((await service()).n).toBe(1);
		expect((await service()).n).toBe(0);
		const rows = await su.query<{ kind: string; recipient_email: string; topic: string }>(
			`select kind, recipient_email, topic from public.notifications where charter_id = $1 and kind like 'aid_%'`,
			[world.charterId]
		);
		expect(rows).toEqual([
			{ kind: 'aid_commitment_ending', recipient_email: world.coordinator.email, topic: 'aid_commitments' }
		]);
	});

	it('announces a broken commitment in the same transaction, once, and the job does not repeat it', async () => {
		const { error } = await coordinator
			.from('aid_grants')
			.update({ status: 'broken' })
			.eq('charter_id', world.charterId)
			.eq('beneficiary_name', 'Dr Bénéficiaire 2');
		expect(error).toBeNull();
		await coordinator
			.from('aid_grants')
			.update({ note: 'Relance envoyée' })
			.eq('charter_id', world.charterId)
			.eq('beneficiary_name', 'Dr Bénéficiaire 2');
		expect((await service()).n).toBe(0);
		const [{ n }] = await su.query<{ n: number }>(
			`select count(*)::int as n from public.notifications where charter_id = $1 and kind = 'aid_commitment_broken'`,
			[world.charterId]
		);
		expect(n).toBe(1);
	});

	it('is refused to signed-in users (service role only)', async () => {
		const { error } = await coordinator.rpc('enqueue_commitment_alerts', { p_charter_id: world.charterId });
		expect(error).not.toBeNull();
	});

	it('reaches the coordinator’s mailbox in French, with the link to the aids page', async () => {
		const report = await drainOutbox({ charterId: world.charterId, siteUrl: SITE });
		expect(report.failed).toBe(0);
		expect(report.sent).toBeGreaterThanOrEqual(2);
		const ending = await mailbox.waitForMail(world.coordinator.email, (m) => m.Subject.startsWith('Fin d'));
		expect(ending.Subject).toBe("Fin d'engagement le 15/02/2027 : Dr Bénéficiaire 1");
		expect(ending.Text).toContain('Montant accordé : 10');
		expect(ending.Text).toContain(`${SITE}/chartes/${world.slug}/aides`);
		expect(ending.Text).toMatch(/désabonnez-vous en un clic : http:\/\/aides\.test\/desabonnement\?t=/);
		const broken = await mailbox.waitForMail(world.coordinator.email, (m) => m.Subject.startsWith('Engagement rompu'));
		expect(broken.Text).toContain('un remboursement est dû');
	});
});
