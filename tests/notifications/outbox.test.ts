/**
 * The transactional outbox and the jobs that fill it, through the database and the REST API: placement events
 * (one e-mail per official of the commune, in the same transaction, deduplicated), preferences, what officials
 * may read, reminders, weekly digests, RGPD retention and the coordinator's functions.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderContent } from '../../src/lib/server/notifications/templates.ts';
import { serviceClient } from '../helpers/env.ts';
import { signInAs, superuserPool } from '../helpers/demo.ts';
import { createUser, createWorld, insertPlacements, WORLD_PASSWORD, type World } from './world.ts';

const su = superuserPool();
const service = serviceClient();
const SAINT_YRIEIX = '87187';
const BELLAC = '87011';
const SAINT_JUNIEN = '87154';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysFromNow = (n: number) => iso(new Date(Date.now() + n * 86_400_000));
const fr = (isoDate: string) => isoDate.split('-').reverse().join('/');

interface Note {
	id: string;
	kind: string;
	topic: string;
	recipient_email: string;
	recipient_user_id: string;
	subject: string;
	body_text: string;
	status: string;
	dedupe_key: string;
	payload: Record<string, unknown>;
}
/** The French e-mail the sender writes from a row's payload (an erased row keeps its own text). */
const mailOf = (n: Note) => renderContent(n.kind, n.payload, 'fr') ?? { subject: n.subject, body: n.body_text };
const notesOf = (internshipId: string) =>
	su.query<Note>('select * from public.notifications where internship_id = $1 order by created_at, recipient_email', [
		internshipId
	]);

let world: World;
let coordinator: SupabaseClient;
// A: Saint-Yrieix; B: Bellac; C: both
let A: World['officials'][number];
let B: World['officials'][number];
let C: World['officials'][number];

beforeAll(async () => {
	world = await createWorld(su, [[SAINT_YRIEIX], [BELLAC], [SAINT_YRIEIX, BELLAC]]);
	[A, B, C] = world.officials;
	coordinator = await signInAs(world.coordinator.email, WORLD_PASSWORD);
});

afterAll(async () => {
	await world?.remove();
	await su.end();
});

