/**
 * The update campaign before a meeting (issue 15, item 2), against the real stack with time moved
 * (p_today): the opening notice once per representative, the reminders at D-7 and D-2 exactly once each and
 * only to those whose organization still has actions to update, nothing for a representative who turned the
 * topic off, nothing more when the job runs again; the board's figures against the journal; the dashboard's
 * status; and the job refused to a partner.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, mailbox } from '../helpers/env.ts';
import { signInAs, superuserPool } from '../helpers/demo.ts';
import { todayParis, shiftDays } from '../helpers/dashboard-fixture.ts';
import { createUser, drainOutbox, WORLD_PASSWORD } from '../notifications/world.ts';
import { runCampaignNotices, runJobs } from '../../src/lib/server/notifications/jobs.ts';
import type { ServiceClient } from '../../src/lib/server/notifications/worker.ts';

const su = superuserPool();
const service = serviceClient();
const SITE = 'http://campaign.test';
const today = todayParis();
const due = shiftDays(today, 20);
const frDate = (iso: string) => iso.split('-').reverse().join('/');

const tagged = randomUUID().slice(0, 8);
let charterId: string;
let slug: string;
let meetingId: string;
const orgs: Record<'fac' | 'mairie' | 'cpts', string> = {} as never;
const actions: Record<'fac1' | 'fac2' | 'mairie' | 'cpts' | 'mairieDone' | 'mairieArchived', string> = {} as never;
type Key = 'coord' | 'facRep' | 'facQuiet' | 'mairieRep' | 'cptsRep' | 'outsider';
const users: Record<Key, { id: string; email: string }> = {} as never;
const clients: Partial<Record<Key, SupabaseClient>> = {};

const run = (day: string) => service.rpc('enqueue_campaign_notices', { p_today: day, p_charter_id: charterId });
const notes = () =>
	su.query<{ kind: string; recipient_email: string; dedupe_key: string; payload: Record<string, unknown> }>(
		'select kind, recipient_email, dedupe_key, payload from public.notifications where meeting_id = $1 order by created_at, recipient_email',
		[meetingId]
	);

async function update(who: Key, action: keyof typeof actions, comment?: string, kind?: string) {
	const { version } = await su.one<{ version: number }>('select version from public.actions where id = $1', [
		actions[action]
	]);
	const { error } = await clients[who]!.rpc('record_action_update', {
		p_action_id: actions[action],
		p_expected_version: version,
		p_status: 'in_progress',
		p_progress: 50,
		p_health: 'on_track',
		...(comment ? { p_comment: comment } : {}),
		...(kind ? { p_kind: kind } : {})
	});
	expect(error).toBeNull();
}

beforeAll(async () => {
	slug = `test-campagne-${tagged}`;
	({ id: charterId } = await su.one<{ id: string }>(
		`insert into public.charters (slug, title, short_title, scope_level, status) values ($1, $2, $3, 'departement', 'active') returning id`,
		[slug, `Charte campagne ${tagged}`, `Campagne ${tagged}`]
	));
	for (const [key, name, kind] of [
		['fac', `Faculté ${tagged}`, 'faculte'],
		['mairie', `Mairie ${tagged}`, 'commune'],
		['cpts', `CPTS ${tagged}`, 'cpts']
	] as const) {
		orgs[key] = (
			await su.one<{ id: string }>(`insert into public.organizations (name, kind) values ($1, $2) returning id`, [
				name,
				kind
			])
		).id;
		await su.query(
			`insert into public.charter_partners (charter_id, organization_id, role) values ($1, $2, 'signatory')`,
			[charterId, orgs[key]]
		);
	}
	const { id: objectiveId } = await su.one<{ id: string }>(
		`insert into public.objectives (charter_id, code, title) values ($1, '1', 'Attirer') returning id`,
		[charterId]
	);
	const action = async (key: keyof typeof actions, code: string, org: keyof typeof orgs, extra = '') => {
		actions[key] = (
			await su.one<{ id: string }>(
				`insert into public.actions (charter_id, objective_id, code, title, lead_organization_id ${extra ? ', status, progress, archived_at' : ''})
				 values ($1, $2, $3, $4, $5 ${extra}) returning id`,
				[charterId, objectiveId, code, `Action ${code} ${tagged}`, orgs[org]]
			)
		).id;
	};
	await action('fac1', '1.1', 'fac');
	await action('fac2', '1.2', 'fac');
	await action('mairie', '1.3', 'mairie');
	await action('cpts', '1.4', 'cpts');
	await action('mairieDone', '1.5', 'mairie', ", 'done', 100, null");
	await action('mairieArchived', '1.6', 'mairie', ", 'planned', 0, now()");
	const member = async (key: Key, role: string, organizationId: string | null) => {
		const email = `${key.toLowerCase()}.${tagged}@example.com`;
		const id = await createUser(su, email, `${key} ${tagged}`);
		await su.query(
			'insert into public.charter_members (charter_id, user_id, role, organization_id) values ($1, $2, $3, $4)',
			[charterId, id, role, organizationId]
		);
		users[key] = { id, email };
	};
	await member('coord', 'coordinator', null);
	await member('facRep', 'partner_rep', orgs.fac);
	await member('facQuiet', 'partner_rep', orgs.fac);
	await member('mairieRep', 'partner_rep', orgs.mairie);
	await member('cptsRep', 'partner_rep', orgs.cpts);
	await su.query(
		`insert into public.notification_preferences (user_id, topic, enabled) values ($1, 'update_campaigns', false)`,
		[users.facQuiet.id]
	);
	for (const key of ['coord', 'facRep', 'cptsRep'] as const)
		clients[key] = await signInAs(users[key].email, WORLD_PASSWORD);
	({ id: meetingId } = await su.one<{ id: string }>(
		`insert into public.meetings (charter_id, kind, title, starts_at, updates_due_on, campaign_opens_on)
		 values ($1, 'copil', 'COPIL de test', ($2::date + 30)::timestamp at time zone 'Europe/Paris' + interval '9 hours', $3, $4)
		 returning id`,
		[charterId, today, due, today]
	));
});

afterAll(async () => {
	await su.query('delete from public.notifications where charter_id = $1', [charterId]);
	await su.query('delete from public.charters where id = $1', [charterId]);
	await su.query('delete from public.organizations where id = any($1)', [Object.values(orgs)]);
	await su.query('delete from auth.users where id = any($1)', [Object.values(users).map((u) => u.id)]);
	await su.end();
});

describe('the opening notice', () => {
	it('goes once to every representative of each organization with expected actions, listing them', async () => {
		expect((await run(shiftDays(today, -1))).data, 'not open yet').toBe(0);
		const first = await run(today);
		expect(first.error).toBeNull();
		expect(first.data).toBe(3);
		expect((await run(today)).data, 'idempotent').toBe(0);
		expect((await run(shiftDays(today, 1))).data, 'the next day: nothing more').toBe(0);
		const open = await notes();
		expect(open.map((n) => n.recipient_email).sort()).toEqual(
			[users.cptsRep.email, users.facRep.email, users.mairieRep.email].sort()
		);
		const fac = open.find((n) => n.recipient_email === users.facRep.email)!;
		expect(fac.kind).toBe('campaign_open');
		expect(fac.dedupe_key).toBe(`campaign:${meetingId}:open:${users.facRep.id}`);
		expect((fac.payload.actions as { id: string }[]).map((a) => a.id)).toEqual([actions.fac1, actions.fac2]);
		// The done and the archived actions of the mairie are not asked for.
		const mairie = open.find((n) => n.recipient_email === users.mairieRep.email)!;
		expect((mairie.payload.actions as { id: string }[]).map((a) => a.id)).toEqual([actions.mairie]);
	});

	it('reaches the mailbox with a link to each action’s update form', async () => {
		await drainOutbox({ charterId, siteUrl: SITE });
		const mail = await mailbox.waitForMail(users.facRep.email, (m) => m.Subject.includes(frDate(due)));
		expect(mail.Subject).toMatch(
			new RegExp(`^COPIL du \\d{2}/\\d{2}/\\d{4} : vos actions à mettre à jour avant le ${frDate(due)}$`)
		);
		expect(mail.Text).toContain(`${SITE}/chartes/${slug}/actions/${actions.fac1}?formulaire=mise-a-jour#mise-a-jour`);
		expect(mail.Text).toContain(`${SITE}/chartes/${slug}/actions/${actions.fac2}?formulaire=mise-a-jour#mise-a-jour`);
		expect(await mailbox.search(`to:${users.facQuiet.email}`)).toHaveLength(0);
	});
});

describe('the board', () => {
	it('counts per organization the expected actions updated since the campaign opened, with the latest comment', async () => {
		await update('cptsRep', 'cpts', 'Tout est à jour');
		await update('facRep', 'fac1', 'Le local manque encore', 'frein');
		const { data, error } = await clients.coord!.rpc('campaign_board', { p_meeting_id: meetingId });
		expect(error).toBeNull();
		const byOrg = Object.fromEntries(data!.map((r: { organization_id: string }) => [r.organization_id, r]));
		expect(byOrg[orgs.fac]).toMatchObject({
			expected: 2,
			updated: 1,
			latest_comment: 'Le local manque encore',
			latest_comment_kind: 'frein',
			latest_comment_author: `facRep ${tagged}`,
			missing: [{ id: actions.fac2, code: '1.2', title: `Action 1.2 ${tagged}` }]
		});
		expect(byOrg[orgs.cpts]).toMatchObject({ expected: 1, updated: 1, missing: [] });
		expect(byOrg[orgs.mairie]).toMatchObject({ expected: 1, updated: 0, latest_comment: null });
		// The same figures from the journal itself.
		const journal = await su.query<{ organization_id: string; updated: number }>(
			`select a.lead_organization_id as organization_id, count(distinct u.action_id)::int as updated
			 from public.action_updates u join public.actions a on a.id = u.action_id
			 where u.charter_id = $1 and u.created_at >= ($2::date)::timestamp at time zone 'Europe/Paris'
			 group by 1`,
			[charterId, today]
		);
		for (const row of journal) expect(byOrg[row.organization_id].updated).toBe(row.updated);
		expect(journal).toHaveLength(2);
	});

	it('says on the dashboard how far the campaign is, then who is missing once it ended', async () => {
		const running = await clients.coord!.rpc('campaign_status', { p_charter_id: charterId, p_today: today });
		expect(running.error).toBeNull();
		expect(running.data![0]).toMatchObject({
			meeting_id: meetingId,
			state: 'running',
			expected: 4,
			updated: 2,
			complete: false
		});
		const ended = await clients.coord!.rpc('campaign_status', { p_charter_id: charterId, p_today: shiftDays(due, 1) });
		expect(ended.data![0].state).toBe('ended');
		expect(
			(ended.data![0].missing as { organization_id: string; missing: number }[]).map((m) => [
				m.organization_id,
				m.missing
			])
		).toEqual([
			[orgs.fac, 1],
			[orgs.mairie, 1]
		]);
	});
});

describe('the reminders at D-7 and D-2', () => {
	it('go exactly once each, only to the representatives of organizations with actions still to update', async () => {
		expect((await run(shiftDays(due, -8))).data, 'D-8: nothing').toBe(0);
		expect((await run(shiftDays(due, -7))).data, 'D-7').toBe(2);
		expect((await run(shiftDays(due, -7))).data, 'again').toBe(0);
		expect((await run(shiftDays(due, -5))).data, 'D-5').toBe(0);
		expect((await run(shiftDays(due, -3))).data, 'D-3').toBe(0);
		expect((await run(shiftDays(due, -2))).data, 'D-2').toBe(2);
		expect((await run(shiftDays(due, -1))).data, 'D-1').toBe(0);
		expect((await run(due)).data, 'due date').toBe(0);
		expect((await run(shiftDays(due, 1))).data, 'after the due date').toBe(0);
		const reminders = (await notes()).filter((n) => n.kind === 'campaign_reminder');
		expect(reminders.map((n) => [n.recipient_email, n.payload.stage]).sort()).toEqual(
			[
				[users.facRep.email, 'd2'],
				[users.facRep.email, 'd7'],
				[users.mairieRep.email, 'd2'],
				[users.mairieRep.email, 'd7']
			].sort()
		);
		const fac = reminders.find((n) => n.recipient_email === users.facRep.email)!;
		expect((fac.payload.actions as { id: string }[]).map((a) => a.id)).toEqual([actions.fac2]);
		expect(fac.payload).toMatchObject({ expected: 2, missing: 1 });
	});

	it('reach the mailbox exactly once each; the organization that updated everything gets only the opening notice', async () => {
		await drainOutbox({ charterId, siteUrl: SITE });
		const count = async (email: string) => (await mailbox.search(`to:${email}`)).length;
		await expect.poll(() => count(users.facRep.email)).toBe(3);
		expect(await count(users.mairieRep.email)).toBe(3);
		expect(await count(users.cptsRep.email)).toBe(1);
		expect(await count(users.facQuiet.email)).toBe(0);
		const reminder = await mailbox.waitForMail(users.facRep.email, (m) => m.Subject.startsWith('Rappel'));
		expect(reminder.Subject).toContain('une action reste à mettre à jour');
		expect(reminder.Text).toContain(`/actions/${actions.fac2}?formulaire=mise-a-jour`);
		expect(reminder.Text).not.toContain(`/actions/${actions.fac1}?formulaire`);
	});
});

describe('who reads the board', () => {
	it('shows nothing to someone who is not a member of the charter', async () => {
		const email = `outsider.${tagged}@example.com`;
		const id = await createUser(su, email, `Outsider ${tagged}`);
		users.outsider = { id, email };
		const outsider = await signInAs(email, WORLD_PASSWORD);
		const board = await outsider.rpc('campaign_board', { p_meeting_id: meetingId });
		expect(board.error).toBeNull();
		expect(board.data).toEqual([]);
		const status = await outsider.rpc('campaign_status', { p_charter_id: charterId });
		expect(status.data).toEqual([]);
	});
});

describe('the job', () => {
	it('is refused to a partner representative, and to a coordinator', async () => {
		for (const who of ['facRep', 'coord'] as const) {
			const { error } = await clients[who]!.rpc('enqueue_campaign_notices', { p_charter_id: charterId });
			expect(error, who).not.toBeNull();
		}
	});
});

describe('a worker down for a day', () => {
	it('catches the reminder up the next day, once', async () => {
		const due2 = shiftDays(today, 40);
		const { id } = await su.one<{ id: string }>(
			`insert into public.meetings (charter_id, kind, title, starts_at, updates_due_on, campaign_opens_on)
			 values ($1, 'comite_technique', 'Comité de test', ($2::date + 45)::timestamp at time zone 'Europe/Paris', $3, $4)
			 returning id`,
			[charterId, today, due2, shiftDays(today, 25)]
		);
		const stage = (s: string) =>
			su.query('select 1 from public.notifications where meeting_id = $1 and payload ->> $2 = $3', [id, 'stage', s]);
		expect((await run(shiftDays(today, 25))).data, 'opening').toBe(3);
		// Opened after the updates of the first campaign: every action is to update again. D-7 is missed; D-6 catches up.
		expect((await run(shiftDays(due2, -6))).data, 'D-6').toBe(3);
		expect((await run(shiftDays(due2, -4))).data, 'D-4').toBe(0);
		expect(await stage('d7')).toHaveLength(3);
		expect(await stage('d2')).toHaveLength(0);
		// The sender's periodic jobs run the same function.
		const client = service as unknown as ServiceClient;
		expect(await runCampaignNotices(client, { charterId, today: shiftDays(due2, -2) })).toBe(3);
		expect((await runJobs(client, { charterId })).campaignNotices).toBe(0);
	});
});
