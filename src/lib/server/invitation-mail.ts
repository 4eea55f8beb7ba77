/**
 * The invitation e-mail the app sends itself (when SMTP_URL is set), to new and existing accounts alike. It
 * says who invites, to which charter, in which role and for which organization, what the role does, and how
 * long the link and its code work (the auth server's e-mail OTP expiry, AUTH_LINK_VALIDITY_MINUTES).
 */
import type { Enums } from '#lib/database.types.js';
import { m } from '#lib/paraglide/messages.js';
import { roleLabels } from '#lib/labels.js';
import { validityText } from '#lib/auth/validity.js';
import { defang } from './notifications/defang.js';
import { escapeHtml as escape, say, type MailLocale } from './notifications/mail-format.js';

export type { MailLocale };

export interface InvitationMail {
	charter: string;
	role: Enums<'member_role'>;
	/** The organization a partner representative will represent. */
	organization: string | null;
	/** The inviting person's name and organization, e.g. "Sophie Durand (ARS Nouvelle-Aquitaine)". */
	inviter: string | null;
	link: string;
	/** The 6-digit code that the sign-in page accepts instead of the link. */
	code: string | null;
	signInUrl: string;
	validityMinutes: number;
	locale: MailLocale;
}

/** A role's name in the e-mail's language (not the request's). */
export const roleName = (role: Enums<'member_role'>, locale: MailLocale): string => say(roleLabels, role, locale)!;

/** What each role does, in one sentence (also on the orientation page). */
export function roleExplanation(role: Enums<'member_role'>, organization: string | null, locale: MailLocale): string {
	const options = { locale };
	switch (role) {
		case 'coordinator':
			return m.orientation_role_coordinator({}, options);
		case 'steering':
			return m.orientation_role_steering({}, options);
		case 'partner_rep':
			return m.orientation_role_partner_rep({ organization: organization ?? '' }, options);
		case 'elected_official':
			return m.orientation_role_elected_official({}, options);
	}
}

export function renderInvitationMail(mail: InvitationMail): { subject: string; text: string; html: string } {
	const options = { locale: mail.locale };
	// Names and titles are users' text: an address in them never becomes a link in the recipient's mail client.
	const charter = defang(mail.charter);
	const organization = mail.organization ? defang(mail.organization) : null;
	const values = {
		inviter: mail.inviter ? defang(mail.inviter) : m.invite_mail_someone({}, options),
		charter,
		role: roleName(mail.role, mail.locale)
	};
	const intro = organization
		? m.invite_mail_intro_org({ ...values, organization }, options)
		: m.invite_mail_intro(values, options);
	const what = `${m.invite_mail_what({}, options)} ${roleExplanation(mail.role, organization, options.locale)}`;
	const action = m.invite_mail_action({}, options);
	const code = mail.code ? m.invite_mail_code({ url: mail.signInUrl, code: mail.code }, options) : null;
	const validity = m.invite_mail_validity({ validity: validityText(mail.validityMinutes, mail.locale) }, options);
	const ignore = m.invite_mail_ignore({}, options);
	const subject = m.invite_mail_subject({ charter: mail.charter }, options);
	const hello = m.invite_mail_hello({}, options);
	const text = [
		hello,
		'',
		intro,
		'',
		what,
		'',
		`${action}${mail.locale === 'fr' ? ' :' : ':'} ${mail.link}`,
		'',
		...(code ? [code, ''] : [])
	]
		.concat([validity, ignore, ''])
		.join('\n');
	const html = `<!doctype html><html lang="${mail.locale}"><head><meta charset="utf-8"><title>${escape(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1d1f;max-width:40rem">
<p>${escape(hello)}</p>
<p>${escape(intro)}</p>
<p>${escape(what)}</p>
<p><a href="${escape(mail.link)}" style="display:inline-block;padding:0.6rem 1.2rem;background:#1f4e8c;color:#fff;text-decoration:none;border-radius:4px;font-weight:600">${escape(action)}</a></p>
${code ? `<p>${escape(code).replace(escape(mail.code!), `<strong style="font-size:1.2em;letter-spacing:0.1em">${escape(mail.code!)}</strong>`)}</p>` : ''}
<p style="color:#4f565e">${escape(validity)} ${escape(ignore)}</p>
</body></html>`;
	return { subject, text, html };
}