describe('placement events in the outbox', () => {
	it('confirming a placement writes, in the same transaction, one e-mail per official of its commune and nothing else', async () => {
		const startsOn = daysFromNow(40);
		const endsOn = daysFromNow(200);
		const [id] = await insertPlacements(su, world, [SAINT_YRIEIX], 1, { startsOn, endsOn });
		await su.query(
			`update public.internships set intern_first_name = 'Maëlle', intern_last_name = 'Dufresne',
			intern_email = 'maelle.dufresne@example.com', supervisor_name = 'Dr Secret', specialty = 'Médecine générale',
			housing = 'logement_communal', housing_note = 'Studio au-dessus de la mairie' where id = $1`,
			[id]
		);
		expect(await notesOf(id), 'a planned placement announces nothing').toEqual([]);

		// Rolled back with the change: the outbox rows belong to the transaction.
		await su.query(`begin; update public.internships set status = 'confirmed' where id = '${id}'; rollback;`);
		expect(await notesOf(id)).toEqual([]);

		const { error } = await coordinator.from('internships').update({ status: 'confirmed' }).eq('id', id);
		expect(error).toBeNull();
		const notes = await notesOf(id);
		expect(notes.map((n) => n.recipient_email).sort()).toEqual([A.email, C.email].sort());
		const [{ version }] = await su.query<{ version: number }>('select version from public.internships where id = $1', [
			id
		]);
		for (const n of notes) {
			expect(n).toMatchObject({
				kind: 'internship_confirmed',
				topic: 'internship_events',
				status: 'pending',
				dedupe_key: `internship:${id}:confirmed:v${version}:${n.recipient_user_id}`
			});
			const mail = mailOf(n);
			expect(mail.subject).toBe(`Arrivée en stage à Saint-Yrieix-la-Perche le ${fr(startsOn)}`);
			expect(mail.body).toContain('Prénom : Maëlle');
			expect(mail.body).toContain('Profession : Médecine, interne (Médecine générale)');
			expect(mail.body).toContain(`Dates : du ${fr(startsOn)} au ${fr(endsOn)}`);
			expect(mail.body).toContain(`Structure d'accueil : ${world.hostName}`);
			expect(mail.body).toContain('Commune : Saint-Yrieix-la-Perche');
			expect(mail.body).toContain('Hébergement : Logement communal (Studio au-dessus de la mairie)');
			// What an official needs and nothing more, in the e-mail and in the data it is written from.
			for (const secret of ['Dufresne', 'maelle.dufresne@example.com', 'Dr Secret']) {
				expect(mail.body).not.toContain(secret);
				expect(mail.subject).not.toContain(secret);
				expect(JSON.stringify(n.payload)).not.toContain(secret);
			}
		}
	});

	it('tells each official once per event: changes of what they know, moves between communes, cancellation', async () => {
		const [id] = await insertPlacements(su, world, [SAINT_YRIEIX], 1, {
			startsOn: daysFromNow(50),
			endsOn: daysFromNow(150)
		});
		await su.query(`update public.internships set status = 'confirmed' where id = $1`, [id]);
		expect((await notesOf(id)).length).toBe(2);

		// No change an official would see: no e-mail (the version moves, the details do not).
		await su.query(`update public.internships set status = status, faculty = 'Faculté de Limoges' where id = $1`, [id]);
		await su.query(`update public.internships set status = 'arrived' where id = $1`, [id]);
		await su.query(`update public.internships set status = 'confirmed' where id = $1`, [id]);
		expect((await notesOf(id)).length).toBe(2);

		const newStart = daysFromNow(57);
		await su.query(`update public.internships set starts_on = $2 where id = $1`, [id, newStart]);
		const changed = (await notesOf(id)).filter((n) => n.kind === 'internship_changed');
		expect(changed.map((n) => n.recipient_email).sort()).toEqual([A.email, C.email].sort());
		expect(mailOf(changed[0]).body).toContain(`Dates : du ${fr(newStart)}`);
		expect(mailOf(changed[0]).body).toContain(`- Dates : auparavant du ${fr(daysFromNow(50))}`);

		// Moved to Bellac: A loses it, B learns it, C (both communes) is told it changed.
		await su.query(`update public.internships set commune_code = $2 where id = $1`, [id, BELLAC]);
		const [{ version }] = await su.query<{ version: number }>('select version from public.internships where id = $1', [
			id
		]);
		const moved = (await notesOf(id)).filter((n) => n.dedupe_key.includes(`:v${version}:`));
		expect(Object.fromEntries(moved.map((n) => [n.recipient_email, n.kind]))).toEqual({
			[A.email]: 'internship_cancelled',
			[B.email]: 'internship_confirmed',
			[C.email]: 'internship_changed'
		});
		expect(mailOf(moved.find((n) => n.recipient_email === A.email)!).subject).toContain('Saint-Yrieix-la-Perche');
		expect(mailOf(moved.find((n) => n.recipient_email === C.email)!).body).toContain(
			'- Commune : auparavant Saint-Yrieix-la-Perche'
		);

		await su.query(`update public.internships set status = 'cancelled' where id = $1`, [id]);
		const cancelled = (await notesOf(id)).filter(
			(n) => n.kind === 'internship_cancelled' && n.recipient_email !== A.email
		);
		expect(cancelled.map((n) => n.recipient_email).sort()).toEqual([B.email, C.email].sort());
		expect(mailOf(cancelled[0]).subject).toMatch(/^Stage annulé à Bellac/);

		// Every e-mail of this placement has its own key: the same event never produces two.
		const all = await notesOf(id);
		expect(new Set(all.map((n) => n.dedupe_key)).size).toBe(all.length);
		const duplicate = await su
			.query(
				`insert into public.notifications (kind, recipient_email, subject, body_text, dedupe_key) values ('x_y_z', 'a@b.c', 's', 'b', $1)`,
				[all[0].dedupe_key]
			)
			.catch((e: { code: string }) => e.code);
		expect(duplicate).toBe('23505');
	});

	it('confirming many placements in one statement writes one e-mail per official per placement', async () => {
		const ids = await insertPlacements(su, world, [SAINT_YRIEIX, BELLAC, SAINT_JUNIEN], 30, {
			startsOn: daysFromNow(30),
			endsOn: daysFromNow(90)
		});
		await su.query(`update public.internships set status = 'confirmed' where id = any($1)`, [ids]);
		const rows = await su.query<{ recipient_email: string; n: string }>(
			`select recipient_email, count(*) as n from public.notifications where internship_id = any($1) group by 1`,
			[ids]
		);
		// 10 placements per commune; nobody covers Saint-Junien.
		expect(Object.fromEntries(rows.map((r) => [r.recipient_email, Number(r.n)]))).toEqual({
			[A.email]: 10,
			[B.email]: 10,
			[C.email]: 20
		});
	});

	it('an official who turns the placements off gets none, and what was waiting for them is not sent', async () => {
		const official = await signInAs(B.email, WORLD_PASSWORD);
		const [first] = await insertPlacements(su, world, [BELLAC], 1, {
			startsOn: daysFromNow(20),
			endsOn: daysFromNow(80)
		});
		await su.query(`update public.internships set status = 'confirmed' where id = $1`, [first]);
		const waiting = (await notesOf(first)).find((n) => n.recipient_email === B.email)!;
		expect(waiting.status).toBe('pending');

		const { error } = await official
			.from('notification_preferences')
			.upsert({ user_id: B.id, topic: 'internship_events', enabled: false });
		expect(error).toBeNull();
		const [after] = await su.query<Note>('select * from public.notifications where id = $1', [waiting.id]);
		expect(after.status).toBe('cancelled');

		const [second] = await insertPlacements(su, world, [BELLAC], 1, {
			startsOn: daysFromNow(21),
			endsOn: daysFromNow(80)
		});
		await su.query(`update public.internships set status = 'confirmed' where id = $1`, [second]);
		expect((await notesOf(second)).map((n) => n.recipient_email)).toEqual([C.email]);

		// Nobody changes someone else's preferences.
		const other = await official
			.from('notification_preferences')
			.upsert({ user_id: A.id, topic: 'internship_events', enabled: false });
		expect(other.error?.code).toBe('42501');
		await official.from('notification_preferences').update({ enabled: true }).eq('user_id', B.id);
	});

	it('officials read the arrivals of their communes only, and no official reads the placements table', async () => {
		const [yrieix] = await insertPlacements(su, world, [SAINT_YRIEIX], 1, {
			startsOn: daysFromNow(33),
			endsOn: daysFromNow(99)
		});
		await su.query(`update public.internships set status = 'confirmed', intern_first_name = 'Romane' where id = $1`, [
			yrieix
		]);
		const a = await signInAs(A.email, WORLD_PASSWORD);
		const b = await signInAs(B.email, WORLD_PASSWORD);

		const mine = await a.rpc('official_arrivals');
		expect(mine.error).toBeNull();
		const row = (mine.data as Record<string, unknown>[]).find((r) => r.internship_id === yrieix);
		expect(row).toMatchObject({ intern_first_name: 'Romane', commune_code: SAINT_YRIEIX, host_name: world.hostName });
		expect(Object.keys(row!)).not.toContain('intern_last_name');
		expect(Object.keys(row!)).not.toContain('intern_email');
		expect((mine.data as { commune_code: string }[]).every((r) => r.commune_code === SAINT_YRIEIX)).toBe(true);

		const theirs = await b.rpc('official_arrivals');
		expect((theirs.data as { internship_id: string }[]).some((r) => r.internship_id === yrieix)).toBe(false);
		for (const client of [a, b]) {
			const direct = await client.from('internships').select('*').eq('id', yrieix);
			expect(direct.error).toBeNull();
			expect(direct.data).toEqual([]);
		}
		const outbox = await a.from('notifications').select('id').limit(1);
		expect(outbox.error?.code).toBe('42501');
	});
});

