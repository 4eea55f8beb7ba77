/**
 * From an outbox row to the e-mail, in the recipient's language: the subject and text of the row's event
 * (templates.ts; the digests still carry their French text in the row), followed by the link to the app and the
 * one-click unsubscribe link, in text and HTML, with the List-Unsubscribe headers (RFC 2369, RFC 8058).
 *
 * That text holds values that users typed: it is never markup and never links. The HTML
 * part escapes all of it and builds its own structure (paragraphs, lists); its only links are the app's own
 * (dashboard, unsubscribe, preferences, and the update form of each action a reminder names, as a button), made
 * here from SITE_URL. Addresses in that text are defanged in both
 * parts (see defang.ts), since mail clients link address-looking text by themselves. `body_html` is ignored:
 * no part of the app writes it, and HTML stored in the outbox would bypass all of the above.
 */
import { defang } from './defang.ts';
import { renderContent, type MailContent, type MailLocale } from './templates.ts';
import { escapeHtml, isLinkablePath } from './mail-format.ts';
import { unsubscribeToken, isTopic, type NotificationTopic } from './unsubscribe.ts';

export interface OutboxRow {
	id: string;
	kind: string;
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
	/** What the outbox row keeps of it (complete_notification): the subject and the text without the footer. */
	record: { subject: string; body: string };
}

const TOPIC_WORDS: Record<MailLocale, Record<NotificationTopic, string>> = {
	fr: {
		internship_events: 'les arrivées, modifications et annulations de stages dans vos communes',
		internship_reminder: 'les rappels sept jours avant une arrivée',
		digest_official: 'le récapitulatif hebdomadaire des arrivées dans vos communes',
		digest_steering: 'le récapitulatif hebdomadaire de la charte',
		digest_partner: 'le récapitulatif hebdomadaire de vos actions à mettre à jour',
		support_requests: "les nouvelles demandes d'accompagnement reçues en ligne",
		support_referrals: 'les demandes orientées vers votre organisation et leurs rappels',
		aid_commitments: 'les alertes sur les engagements des aides financières',
		meetings: 'les invitations aux réunions de la charte, leurs changements et leurs comptes rendus',
		update_campaigns: 'les demandes de mise à jour de vos actions avant les réunions, et leurs rappels'
	},
	en: {
		internship_events: 'arrivals, changes and cancellations of internships in your communes',
		internship_reminder: 'reminders seven days before an arrival',
		digest_official: 'the weekly summary of arrivals in your communes',
		digest_steering: 'the weekly summary of the charter',
		digest_partner: 'the weekly summary of your actions to update',
		support_requests: 'new support requests received online',
		support_referrals: 'requests referred to your organization and their reminders',
		aid_commitments: 'alerts on the commitments of financial aids',
		meetings: "invitations to the charter's meetings, their changes and their minutes",
		update_campaigns: 'requests to update your actions before meetings, and their reminders'
	}
};

const FOOTER = {
	fr: {
		dashboard: 'Voir sur le tableau de bord',
		page: 'Voir la page de la charte',
		stop: (words: string) => `Pour ne plus recevoir ${words}, désabonnez-vous en un clic`,
		stopHtml: (words: string) => `Pour ne plus recevoir ${words} :`,
		oneClick: 'se désabonner en un clic',
		preferences: 'Gérer toutes vos préférences de notification',
		colon: ' : '
	},
	en: {
		dashboard: 'See it on the dashboard',
		page: "See the charter's page",
		stop: (words: string) => `To stop receiving ${words}, unsubscribe in one click`,
		stopHtml: (words: string) => `To stop receiving ${words}:`,
		oneClick: 'unsubscribe in one click',
		preferences: 'Manage all your notification preferences',
		colon: ': '
	}
} as const;

type Links = Map<string, { label: string; url: string }>;

const BUTTON =
	'display:inline-block;margin:6px 0 4px;padding:8px 16px;background:#1b5b86;color:#ffffff;' +
	'text-decoration:none;border-radius:6px;font-weight:600';

