/**
 * The sender writes each e-mail in its recipient's language (profiles.locale, French by default): two officials
 * of the same commune, one who chose English, are told about the same placement through the real sender and the
 * stack's SMTP sink, and each reads their own language in the mailbox; the outbox rows keep what was sent, for
 * the coordinators' list of messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailbox } from '../helpers/env.ts';
import { superuserPool } from '../helpers/demo.ts';
import { createWorld, drainOutbox, insertPlacements, type World } from './world.ts';

const su = superuserPool();
const BELLAC = '87011';
const SITE = 'http://127.0.0.1:4173';
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const fr = (isoDate: string) => isoDate.split('-').reverse().join('/');

let world: World;

beforeAll(async () => {
	world = await createWorld(su, [[BELLAC], [BELLAC]]);
});

afterAll(async () => {
	await world?.remove();
	await su.end();
});

describe('the language of the e-mails', () => {
	it('sends an English-speaking official an English e-mail, and a French one a French e-mail', async () => {
		const [english, french] = world.officials;
		await su.query(`update public.profiles set locale = 'en' where id = $1`, [english.id]);
		const startsOn = daysFromNow(45);
		const [id] = await insertPlacements(su, world, [BELLAC], 1, { startsOn, endsOn: daysFromNow(120) });
		await su.query(`update public.internships set status = 'confirmed' where id = $1`, [id]);

		expect(await drainOutbox({ charterId: world.charterId, siteUrl: SITE })).toEqual({ sent: 2, failed: 0 });

		const inEnglish = await mailbox.waitForMail(english.email, (m) => m.Subject.includes('Bellac'));
		expect(inEnglish.Subject).toBe(`Intern arriving in Bellac on ${fr(startsOn)}`);
		expect(inEnglish.Text).toContain('Hello,');
		expect(inEnglish.Text).toContain("An intern's arrival is confirmed in your commune of Bellac.");
		expect(inEnglish.Text).toContain('Profession: Medicine, intern');
		expect(inEnglish.Text).toContain(
			`You receive this message as an elected official of Bellac, for “${world.title}”.`
		);
		expect(inEnglish.Text).toMatch(
			/To stop receiving .*, unsubscribe in one click: http:\/\/127\.0\.0\.1:4173\/desabonnement\?t=/
		);
		expect(inEnglish.HTML).toContain('<html lang="en">');
		expect(inEnglish.Text).not.toMatch(/Bonjour|Prénom :|Hébergement|désabonnez/);

		const inFrench = await mailbox.waitForMail(french.email, (m) => m.Subject.includes('Bellac'));
		expect(inFrench.Subject).toBe(`Arrivée en stage à Bellac le ${fr(startsOn)}`);
		expect(inFrench.Text).toContain('Profession : Médecine, interne');
		expect(inFrench.HTML).toContain('<html lang="fr">');

		// The outbox keeps what each person was sent (without the footer and its personal unsubscribe link).
		const rows = await su.query<{ recipient_user_id: string; status: string; subject: string; body_text: string }>(
			'select recipient_user_id, status, subject, body_text from public.notifications where internship_id = $1',
			[id]
		);
		const byUser = Object.fromEntries(rows.map((r) => [r.recipient_user_id, r]));
		expect(byUser[english.id]).toMatchObject({ status: 'sent', subject: inEnglish.Subject });
		expect(byUser[english.id].body_text).toContain('First name: Prénom1');
		expect(byUser[french.id]).toMatchObject({ status: 'sent', subject: inFrench.Subject });
		expect(byUser[french.id].body_text).toContain('Prénom : Prénom1');
		for (const r of rows) expect(r.body_text).not.toContain('desabonnement');
	});
});
