/**
 * Inviting people into a charter. Reused by every screen that brings someone in (partner representatives,
 * steering members, elected officials with their communes).
 *
 * 1. The invitation row is written AS THE COORDINATOR (locals.supabase): RLS decides whether they may invite
 *    into this charter, and who invited whom stays on record.
 * 2. The e-mail goes out with the service-role client, the one job that needs it. With SMTP_URL, the app writes
 *    it (invitation-mail.ts: charter, role, organization, who invites, validity, the 6-digit code), with a link
 *    from `generateLink`: type=invite for someone without an account (it creates the unconfirmed account),
 *    type=magiclink for an existing one. Without SMTP_URL, Supabase Auth sends its own invitation
 *    (`inviteUserByEmail`, with the same facts as metadata for its template) or magic link. The link comes back
 *    through /auth/confirm, whose button accepts the invitation; invited people then see /bienvenue.
 * 3. On sign-in, public.accept_invitations() turns every pending invitation of the address into a membership.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { createClient, isAuthError, type SupabaseClient } from '@supabase/supabase-js';
import {
	AUTH_LINK_VALIDITY_MINUTES,
	MAIL_FROM,
	PUBLIC_SUPABASE_ANON_KEY,
	PUBLIC_SUPABASE_URL,
	SMTP_URL
} from '$app/env/private';
import type { Database, Enums, Tables } from '#lib/database.types.js';
import { m } from '#lib/paraglide/messages.js';
import { renderInvitationMail, roleName, type InvitationMail, type MailLocale } from './invitation-mail.js';
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

/** How the e-mail went: the app's own invitation (new account) or magic link (existing one), or Supabase Auth's. */
export type Delivery = 'invite' | 'app_invite' | 'app_magic_link' | 'auth_magic_link';

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
		delivery = await sendInvitationEmail(ctx, invitation, charter);
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
	ctx: Context,
	invitation: Tables<'invitations'>,
	charter: CharterInfo
): Promise<Delivery> {
	const next = `/chartes/${charter.slug}`;
	const redirectTo = `${ctx.origin}${next}`;
	const admin = supabaseAdmin();
	const details = await invitationDetails(ctx, invitation);

	if (SMTP_URL) {
		// The app writes the e-mail itself, for new accounts and existing ones: it names the charter, the role, the
		// organization and who invites. generateLink creates the invited account (unconfirmed) and sends nothing.
		let type: 'invite' | 'magiclink' = 'invite';
		let generated = await admin.auth.admin.generateLink({
			type: 'invite',
			email: invitation.email,
			options: { redirectTo, data: { invited_to: charter.slug } }
		});
		if (generated.error && isEmailExists(generated.error)) {
			type = 'magiclink';
			generated = await admin.auth.admin.generateLink({
				type: 'magiclink',
				email: invitation.email,
				options: { redirectTo }
			});
		}
		if (generated.error) throw generated.error;
		const { hashed_token, email_otp } = generated.data.properties;
		const link = `${ctx.origin}/auth/confirm?token_hash=${encodeURIComponent(hashed_token)}&type=${type}&next=${encodeURIComponent(next)}`;
		await sendAppMail(invitation.email, {
			...details,
			charter: charter.title,
			role: invitation.role,
			link,
			code: email_otp || null,
			signInUrl: `${ctx.origin}/connexion`,
			validityMinutes: AUTH_LINK_VALIDITY_MINUTES
		});
		return type === 'invite' ? 'app_invite' : 'app_magic_link';
	}

	// No SMTP relay of our own: Supabase Auth sends its e-mails. Its invitation template can use this metadata
	// (README, "Auth e-mail templates").
	const invited = await admin.auth.admin.inviteUserByEmail(invitation.email, {
		redirectTo,
		data: {
			invited_to: charter.slug,
			charter_title: charter.title,
			role_label: roleName(invitation.role, 'fr'),
			organization_name: details.organization ?? '',
			inviter_name: details.inviter ?? ''
		}
	});
	if (!invited.error) return 'invite';
	if (!isEmailExists(invited.error)) throw invited.error;
	// The person has an account: Supabase Auth's magic link to the charter. A stateless client without PKCE, so
	// that no code verifier is left in anyone's cookies.
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

const isEmailExists = (error: unknown) => isAuthError(error) && (error.code === 'email_exists' || error.status === 422);

/** Who invites (name and organization), the organization represented, and the recipient's language. */
async function invitationDetails(
	ctx: Context,
	invitation: Tables<'invitations'>
): Promise<{ inviter: string | null; organization: string | null; locale: MailLocale }> {
	const [inviter, membership, organization, recipient] = await Promise.all([
		ctx.supabase.from('profiles').select('display_name').eq('id', ctx.userId).maybeSingle(),
		ctx.supabase
			.from('charter_members')
			.select('role, organization:organizations(name)')
			.eq('charter_id', invitation.charter_id)
			.eq('user_id', ctx.userId)
			.maybeSingle(),
		invitation.organization_id
			? ctx.supabase.from('organizations').select('name').eq('id', invitation.organization_id).maybeSingle()
			: Promise.resolve({ data: null }),
		// The recipient's language when they already have an account (service role: they are not a member yet).
		supabaseAdmin().from('profiles').select('locale').eq('email', invitation.email).maybeSingle()
	]);
	const name = inviter.data?.display_name ?? null;
	const locale: MailLocale = recipient.data?.locale === 'en' ? 'en' : 'fr';
	// "Claire Martin (ARS Nouvelle-Aquitaine)", or with the inviter's role when they represent no organization.
	const role = membership.data?.role;
	const context = membership.data?.organization?.name ?? (role ? roleName(role, locale) : null);
	return {
		inviter: name && context ? `${name} (${context})` : name,
		organization: organization.data?.name ?? null,
		locale
	};
}

let transport: Transporter | undefined;

async function sendAppMail(to: string, mail: InvitationMail): Promise<void> {
	transport ??= nodemailer.createTransport(SMTP_URL!);
	const { subject, text, html } = renderInvitationMail(mail);
	await transport.sendMail({
		from: MAIL_FROM || m.invite_mail_from({}, { locale: mail.locale }),
		to,
		subject,
		text,
		html
	});
}
