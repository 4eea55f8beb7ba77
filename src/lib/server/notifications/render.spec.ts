import { describe, expect, it } from 'vitest';
import { defang } from './defang.ts';
import { renderMail } from './render.ts';
import { unsubscribeKey, verifyUnsubscribeToken } from './unsubscribe.ts';

const USER = '3f0c9a4e-5b1d-4c2e-9f7a-1b2c3d4e5f60';
const SITE = 'https://charte.example.org';
const row = {
	id: '11111111-2222-4333-8444-555555555555',
	// A kind without a template: the row's subject and text are sent as they are.
	kind: 'test_message',
	recipient_email: 'maire@example.org',
	recipient_user_id: USER,
	topic: 'internship_events',
	subject: 'Vos communes : 1 arrivée de stagiaire dans les quatre semaines à venir',
	body_text: 'Bonjour,\n\nLigne <b>1</b>\n\nListe :\n- un\n- deux',
	body_html: null,
	payload: { link_path: '/ma-commune' }
};
const options = {
	siteUrl: SITE,
	mailFrom: 'Chartes <notifications@charte.example.org>',
	unsubscribeKey: unsubscribeKey('s', 'k')
};

/** The opening tags of an HTML text, e.g. `<a href="...">`. */
const tagsOf = (html: string) => [...html.matchAll(/<([a-z][a-z0-9]*)\b[^>]*>/gi)].map((m) => m[0]);
const linksOf = (html: string) => tagsOf(html).filter((t) => /^<a\b/i.test(t));

