/**
 * The public GoTrue endpoints: health, settings and keys, and the token endpoint (password, PKCE, refresh).
 * The others: accounts.ts (sign-up, OTP and magic links, recovery, resend), verify.ts, user.ts (the signed-in
 * user, logout), admin.ts. Request and answer shapes follow supabase/auth's handlers, which @supabase/auth-js
 * parses.
 */
import type http from 'node:http';
import { audit } from './audit.ts';
import { clientIp } from './client-ip.ts';
import { type AuthContext, transaction } from './context.ts';
import { FLOW_STATE_EXPIRY_SECONDS, pkceMatches } from './email-tokens.ts';
import { ApiError, type Body, sendJson, str, validationFailed } from './http.ts';
import { issueSession, refreshGrant } from './tokens.ts';
import { findUserByEmail, findUserById, hasPassword, isConfirmed, passwordMatches } from './users.ts';

export interface Exchange {
	req: http.IncomingMessage;
	res: http.ServerResponse;
	url: URL;
	body: Body;
}

export type Handler = (ctx: AuthContext, x: Exchange) => Promise<void>;

export const phoneDisabled = () => new ApiError(400, 'phone_provider_disabled', 'Phone logins are disabled');

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
		disable_signup: !ctx.config.enableSignup,
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