/** The links of a content under their lines: the app's own action and referral pages only, made from SITE_URL. */
function linksOf(links: MailContent['links'], siteUrl: string): Links {
	const map: Links = new Map();
	for (const link of links ?? []) {
		if (isLinkablePath(link.path)) map.set(defang(link.after), { label: link.label, url: `${siteUrl}${link.path}` });
	}
	return map;
}

/** The text with each linked line followed by its label and address (lines already defanged). */
function textWithLinks(text: string, links: Links, colon: string): string {
	return text
		.split('\n')
		.map((line) => {
			const link = links.get(line);
			return link ? `${line}\n  ${link.label}${colon}${link.url}` : line;
		})
		.join('\n');
}

/** Paragraphs separated by blank lines; a paragraph of "- " lines becomes a list. Every piece of text is escaped. */
function textToHtml(text: string, links: Links = new Map()): string {
	const item = (line: string) => {
		const link = links.get(line);
		const button = link ? `<br><a href="${escapeHtml(link.url)}" style="${BUTTON}">${escapeHtml(link.label)}</a>` : '';
		return `<li${link ? ' style="margin-bottom:10px"' : ''}>${escapeHtml(line.slice(2))}${button}</li>`;
	};
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
	options: { siteUrl: string; mailFrom: string; unsubscribeKey: Buffer; now?: Date; locale?: MailLocale }
): RenderedMail {
	const locale = options.locale ?? 'fr';
	const words = FOOTER[locale];
	const content = renderContent(row.kind, row.payload, locale) ?? { subject: row.subject, body: row.body_text };
	const appLink = `${options.siteUrl}${linkPathOf(row.payload)}`;
	const topic = isTopic(row.topic) ? row.topic : null;
	const unsubscribeUrl =
		topic && row.recipient_user_id
			? `${options.siteUrl}/desabonnement?t=${unsubscribeToken(options.unsubscribeKey, row.recipient_user_id, topic, options.now)}`
			: null;
	// A recipient without an account (a professional who wrote through the public form) has no preferences page.
	const preferencesUrl = row.recipient_user_id ? `${options.siteUrl}/preferences` : null;
	// … nor a dashboard: their link goes to the charter's public page.
	const appLabel = row.recipient_user_id ? words.dashboard : words.page;

	const footer = [
		'—',
		`${appLabel}${words.colon}${appLink}`,
		unsubscribeUrl ? `${words.stop(TOPIC_WORDS[locale][topic!])}${words.colon}${unsubscribeUrl}` : null,
		preferencesUrl ? `${words.preferences}${words.colon}${preferencesUrl}` : null
	]
		.filter(Boolean)
		.join('\n');
	const body = defang(content.body.trim());
	const links = linksOf(content.links, options.siteUrl);
	const bodyText = textWithLinks(body, links, words.colon);
	const subject = content.subject;
	const text = `${bodyText}\n\n${footer}\n`;

	const footerHtml = [
		`<p><a href="${escapeHtml(appLink)}">${appLabel}</a></p>`,
		unsubscribeUrl
			? `<p>${escapeHtml(words.stopHtml(TOPIC_WORDS[locale][topic!]))} <a href="${escapeHtml(unsubscribeUrl)}">${words.oneClick}</a>.</p>`
			: '',
		preferencesUrl ? `<p><a href="${escapeHtml(preferencesUrl)}">${words.preferences}</a></p>` : ''
	].join('');
	const html = `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f7f7f5;color:#1b1d1f;font:16px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif">
<div style="max-width:40rem;margin:0 auto;padding:24px;background:#ffffff">
${textToHtml(body, links)}
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
		subject,
		text,
		html,
		// Stable per outbox row: a message sent again after a crash carries the same Message-ID, which lets mail
		// stores that drop duplicates (and the tests' mailboxes) show it once.
		messageId: `<${row.id}@${domainOf(options.mailFrom)}>`,
		headers,
		record: { subject: content.subject, body: links.size ? bodyText : content.body.trim() }
	};
}
