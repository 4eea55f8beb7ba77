/**
 * The public endpoints that create an account or send an e-mail: sign-up, OTP and magic links, recovery,
 * resend. As GoTrue with DISABLE_SIGNUP (the stack's default, `config.enableSignup` off), `/signup` answers
 * 422 `signup_disabled` before reading its body, and `/otp` refuses the same way an address it would have signed
 * up (unknown with `create_user`, or not confirmed yet); an unknown address without `create_user` is
 * `otp_disabled` either way. Invitations and generated links (admin.ts) are never refused.
 */
import { randomUUID } from 'node:crypto';
import { audit } from './audit.ts';
import { type AuthContext, transaction } from './context.ts';
import { pkceParams, referrer, sendEmailToken } from './email-tokens.ts';
import { ApiError, bool, obj, sendJson, str, validationFailed } from './http.ts';
import { type Handler, phoneDisabled } from './routes.ts';
import { issueSession, type TokenResponse } from './tokens.ts';
import {
	checkPasswordStrength,
	createUser,
	DEFAULT_APP_METADATA,
	findUserByEmail,
	findUserById,
	isConfirmed,
	loadUserJson,
	normalizeEmail
} from './users.ts';

const signupDisabled = () => new ApiError(422, 'signup_disabled', 'Signups not allowed for this instance');

/** GoTrue's Signup checks DISABLE_SIGNUP first: bad input to a closed `/signup` still gets `signup_disabled`. */
export function signupAllowed(ctx: AuthContext): void {
	if (!ctx.config.enableSignup) throw signupDisabled();
}

/** GoTrue's answer to a sign-up for a confirmed address when confirmations are on: a look-alike, no leak. */
function obfuscatedUser(email: string, data: Record<string, unknown>): Record<string, unknown> {
	const now = new Date().toISOString();
	return {
		id: randomUUID(),
		aud: 'authenticated',
		role: 'authenticated',
		email,
		phone: '',
		confirmation_sent_at: now,
		app_metadata: { ...DEFAULT_APP_METADATA },
		user_metadata: data,
		identities: [],
		created_at: now,
		updated_at: now,
		is_anonymous: false
	};
}

export const signup: Handler = async (ctx, { req, res, url, body }) => {
	signupAllowed(ctx);
	if (str(body, 'phone')) throw new ApiError(400, 'phone_provider_disabled', 'Phone signups are disabled');
	const password = str(body, 'password');
	if (!password) throw validationFailed('Signup requires a valid password');
	const email = normalizeEmail(str(body, 'email'));
	checkPasswordStrength(password);
	const data = obj(body, 'data') ?? {};
	const pkce = pkceParams(body);
	const redirectTo = referrer(ctx, req, url, body);

	const existing = await findUserByEmail(ctx.pool, email);
	if (existing) {
		// Unlike GoTrue, an unconfirmed user is not confirmed by a sign-up without the password check.
		if (ctx.autoconfirm) throw new ApiError(422, 'user_already_exists', 'User already registered');
		if (isConfirmed(existing)) return sendJson(res, 200, obfuscatedUser(email, data));
		await transaction(ctx.pool, async (client) => {
			const user = await findUserById(client, existing.id, true);
			if (!user) throw new ApiError(422, 'user_already_exists', 'User already registered');
			await sendEmailToken(ctx, client, { user, kind: 'signup', to: email, redirectTo, pkce });
			await audit(client, req, user, 'user_confirmation_requested', { provider: 'email' });
		});
		return sendJson(res, 200, await loadUserJson(ctx.pool, existing.id));
	}

	const result = await transaction(ctx.pool, async (client): Promise<TokenResponse | Record<string, unknown>> => {
		const user = await createUser(client, { email, password, userMetadata: data, confirmed: ctx.autoconfirm }).catch(
			(error: unknown) => {
				if (error instanceof ApiError && error.code === 'email_exists') {
					throw new ApiError(422, 'user_already_exists', 'User already registered');
				}
				throw error;
			}
		);
		await audit(client, req, user, 'user_signedup', { provider: 'email' });
		if (ctx.autoconfirm) {
			await audit(client, req, user, 'login', { provider: 'email' });
			return issueSession(ctx, client, req, user.id, 'password');
		}
		await sendEmailToken(ctx, client, { user, kind: 'signup', to: email, redirectTo, pkce });
		return loadUserJson(client, user.id);
	});
	sendJson(res, 200, result);
};

export const otp: Handler = async (ctx, { req, res, url, body }) => {
	if (str(body, 'phone')) throw phoneDisabled();
	if (!str(body, 'email')) throw validationFailed('One of email or phone must be set');
	const email = normalizeEmail(str(body, 'email'));
	const mayCreate = bool(body, 'create_user', true);
	const data = obj(body, 'data') ?? {};
	const pkce = pkceParams(body);
	const redirectTo = referrer(ctx, req, url, body);
	await transaction(ctx.pool, async (client) => {
		let user = await findUserByEmail(client, email, true);
		if (!user && !mayCreate) throw new ApiError(422, 'otp_disabled', 'Signups not allowed for otp');
		// GoTrue signs up an unknown or unconfirmed address before sending it a link: closed with sign-ups off.
		if (!user || !isConfirmed(user)) signupAllowed(ctx);
		if (!user) {
			user = await createUser(client, { email, userMetadata: data, confirmed: ctx.autoconfirm });
			await audit(client, req, user, 'user_signedup', { provider: 'email' });
		}
		// With confirmations on, an unconfirmed address gets the sign-up confirmation (which signs in too).
		const kind = ctx.autoconfirm || isConfirmed(user) ? 'magiclink' : 'signup';
		await sendEmailToken(ctx, client, { user, kind, to: email, redirectTo, pkce });
		await audit(client, req, user, kind === 'signup' ? 'user_confirmation_requested' : 'user_recovery_requested');
	});
	sendJson(res, 200, {});
};

export const recover: Handler = async (ctx, { req, res, url, body }) => {
	if (!str(body, 'email')) throw validationFailed('Password recovery requires an email');
	const email = normalizeEmail(str(body, 'email'));
	const pkce = pkceParams(body);
	const redirectTo = referrer(ctx, req, url, body);
	await transaction(ctx.pool, async (client) => {
		const user = await findUserByEmail(client, email, true);
		// Unknown addresses get the same answer: the endpoint must not reveal who has an account.
		if (!user) return;
		await sendEmailToken(ctx, client, { user, kind: 'recovery', to: email, redirectTo, pkce });
		await audit(client, req, user, 'user_recovery_requested');
	});
	sendJson(res, 200, {});
};

export const resend: Handler = async (ctx, { req, res, url, body }) => {
	const type = str(body, 'type');
	if (str(body, 'phone') || type === 'sms' || type === 'phone_change') throw phoneDisabled();
	if (type !== 'signup' && type !== 'email_change')
		throw validationFailed('Missing one of these types: signup, email_change');
	if (!str(body, 'email')) throw validationFailed('Missing email address or phone number');
	const email = normalizeEmail(str(body, 'email'));
	const pkce = pkceParams(body);
	const redirectTo = referrer(ctx, req, url, body);
	await transaction(ctx.pool, async (client) => {
		const user = await findUserByEmail(client, email, true);
		if (!user) return;
		if (type === 'signup') {
			if (isConfirmed(user)) return;
			await sendEmailToken(ctx, client, { user, kind: 'signup', to: email, redirectTo, pkce });
		} else {
			if (!user.email_change) return;
			await sendEmailToken(ctx, client, { user, kind: 'email_change', to: user.email_change, redirectTo, pkce });
		}
	});
	sendJson(res, 200, {});
};
