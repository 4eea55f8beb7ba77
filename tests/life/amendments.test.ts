/**
 * Amendments and signatories against the real stack (20261123600100_charter_life.sql and the policies of
 * 20261123600000_documents.sql): public.charter_plan is the plan the tables hold; opening an amendment numbers it
 * and keeps the plan before; signing keeps the plan after and adds the organizations joining by it; a signed
 * amendment never changes and is never deleted; partners and steering read, never write; another charter's
 * coordination sees nothing.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, test } from 'vitest';
import {
	createDashboardFixture,
	FIXTURE_PASSWORD,
	shiftDays,
	type DashboardFixture
} from '../helpers/dashboard-fixture.ts';
import { sql } from '../helpers/env.ts';
import { DEMO, ids, signInAs } from '../helpers/demo.ts';
import { diffPlans, parsePlan } from '../../src/lib/amendments/plan-diff.ts';
import { signedIn } from '../admin/helpers.ts';
import { addMember } from '../meetings/decisions-world.ts';

interface Plan {
	objectives: { id: string; code: string; title: string; position: number }[];
	actions: {
		id: string;
		code: string;
		title: string;
		objective_id: string;
		lead_organization_id: string;
		lead_name: string;
		status: string;
		due_on: string | null;
		contributors: { id: string; name: string }[];
		funders: { id: string; name: string }[];
	}[];
}

let fx: DashboardFixture;
let coordinator: SupabaseClient;
let partnerRep: SupabaseClient;
let steering: SupabaseClient;
let otherCoordinator: SupabaseClient;
let joining: string;

const open = (client: SupabaseClient, title: string, extra: Record<string, unknown> = {}) =>
	client
		.from('charter_amendments')
		.insert({ charter_id: fx.charterId, title, ...extra })
		.select('id, number, plan_before, plan_after, signed_on')
		.single();

const amendmentRow = async (id: string) =>
	(
		await sql<{ number: number; title: string; signed_on: string | null; plan_before: Plan; plan_after: Plan | null }>(
			`select number, title, to_char(signed_on, 'YYYY-MM-DD') as signed_on, plan_before, plan_after
			 from public.charter_amendments where id = $1`,
			[id]
		)
	)[0];

beforeAll(async () => {
	fx = await createDashboardFixture('life');
	coordinator = await signedIn(fx.coordinator.email, FIXTURE_PASSWORD);
	partnerRep = (await addMember(fx, 'rep-life', 'partner_rep', fx.organizations.lead)).client;
	steering = (await addMember(fx, 'steering-life', 'steering', null)).client;
	otherCoordinator = await signInAs(DEMO.coordNormandie);
	const [org] = await sql<{ id: string }>(
		`insert into public.organizations (name, kind) values ($1, 'commune') returning id`,
		[`Commune qui rejoint ${fx.charterId.slice(0, 8)}`]
	);
	joining = org.id;
	await sql(
		`insert into public.charter_partners (charter_id, organization_id, role, signed_on) values ($1, $2, 'signatory', $3)`,
		[fx.charterId, fx.organizations.lead, shiftDays(fx.today, -800)]
	);
});

describe('the plan as it stands', () => {
	test('charter_plan holds what the plan tables hold, in the plan’s order, archived actions left out', async () => {
		await sql('update public.actions set archived_at = now() where id = $1', [fx.actions.a5]);
		const { data, error } = await coordinator.rpc('charter_plan', { p_charter_id: fx.charterId });
		expect(error).toBeNull();
		const plan = data as Plan;
		const objectives = await sql<{ id: string; code: string; title: string; position: number }>(
			`select id, code, title, position from public.objectives
			 where charter_id = $1 and archived_at is null order by position`,
			[fx.charterId]
		);
		expect(plan.objectives).toEqual(objectives);
		const actions = await sql<{ id: string; code: string; title: string; lead_name: string; status: string }>(
			`select a.id, a.code, a.title, o.name as lead_name, a.status::text as status
			 from public.actions a join public.objectives ob on ob.id = a.objective_id
			 join public.organizations o on o.id = a.lead_organization_id
			 where a.charter_id = $1 and a.archived_at is null order by ob.position, a.position`,
			[fx.charterId]
		);
		expect(
			plan.actions.map(({ id, code, title, lead_name, status }) => ({ id, code, title, lead_name, status }))
		).toEqual(actions);
		expect(plan.actions.map((a) => a.id)).not.toContain(fx.actions.a5);
		const partners = await sql<{ action_id: string; organization_id: string; role: string }>(
			'select action_id, organization_id, role::text as role from public.action_partners where charter_id = $1',
			[fx.charterId]
		);
		for (const a of plan.actions) {
			const expected = partners.filter((p) => p.action_id === a.id);
			expect(a.contributors.map((c) => c.id).sort()).toEqual(
				expected
					.filter((p) => p.role === 'contributor')
					.map((p) => p.organization_id)
					.sort()
			);
			expect(a.funders.map((c) => c.id).sort()).toEqual(
				expected
					.filter((p) => p.role === 'funder')
					.map((p) => p.organization_id)
					.sort()
			);
		}
	});

	test('another charter’s coordination reads an empty plan', async () => {
		const { data, error } = await otherCoordinator.rpc('charter_plan', { p_charter_id: fx.charterId });
		expect(error).toBeNull();
		expect(data).toEqual({ objectives: [], actions: [] });
	});
});

describe('opening, signing and keeping amendments', () => {
	let first: string;
	let second: string;

	test('two drafts opened at once get 1 and 2, and the plan as it stood (whatever the caller sends)', async () => {
		const [a, b] = await Promise.all([
			open(coordinator, 'Premier avenant de test', { number: 42, plan_before: { objectives: [] } }),
			open(coordinator, 'Second avenant de test')
		]);
		expect(a.error).toBeNull();
		expect(b.error).toBeNull();
		expect([a.data!.number, b.data!.number].sort()).toEqual([1, 2]);
		[first, second] = a.data!.number === 1 ? [a.data!.id, b.data!.id] : [b.data!.id, a.data!.id];
		const { data: plan } = await coordinator.rpc('charter_plan', { p_charter_id: fx.charterId });
		expect(a.data!.plan_before).toEqual(plan);
		expect(a.data!.plan_after).toBeNull();
	});

	test('a draft’s plan before and number never change, even when the plan does', async () => {
		const before = (await amendmentRow(first)).plan_before;
		const { error: added } = await coordinator.from('actions').insert({
			charter_id: fx.charterId,
			objective_id: fx.objectives.o2,
			code: '2.9',
			title: 'Bourse d’études de test',
			lead_organization_id: fx.organizations.partner
		});
		expect(added).toBeNull();
		const { error: lead } = await coordinator
			.from('actions')
			.update({ lead_organization_id: fx.organizations.partner })
			.eq('id', fx.actions.a1);
		expect(lead).toBeNull();
		expect((await amendmentRow(first)).plan_before).toEqual(before);

		const frozen = await coordinator.from('charter_amendments').update({ plan_before: {} }).eq('id', first).select();
		expect(frozen.error?.code).toBe('PT403');
		const renumbered = await coordinator.from('charter_amendments').update({ number: 7 }).eq('id', first).select();
		expect(renumbered.error?.code).toBe('PT403');
		const retitled = await coordinator
			.from('charter_amendments')
			.update({ title: 'Premier avenant, intitulé corrigé' })
			.eq('id', first)
			.select('title');
		expect(retitled.error).toBeNull();
		expect(retitled.data).toEqual([{ title: 'Premier avenant, intitulé corrigé' }]);
	});

	test('a signature in the future is refused, and nothing is signed', async () => {
		const { error } = await coordinator.rpc('sign_amendment', {
			p_amendment_id: first,
			p_signed_on: shiftDays(fx.today, 3)
		});
		expect(error?.code).toBe('PT400');
		expect((await amendmentRow(first)).signed_on).toBeNull();
	});

	test('an organization already signatory cannot join again: the whole signature is undone', async () => {
		const { error } = await coordinator.rpc('sign_amendment', {
			p_amendment_id: first,
			p_signed_on: fx.today,
			p_signatories: [{ organization_id: fx.organizations.lead }]
		});
		expect(error?.code).toBe('PT409');
		expect((await amendmentRow(first)).signed_on).toBeNull();
	});

	test('signing keeps the plan after and adds the organizations joining by it', async () => {
		const signedOn = shiftDays(fx.today, -2);
		const { data, error } = await coordinator.rpc('sign_amendment', {
			p_amendment_id: first,
			p_signed_on: signedOn,
			p_signatories: [{ organization_id: joining, signed_on: shiftDays(fx.today, -5) }]
		});
		expect(error).toBeNull();
		expect(data.signed_on).toBe(signedOn);
		const row = await amendmentRow(first);
		const { data: plan } = await coordinator.rpc('charter_plan', { p_charter_id: fx.charterId });
		expect(row.plan_after).toEqual(plan);
		expect(row.plan_after!.actions.map((a) => a.code)).toContain('2.9');
		expect(row.plan_before.actions.map((a) => a.code)).not.toContain('2.9');
		expect(row.plan_after!.actions.find((a) => a.id === fx.actions.a1)?.lead_organization_id).toBe(
			fx.organizations.partner
		);
		const partners = await sql<{ role: string; signed_on: string; amendment_id: string }>(
			`select role::text as role, to_char(signed_on, 'YYYY-MM-DD') as signed_on, amendment_id
			 from public.charter_partners where charter_id = $1 and organization_id = $2`,
			[fx.charterId, joining]
		);
		expect(partners).toEqual([{ role: 'signatory', signed_on: shiftDays(fx.today, -5), amendment_id: first }]);
	});

	test('a signed amendment never changes and is never deleted', async () => {
		const kept = await amendmentRow(first);
		for (const change of [{ title: 'Autre intitulé' }, { signed_on: fx.today }, { plan_after: {} }, { summary: 'x' }]) {
			const { error } = await coordinator.from('charter_amendments').update(change).eq('id', first).select();
			expect(error?.code).toBe('PT403');
		}
		const again = await coordinator.rpc('sign_amendment', { p_amendment_id: first, p_signed_on: fx.today });
		expect(again.error?.code).toBe('PT409');
		const deleted = await coordinator.from('charter_amendments').delete().eq('id', first).select('id');
		expect(deleted.error).toBeNull();
		expect(deleted.data).toEqual([]);
		expect(await amendmentRow(first)).toEqual(kept);
		// Even past RLS (the service role, a migration), the trigger keeps it.
		await expect(
			sql(`update public.charter_amendments set title = 'Par le superutilisateur' where id = $1`, [first])
		).rejects.toThrow(/ne change plus/);
	});

	test('partners and steering read the amendments but write none', async () => {
		const title = (await amendmentRow(second)).title;
		for (const client of [partnerRep, steering]) {
			const { data } = await client.from('charter_amendments').select('id').eq('charter_id', fx.charterId);
			expect(data?.map((a) => a.id).sort()).toEqual([first, second].sort());
			const inserted = await open(client, 'Avenant d’une personne non coordinatrice');
			expect(inserted.error?.code).toBe('42501');
			const updated = await client.from('charter_amendments').update({ title: 'Changé' }).eq('id', second).select();
			expect(updated.data ?? []).toEqual([]);
			const deleted = await client.from('charter_amendments').delete().eq('id', second).select();
			expect(deleted.data ?? []).toEqual([]);
			const signed = await client.rpc('sign_amendment', { p_amendment_id: second, p_signed_on: fx.today });
			expect(signed.error?.code).toBe('PT403');
		}
		expect((await amendmentRow(second)).title).toBe(title);
		expect((await amendmentRow(second)).signed_on).toBeNull();
	});

	test('another charter’s coordination sees no amendment and signs none', async () => {
		const { data } = await otherCoordinator.from('charter_amendments').select('id').eq('charter_id', fx.charterId);
		expect(data).toEqual([]);
		const signed = await otherCoordinator.rpc('sign_amendment', { p_amendment_id: second, p_signed_on: fx.today });
		expect(signed.error?.code).toBe('PT403');
		const inserted = await open(otherCoordinator, 'Avenant d’une autre charte');
		expect(inserted.error?.code).toBe('42501');
	});

	test('a coordinator deletes a draft', async () => {
		const deleted = await coordinator.from('charter_amendments').delete().eq('id', second).select('id');
		expect(deleted.data).toEqual([{ id: second }]);
		const next = await open(coordinator, 'Troisième avenant de test');
		expect(next.data?.number).toBe(2);
	});

	test('a coordinator corrects a signatory’s date; a date on a partner that is not a signatory is refused', async () => {
		const { data, error } = await coordinator
			.from('charter_partners')
			.update({ signed_on: '2024-03-12' })
			.eq('charter_id', fx.charterId)
			.eq('organization_id', fx.organizations.lead)
			.eq('role', 'signatory')
			.select('signed_on');
		expect(error).toBeNull();
		expect(data).toEqual([{ signed_on: '2024-03-12' }]);
		const byPartner = await partnerRep
			.from('charter_partners')
			.update({ signed_on: '2024-01-01' })
			.eq('charter_id', fx.charterId)
			.eq('organization_id', fx.organizations.lead)
			.select();
		expect(byPartner.data ?? []).toEqual([]);
		await sql(`insert into public.charter_partners (charter_id, organization_id, role) values ($1, $2, 'funder')`, [
			fx.charterId,
			joining
		]);
		const onFunder = await coordinator
			.from('charter_partners')
			.update({ signed_on: '2024-03-12' })
			.eq('charter_id', fx.charterId)
			.eq('organization_id', joining)
			.eq('role', 'funder')
			.select();
		expect(onFunder.error?.code).toBe('23514');
	});
});

describe('the demo data', () => {
	test('the Haute-Vienne amendment n° 1 added action 3.3 and gave 2.2 another lead, against the seeded plan', async () => {
		const hv = await signInAs(DEMO.copilHv);
		const { data, error } = await hv
			.from('charter_amendments')
			.select('number, signed_on, plan_before, plan_after')
			.eq('charter_id', ids.charter('haute-vienne'));
		expect(error).toBeNull();
		expect(data).toHaveLength(1);
		const [amendment] = data!;
		expect(amendment).toMatchObject({ number: 1, signed_on: '2026-03-12' });
		const diff = diffPlans(parsePlan(amendment.plan_before)!, parsePlan(amendment.plan_after)!);
		expect(diff.actions.added.map((a) => a.code)).toEqual(['3.3']);
		expect(diff.actions.removed).toEqual([]);
		expect(diff.actions.changed.map((c) => [c.after.code, c.fields])).toEqual([['2.2', ['lead']]]);
		expect(diff.objectives).toEqual({ added: [], removed: [], changed: [] });
		const { data: plan } = await hv.rpc('charter_plan', { p_charter_id: ids.charter('haute-vienne') });
		expect(parsePlan(plan)!.actions.map((a) => a.id)).toEqual(
			parsePlan(amendment.plan_after)!.actions.map((a) => a.id)
		);
	});

	test('the demo charters’ signatories signed on the charter’s day', async () => {
		const rows = await sql<{ slug: string; signed_on: string | null; n: number }>(
			`select c.slug, to_char(cp.signed_on, 'YYYY-MM-DD') as signed_on, count(*)::int as n
			 from public.charter_partners cp join public.charters c on c.id = cp.charter_id
			 where cp.role = 'signatory' and c.slug = 'haute-vienne' group by 1, 2`
		);
		expect(rows).toEqual([{ slug: 'haute-vienne', signed_on: '2024-09-25', n: 7 }]);
	});
});
