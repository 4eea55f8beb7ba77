/**
 * The public GoTrue endpoints: sign-up, tokens, OTP and magic links, verification, the user, logout,
 * recovery. Request and answer shapes follow supabase/auth's handlers, which @supabase/auth-js parses.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { audit } from './audit.ts';
import { type AuthContext, transaction } from './context.ts';
import {
	FLOW_STATE_EXPIRY_SECONDS,
	issueAuthCode,
	PKCE_PREFIX,
	pkceMatches,
	pkceParams,
	referrer,
	sendEmailToken,
	verifyEmailToken,
	VERIFY_TYPES,
	type VerifyType
} from './email-tokens.ts';
import {
	ApiError,
	type Body,
	bool,
	clientIp,
	obj,
	optionalStr,
	redirect,
	sendJson,
	str,
	validationFailed
} from './http.ts';
import { authenticate, issueSession, logout as endSessions, refreshGrant, type TokenResponse } from './tokens.ts';
import {
	checkPasswordStrength,
	createUser,
	DEFAULT_APP_METADATA,
	findUserByEmail,
	findUserById,
	isConfirmed,
	hasPassword,
	loadUserJson,
	mergeMetadata,
	normalizeEmail,
	passwordMatches,
	setPassword
} from './users.ts';

export interface Exchange {
	req: http.IncomingMessage;
	res: http.ServerResponse;
	url: URL;
	body: Body;
}

export type Handler = (ctx: AuthContext, x: Exchange) => Promise<void>;

const phoneDisabled = () => new ApiError(400, 'phone_provider_disabled', 'Phone logins are disabled');

// ---------------------------------------------------------------------------------------------------
// Health, settings, keys
// ---------------------------------------------------------------------------------------------------

export const health: Handler = async (_ctx, { res }) => {
	sendJson(res, 200, {
		version: 'local-emulator',
		name: 'GoTrue',
		description: 'GoTrue is a user registration and authentication API'
	});
};

const PROVIDERS = [
	'anonymous_users',
	'apple',
	'azure',
	'bitbucket',
	'discord',
	'facebook',
	'snapchat',
	'figma',
	'fly',
	'github',
	'gitlab',
	'google',
	'keycloak',
	'kakao',
	'linkedin',
	'linkedin_oidc',
	'notion',
	'spotify',
	'slack',
	'slack_oidc',
	'workos',
	'twitch',
	'twitter',
	'email',
	'phone',
	'zoom'
];

export const settings: Handler = async (ctx, { res }) => {
	sendJson(res, 200, {
		external: Object.fromEntries(PROVIDERS.map((p) => [p, p === 'email'])),
		disable_signup: false,
		mailer_autoconfirm: ctx.autoconfirm,
		phone_autoconfirm: false,
		sms_provider: '',
		saml_enabled: false,
		saml_private_key_next_configured: false,
		passkeys_enabled: false
	});
};

/** Symmetric HS256 secret only, as a Supabase project without asymmetric keys: nothing to publish. */
export const jwks: Handler = async (_ctx, { res }) => {
	sendJson(res, 200, { keys: [] });
};

export const authorize: Handler = async () => {
	throw validationFailed('Unsupported provider: provider is not enabled on the local auth emulator');
};

// ---------------------------------------------------------------------------------------------------
// Sign-up
// ---------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------
// Token endpoint
// ---------------------------------------------------------------------------------------------------

const invalidCredentials = () => new ApiError(400, 'invalid_credentials', 'Invalid login credentials');

