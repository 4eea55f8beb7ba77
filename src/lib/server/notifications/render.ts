/**
 * From an outbox row to the e-mail: the French text written by the database, followed by the link to the app
 * and the one-click unsubscribe link, in text and HTML, with the List-Unsubscribe headers (RFC 2369, RFC 8058).
 *
 * The text written by the database holds values that users typed: it is never markup and never links. The HTML
 * part escapes all of it and builds its own structure (paragraphs, lists); its only links are the app's own
 * (dashboard, unsubscribe, preferences), made here from SITE_URL. Addresses in that text are defanged in both
 * parts (see defang.ts), since mail clients link address-looking text by themselves. `body_html` is ignored:
 * no part of the app writes it, and HTML stored in the outbox would bypass all of the above.
 */
import { defang } from './defang.ts';
import { unsubscribeToken, isTopic, type NotificationTopic } from './unsubscribe.ts';

export interface OutboxRow {
	id: string;
	recipient_email: string;
	recipient_user_id: string | null;
	topic: string | null;
	subject: string;
	body_text: string;
	body_html: string | null;
	payload: unknown;
}

export interface RenderedMail {
	to: string;
	subject: string;
	text: string;
	html: string;
	messageId: string;
	headers: Record<string, string>;
}

const TOPIC_WORDS: Record<NotificationTopic, string> = {
	internship_events: 'les arrivées, modifications et annulations de stages dans vos communes',
	internship_reminder: 'les rappels sept jours avant une arrivée',
	digest_official: 'le récapitulatif hebdomadaire des arrivées dans vos communes',
	digest_steering: 'le récapitulatif hebdomadaire de la charte',
	digest_partner: 'le récapitulatif hebdomadaire de vos actions à mettre à jour'
};

const escapeHtml = (s: string) =>
	s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Paragraphs separated by blank lines; a paragraph of "- " lines becomes a list. Every piece of text is escaped. */
function textToHtml(text: string): string {
	const item = (line: string) => `<li>${escapeHtml(line.slice(2))}</li>`;
	return text
		.split(/\n{2,}/)
		.map((block) => {
			const lines = block.split('\n').filter((l) => l.trim() !== '');
			if (lines.length === 0) return '';
			const items = lines.filter((l) => l.startsWith('- '));
			if (items.length > 0 && items.length === lines.length) {
				return `<ul>${items.map(item).join('')}</ul>`;
			}
			if (items.length > 0 && items.length === lines.length - 1 && !lines[0].startsWith('- ')) {
				return `<p>${escapeHtml(lines[0])}</p><ul>${items.map(item).join('')}</ul>`;
			}
			return `<p>${lines.map(escapeHtml).join('<br>')}</p>`;
		})
		.join('\n');
}

function domainOf(from: string): string {
	const match = /@([^>\s]+)>?\s*$/.exec(from);
	return match ? match[1] : 'localhost';
}

/** The path of the app the e-mail links to: a plain absolute path of this site, else the home page. */
export function linkPathOf(payload: unknown): string {
	const path =
		payload && typeof payload === 'object' && 'link_path' in payload
			? (payload as { link_path: unknown }).link_path
			: null;
	return typeof path === 'string' && /^\/(?!\/)[A-Za-z0-9/_.~%?=&-]*$/.test(path) && path.length <= 500 ? path : '/';
}

export function renderMail(
	row: OutboxRow,
	options: { siteUrl: string; mailFrom: string; unsubscribeKey: Buffer; now?: Date }
): RenderedMail {
	const appLink = `${options.siteUrl}${linkPathOf(row.payload)}`;
	const topic = isTopic(row.topic) ? row.topic : null;
	const unsubscribeUrl =
		topic && row.recipient_user_id
			? `${options.siteUrl}/desabonnement?t=${unsubscribeToken(options.unsubscribeKey, row.recipient_user_id, topic, options.now)}`
			: null;
	const preferencesUrl = `${options.siteUrl}/preferences`;

	const footer = [
		'—',
		`Voir sur le tableau de bord : ${appLink}`,
		unsubscribeUrl
			? `Pour ne plus recevoir ${TOPIC_WORDS[topic!]}, désabonnez-vous en un clic : ${unsubscribeUrl}`
			: null,
		`Gérer toutes vos préférences de notification : ${preferencesUrl}`
	]
		.filter(Boolean)
		.join('\n');
	const body = defang(row.body_text.trim());
	const text = `${body}\n\n${footer}\n`;

	const footerHtml = [
		`<p><a href="${escapeHtml(appLink)}">Voir sur le tableau de bord</a></p>`,
		unsubscribeUrl
			? `<p>Pour ne plus recevoir ${escapeHtml(TOPIC_WORDS[topic!])} : <a href="${escapeHtml(unsubscribeUrl)}">se désabonner en un clic</a>.</p>`
			: '',
		`<p><a href="${escapeHtml(preferencesUrl)}">Gérer toutes vos préférences de notification</a></p>`
	].join('');
	const html = `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(row.subject)}</title></head>
<body style="margin:0;padding:0;background:#f7f7f5;color:#1b1d1f;font:16px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif">
<div style="max-width:40rem;margin:0 auto;padding:24px;background:#ffffff">
${textToHtml(body)}
<hr style="border:none;border-top:1px solid #d4d7db;margin:24px 0">
<div style="font-size:14px;color:#4f565e">${footerHtml}</div>
</div>
</body>
</html>`;

	const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
	if (unsubscribeUrl) {
		headers['List-Unsubscribe'] = `<${unsubscribeUrl}>`;
		headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
	}
	return {
		to: row.recipient_email,
		subject: row.subject,
		text,
		html,
		// Stable per outbox row: a message sent again after a crash carries the same Message-ID, which lets mail
		// stores that drop duplicates (and the tests' mailboxes) show it once.
		messageId: `<${row.id}@${domainOf(options.mailFrom)}>`,
		headers
	};
}
