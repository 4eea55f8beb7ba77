/**
 * The auth e-mails, in French, sent to the stack's SMTP sink.
 *
 * Each message carries three ways in, so that every client flow can be exercised locally:
 * - the link Supabase's SvelteKit SSR guide puts in the templates, to the app:
 *   `<site>/auth/confirm?token_hash=...&type=...&next=<path>`;
 * - the one-time code (OTP), for `verifyOtp({ email, token })`;
 * - GoTrue's own link, `<api>/auth/v1/verify?token=...&type=...&redirect_to=...`, which redirects with a
 *   PKCE `code` or, for the implicit flow, the session in the URL fragment.
 */
import nodemailer from 'nodemailer';
import type { StackConfig } from '../config.ts';

export type EmailKind = 'magiclink' | 'signup' | 'invite' | 'recovery' | 'email_change';

export interface EmailLinks {
	/** The app's `/auth/confirm` link. */
	confirm: string;
	/** GoTrue's `/auth/v1/verify` link. */
	verify: string;
	otp: string;
}

export interface Mailer {
	send(kind: EmailKind, to: string, links: EmailLinks): Promise<void>;
	close(): void;
}

export const SENDER = 'Supabase Auth <noreply@example.org>';

const escapeHtml = (s: string) =>
	s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function durationFr(seconds: number): string {
	if (seconds % 3600 === 0 && seconds >= 3600) return seconds === 3600 ? '1 heure' : `${seconds / 3600} heures`;
	if (seconds % 60 === 0 && seconds >= 60) return seconds === 60 ? '1 minute' : `${seconds / 60} minutes`;
	return seconds <= 1 ? `${seconds} seconde` : `${seconds} secondes`;
}

interface Template {
	subject: string;
	intro: string;
	action: string;
	ignore: string;
}

const TEMPLATES: Record<EmailKind, Template> = {
	magiclink: {
		subject: 'Votre lien de connexion',
		intro: 'Pour vous connecter, ouvrez ce lien :',
		action: 'Se connecter',
		ignore: "Si vous n'avez pas demandé à vous connecter, ignorez ce message."
	},
	signup: {
		subject: 'Confirmez votre inscription',
		intro: 'Pour confirmer votre adresse e-mail et terminer votre inscription, ouvrez ce lien :',
		action: 'Confirmer mon adresse',
		ignore: "Si vous n'avez pas demandé à créer un compte, ignorez ce message."
	},
	invite: {
		subject: 'Invitation au tableau de bord',
		intro: 'Une invitation vous est adressée pour rejoindre le tableau de bord. Pour l’accepter, ouvrez ce lien :',
		action: 'Accepter l’invitation',
		ignore: 'Si vous ne vous attendiez pas à cette invitation, ignorez ce message.'
	},
	recovery: {
		subject: 'Réinitialiser votre mot de passe',
		intro: 'Pour choisir un nouveau mot de passe, ouvrez ce lien :',
		action: 'Réinitialiser mon mot de passe',
		ignore: "Si vous n'avez pas demandé à réinitialiser votre mot de passe, ignorez ce message : il reste inchangé."
	},
	email_change: {
		subject: 'Confirmez votre nouvelle adresse e-mail',
		intro: 'Pour confirmer votre nouvelle adresse e-mail, ouvrez ce lien :',
		action: 'Confirmer ma nouvelle adresse',
		ignore: "Si vous n'avez pas demandé ce changement, ignorez ce message."
	}
};

export function renderEmail(
	kind: EmailKind,
	links: EmailLinks,
	otpExpiry: number
): { subject: string; text: string; html: string } {
	const t = TEMPLATES[kind];
	const validity = `Ce lien et ce code sont valables ${durationFr(otpExpiry)} et ne servent qu'une fois.`;
	const text = [
		'Bonjour,',
		'',
		t.intro,
		links.confirm,
		'',
		`Vous pouvez aussi saisir ce code : ${links.otp}`,
		'',
		validity,
		t.ignore,
		'',
		'Lien du service d’authentification (même effet, pour les applications sans page /auth/confirm) :',
		links.verify,
		''
	].join('\n');
	const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(t.subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b">
<p>Bonjour,</p>
<p>${escapeHtml(t.intro)}</p>
<p><a href="${escapeHtml(links.confirm)}">${escapeHtml(t.action)}</a></p>
<p>Vous pouvez aussi saisir ce code : <strong>${escapeHtml(links.otp)}</strong></p>
<p>${escapeHtml(validity)} ${escapeHtml(t.ignore)}</p>
<p style="font-size:0.875em;color:#555">Lien du service d’authentification : <a href="${escapeHtml(links.verify)}">${escapeHtml(links.verify)}</a></p>
</body></html>`;
	return { subject: t.subject, text, html };
}

export function createMailer(config: StackConfig): Mailer {
	const transport = nodemailer.createTransport({
		host: '127.0.0.1',
		port: config.ports.smtp,
		secure: false,
		ignoreTLS: true
	});
	return {
		async send(kind, to, links) {
			const { subject, text, html } = renderEmail(kind, links, config.otpExpiry);
			await transport.sendMail({ from: SENDER, to, subject, text, html });
		},
		close: () => transport.close()
	};
}
