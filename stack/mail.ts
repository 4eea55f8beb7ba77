/**
 * The SMTP sink (54325) and the dev mailbox (54324) of the local stack.
 *
 * The mailbox's HTTP API follows Mailpit's (which `supabase start` ships), so tests and tools use the
 * same calls on both: `GET /api/v1/messages`, `GET /api/v1/search?query=to:...`, `GET /api/v1/message/{ID}`,
 * `DELETE /api/v1/messages`. `GET /` is a page to read the messages in a browser.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { StackConfig } from './config.ts';

export interface Address {
	Name: string;
	Address: string;
}

export interface StoredMessage {
	ID: string;
	MessageID: string;
	From: Address;
	To: Address[];
	Subject: string;
	Created: string;
	Text: string;
	HTML: string;
	Headers: Record<string, string>;
	Size: number;
	/** Mailpit's shape; the content is served by `GET /api/v1/message/{ID}/part/{PartID}`. */
	Attachments: { PartID: string; FileName: string; ContentType: string; Size: number }[];
}

const MAX_MESSAGES = 50000;
/** The files of the messages (an invitation's .ics, minutes in PDF), by message ID and part. */
const parts = new Map<string, { contentType: string; content: Buffer }>();

function addresses(value: AddressObject | AddressObject[] | undefined): Address[] {
	const list = Array.isArray(value) ? value : value ? [value] : [];
	return list.flatMap((a) => a.value.map((v) => ({ Name: v.name ?? '', Address: (v.address ?? '').toLowerCase() })));
}

function summary(m: StoredMessage) {
	return {
		ID: m.ID,
		MessageID: m.MessageID,
		From: m.From,
		To: m.To,
		Subject: m.Subject,
		Created: m.Created,
		Size: m.Size,
		Snippet: m.Text.replace(/\s+/g, ' ').slice(0, 200)
	};
}

/** Mailpit-style search: `to:addr`, `from:addr`, `subject:word`, `after:ISO`, other words anywhere. */
export function matches(m: StoredMessage, query: string): boolean {
	const terms = query.match(/(\w+:"[^"]*"|\w+:\S+|"[^"]*"|\S+)/g) ?? [];
	return terms.every((term) => {
		const colon = term.indexOf(':');
		const field = colon > 0 ? term.slice(0, colon).toLowerCase() : '';
		const raw = (colon > 0 ? term.slice(colon + 1) : term).replace(/^"|"$/g, '').toLowerCase();
		switch (field) {
			case 'to':
				return m.To.some((a) => a.Address.includes(raw) || a.Name.toLowerCase().includes(raw));
			case 'from':
				return m.From.Address.includes(raw) || m.From.Name.toLowerCase().includes(raw);
			case 'subject':
				return m.Subject.toLowerCase().includes(raw);
			case 'after':
				return m.Created > new Date(raw).toISOString();
			default:
				return (m.Subject + '\n' + m.Text).toLowerCase().includes((field ? field + ':' : '') + raw);
		}
	});
}

const escapeHtml = (s: string) =>
	s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
	return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f6f6f4}main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.5rem;border-bottom:1px solid #ddd;vertical-align:top}
