/**
 * Inviting people into a charter. Reused by every screen that brings someone in (partner representatives,
 * steering members, elected officials with their communes).
 *
 * 1. The invitation row is written AS THE COORDINATOR (locals.supabase): RLS decides whether they may invite
 *    into this charter, and who invited whom stays on record.
 * 2. The e-mail goes out with the service-role client, the one job that needs it:
 *    - someone without an account gets Supabase Auth's invitation (`inviteUserByEmail`), whose link comes
 *      back through /auth/confirm (type=invite), which accepts the invitation and sends them to /bienvenue,
 *      then to the charter;
 *    - someone who already has an account gets a magic link to the charter: the app's own e-mail (naming the
 *      charter and the role) when SMTP_URL is set, else Supabase Auth's magic link e-mail.
 * 3. On sign-in, public.accept_invitations() turns every pending invitation of the address into a membership.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { createClient, isAuthError, type SupabaseClient } from '@supabase/supabase-js';
import { MAIL_FROM, PUBLIC_SUPABASE_ANON_KEY, PUBLIC_SUPABASE_URL, SMTP_URL } from '$app/env/private';
import type { Database, Enums, Tables } from '#lib/database.types.js';
import { m } from '#lib/paraglide/messages.js';
import { defang } from './notifications/defang.js';
import { supabaseAdmin } from './supabase-admin.js';
import { dbErrorMessage, dbErrorStatus, type ErrorStatus } from './db-errors.js';

export interface InvitationRequest {
	charterId: string;
	email: string;
	role: Enums<'member_role'>;
	/** Required for a partner representative: the organization they represent. */
	organizationId?: string | null;
	/** Required for an elected official: the INSEE codes of the communes they cover. */
	communeCodes?: string[];
}

export type InvitationResult =
	| { ok: true; invitation: Tables<'invitations'>; delivery: Delivery }
	| { ok: false; status: ErrorStatus; reason: 'member' | 'pending' | 'refused' | 'mail'; message: string };

/** How the e-mail went: Supabase Auth's invitation, the app's magic-link e-mail, or Auth's magic link. */
export type Delivery = 'invite' | 'app_magic_link' | 'auth_magic_link';

interface Context {
	supabase: SupabaseClient<Database>;
	/** The app's public origin (url.origin), where the e-mail's link leads. */
	origin: string;
	/** The coordinator's user id. */
	userId: string;
}

interface CharterInfo {
	slug: string;
	title: string;
}

async function charterInfo(supabase: SupabaseClient<Database>, charterId: string): Promise<CharterInfo | null> {
	const { data } = await supabase.from('charters').select('slug, title').eq('id', charterId).maybeSingle();
	return data;
}

/** Invites someone: writes the invitation (RLS), then e-mails them. */
export async function createInvitation(ctx: Context, request: InvitationRequest): Promise<InvitationResult> {
	const email = request.email.trim().toLowerCase();
	const charter = await charterInfo(ctx.supabase, request.charterId);
	if (!charter) return { ok: false, status: 404, reason: 'refused', message: m.admin_error_forbidden() };

	// Already in the charter: changing their role is the members list's job, not a new invitation.
	const { data: existing } = await ctx.supabase
		.from('charter_members')
		.select('id, profile:profiles!inner(email)')
		.eq('charter_id', request.charterId)
		.eq('profile.email', email)
		.limit(1);
	if (existing?.length) return { ok: false, status: 409, reason: 'member', message: m.admin_invite_already_member() };

	const { data: invitation, error } = await ctx.supabase
		.from('invitations')
		.insert({
			charter_id: request.charterId,
			email,
			role: request.role,
			organization_id: request.role === 'partner_rep' ? (request.organizationId ?? null) : null,
			commune_codes: request.role === 'elected_official' ? (request.communeCodes ?? []) : [],
			invited_by: ctx.userId
		})
		.select('*')
		.single();
	if (error?.code === '23505') {
		return { ok: false, status: 409, reason: 'pending', message: m.admin_invite_already_pending() };
	}
	if (error) return { ok: false, status: dbErrorStatus(error), reason: 'refused', message: dbErrorMessage(error) };

	return deliver(ctx, invitation, charter);
}

/** Sends a pending invitation's e-mail again (a new link; the previous one stops working). */
export async function resendInvitation(ctx: Context, invitationId: string): Promise<InvitationResult> {
	const { data: invitation } = await ctx.supabase.from('invitations').select('*').eq('id', invitationId).maybeSingle();
	if (!invitation) return { ok: false, status: 404, reason: 'refused', message: m.admin_not_found() };
	if (invitation.status !== 'pending') {
		return { ok: false, status: 409, reason: 'refused', message: m.admin_invite_not_pending() };
	}
	const charter = await charterInfo(ctx.supabase, invitation.charter_id);
	if (!charter) return { ok: false, status: 404, reason: 'refused', message: m.admin_error_forbidden() };
	return deliver(ctx, invitation, charter);
}

