/**
 * What users typed never becomes a link or markup in an e-mail, through the whole chain: a coordinator confirms
 * (then changes) a placement whose text fields hold addresses and HTML, the database writes the outbox rows,
 * the real sender delivers them to the stack's SMTP sink, and the official's e-mails are read back from the
 * mailbox's HTTP API. The only links are the app's own; the typed text is escaped, its addresses defanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsubscribeKey, verifyUnsubscribeToken } from '../../src/lib/server/notifications/unsubscribe.ts';
import { mailbox, testConfig, type MailMessage } from '../helpers/env.ts';
import { signInAs, superuserPool } from '../helpers/demo.ts';
import { createWorld, drainOutbox, insertPlacements, WORLD_PASSWORD, type World } from './world.ts';

const su = superuserPool();
const BELLAC = '87011';
const SITE = 'http://127.0.0.1:4173';
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const HOST = `Maison <b>gras</b> "><img src=x onerror=alert(1)> https://evil.example/accueil`;
const FIRST_NAME = '<b>Léa</b>';
const SPECIALTY = 'www.evil.example';
const NOTE = `Studio, clés sur <a href="https://evil.example/cles">evil.example</a>`;
const NEW_NOTE = 'Chambre : voir http://198.51.100.7/plan et pirate@evil.example';

let world: World;

beforeAll(async () => {
	world = await createWorld(su, [[BELLAC]]);
	await su.query('update public.organizations set name = $2 where id = $1', [world.hostId, HOST]);
});

afterAll(async () => {
	await world?.remove();
	await su.end();
});

/** The opening tags of an HTML text. */
const tagsOf = (html: string) => [...html.matchAll(/<([a-z][a-z0-9]*)\b[^>]*>/gi)].map((m) => m[0]);

function expectSafe(mail: MailMessage): void {
	// HTML: the app's three links (dashboard, unsubscribe, preferences) and nothing else that links or runs.
	const links = tagsOf(mail.HTML).filter((t) => /^<a\b/i.test(t));
	expect(links.map((l) => l.replace(/\?t=[^"]+/, '?t=…'))).toEqual([
		`<a href="${SITE}/ma-commune">`,
		`<a href="${SITE}/desabonnement?t=…">`,
		`<a href="${SITE}/preferences">`
	]);
	const allowed = new Set(['html', 'head', 'meta', 'title', 'body', 'div', 'p', 'br', 'ul', 'li', 'hr', 'a']);
	for (const tag of tagsOf(mail.HTML)) expect(allowed.has(tag.slice(1).split(/[\s>]/)[0]), tag).toBe(true);
	expect(mail.HTML).toContain('Prénom : &lt;b&gt;Léa&lt;/b&gt;');
	expect(mail.HTML).toContain('Maison &lt;b&gt;gras&lt;/b&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
	expect(mail.HTML).toContain('&lt;a href=&quot;hxxps[:]//evil[.]example/cles&quot;&gt;evil[.]example&lt;/a&gt;');
	// Both parts: no typed address a mail client could link; the app's links intact.
	for (const part of [mail.Text, mail.HTML]) {
		expect(part).not.toMatch(/evil\.example|198\.51\.100\.7|https?:\/\/(?!127\.0\.0\.1:4173\/)/);
		expect(part).toContain('hxxps[:]//evil[.]example/accueil');
		expect(part).toContain('Médecine, interne (www[.]evil[.]example)');
	}
	expect(mail.Text).toContain(`Voir sur le tableau de bord : ${SITE}/ma-commune`);
	const token = mail.Text.match(/\/desabonnement\?t=([\w.-]+)/)![1];
	const key = unsubscribeKey(process.env.UNSUBSCRIBE_SECRET, testConfig.serviceRoleKey);
	expect(verifyUnsubscribeToken(key, token)).toMatchObject({ ok: true, topic: 'internship_events' });
}

describe('the content of the e-mails', () => {
	it('links only to the app, whatever the placement’s text fields hold', async () => {
		const [official] = world.officials;
		const coordinator = await signInAs(world.coordinator.email, WORLD_PASSWORD);
		const [id] = await insertPlacements(su, world, [BELLAC], 1, { startsOn: daysFromNow(40), endsOn: daysFromNow(90) });
		const { error } = await coordinator
			.from('internships')
			.update({
				intern_first_name: FIRST_NAME,
				specialty: SPECIALTY,
				supervisor_name: 'Dr https://evil.example/tuteur',
				housing: 'autre',
				housing_note: NOTE,
				status: 'confirmed'
			})
			.eq('id', id);
		expect(error).toBeNull();
		const { error: changeError } = await coordinator
			.from('internships')
			.update({ housing_note: NEW_NOTE })
			.eq('id', id);
		expect(changeError).toBeNull();
		const kinds = await su.query<{ kind: string }>(
			'select kind from public.notifications where internship_id = $1 order by created_at',
			[id]
		);
		expect(kinds.map((k) => k.kind)).toEqual(['internship_confirmed', 'internship_changed']);

		expect(await drainOutbox({ charterId: world.charterId, siteUrl: SITE })).toEqual({ sent: 2, failed: 0 });

		const confirmed = await mailbox.waitForMail(official.email, (m) => m.Subject.startsWith('Arrivée'));
		expectSafe(confirmed);
		expect(confirmed.Text).toContain(
			'Hébergement : Autre (Studio, clés sur <a href="hxxps[:]//evil[.]example/cles">evil[.]example</a>)'
		);

		const changed = await mailbox.waitForMail(official.email, (m) => m.Subject.startsWith('Stage modifié'));
		expectSafe(changed);
		for (const part of [changed.Text, changed.HTML]) {
			expect(part).toContain('hxxp[:]//198[.]51[.]100[.]7/plan et pirate@evil[.]example');
		}
		// The list of changes is the renderer's own markup; the previous note inside it is escaped text.
		expect(changed.HTML).toMatch(/<ul><li>Hébergement : auparavant Autre \(Studio, clés sur &lt;a href=/);
		// Nothing about the supervisor reaches the official, with or without an address in it.
		expect(confirmed.Text + changed.Text).not.toContain('tuteur');
	});
});