describe('reminders and weekly digests', () => {
	it('reminds each official once, seven days before an arrival they were told about earlier', async () => {
		const today = iso(new Date());
		const [due, later, cancelled] = await insertPlacements(su, world, [SAINT_YRIEIX], 3, {
			startsOn: daysFromNow(30),
			endsOn: daysFromNow(90)
		});
		await su.query(`update public.internships set starts_on = $2 where id = $1`, [later, daysFromNow(31)]);
		await su.query(`update public.internships set status = 'confirmed' where id = any($1)`, [[due, later, cancelled]]);
		await su.query(`update public.internships set status = 'cancelled' where id = $1`, [cancelled]);
		const dayOfReminder = daysFromNow(23);

		const run = () =>
			service.rpc('enqueue_internship_reminders', { p_today: dayOfReminder, p_charter_id: world.charterId });
		const first = await run();
		expect(first.error).toBeNull();
		expect(first.data).toBeGreaterThanOrEqual(2); // A and C for `due`, and earlier placements of this file
		expect((await run()).data).toBe(0);
		const reminders = (await notesOf(due)).filter((n) => n.kind === 'internship_reminder');
		expect(reminders.map((n) => n.recipient_email).sort()).toEqual([A.email, C.email].sort());
		expect(mailOf(reminders[0]).subject).toBe(
			`Rappel : arrivée en stage à Saint-Yrieix-la-Perche le ${fr(daysFromNow(30))}`
		);
		expect((await notesOf(later)).some((n) => n.kind === 'internship_reminder')).toBe(false);
		expect((await notesOf(cancelled)).some((n) => n.kind === 'internship_reminder')).toBe(false);

		// Just confirmed a few days before the arrival: the confirmation is enough, no reminder on top of it.
		const [late] = await insertPlacements(su, world, [SAINT_YRIEIX], 1, {
			startsOn: daysFromNow(4),
			endsOn: daysFromNow(60)
		});
		await su.query(`update public.internships set status = 'confirmed' where id = $1`, [late]);
		await service.rpc('enqueue_internship_reminders', { p_today: today, p_charter_id: world.charterId });
		expect((await notesOf(late)).some((n) => n.kind === 'internship_reminder')).toBe(false);

		// The sender's functions are for the service role only.
		const official = await signInAs(A.email, WORLD_PASSWORD);
		expect((await official.rpc('enqueue_internship_reminders', {})).error?.code).toBe('42501');
		expect((await official.rpc('claim_notifications', { p_worker: 'x' })).error?.code).toBe('42501');
	});

	it('sends each weekly digest once per person and week, only with something to say', async () => {
		const steeringEmail = `copil.${world.tag}@example.com`;
		const partnerEmail = `partenaire.${world.tag}@example.com`;
		const steeringId = await createUser(su, steeringEmail, 'Membre du COPIL de test');
		const partnerId = await createUser(su, partnerEmail, 'Partenaire de test');
		try {
			await su.query(
				`insert into public.charter_members (charter_id, user_id, role, organization_id) values
				 ($1, $2, 'steering', null), ($1, $3, 'partner_rep', $4)`,
				[world.charterId, steeringId, partnerId, world.hostId]
			);
			const [{ id: objectiveId }] = await su.query<{ id: string }>(
				`insert into public.objectives (charter_id, code, title) values ($1, '1', 'Accueillir les internes') returning id`,
				[world.charterId]
			);
			const [{ id: lateAction }] = await su.query<{ id: string }>(
				`insert into public.actions (charter_id, objective_id, code, title, lead_organization_id, status, due_on, last_update_at)
				 values ($1, $2, '1.1', 'Soirée d''accueil des internes', $3, 'in_progress', current_date - 10, now()) returning id`,
				[world.charterId, objectiveId, world.hostId]
			);
			await su.query(
				`insert into public.actions (charter_id, objective_id, code, title, lead_organization_id, status, due_on, last_update_at)
				 values ($1, $2, '1.2', 'Action à jour et dans les temps', $3, 'in_progress', current_date + 60, now())`,
				[world.charterId, objectiveId, world.hostId]
			);
			await su.query(
				`insert into public.action_updates (action_id, charter_id, status, progress, health, comment)
				 values ($1, $2, 'in_progress', 40, 'at_risk', 'Salle réservée')`,
				[lateAction, world.charterId]
			);
			const [arrival] = await insertPlacements(su, world, [BELLAC], 1, {
				startsOn: daysFromNow(10),
				endsOn: daysFromNow(70)
			});
			await su.query(`update public.internships set status = 'confirmed', intern_first_name = 'Anouk' where id = $1`, [
				arrival
			]);

			const run = () => service.rpc('enqueue_weekly_digests', { p_charter_id: world.charterId });
			const first = await run();
			expect(first.error).toBeNull();
			expect((await run()).data, 'the same week again adds nothing').toBe(0);

			const digests = await su.query<Note>(
				`select * from public.notifications where charter_id = $1 and kind like 'digest_%' order by recipient_email`,
				[world.charterId]
			);
			const byRecipient = Object.fromEntries(digests.map((d) => [d.recipient_email, d]));
			expect(Object.keys(byRecipient)).toEqual(expect.arrayContaining([B.email, C.email, steeringEmail, partnerEmail]));
			// Officials: the arrivals of their communes in the next four weeks.
			expect(byRecipient[B.email].kind).toBe('digest_official');
			expect(mailOf(byRecipient[B.email]).body).toContain(`${fr(daysFromNow(10))} : Anouk, Médecine (interne)`);
			expect(byRecipient[B.email].payload.internship_ids).toContain(arrival);
			expect(byRecipient[steeringEmail]).toMatchObject({ kind: 'digest_steering', topic: 'digest_steering' });
			expect(mailOf(byRecipient[steeringEmail]).body).toContain("1.1 Soirée d'accueil des internes");
			expect(mailOf(byRecipient[steeringEmail]).body).toContain('En cours, 40 %, à risque');
			expect(byRecipient[partnerEmail]).toMatchObject({ kind: 'digest_partner', topic: 'digest_partner' });
			expect(mailOf(byRecipient[partnerEmail]).body).toContain(`1.1 Soirée d'accueil des internes : échéance dépassée`);
			expect(mailOf(byRecipient[partnerEmail]).body).not.toContain('Action à jour et dans les temps');
			expect(first.data).toBe(digests.length);
		} finally {
			await su.query('delete from public.notifications where recipient_user_id = any($1)', [[steeringId, partnerId]]);
			await su.query('delete from auth.users where id = any($1)', [[steeringId, partnerId]]);
		}
	});
});