describe('rendering an outbox row', () => {
	it('adds the link to the app, the one-click unsubscribe link and its headers', () => {
		const mail = renderMail(row, options);
		expect(mail.messageId).toBe(`<${row.id}@charte.example.org>`);
		expect(mail.text).toContain(`Voir sur le tableau de bord : ${SITE}/ma-commune`);
		const link = mail.text.match(/https:\/\/charte\.example\.org\/desabonnement\?t=(\S+)/);
		expect(verifyUnsubscribeToken(options.unsubscribeKey, link![1])).toMatchObject({
			ok: true,
			userId: USER,
			topic: 'internship_events'
		});
		expect(mail.headers['List-Unsubscribe']).toBe(`<${link![0]}>`);
		expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
		expect(mail.html).toContain('<html lang="fr">');
		expect(mail.html).toContain('Ligne &lt;b&gt;1&lt;/b&gt;');
		expect(mail.html).toContain('<p>Liste :</p><ul><li>un</li><li>deux</li></ul>');
		expect(linksOf(mail.html)).toEqual([
			`<a href="${SITE}/ma-commune">`,
			`<a href="${link![0]}">`,
			`<a href="${SITE}/preferences">`
		]);
	});

	it('dates the unsubscribe link with the time of sending', () => {
		const now = new Date('2026-01-02T03:04:05Z');
		const mail = renderMail(row, { ...options, now });
		const token = mail.text.match(/\/desabonnement\?t=(\S+)/)![1];
		expect(verifyUnsubscribeToken(options.unsubscribeKey, token, now)).toMatchObject({ ok: true, issuedAt: now });
		expect(verifyUnsubscribeToken(options.unsubscribeKey, token, new Date('2027-01-03T00:00:00Z'))).toEqual({
			ok: false,
			reason: 'expired'
		});
	});

	it('has no unsubscribe link without a person or kind, and keeps links inside the app', () => {
		const mail = renderMail({ ...row, topic: null, payload: { link_path: '//evil.example/x' } }, options);
		expect(mail.headers['List-Unsubscribe']).toBeUndefined();
		expect(mail.text).toContain(`Voir sur le tableau de bord : ${SITE}/\n`);
		for (const path of ['/\\evil.example', 'javascript:alert(1)', '/x" onmouseover="alert(1)', ' /x', '/a\nb', 42]) {
			const other = renderMail({ ...row, payload: { link_path: path } }, options);
			expect(linksOf(other.html)[0], String(path)).toBe(`<a href="${SITE}/">`);
		}
		const digest = renderMail({ ...row, payload: { link_path: '/chartes/plan-87/tableau-de-bord?x=1' } }, options);
		expect(linksOf(digest.html)[0]).toBe(`<a href="${SITE}/chartes/plan-87/tableau-de-bord?x=1">`);
	});

	it('never turns what users typed into a link or markup, in either part', () => {
		const typed = [
			'Bonjour,',
			'',
			'Prénom : <b>Léa</b>',
			'Structure d’accueil : "><img src=x onerror=alert(1)> https://evil.example/connexion?next=1',
			'Hébergement : Autre (<a href="https://evil.example">cliquez ici</a>, www.evil.example, evil.example)',
			'Commune : Bellac',
			'Contact : mailto:pirate@evil.example ou javascript:alert(1)',
			'',
			'- http://198.51.100.7/x <script>alert(1)</script>'
		].join('\n');
		const mail = renderMail(
			{ ...row, body_text: typed, body_html: '<a href="https://evil.example">stored HTML</a>' },
			options
		);
		// HTML: only the app's three links, only the renderer's own tags, the typed text escaped.
		const links = linksOf(mail.html);
		expect(links).toHaveLength(3);
		for (const link of links) expect(link).toMatch(/^<a href="https:\/\/charte\.example\.org\/[^"]*">$/);
		const allowed = new Set(['html', 'head', 'meta', 'title', 'body', 'div', 'p', 'br', 'ul', 'li', 'hr', 'a']);
		for (const tag of tagsOf(mail.html)) expect(allowed.has(tag.slice(1).split(/[\s>]/)[0]), tag).toBe(true);
		expect(mail.html).not.toContain('stored HTML');
		expect(mail.html).toContain('Prénom : &lt;b&gt;Léa&lt;/b&gt;');
		expect(mail.html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
		expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		// Both parts: the typed addresses defanged, the app's own links intact.
		for (const part of [mail.text, mail.html]) {
			expect(part).not.toMatch(/https?:\/\/(?!charte\.example\.org\/)/);
			expect(part).not.toMatch(/evil\.example|198\.51|mailto:|javascript:/);
			expect(part).toContain('hxxps[:]//evil[.]example/connexion?next=1');
			expect(part).toContain('www[.]evil[.]example, evil[.]example');
			expect(part).toContain('mailto[:]pirate@evil[.]example');
			expect(part).toContain('hxxp[:]//198[.]51[.]100[.]7/x');
		}
		expect(mail.text).toContain(`Voir sur le tableau de bord : ${SITE}/ma-commune`);
		expect(mail.text).toContain(`Gérer toutes vos préférences de notification : ${SITE}/preferences`);
	});
});

describe('defanging addresses', () => {
	it('makes web addresses, host names and e-mail addresses unclickable, readable', () => {
		const cases: [string, string][] = [
			['https://evil.example/a?b=c', 'hxxps[:]//evil[.]example/a?b=c'],
			['HTTP://EVIL.EXAMPLE', 'HxxP[:]//EVIL[.]EXAMPLE'],
			['ftp://files.evil.example', 'ftp[:]//files[.]evil[.]example'],
			['voir evil.com.', 'voir evil[.]com.'],
			['(sub.evil-site.co.uk)', '(sub[.]evil-site[.]co[.]uk)'],
			['pirate@evil.example', 'pirate@evil[.]example'],
			['mailto:x@y.fr', 'mailto[:]x@y[.]fr'],
			['tel:+33123456789', 'tel[:]+33123456789'],
			['JavaScript:alert(1)', 'JavaScript[:]alert(1)'],
			['10.0.0.1:8080', '10[.]0[.]0[.]1:8080'],
			['évil.fr et münchen.de', 'évil[.]fr et münchen[.]de'],
			['evil。com', 'evil[.]com']
		];
		for (const [typed, shown] of cases) expect(defang(typed), typed).toBe(shown);
	});

	it('leaves the French text of the e-mails as it is', () => {
		const text = [
			'Dates : du 04/01/2027 au 30/06/2027',
			'- 1.1 Accueillir les internes : En cours, 50 %, dans les temps (23/11/2026)',
			'Prénom : Maëlle. Profession : Médecine, interne (Médecine générale)',
			'M. Dupont, Dr. Martin, 600 000 €, 3,5 jours, v2.0, c.-à-d. rien',
			'Vous recevez ce message au titre de votre mandat à Saint-Yrieix-la-Perche, pour « Plan 2026 ».'
		].join('\n');
		expect(defang(text)).toBe(text);
	});

	it('stays fast on long, dot-heavy input', () => {
		const long = 'a.'.repeat(20_000) + 'x '.repeat(5_000) + 'b-'.repeat(10_000);
		const started = performance.now();
		defang(long);
		expect(performance.now() - started).toBeLessThan(1000);
	});
});