async function passwordGrant(ctx: AuthContext, { req, res, body }: Exchange): Promise<void> {
	const rawEmail = str(body, 'email');
	const phone = str(body, 'phone');
	const password = str(body, 'password');
	if (rawEmail && phone) throw validationFailed('Only an email address or phone number should be provided on login.');
	if (phone) throw new ApiError(422, 'phone_provider_disabled', 'Phone logins are disabled');
	if (!rawEmail) throw validationFailed('missing email or phone');
	const email = rawEmail.trim().toLowerCase();
	const ip = clientIp(req);
	ctx.limits.checkPasswordFailures(email, ip);

	const user = await findUserByEmail(ctx.pool, email);
	if (!user || !hasPassword(user)) {
		ctx.limits.passwordFailed(email, ip);
		throw invalidCredentials();
	}
	if (user.banned) throw new ApiError(400, 'user_banned', 'User is banned');
	if (!(await passwordMatches(ctx.pool, user.id, password))) {
		ctx.limits.passwordFailed(email, ip);
		throw invalidCredentials();
	}
	if (!isConfirmed(user)) throw new ApiError(400, 'email_not_confirmed', 'Email not confirmed');
	ctx.limits.passwordSucceeded(email, ip);
	const session = await transaction(ctx.pool, async (client) => {
		await audit(client, req, user, 'login', { provider: 'email' });
		return issueSession(ctx, client, req, user.id, 'password');
	});
	sendJson(res, 200, session);
}

interface FlowRow {
	id: string;
	user_id: string | null;
	code_challenge: string;
	code_challenge_method: string;
	authentication_method: string;
	age: number;
}

async function pkceGrant(ctx: AuthContext, { req, res, body }: Exchange): Promise<void> {
	const authCode = str(body, 'auth_code');
	const verifier = str(body, 'code_verifier');
	if (!authCode || !verifier) {
		throw validationFailed('invalid request: both auth code and code verifier should be non-empty');
	}
	const session = await transaction(ctx.pool, async (client) => {
		// A magic link's flow counts from the moment its code was issued (the link was opened), as in GoTrue.
		const { rows } = await client.query<FlowRow>(
			`select id, user_id, code_challenge, code_challenge_method::text, authentication_method,
				extract(epoch from now() - coalesce(case when authentication_method = 'magiclink' then auth_code_issued_at end,
					created_at))::float8 as age
			 from auth.flow_state where auth_code = $1 for update`,
			[authCode]
		);
		const flow = rows[0];
		const notFound = () => new ApiError(404, 'flow_state_not_found', 'invalid flow state, no valid flow state found');
		if (!flow?.user_id) throw notFound();
		if (flow.age > FLOW_STATE_EXPIRY_SECONDS) {
			throw new ApiError(422, 'flow_state_expired', 'invalid flow state, flow state has expired');
		}
		const user = await findUserById(client, flow.user_id);
		if (!user) throw notFound();
		if (!pkceMatches(flow, verifier)) {
			throw new ApiError(400, 'bad_code_verifier', 'code challenge does not match previously saved code verifier');
		}
		await client.query('delete from auth.flow_state where id = $1', [flow.id]);
		await audit(client, req, user, 'login', { provider_type: flow.authentication_method });
		return issueSession(ctx, client, req, user.id, flow.authentication_method);
	});
	sendJson(res, 200, session);
}

export const token: Handler = async (ctx, x) => {
	const grantType = x.url.searchParams.get('grant_type') || str(x.body, 'grant_type');
	if (grantType === 'id_token' || grantType === 'web3') {
		throw new ApiError(400, 'provider_disabled', `Grant type ${grantType} is not available on the local auth emulator`);
	}
	if (grantType !== 'password' && grantType !== 'refresh_token' && grantType !== 'pkce') {
		throw new ApiError(400, 'invalid_credentials', 'unsupported_grant_type');
	}
	ctx.limits.tokenRequest(clientIp(x.req));
	if (grantType === 'password') return passwordGrant(ctx, x);
	if (grantType === 'pkce') return pkceGrant(ctx, x);
	sendJson(x.res, 200, await refreshGrant(ctx, x.req, str(x.body, 'refresh_token')));
};