describe('RGPD retention', () => {
	it('erases the personal data due and nothing else (dates around the limit)', async () => {
		const today = '2026-06-15';
		const place = async (endsOn: string, status = 'arrived') => {
			const [id] = await insertPlacements(su, world, [SAINT_JUNIEN], 1, { startsOn: '2024-09-01', endsOn, status });
			return id;
		};
		// Kept for 12 whole months after ends_on, erased from the next day on.
		const overdue = await place('2025-06-13');
		const dueToday = await place('2025-06-14');
		const lastDay = await place('2025-06-15');
		const recent = await place('2025-06-16');
		const cancelledOld = await place('2025-01-31', 'cancelled');
		const [{ id: alreadyErased, erased_at: erasedAt }] = await su.query<{ id: string; erased_at: string }>(
			`insert into public.internships (charter_id, profession, level, host_organization_id, commune_code, starts_on, ends_on, status, erased_at)
			 values ($1, 'medecine', 'externe', $2, $3, '2023-01-02', '2023-03-31', 'arrived', '2024-05-01') returning id, erased_at`,
			[world.charterId, world.hostId, SAINT_JUNIEN]
		);

		const { data, error } = await service.rpc('erase_expired_intern_data', {
			p_months: 12,
			p_today: today,
			p_charter_id: world.charterId
		});
		expect(error).toBeNull();
		expect(data).toBe(3);
		const rows = await su.query<{
			id: string;
			intern_first_name: string | null;
			intern_last_name: string | null;
			intern_email: string | null;
			erased_at: Date | null;
			profession: string;
		}>('select * from public.internships where id = any($1)', [
			[overdue, dueToday, lastDay, recent, cancelledOld, alreadyErased]
		]);
		const state = Object.fromEntries(rows.map((r) => [r.id, r]));
		for (const id of [overdue, dueToday, cancelledOld]) {
			expect(state[id]).toMatchObject({
				intern_first_name: null,
				intern_last_name: null,
				intern_email: null,
				profession: 'medecine'
			});
			expect(state[id].erased_at).not.toBeNull();
		}
		for (const id of [lastDay, recent]) {
			expect(state[id].intern_first_name).toMatch(/^Prénom/);
			expect(state[id].intern_email).toMatch(/@example\.com$/);
			expect(state[id].erased_at).toBeNull();
		}
		expect(new Date(state[alreadyErased].erased_at!).toISOString()).toBe(new Date(erasedAt).toISOString());
		// Running it again erases nothing more; a shorter period erases the rest.
		expect(
			(await service.rpc('erase_expired_intern_data', { p_months: 12, p_today: today, p_charter_id: world.charterId }))
				.data
		).toBe(0);
		expect(
			(await service.rpc('erase_expired_intern_data', { p_months: 11, p_today: today, p_charter_id: world.charterId }))
				.data
		).toBe(2);
		const bad = await service.rpc('erase_expired_intern_data', { p_months: 0, p_charter_id: world.charterId });
		expect(bad.error?.code).toBe('PT400');
	});

	it('a coordinator erases one intern on request; the e-mails that named them lose their text; counts stay', async () => {
		const [id] = await insertPlacements(su, world, [SAINT_YRIEIX], 1, {
			startsOn: daysFromNow(60),
			endsOn: daysFromNow(120)
		});
		await su.query(`update public.internships set status = 'confirmed', intern_first_name = 'Séverine' where id = $1`, [
			id
		]);
		const notes = await notesOf(id);
		await su.query(`update public.notifications set status = 'sent', sent_at = now() where id = $1`, [notes[0].id]);
		const countsBefore = await coordinator.rpc('internship_counts', { p_charter_id: world.charterId });

		const official = await signInAs(A.email, WORLD_PASSWORD);
		const refused = await official.rpc('erase_intern_personal_data', { p_internship_id: id });
		expect(refused.error?.code).toBe('PT403');

		const { error } = await coordinator.rpc('erase_intern_personal_data', { p_internship_id: id });
		expect(error).toBeNull();
		const [row] = await su.query('select * from public.internships where id = $1', [id]);
		expect(row).toMatchObject({
			intern_first_name: null,
			intern_last_name: null,
			intern_email: null,
			status: 'confirmed'
		});
		const after = await notesOf(id);
		expect(after.every((n) => !n.body_text.includes('Séverine'))).toBe(true);
		expect(after.every((n) => !JSON.stringify(n.payload).includes('Séverine'))).toBe(true);
		expect(after.find((n) => n.id === notes[0].id)!.status).toBe('sent');
		expect(after.find((n) => n.id === notes[1].id)!.status).toBe('cancelled');
		// Erasing is not an event for the officials.
		expect(after.length).toBe(notes.length);
		expect((await coordinator.rpc('erase_intern_personal_data', { p_internship_id: id })).error?.code).toBe('PT409');
		const countsAfter = await coordinator.rpc('internship_counts', { p_charter_id: world.charterId });
		expect(countsAfter.data).toEqual(countsBefore.data);
	});
});