a{color:#1f4e8c}pre{white-space:pre-wrap;background:#fff;padding:1rem;border:1px solid #ddd}iframe{width:100%;height:60vh;border:1px solid #ddd;background:#fff}
.muted{color:#555}</style></head><body><main>${body}</main></body></html>`;
}

/**
 * The message's HTML as the mailbox frames it: its links open in a new tab, outside the sandboxed frame (where
 * the app's pages would break), the way a mail client opens them.
 */
export function framedHtml(messageHtml: string): string {
	const base = '<base target="_blank">';
	return /<head[^>]*>/i.test(messageHtml)
		? messageHtml.replace(/<head[^>]*>/i, (head) => head + base)
		: base + messageHtml;
}

export interface RunningMail {
	messages: StoredMessage[];
	stop(): Promise<void>;
}

export async function startMail(config: StackConfig, log: (line: string) => void = () => {}): Promise<RunningMail> {
	const messages: StoredMessage[] = [];

	const smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		banner: 'local stack SMTP sink',
		size: 10 * 1024 * 1024,
		logger: false,
		onData(stream, session, callback) {
			simpleParser(stream)
				.then((parsed) => {
					const to = addresses(parsed.to);
					const envelopeTo = session.envelope.rcptTo.map((r) => ({ Name: '', Address: r.address.toLowerCase() }));
					const from = addresses(parsed.from)[0] ?? { Name: '', Address: '' };
					const headers: Record<string, string> = {};
					for (const [key, value] of parsed.headers)
						headers[key] = typeof value === 'string' ? value : JSON.stringify(value);
					const html = typeof parsed.html === 'string' ? parsed.html : '';
					const id = randomUUID();
					const attachments = parsed.attachments.map((a, i) => {
						const partId = String(i + 2);
						parts.set(`${id}/${partId}`, { contentType: a.contentType, content: a.content });
						return { PartID: partId, FileName: a.filename ?? '', ContentType: a.contentType, Size: a.size };
					});
					messages.push({
						ID: id,
						MessageID: parsed.messageId ?? '',
						From: from,
						To: to.length ? to : envelopeTo,
						Subject: parsed.subject ?? '',
						Created: new Date().toISOString(),
						Text: parsed.text ?? '',
						HTML: html,
						Headers: headers,
						Size: (parsed.text?.length ?? 0) + html.length,
						Attachments: attachments
					});
					if (messages.length > MAX_MESSAGES)
						for (const old of messages.splice(0, messages.length - MAX_MESSAGES))
							for (const a of old.Attachments) parts.delete(`${old.ID}/${a.PartID}`);
					callback();
				})
				.catch((error: Error) => callback(error));
		}
	});
	smtp.on('error', (error) => log(`smtp sink: ${error.message}`));
	await new Promise<void>((resolve, reject) => {
		smtp.server.once('error', reject);
		smtp.listen(config.ports.smtp, '127.0.0.1', () => resolve());
	});

	const json = (res: http.ServerResponse, status: number, body: unknown) => {
		res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
		res.end(JSON.stringify(body));
	};
	const list = (found: StoredMessage[], url: URL) => {
		const newestFirst = [...found].reverse();
		const start = Number(url.searchParams.get('start') ?? 0) || 0;
		const limit = Number(url.searchParams.get('limit') ?? 50) || 50;
		const slice = newestFirst.slice(start, start + limit);
		return {
			total: messages.length,
			messages_count: found.length,
			count: slice.length,
			start,
			messages: slice.map(summary)
		};
	};

	const mailbox = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://mailbox');
		const p = url.pathname;
		if (req.method === 'GET' && p === '/api/v1/messages') return json(res, 200, list(messages, url));
		if (req.method === 'GET' && p === '/api/v1/search') {
			const query = url.searchParams.get('query') ?? '';
			return json(
				res,
				200,
				list(
					messages.filter((m) => matches(m, query)),
					url
				)
			);
		}
		const one = /^\/api\/v1\/message\/([\w-]+)$/.exec(p);
		if (req.method === 'GET' && one) {
			const found = one[1] === 'latest' ? messages.at(-1) : messages.find((m) => m.ID === one[1]);
			return found ? json(res, 200, { ...found, Date: found.Created }) : json(res, 404, { error: 'message not found' });
		}
		const part = /^\/api\/v1\/message\/([\w-]+)\/part\/(\d+)$/.exec(p);
		if (req.method === 'GET' && part) {
			const found = parts.get(`${part[1]}/${part[2]}`);
			if (!found) return json(res, 404, { error: 'part not found' });
			res.writeHead(200, { 'content-type': found.contentType, 'access-control-allow-origin': '*' });
			return res.end(found.content);
		}
		if (req.method === 'DELETE' && p === '/api/v1/messages') {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				let ids: string[] | undefined;
				try {
					ids = body ? (JSON.parse(body) as { IDs?: string[] }).IDs : undefined;
				} catch {
					return json(res, 400, { error: 'invalid JSON body' });
				}
				if (ids?.length) {
					const drop = new Set(ids);
					for (let i = messages.length - 1; i >= 0; i--) {
						if (!drop.has(messages[i].ID)) continue;
						for (const a of messages[i].Attachments) parts.delete(`${messages[i].ID}/${a.PartID}`);
						messages.splice(i, 1);
					}
				} else {
					messages.length = 0;
					parts.clear();
				}
				json(res, 200, { ok: true });
			});
			return;
		}
		if (req.method === 'GET' && (p === '/' || p === '/index.html')) {
			const query = url.searchParams.get('q') ?? '';
			const found = [...(query ? messages.filter((m) => matches(m, query)) : messages)].reverse().slice(0, 200);
			const rows = found
				.map(
					(m) =>
						`<tr><td>${escapeHtml(new Date(m.Created).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' }))}</td><td>${escapeHtml(m.To.map((a) => a.Address).join(', '))}</td><td><a href="/view/${m.ID}">${escapeHtml(m.Subject || '(sans objet)')}</a></td></tr>`
				)
				.join('');
			return html(
				res,
				page(
					'Boîte de réception de développement',
					`<h1>Boîte de réception de développement</h1><p class="muted">Tous les e-mails envoyés par la pile locale arrivent ici (${messages.length}). Rien ne part vers l'extérieur.</p>
<form method="get"><label for="q">Rechercher (to:adresse, subject:mot)</label> <input id="q" name="q" value="${escapeHtml(query)}"> <button>Rechercher</button></form>
<table><thead><tr><th scope="col">Reçu le</th><th scope="col">Destinataire</th><th scope="col">Objet</th></tr></thead><tbody>${rows || '<tr><td colspan="3">Aucun message.</td></tr>'}</tbody></table>`
				)
			);
		}
		const view = /^\/view\/([\w-]+)$/.exec(p);
		if (req.method === 'GET' && view) {
			const m = messages.find((x) => x.ID === view[1]);
			if (!m)
				return html(res, page('Message introuvable', '<h1>Message introuvable</h1><p><a href="/">Retour</a></p>'), 404);
			const htmlPart = m.HTML
				? `<h2>Version HTML</h2><iframe title="Version HTML du message" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${escapeHtml(framedHtml(m.HTML))}"></iframe>`
				: '';
			return html(
				res,
				page(
					m.Subject,
					`<p><a href="/">← Tous les messages</a></p><h1>${escapeHtml(m.Subject || '(sans objet)')}</h1>
<p>De : ${escapeHtml(m.From.Address)}<br>À : ${escapeHtml(m.To.map((a) => a.Address).join(', '))}<br>Reçu le : ${escapeHtml(new Date(m.Created).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' }))}</p>
<h2>Version texte</h2><pre>${linkify(escapeHtml(m.Text))}</pre>${htmlPart}`
				)
			);
		}
		json(res, 404, { error: 'not found' });
	});
	const html = (res: http.ServerResponse, body: string, status = 200) => {
		res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
		res.end(body);
	};
	await new Promise<void>((resolve, reject) => {
		mailbox.once('error', reject);
		mailbox.listen(config.ports.mailbox, '127.0.0.1', () => resolve());
	});

	return {
		messages,
		stop: async () => {
			await new Promise<void>((resolve) => smtp.close(() => resolve()));
			await new Promise<void>((resolve) => {
				mailbox.close(() => resolve());
				mailbox.closeAllConnections();
			});
		}
	};
}

function linkify(escaped: string): string {
	return escaped.replace(/https?:\/\/[^\s<]+/g, (u) => `<a href="${u}">${u}</a>`);
}
