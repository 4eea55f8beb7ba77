/**
 * A request sent through the public form (public.submit_support_request, as the app's server calls it with the
 * service role) writes, in the same transaction, the acknowledgement to the professional, in the language they
 * chose, and a notice to each coordinator who wants them; the real sender delivers both to the stack's mailbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailbox, serviceClient } from '../helpers/env.ts';
import { superuserPool } from '../helpers/demo.ts';
import { createUser, createWorld, drainOutbox, type World } from './world.ts';

const su = superuserPool();
const SITE = 'http://127.0.0.1:4173';
const MARMANDE = '47157';
let world: World;
let quietId: string;

const request = (extra: Record<string, unknown> = {}) => ({
	first_name: 'Léa',
	last_name: 'Martin',
	email: `lea.${world.tag}@example.com`,
	phone: '',
	locale: 'en',
	profession: 'medecine',
	stage: 'interne',
	specialty: 'Médecine générale',
	project: 'Exercer en maison de santé.',
	needs: ['logement', 'garde_enfants'],
	communes: [MARMANDE],
	wished_on: '2027-09-01',
	consent: true,
	...extra
});

const outbox = (requestId: string) =>
	su.query<{
		kind: string;
		topic: string | null;
		recipient_email: string;
		recipient_user_id: string | null;
		payload: Record<string, unknown>;
	}>(
		'select kind, topic, recipient_email, recipient_user_id, payload from public.notifications where support_request_id = $1 order by kind',
		[requestId]
	);

beforeAll(async () => {
	world = await createWorld(su, []);
	await su.query('update public.charters set is_public = true, intake_open = true where id = $1', [world.charterId]);
	// A second coordinator who turned the new requests off.
	quietId = await createUser(su, `coord2.${world.tag}@example.com`, `Coordinateur ${world.tag}`);
	await su.query(`insert into public.charter_members (charter_id, user_id, role) values ($1, $2, 'coordinator')`, [
		world.charterId,
		quietId
	]);
	await su.query(
		`insert into public.notification_preferences (user_id, topic, enabled) values ($1, 'support_requests', false)`,
		[quietId]
	);
});

afterAll(async () => {
	await world?.remove();
	if (quietId) {
		await su.query('delete from public.notifications where recipient_user_id = $1', [quietId]);
		await su.query('delete from auth.users where id = $1', [quietId]);
	}
	await su.end();
});

describe('the e-mails of a request sent through the public form', () => {
	it('acknowledges it in English to the professional and tells the coordinator who wants it, in French', async () => {
		const { data, error } = await serviceClient()
			.rpc('submit_support_request', { p_charter_id: world.charterId, p_request: request() })
			.single<{ request_id: string; reference: string }>();
		expect(error).toBeNull();
		const { request_id: id, reference } = data!;
		expect(reference).toMatch(/^\d{4}-\d{4}$/);

		const rows = await outbox(id);
		expect(rows.map((r) => [r.kind, r.topic, r.recipient_email, r.recipient_user_id])).toEqual([
			['support_acknowledgement', null, `lea.${world.tag}@example.com`, null],
			['support_request_received', 'support_requests', world.coordinator.email, world.coordinator.id]
		]);
		expect(rows[0].payload).toMatchObject({
			reference,
			locale: 'en',
			first_name: 'Léa',
			needs: ['logement', 'garde_enfants']
		});
		expect(rows[1].payload).toMatchObject({
			link_path: `/chartes/${world.slug}/demandes/${reference}`,
			communes: ['Marmande']
		});

		expect(await drainOutbox({ charterId: world.charterId, siteUrl: SITE })).toEqual({ sent: 2, failed: 0 });

		const ack = await mailbox.waitForMail(`lea.${world.tag}@example.com`, (m) => m.Subject.includes(reference));
		expect(ack.Subject).toBe(`Your support request ${reference} has been received`);
		expect(ack.Text).toContain('Hello Léa,');
		expect(ack.Text).toContain(`The coordination of “${world.title}” has received your request`);
		expect(ack.Text).toContain('- Housing\n- Childcare');
		expect(ack.Text).not.toMatch(/Bonjour|unsubscribe|préférences|preferences/);
		expect(ack.HTML).toContain('<html lang="en">');
		expect(ack.Headers['list-unsubscribe']).toBeUndefined();

		const notice = await mailbox.waitForMail(world.coordinator.email, (m) => m.Subject.includes(reference));
		expect(notice.Subject).toBe(`Nouvelle demande d'accompagnement ${reference} : Médecine`);
		expect(notice.Text).toContain('Prénom : Léa');
		expect(notice.Text).toContain('Profession : Médecine (interne)');
		expect(notice.Text).toContain('Communes envisagées : Marmande');
		expect(notice.Text).toContain(`${SITE}/chartes/${world.slug}/demandes/${reference}`);
		expect(notice.Text).toMatch(/désabonnez-vous en un clic : http:\/\/127\.0\.0\.1:4173\/desabonnement\?t=/);

		const sent = await su.query<{ status: string; subject: string }>(
			'select status, subject from public.notifications where support_request_id = $1 order by kind',
			[id]
		);
		expect(sent.map((s) => s.status)).toEqual(['sent', 'sent']);
		expect(sent[0].subject).toBe(ack.Subject);
	});

	it('writes French to a French-speaking professional, and no acknowledgement without an e-mail address', async () => {
		const french = await serviceClient()
			.rpc('submit_support_request', {
				p_charter_id: world.charterId,
				p_request: request({
					email: `paul.${world.tag}@example.com`,
					first_name: 'Paul',
					locale: 'fr',
					needs: ['locaux']
				})
			})
			.single<{ request_id: string; reference: string }>();
		expect(french.error).toBeNull();
		const phoneOnly = await serviceClient()
			.rpc('submit_support_request', {
				p_charter_id: world.charterId,
				p_request: request({ email: '', phone: '06 12 34 56 78', locale: 'fr' })
			})
			.single<{ request_id: string; reference: string }>();
		expect(phoneOnly.error).toBeNull();
		expect((await outbox(phoneOnly.data!.request_id)).map((r) => r.kind)).toEqual(['support_request_received']);

		await drainOutbox({ charterId: world.charterId, siteUrl: SITE });
		const ack = await mailbox.waitForMail(`paul.${world.tag}@example.com`, (m) =>
			m.Subject.includes(french.data!.reference)
		);
		expect(ack.Subject).toBe(`Votre demande d'accompagnement ${french.data!.reference} est bien reçue`);
		expect(ack.Text).toContain('Bonjour Paul,');
		expect(ack.Text).toContain('- Locaux professionnels');
		expect(ack.HTML).toContain('<html lang="fr">');
	});

	it('enqueues nothing for a refused request', async () => {
		const [{ count: before }] = await su.query<{ count: string }>(
			'select count(*) from public.notifications where charter_id = $1',
			[world.charterId]
		);
		const refused = await serviceClient().rpc('submit_support_request', {
			p_charter_id: world.charterId,
			p_request: request({ consent: false })
		});
		expect(refused.error?.message).toContain('consentement');
		expect(refused.status).toBe(400);
		const [{ count: after }] = await su.query<{ count: string }>(
			'select count(*) from public.notifications where charter_id = $1',
			[world.charterId]
		);
		expect(after).toBe(before);
	});
});