describe('what a coordinator sees and does', () => {
	it('lists the charter’s messages to its coordinators only, and resends failed and sent ones', async () => {
		const [id] = await insertPlacements(su, world, [BELLAC], 1, {
			startsOn: daysFromNow(70),
			endsOn: daysFromNow(130)
		});
		await su.query(`update public.internships set status = 'confirmed' where id = $1`, [id]);
		const [failed, sent] = await notesOf(id);
		await su.query(
			`update public.notifications set status = 'failed', attempts = 8, last_error = '550 refusé' where id = $1`,
			[failed.id]
		);
		await su.query(`update public.notifications set status = 'sent', attempts = 1, sent_at = now() where id = $1`, [
			sent.id
		]);

		const list = await coordinator.rpc('charter_notifications', { p_charter_id: world.charterId, p_status: 'failed' });
		expect(list.error).toBeNull();
		expect((list.data as { id: string }[]).map((n) => n.id)).toContain(failed.id);
		expect((list.data as { status: string }[]).every((n) => n.status === 'failed')).toBe(true);
		const official = await signInAs(B.email, WORLD_PASSWORD);
		expect((await official.rpc('charter_notifications', { p_charter_id: world.charterId })).data).toEqual([]);
		expect((await official.rpc('resend_notification', { p_notification_id: failed.id })).error?.code).toBe('PT404');

		expect((await coordinator.rpc('resend_notification', { p_notification_id: failed.id })).data).toBe(failed.id);
		const [retried] = await su.query<Note & { attempts: number; last_error: string | null }>(
			'select * from public.notifications where id = $1',
			[failed.id]
		);
		expect(retried).toMatchObject({ status: 'pending', attempts: 0, last_error: null });
		expect((await coordinator.rpc('resend_notification', { p_notification_id: failed.id })).error?.code).toBe('PT409');

		const copy = await coordinator.rpc('resend_notification', { p_notification_id: sent.id });
		expect(copy.error).toBeNull();
		const [again] = await su.query<Note & { resent_from: string }>('select * from public.notifications where id = $1', [
			copy.data
		]);
		expect(again).toMatchObject({
			status: 'pending',
			resent_from: sent.id,
			recipient_email: sent.recipient_email,
			subject: sent.subject
		});
	});
});