/** Withdraws a pending invitation: its link no longer makes anyone a member. */
export async function revokeInvitation(
	supabase: SupabaseClient<Database>,
	invitationId: string
): Promise<{ ok: true } | { ok: false; status: ErrorStatus; message: string }> {
	const { data, error } = await supabase
		.from('invitations')
		.update({ status: 'revoked', revoked_at: new Date().toISOString() })
		.eq('id', invitationId)
		.eq('status', 'pending')
		.select('id');
	if (error) return { ok: false, status: dbErrorStatus(error), message: dbErrorMessage(error) };
	if (!data.length) return { ok: false, status: 409, message: m.admin_invite_not_pending() };
	return { ok: true };
}

async function deliver(
	ctx: Context,
	invitation: Tables<'invitations'>,
	charter: CharterInfo
): Promise<InvitationResult> {
	let delivery: Delivery;
	try {
		delivery = await sendInvitationEmail(ctx.origin, invitation, charter);
	} catch (e) {
		console.error(`invitation ${invitation.id}: e-mail not sent: ${(e as Error).message}`);
		return { ok: false, status: 503, reason: 'mail', message: m.admin_invite_mail_failed() };
	}
	// The coordinator records the sending (RLS: coordinators update their charter's invitations).
	const { data: updated } = await ctx.supabase
		.from('invitations')
		.update({ last_sent_at: new Date().toISOString(), send_count: invitation.send_count + 1 })
		.eq('id', invitation.id)
		.select('*')
		.single();
	return { ok: true, invitation: updated ?? invitation, delivery };
}

async function sendInvitationEmail(
	origin: string,
	invitation: Tables<'invitations'>,
	charter: CharterInfo
): Promise<Delivery> {
	const next = `/chartes/${charter.slug}`;
	const redirectTo = `${origin}${next}`;
	const admin = supabaseAdmin();

	const invited = await admin.auth.admin.inviteUserByEmail(invitation.email, {
		redirectTo,
		data: { invited_to: charter.slug }
	});
	if (!invited.error) return 'invite';
	const exists = isAuthError(invited.error) && (invited.error.code === 'email_exists' || invited.error.status === 422);
	if (!exists) throw invited.error;

	// The person has an account: a magic link that lands them in the charter.
	if (SMTP_URL) {
		const { data, error } = await admin.auth.admin.generateLink({
			type: 'magiclink',
			email: invitation.email,
			options: { redirectTo }
		});
		if (error) throw error;
		const link = `${origin}/auth/confirm?token_hash=${encodeURIComponent(data.properties.hashed_token)}&type=magiclink&next=${encodeURIComponent(next)}`;
		await sendAppMail(invitation, charter, link);
		return 'app_magic_link';
	}
	// No SMTP relay of our own: Supabase Auth sends its magic link e-mail. A stateless client without PKCE,
	// so that no code verifier is left in anyone's cookies.
	const anon = createClient<Database>(PUBLIC_SUPABASE_URL, PUBLIC_SUPABASE_ANON_KEY, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false, flowType: 'implicit' }
	});
	const { error } = await anon.auth.signInWithOtp({
		email: invitation.email,
		options: { shouldCreateUser: false, emailRedirectTo: redirectTo }
	});
	if (error) throw error;
	return 'auth_magic_link';
}

let transport: Transporter | undefined;

async function sendAppMail(invitation: Tables<'invitations'>, charter: CharterInfo, link: string): Promise<void> {
	transport ??= nodemailer.createTransport(SMTP_URL!);
	// The invitation speaks French, the language of the charters, whatever the coordinator's interface.
	const fr = { locale: 'fr' as const };
	const role = {
		coordinator: m.role_coordinator,
		steering: m.role_steering,
		partner_rep: m.role_partner_rep,
		elected_official: m.role_elected_official
	}[invitation.role]({}, fr);
	const subject = m.admin_invite_mail_subject({ charter: charter.title }, fr);
	// The title is the coordinator's text: an address in it never becomes a link in the recipient's mail client.
	const intro = m.admin_invite_mail_intro({ charter: defang(charter.title), role }, fr);
	const action = m.admin_invite_mail_action({}, fr);
	const validity = m.admin_invite_mail_validity({}, fr);
	const text = [m.admin_invite_mail_hello({}, fr), '', intro, '', `${action} : ${link}`, '', validity, ''].join('\n');
	const escape = (s: string) =>
		s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
	const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escape(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1d1f">
<p>${escape(m.admin_invite_mail_hello({}, fr))}</p>
<p>${escape(intro)}</p>
<p><a href="${escape(link)}">${escape(action)}</a></p>
<p style="color:#4f565e">${escape(validity)}</p>
</body></html>`;
	await transport.sendMail({
		from: MAIL_FROM || m.admin_invite_mail_from({}, fr),
		to: invitation.email,
		subject,
		text,
		html
	});
}
