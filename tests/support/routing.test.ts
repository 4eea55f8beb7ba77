/**
 * Routing a support request to partners (issue 14, item 2 and 7), through the database and the REST API with
 * each person's own client: the referral e-mail to the partner's representatives (outbox, then the mailbox),
 * what it says and does not say, the reminder two days before the due date (idempotent), the overdue referrals
 * in the partner's weekly digest, and the partner's answer (answered_at stamped, journal entry by organization).
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderContent } from '../../src/lib/server/notifications/templates.ts';
import { serviceClient, mailbox, extractLinks } from '../helpers/env.ts';
import { signInAs, superuserPool } from '../helpers/demo.ts';
import { todayParis, shiftDays } from '../helpers/dashboard-fixture.ts';
import { createUser, drainOutbox, WORLD_PASSWORD } from '../notifications/world.ts';

const su = superuserPool();
const service = serviceClient();
const SITE = 'http://routing.test';
const CARPENTRAS = '84031';
const today = todayParis();

interface Note {
	id: string;
	kind: string;
	topic: string;
	recipient_email: string;
	recipient_user_id: string;
	support_request_id: string;
	dedupe_key: string;
	payload: Record<string, unknown>;
}

const tagged = randomUUID().slice(0, 8);
let charterId: string;
let mairie: { id: string; name: string };
let cpts: { id: string; name: string };
const users: Record<'coord' | 'mairieRep' | 'mairieQuiet' | 'cptsRep', { id: string; email: string }> = {} as never;
let coordinator: SupabaseClient;
let mairieClient: SupabaseClient;
let cptsClient: SupabaseClient;
let request: { id: string; reference: string };

const notesOf = (requestId: string, kind: string) =>
	su.query<Note>(
		'select * from public.notifications where support_request_id = $1 and kind = $2 order by recipient_email',
		[requestId, kind]
	);

async function newRequest(firstName: string): Promise<{ id: string; reference: string }> {
	const row = await su.one<{ id: string; reference: string }>(
		`insert into public.support_requests (charter_id, requester_first_name, requester_last_name, requester_email,
		   requester_phone, profession, stage, project, needs, channel)
		 values ($1, $2, 'Secretnom', 'secret.${tagged}@example.net', '06 11 22 33 44', 'medecine', 'interne',
		   'Projet confidentiel de cabinet', '{logement,locaux}', 'phone') returning id, reference`,
		[charterId, firstName]
	);
	await su.query('insert into public.support_request_communes values ($1, $2, $3)', [row.id, charterId, CARPENTRAS]);
	return row;
}

async function route(client: SupabaseClient, requestId: string, organizationId: string, need: string, dueOn: string) {
	const { data, error } = await client
		.from('referrals')
		.insert({
			request_id: requestId,
			charter_id: charterId,
			organization_id: organizationId,
			need,
			due_on: dueOn,
			note: 'Note interne : appeler le 06 99 99 99 99'
		})
		.select('id')
		.single();
	expect(error).toBeNull();
	return data!.id as string;
}

beforeAll(async () => {
	[{ id: charterId }] = await su.query<{ id: string }>(
		`insert into public.charters (slug, title, short_title, scope_level, status) values ($1, $2, $3, 'departement', 'active') returning id`,
		[`test-orientation-${tagged}`, `Charte orientation ${tagged}`, `Orientation ${tagged}`]
	);
	const org = async (name: string, kind: string) =>
		(
			await su.one<{ id: string }>(`insert into public.organizations (name, kind) values ($1, $2) returning id`, [
				name,
				kind
			])
		).id;
	mairie = { id: await org(`Mairie de test ${tagged}`, 'commune'), name: `Mairie de test ${tagged}` };
	cpts = { id: await org(`CPTS de test ${tagged}`, 'cpts'), name: `CPTS de test ${tagged}` };
	const member = async (key: keyof typeof users, role: string, organizationId: string | null) => {
		const email = `${key.toLowerCase()}.${tagged}@example.com`;
		const id = await createUser(su, email, `${key} ${tagged}`);
		await su.query(
			'insert into public.charter_members (charter_id, user_id, role, organization_id) values ($1, $2, $3, $4)',
			[charterId, id, role, organizationId]
		);
		users[key] = { id, email };
	};
	await member('coord', 'coordinator', null);
	await member('mairieRep', 'partner_rep', mairie.id);
	await member('mairieQuiet', 'partner_rep', mairie.id);
	await member('cptsRep', 'partner_rep', cpts.id);
	await su.query(`update public.profiles set locale = 'en' where id = $1`, [users.cptsRep.id]);
	// One representative of the mairie turned the referral e-mails off.
	await su.query(
		`insert into public.notification_preferences (user_id, topic, enabled) values ($1, 'support_referrals', false)`,
		[users.mairieQuiet.id]
	);
	[coordinator, mairieClient, cptsClient] = await Promise.all([
		signInAs(users.coord.email, WORLD_PASSWORD),
		signInAs(users.mairieRep.email, WORLD_PASSWORD),
		signInAs(users.cptsRep.email, WORLD_PASSWORD)
	]);
	request = await newRequest('Camille');
});

afterAll(async () => {
	await su.query('delete from public.notifications where charter_id = $1', [charterId]);
	await su.query('delete from public.charters where id = $1', [charterId]);
	await su.query('delete from public.organizations where id = any($1)', [[mairie.id, cpts.id]]);
	await su.query('delete from auth.users where id = any($1)', [Object.values(users).map((u) => u.id)]);
	await su.end();
});

describe('the referral e-mail', () => {
	let referralId: string;

	it('routing a need writes one e-mail per representative of that organization who wants them, in the same transaction', async () => {
		referralId = await route(coordinator, request.id, mairie.id, 'logement', shiftDays(today, 10));
		const notes = await notesOf(request.id, 'support_referral');
		expect(notes.map((n) => n.recipient_email)).toEqual([users.mairieRep.email]);
		const [note] = notes;
		expect(note.topic).toBe('support_referrals');
		expect(note.dedupe_key).toBe(`referral:${referralId}:sent:${users.mairieRep.id}`);
		expect(note.payload.link_path).toBe(`/demandes/${referralId}`);
		// No more than the partner reads before accepting: no last name, contact details, project or note.
		const text = JSON.stringify(note.payload);
		for (const secret of ['Secretnom', 'secret.', '06 11', 'confidentiel', '06 99'])
			expect(text, secret).not.toContain(secret);

		const mail = renderContent(note.kind, note.payload, 'fr')!;
		expect(mail.subject).toBe(`Nouvelle demande orientée vers vous : logement (demande ${request.reference})`);
		expect(mail.body).toContain('- Prénom : Camille');
		expect(mail.body).toContain('- Communes envisagées : Carpentras');
		expect(mail.body).toContain(`- Réponse attendue le : ${shiftDays(today, 10).split('-').reverse().join('/')}`);
		expect(mail.links?.[0]?.path).toBe(`/demandes/${referralId}`);
	});

	it('routing the same need to the same partner again is refused, and writes nothing more', async () => {
		const { error } = await coordinator
			.from('referrals')
			.insert({ request_id: request.id, charter_id: charterId, organization_id: mairie.id, need: 'logement' });
		expect(error?.code).toBe('23505');
		expect(await notesOf(request.id, 'support_referral')).toHaveLength(1);
	});

	it('a partner cannot route a request', async () => {
		const { error } = await mairieClient
			.from('referrals')
			.insert({ request_id: request.id, charter_id: charterId, organization_id: mairie.id, need: 'locaux' });
		expect(error).not.toBeNull();
	});

	it('reaches the mailbox in the recipient language, with the button to the referral and one-click unsubscribe', async () => {
		await route(coordinator, request.id, cpts.id, 'locaux', shiftDays(today, 12));
		await drainOutbox({ charterId, siteUrl: SITE });
		const fr = await mailbox.waitForMail(users.mairieRep.email, (m) => m.Subject.includes(request.reference));
		expect(fr.Text).toContain(`Ouvrir la demande ${request.reference} : ${SITE}/demandes/${referralId}`);
		expect(fr.HTML).toContain(`href="${SITE}/demandes/${referralId}"`);
		expect(fr.Text).toMatch(new RegExp(`désabonnez-vous en un clic : ${SITE}/desabonnement\\?t=\\S+`));
		expect(fr.Text).not.toContain('Secretnom');
		const en = await mailbox.waitForMail(users.cptsRep.email, (m) => m.Subject.includes(request.reference));
		expect(en.Subject).toBe(`New request referred to you: premises (request ${request.reference})`);
		expect(en.Text).toContain('Communes considered: Carpentras');
		const cptsNote = (await notesOf(request.id, 'support_referral')).find(
			(n) => n.recipient_email === users.cptsRep.email
		)!;
		expect(extractLinks(en.Text)).toContain(`${SITE}/demandes/${cptsNote.payload.referral_id}`);
	});
});

describe('the reminder two days before the due date', () => {
	it('is written once per referral, due date and representative, for open referrals only', async () => {
		const other = await newRequest('Dominique');
		const due = shiftDays(today, 30);
		const open = await route(coordinator, other.id, mairie.id, 'logement', due);
		const declined = await route(coordinator, other.id, cpts.id, 'locaux', due);
		await su.query(`update public.referrals set status = 'declined' where id = $1`, [declined]);

		const run = (day: string) => service.rpc('enqueue_referral_reminders', { p_today: day, p_charter_id: charterId });
		expect((await run(shiftDays(due, -3))).data, 'three days before: nothing yet').toBe(0);
		const first = await run(shiftDays(due, -2));
		expect(first.error).toBeNull();
		expect(first.data).toBe(1);
		expect((await run(shiftDays(due, -2))).data, 'idempotent').toBe(0);
		expect((await run(shiftDays(due, -1))).data, 'the day after: caught up already').toBe(0);
		const notes = await notesOf(other.id, 'support_referral_reminder');
		expect(notes.map((n) => [n.recipient_email, n.payload.referral_id])).toEqual([[users.mairieRep.email, open]]);
		expect(notes[0].dedupe_key).toBe(`referral:${open}:reminder:${due}:${users.mairieRep.id}`);
		expect(renderContent('support_referral_reminder', notes[0].payload, 'fr')!.subject).toBe(
			`Rappel : réponse attendue le ${due.split('-').reverse().join('/')} pour la demande ${other.reference}`
		);
	});

	it('is not the authenticated users’ to run', async () => {
		const { error } = await coordinator.rpc('enqueue_referral_reminders', { p_charter_id: charterId });
		expect(error).not.toBeNull();
	});
});

describe('overdue referrals in the partner digest', () => {
	it('lists the referrals past their due date, for their organization only', async () => {
		const late = await newRequest('Alix');
		const lateId = await route(coordinator, late.id, cpts.id, 'locaux', shiftDays(today, 3));
		// A week later the referral is still open, past its due date.
		const now = new Date(Date.now() + 7 * 86_400_000).toISOString();
		const { error } = await service.rpc('enqueue_weekly_digests', { p_now: now, p_charter_id: charterId });
		expect(error).toBeNull();
		const digests = await su.query<Note>(
			`select * from public.notifications where charter_id = $1 and kind = 'digest_partner' order by recipient_email`,
			[charterId]
		);
		const cptsDigest = digests.find((d) => d.recipient_user_id === users.cptsRep.id)!;
		expect(cptsDigest, 'the CPTS has an overdue referral').toBeDefined();
		const referrals = cptsDigest.payload.referrals as { id: string; reference: string }[];
		expect(referrals.map((r) => r.id)).toContain(lateId);
		expect(JSON.stringify(cptsDigest.payload)).not.toContain('Alix');
		const mail = renderContent('digest_partner', cptsDigest.payload, 'fr')!;
		expect(mail.subject).toMatch(/^Vos demandes : \d+ demandes? en retard/);
		expect(mail.body).toContain(
			`- Demande ${late.reference}, locaux professionnels : réponse attendue le ${shiftDays(today, 3).split('-').reverse().join('/')}`
		);
		expect(mail.links?.some((l) => l.path === `/demandes/${lateId}`)).toBe(true);
		// The mairie's referrals are due later than that week: only those past their date count.
		const mairieDigest = digests.find((d) => d.recipient_user_id === users.mairieRep.id);
		const mairieReferrals = (mairieDigest?.payload.referrals ?? []) as { id: string }[];
		expect(mairieReferrals.every((r) => r.id !== lateId)).toBe(true);
	});
});

describe("the partner's answer", () => {
	it('accepting stamps answered_at, shows the contact details, and the answer joins the journal under their organization', async () => {
		const asked = await newRequest('Sacha');
		const id = await route(coordinator, asked.id, mairie.id, 'logement', shiftDays(today, 5));
		const before = await mairieClient
			.rpc('referred_requests', { p_charter_id: charterId })
			.eq('referral_id', id)
			.single();
		expect((before.data as { requester_email: string | null } | null)?.requester_email).toBeNull();

		const { data, error } = await mairieClient
			.from('referrals')
			.update({ status: 'accepted' })
			.eq('id', id)
			.select('answered_at');
		expect(error).toBeNull();
		expect(data?.[0]?.answered_at).not.toBeNull();
		const after = await mairieClient
			.rpc('referred_requests', { p_charter_id: charterId })
			.eq('referral_id', id)
			.single();
		expect((after.data as { requester_email: string | null } | null)?.requester_email).toBe(
			`secret.${tagged}@example.net`
		);

		const answer = await mairieClient.from('support_request_events').insert({
			request_id: asked.id,
			charter_id: charterId,
			kind: 'answer',
			organization_id: mairie.id,
			body: 'Acceptée — un T3 est libre rue de la Mairie.'
		});
		expect(answer.error).toBeNull();
		// The coordination reads it; the other partner does not; nobody edits it.
		const seen = await coordinator
			.from('support_request_events')
			.select('kind, body, organization_id, author_id')
			.eq('request_id', asked.id);
		expect(seen.data).toContainEqual({
			kind: 'answer',
			body: 'Acceptée — un T3 est libre rue de la Mairie.',
			organization_id: mairie.id,
			author_id: users.mairieRep.id
		});
		const other = await cptsClient.from('support_request_events').select('id').eq('request_id', asked.id);
		expect(other.data).toEqual([]);
		const edit = await mairieClient
			.from('support_request_events')
			.update({ body: 'changé' })
			.eq('request_id', asked.id)
			.select('id');
		expect(edit.data ?? []).toEqual([]);
		// Marking it done later stamps the new answer time.
		const done = await mairieClient.from('referrals').update({ status: 'done' }).eq('id', id).select('answered_at');
		expect(new Date(done.data![0].answered_at!).getTime()).toBeGreaterThanOrEqual(
			new Date(data![0].answered_at!).getTime()
		);
	});

	it('a partner cannot write to the journal of a request referred to someone else', async () => {
		const { error } = await cptsClient.from('support_request_events').insert({
			request_id: request.id,
			charter_id: charterId,
			kind: 'note',
			organization_id: mairie.id,
			body: 'Intrusion'
		});
		expect(error).not.toBeNull();
	});
});
