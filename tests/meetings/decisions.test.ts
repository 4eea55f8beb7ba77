/**
 * The decisions register and the agenda prepared by the product, against the real stack
 * (20261123500300_agenda_and_decisions.sql and the policies of 20261123500000_copil_cycle.sql): numbering,
 * record_decision with a new action, who marks a decision done, who edits an agenda, and what
 * propose_agenda_items puts on the next meeting's agenda.
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
import { signedIn } from '../admin/helpers.ts';
import { addMember, decisionRow as decision, planMeeting as plan } from './decisions-world.ts';

let fx: DashboardFixture;
let coordinator: SupabaseClient;
let leadRep: SupabaseClient;
let steering: SupabaseClient;
let partnerRepId: string;
let steeringId: string;
let firstMeeting: string;

const planMeeting = (startsOn: string, title: string) => plan(coordinator, fx, startsOn, title);

beforeAll(async () => {
	fx = await createDashboardFixture('decisions');
	await sql(
		`insert into public.charter_partners (charter_id, organization_id, role) values ($1, $2, 'lead'), ($1, $3, 'contributor')
		 on conflict do nothing`,
		[fx.charterId, fx.organizations.lead, fx.organizations.partner]
	);
	coordinator = await signedIn(fx.coordinator.email, FIXTURE_PASSWORD);
	const lead = await addMember(fx, 'rep-lead', 'partner_rep', fx.organizations.lead);
	const board = await addMember(fx, 'steering', 'steering', null);
	const partner = await addMember(fx, 'rep-partner', 'partner_rep', fx.organizations.partner);
	leadRep = lead.client;
	steering = board.client;
	steeringId = board.id;
	partnerRepId = partner.id;
	firstMeeting = await planMeeting(shiftDays(fx.today, -30), 'COPIL de test');
});

describe('recording decisions', () => {
	test('two decisions recorded at once get D01 and D02', async () => {
		const record = (text: string, owner: string) =>
			coordinator.rpc('record_decision', { p_meeting_id: firstMeeting, p_text: text, p_owner_organization_id: owner });
		const [a, b] = await Promise.all([
			record('Recruter un chargé de mission', fx.organizations.lead),
			record('Ouvrir un deuxième lieu de stage', fx.organizations.partner)
		]);
		expect(a.error).toBeNull();
		expect(b.error).toBeNull();
		const codes = [(await decision(a.data)).code, (await decision(b.data)).code].sort();
		expect(codes).toEqual(['D01', 'D02']);
	});

	test('a decision creating an action puts it in the plan, led by the owner, and links it', async () => {
		const { data: id, error } = await coordinator.rpc('record_decision', {
			p_meeting_id: firstMeeting,
			p_text: 'Lancer une campagne de communication',
			p_owner_organization_id: fx.organizations.partner,
			p_due_on: shiftDays(fx.today, 60),
			p_new_action: { objective_id: fx.objectives.o1, title: 'Campagne de communication' }
		});
		expect(error).toBeNull();
		const [row] = await sql<{ code: string; title: string; lead: string; due_on: string; objective_id: string }>(
			`select a.code, a.title, a.lead_organization_id as lead, a.due_on::text, a.objective_id
			 from public.decisions d join public.actions a on a.id = d.action_id where d.id = $1`,
			[id]
		);
		expect(row).toMatchObject({
			code: '1.3',
			title: 'Campagne de communication',
			lead: fx.organizations.partner,
			due_on: shiftDays(fx.today, 60),
			objective_id: fx.objectives.o1
		});
	});

	test('an unknown objective for the new action is refused with a message and creates nothing', async () => {
		const before = await sql<{ n: number }>('select count(*)::int as n from public.actions where charter_id = $1', [
			fx.charterId
		]);
		const { error } = await coordinator.rpc('record_decision', {
			p_meeting_id: firstMeeting,
			p_text: 'Décision sans objectif valable',
			p_owner_organization_id: fx.organizations.lead,
			p_new_action: { objective_id: crypto.randomUUID(), title: 'Action fantôme' }
		});
		expect(error?.code).toBe('PT400');
		expect(error?.message).toMatch(/objectif/);
		const after = await sql<{ n: number }>('select count(*)::int as n from public.actions where charter_id = $1', [
			fx.charterId
		]);
		expect(after[0].n).toBe(before[0].n);
	});

	test('a cancelled meeting takes no decision', async () => {
		const cancelled = await planMeeting(shiftDays(fx.today, 90), 'COPIL annulé');
		const { error: cancelling } = await coordinator
			.from('meetings')
			.update({ status: 'cancelled' })
			.eq('id', cancelled);
		expect(cancelling).toBeNull();
		const { error } = await coordinator.rpc('record_decision', {
			p_meeting_id: cancelled,
			p_text: 'Décision impossible',
			p_owner_organization_id: fx.organizations.lead
		});
		expect(error).toMatchObject({ code: 'PT409', message: "Cette réunion est annulée : elle n'a pas de décisions." });
	});

	test('a steering member cannot record a decision', async () => {
		const { error } = await steering.rpc('record_decision', {
			p_meeting_id: firstMeeting,
			p_text: 'Décision du comité',
			p_owner_organization_id: fx.organizations.lead
		});
		expect(error?.code).toBe('PT403');
	});
});

describe('the owner marks a decision done', () => {
	let own: string;
	let other: string;

	beforeAll(async () => {
		const [a] = await sql<{ id: string }>(
			`select id from public.decisions where charter_id = $1 and owner_organization_id = $2 order by number limit 1`,
			[fx.charterId, fx.organizations.lead]
		);
		const [b] = await sql<{ id: string }>(
			`select id from public.decisions where charter_id = $1 and owner_organization_id = $2 order by number limit 1`,
			[fx.charterId, fx.organizations.partner]
		);
		own = a.id;
		other = b.id;
		const { error } = await coordinator.rpc('hold_meeting', { p_meeting_id: firstMeeting });
		expect(error).toBeNull();
	});

	test('without a comment it is refused with the message', async () => {
		const { error } = await leadRep.from('decisions').update({ status: 'done' }).eq('id', own).select('id');
		expect(error?.message).toBe('Dites en une phrase ce qui a été fait.');
		expect((await decision(own)).status).toBe('open');
	});

	test('with a comment it is done', async () => {
		const { data, error } = await leadRep
			.from('decisions')
			.update({ status: 'done', status_comment: 'Recrutement signé le 3.' })
			.eq('id', own)
			.select('id');
		expect(error).toBeNull();
		expect(data).toHaveLength(1);
		expect(await decision(own)).toMatchObject({ status: 'done', status_comment: 'Recrutement signé le 3.' });
	});

	test("another organization's decision is out of reach", async () => {
		const before = await decision(other);
		const { data, error } = await leadRep
			.from('decisions')
			.update({ status: 'done', status_comment: 'Pas à nous' })
			.eq('id', other)
			.select('id');
		expect(error ? 'error' : data).toEqual(error ? 'error' : []);
		expect(await decision(other)).toEqual(before);
	});

	test('the owner changes neither the text nor drops it', async () => {
		const before = await decision(own);
		const text = await leadRep.from('decisions').update({ text: 'Autre texte' }).eq('id', own).select('id');
		expect(text.error?.code).toBe('PT403');
		const dropped = await leadRep
			.from('decisions')
			.update({ status: 'dropped', status_comment: 'Abandon' })
			.eq('id', own)
			.select('id');
		expect(dropped.error?.code).toBe('PT403');
		expect(await decision(own)).toEqual(before);
	});
});

describe('the agenda', () => {
	test('a steering member cannot edit an agenda', async () => {
		const [item] = await sql<{ id: string; title: string }>(
			'select id, title from public.meeting_items where meeting_id = $1 order by position limit 1',
			[firstMeeting]
		);
		expect(item).toBeDefined();
		const insert = await steering
			.from('meeting_items')
			.insert({ meeting_id: firstMeeting, charter_id: fx.charterId, position: 99, title: 'Point libre' });
		expect(insert.error?.code).toBe('42501');
		const update = await steering.from('meeting_items').update({ title: 'Changé' }).eq('id', item.id).select('id');
		expect(update.data ?? []).toEqual([]);
		const removed = await steering.from('meeting_items').delete().eq('id', item.id).select('id');
		expect(removed.data ?? []).toEqual([]);
		const moved = await steering.rpc('move_meeting_item', { p_item_id: item.id, p_direction: 'down' });
		expect(moved.error?.code).toBe('PT403');
		const proposed = await steering.rpc('propose_agenda_items', { p_meeting_id: firstMeeting });
		expect(proposed.error?.code).toBe('PT403');
		const [after] = await sql<{ title: string }>('select title from public.meeting_items where id = $1', [item.id]);
		expect(after.title).toBe(item.title);
	});

	test("the next meeting's agenda reviews the decisions, lists the arbitrations and the alerts; proposing again adds nothing", async () => {
		await sql(
			`insert into public.action_updates (action_id, charter_id, author_id, status, progress, health, comment, kind)
			 values ($1, $2, $3, 'in_progress', 50, 'at_risk', 'Le financement manque : il faut trancher.', 'arbitrage')`,
			[fx.actions.a2, fx.charterId, fx.coordinator.id]
		);
		const next = await planMeeting(shiftDays(fx.today, 20), 'COPIL suivant');
		const items = await sql<{ kind: string; title: string; position: number; decision_id: string; action_id: string }>(
			`select kind, title, position, decision_id, action_id from public.meeting_items where meeting_id = $1 order by position`,
			[next]
		);
		const titles = items.map((i) => i.title);
		// D01 and D02 went to whichever of the two concurrent inserts came first.
		expect(titles.filter((t) => /^D0[12] — Recruter un chargé de mission : faite$/.test(t))).toHaveLength(1);
		expect(titles.filter((t) => /^D0[12] — Ouvrir un deuxième lieu de stage : ouverte$/.test(t))).toHaveLength(1);
		expect(titles).toContain('D03 — Lancer une campagne de communication : ouverte');
		expect(items.find((i) => i.kind === 'alert' && i.action_id === fx.actions.a1)?.title).toBe(
			'Action 1.1 bloquée : Action de test 1.1'
		);
		const arbitration = items.find((i) => i.kind === 'arbitration');
		expect(arbitration).toMatchObject({ action_id: fx.actions.a2 });
		expect(items.some((i) => i.kind === 'indicator')).toBe(true);
		// Decisions first, then arbitrations, alerts, indicators.
		const order = ['decision_review', 'arbitration', 'alert', 'indicator'];
		const ranks = items.map((i) => order.indexOf(i.kind));
		expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

		const again = await coordinator.rpc('propose_agenda_items', { p_meeting_id: next });
		expect(again.error).toBeNull();
		expect(again.data).toBe(0);
		const [count] = await sql<{ n: number }>(
			'select count(*)::int as n from public.meeting_items where meeting_id = $1',
			[next]
		);
		expect(count.n).toBe(items.length);
	});

	test('the coordinator reorders the agenda', async () => {
		const before = await sql<{ id: string }>(
			'select id from public.meeting_items where meeting_id = $1 order by position, created_at, id',
			[firstMeeting]
		);
		expect(before.length).toBeGreaterThan(1);
		const { error } = await coordinator.rpc('move_meeting_item', { p_item_id: before[0].id, p_direction: 'down' });
		expect(error).toBeNull();
		const after = await sql<{ id: string }>(
			'select id from public.meeting_items where meeting_id = $1 order by position, created_at, id',
			[firstMeeting]
		);
		expect(after[0].id).toBe(before[1].id);
		expect(after[1].id).toBe(before[0].id);
	});
});

describe('the weekly digests', () => {
	test("a partner's digest lists its open decisions, overdue first; the steering digest counts them", async () => {
		const { error } = await coordinator.rpc('record_decision', {
			p_meeting_id: firstMeeting,
			p_text: 'Écrire aux maires',
			p_owner_organization_id: fx.organizations.partner,
			p_due_on: shiftDays(fx.today, -5)
		});
		expect(error).toBeNull();
		await sql('select private.enqueue_weekly_digests(now(), $1)', [fx.charterId]);
		const [partner] = await sql<{ payload: { decisions: { code: string; text: string; overdue: boolean }[] } }>(
			`select payload from public.notifications where kind = 'digest_partner' and recipient_user_id = $1`,
			[partnerRepId]
		);
		expect(partner.payload.decisions.map((d) => [d.text, d.overdue])).toEqual([
			['Écrire aux maires', true],
			['Lancer une campagne de communication', false],
			['Ouvrir un deuxième lieu de stage', false]
		]);
		const [steeringDigest] = await sql<{ payload: { open_decision_count: number; overdue_decision_count: number } }>(
			`select payload from public.notifications where kind = 'digest_steering' and recipient_user_id = $1`,
			[steeringId]
		);
		expect(steeringDigest.payload).toMatchObject({ open_decision_count: 3, overdue_decision_count: 1 });
	});
});
