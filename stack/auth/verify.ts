/**
 * `/verify`: the code or token hash from an e-mail (POST, as verifyOtp sends it) and GoTrue's own link (GET),
 * which redirects with a PKCE code or with the session in the fragment.
 */
import { audit } from './audit.ts';
import { transaction } from './context.ts';
import {
	issueAuthCode,
	PKCE_PREFIX,
	referrer,
	verifyEmailToken,
	VERIFY_TYPES,
	type VerifyType
} from './email-tokens.ts';
import { ApiError, redirect, sendJson, str, validationFailed } from './http.ts';
import { type Handler, phoneDisabled } from './routes.ts';
import { issueSession } from './tokens.ts';
import { normalizeEmail } from './users.ts';

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