// ---------------------------------------------------------------------------------------------------
// OTP / magic link, recovery, resend
// ---------------------------------------------------------------------------------------------------

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
		if (!user) {
			if (!mayCreate) throw new ApiError(422, 'otp_disabled', 'Signups not allowed for otp');
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

// ---------------------------------------------------------------------------------------------------
// Verify
// ---------------------------------------------------------------------------------------------------

const isVerifyType = (type: string): type is VerifyType => (VERIFY_TYPES as readonly string[]).includes(type);

export const verifyPost: Handler = async (ctx, { req, res, body }) => {
	const type = str(body, 'type');
	const otpCode = str(body, 'token');
	const hash = str(body, 'token_hash');
	const rawEmail = str(body, 'email');
	if (!type) throw validationFailed('Verify requires a verification type');
	if ((!otpCode && !hash) || (otpCode && hash))
		throw validationFailed('Verify requires either a token or a token hash');
	if (str(body, 'phone') || type === 'sms' || type === 'phone_change') throw phoneDisabled();
	let email = '';
	if (otpCode) {
		if (!rawEmail) throw validationFailed('Only an email address or phone number should be provided on verify');
		try {
			email = normalizeEmail(rawEmail);
		} catch {
			throw new ApiError(422, 'validation_failed', 'Invalid email format');
		}
	} else if (rawEmail || str(body, 'redirect_to')) {
		throw validationFailed('Only the token_hash and type should be provided');
	}
	if (!isVerifyType(type)) throw validationFailed('Unsupported verification type');
	const session = await transaction(ctx.pool, async (client) => {
		const { user, effective } = await verifyEmailToken(ctx, client, {
			type,
			tokenHash: hash || undefined,
			email,
			otp: otpCode
		});
		await audit(client, req, user, effective === 'signup' || effective === 'invite' ? 'user_signedup' : 'login');
		return issueSession(ctx, client, req, user.id, 'otp');
	});
	sendJson(res, 200, session);
};

const OAUTH_ERRORS: Record<number, string> = {
	400: 'invalid_request',
	401: 'unauthorized_client',
	403: 'access_denied',
	500: 'server_error',
	503: 'temporarily_unavailable'
};

/** GoTrue's prepErrorRedirectURL: always in the fragment, also in the query for PKCE flows. */
function errorRedirect(redirectTo: string, error: ApiError, pkceFlow: boolean): string {
	const url = new URL(redirectTo);
	const fragment = new URLSearchParams();
	const oauth = OAUTH_ERRORS[error.status];
	if (oauth) fragment.set('error', oauth);
	fragment.set('error_code', error.code);
	fragment.set('error_description', error.message);
	if (pkceFlow) {
		if (oauth) url.searchParams.set('error', oauth);
		url.searchParams.set('error_code', error.code);
		url.searchParams.set('error_description', error.message);
	}
	fragment.set('sb', '');
	url.hash = fragment.toString();
	return url.toString();
}

/** The link from the e-mail: redirects with `?code=` (PKCE) or the session in the fragment (implicit). */
export const verifyGet: Handler = async (ctx, { req, res, url }) => {
	const hash = url.searchParams.get('token') ?? '';
	const type = url.searchParams.get('type') ?? '';
	if (!type) throw validationFailed('Verify requires a verification type');
	if (!hash) throw validationFailed('Verify requires a token or a token hash');
	const redirectTo = referrer(ctx, req, url);
	const pkceFlow = hash.startsWith(PKCE_PREFIX);
	try {
		const outcome = await transaction(ctx.pool, async (client) => {
			if (!isVerifyType(type)) throw validationFailed('Unsupported verification type');
			const { user, effective } = await verifyEmailToken(ctx, client, { type, tokenHash: hash });
			await audit(client, req, user, effective === 'signup' || effective === 'invite' ? 'user_signedup' : 'login');
			if (pkceFlow) return { code: await issueAuthCode(client, user.id, type), effective };
			return { session: await issueSession(ctx, client, req, user.id, 'otp'), effective };
		});
		if (outcome.code) {
			const target = new URL(redirectTo);
			target.searchParams.set('code', outcome.code);
			return redirect(res, target.toString());
		}
		const s = outcome.session!;
		const fragment = new URLSearchParams({
			access_token: s.access_token,
			expires_at: String(s.expires_at),
			expires_in: String(s.expires_in),
			refresh_token: s.refresh_token,
			sb: '',
			token_type: s.token_type,
			type: outcome.effective
		});
		redirect(res, `${redirectTo.split('#')[0]}#${fragment}`);
	} catch (error) {
		if (!(error instanceof ApiError)) throw error;
		redirect(res, errorRedirect(redirectTo, error, pkceFlow));
	}
};

// ---------------------------------------------------------------------------------------------------
// The signed-in user
// ---------------------------------------------------------------------------------------------------

export const getUser: Handler = async (ctx, { req, res }) => {
	const { user } = await authenticate(ctx, req);
	sendJson(res, 200, await loadUserJson(ctx.pool, user.id));
};

export const updateUser: Handler = async (ctx, { req, res, url, body }) => {
	const auth = await authenticate(ctx, req);
	const rawEmail = optionalStr(body, 'email');
	const password = optionalStr(body, 'password');
	const data = obj(body, 'data');
	if (str(body, 'phone')) throw phoneDisabled();
	if (obj(body, 'app_metadata')) {
		throw new ApiError(403, 'not_admin', 'Updating app_metadata requires admin privileges');
	}
	const pkce = pkceParams(body);
	const redirectTo = referrer(ctx, req, url, body);
	let newEmail: string | null = null;
	if (rawEmail) {
		newEmail = normalizeEmail(rawEmail);
		if (newEmail === (auth.user.email ?? '').toLowerCase()) newEmail = null;
		else {
			const other = await findUserByEmail(ctx.pool, newEmail);
			if (other && other.id !== auth.user.id) {
				throw new ApiError(422, 'email_exists', 'A user with this email address has already been registered');
			}
		}
	}
	if (password !== undefined) {
		checkPasswordStrength(password);
		if (await passwordMatches(ctx.pool, auth.user.id, password)) {
			throw new ApiError(422, 'same_password', 'New password should be different from the old password.');
		}
	}
	await transaction(ctx.pool, async (client) => {
		const user = await findUserById(client, auth.user.id, true);
		if (!user) throw new ApiError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
		if (password !== undefined) {
			await setPassword(client, user.id, password);
			// As GoTrue: pending links die with the old password, and the other sessions are ended.
			await client.query(
				`update auth.users set confirmation_token = '', confirmation_sent_at = null, recovery_token = '',
					recovery_sent_at = null, email_change_token_current = '', email_change_token_new = '',
					email_change_sent_at = null, reauthentication_token = '', reauthentication_sent_at = null
				 where id = $1`,
				[user.id]
			);
			await client.query('delete from auth.one_time_tokens where user_id = $1', [user.id]);
			await endSessions(client, user.id, auth.sessionId ? 'others' : 'global', auth.sessionId);
		}
		if (data) await mergeMetadata(client, user.id, 'raw_user_meta_data', data);
		if (newEmail) {
			await client.query(`update auth.users set email_change = $2, email_change_confirm_status = 0 where id = $1`, [
				user.id,
				newEmail
			]);
			await sendEmailToken(ctx, client, { user, kind: 'email_change', to: newEmail, redirectTo, pkce });
		}
		await audit(client, req, user, 'user_modified');
	});
	sendJson(res, 200, await loadUserJson(ctx.pool, auth.user.id));
};

export const logout: Handler = async (ctx, { req, res, url }) => {
	const scope = url.searchParams.get('scope') || 'global';
	if (scope !== 'global' && scope !== 'local' && scope !== 'others') {
		throw validationFailed(`Unsupported logout scope "${scope}"`);
	}
	const auth = await authenticate(ctx, req);
	await transaction(ctx.pool, async (client) => {
		await audit(client, req, auth.user, 'logout');
		await endSessions(client, auth.user.id, scope, auth.sessionId);
	});
	res.writeHead(204);
	res.end();
};
