/**
 * E-mail one-time tokens (magic link, confirmation, invitation, recovery, e-mail change), PKCE flow states
 * and the redirect rules, following GoTrue:
 * - the token hash is sha224 hex of `email + otp`, prefixed `pkce_` when the request started a PKCE flow;
 * - it is stored both in the user's column (`recovery_token`, `confirmation_token`, `email_change_token_new`)
 *   with its `*_sent_at`, and in auth.one_time_tokens, which `token_hash` verification reads;
 * - verifying consumes it: a second use finds nothing and answers `otp_expired`.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';
import type http from 'node:http';
import { ApiError, type Body, str, validationFailed } from './http.ts';
import type { AuthContext, Queryable } from './context.ts';
import type { EmailKind } from './mailer.ts';
import { confirmUser, findUserByEmail, findUserById, type UserRow } from './users.ts';

export const PKCE_PREFIX = 'pkce_';
/** GoTrue's FlowStateExpiryDuration. */
export const FLOW_STATE_EXPIRY_SECONDS = 300;

export interface Pkce {
	challenge: string;
	method: 's256' | 'plain';
}

/** GoTrue's validatePKCEParams: both or neither, RFC 7636 length and alphabet. */
export function pkceParams(body: Body): Pkce | null {
	const challenge = str(body, 'code_challenge');
	const method = str(body, 'code_challenge_method').toLowerCase();
	if ((challenge === '') !== (method === '')) {
		throw validationFailed('PKCE flow requires code_challenge_method and code_challenge');
	}
	if (challenge === '') return null;
	if (challenge.length < 43 || challenge.length > 128) {
		throw validationFailed('code challenge has to be between 43 and 128 characters');
	}
	if (!/^[a-zA-Z._~0-9-]+$/.test(challenge)) {
		throw validationFailed(
			'code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes'
		);
	}
	if (method !== 's256' && method !== 'plain') throw validationFailed(`unsupported code_challenge method "${method}"`);
	return { challenge, method };
}

export function pkceMatches(
	flow: { code_challenge: string; code_challenge_method: string },
	verifier: string
): boolean {
	if (flow.code_challenge_method === 'plain') return verifier === flow.code_challenge;
	return createHash('sha256').update(verifier).digest('base64url') === flow.code_challenge;
}

const FLOW_METHOD: Record<EmailKind, string> = {
	magiclink: 'magiclink',
	signup: 'email/signup',
	invite: 'invite',
	recovery: 'recovery',
	email_change: 'email_change'
};

export async function createFlowState(q: Queryable, userId: string, kind: EmailKind, pkce: Pkce): Promise<void> {
	const method = FLOW_METHOD[kind];
	// Abandoned flows would pile up otherwise (GoTrue has a cleanup job for them).
	await q.query(`delete from auth.flow_state where created_at < now() - interval '1 day'`);
	await q.query(
		`insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
			created_at, updated_at, authentication_method)
		 values ($1, $2, $3, $4::auth.code_challenge_method, $5, $6, now(), now(), $7)`,
		[randomUUID(), userId, randomUUID(), pkce.method, pkce.challenge, kind === 'signup' ? 'email' : method, method]
	);
}

/** GoTrue's issueAuthCode: the user's latest flow state of that method (any method as a fallback). */
export async function issueAuthCode(q: Queryable, userId: string, type: string): Promise<string> {
	const method = type in FLOW_METHOD ? FLOW_METHOD[type as EmailKind] : '';
	const { rows } = await q.query<{ id: string; auth_code: string }>(
		`select id, auth_code from auth.flow_state where user_id = $1
		 order by (authentication_method = $2) desc, created_at desc limit 1 for update`,
		[userId, method]
	);
	if (!rows[0]) throw new ApiError(422, 'flow_state_not_found', 'No valid flow state found for user.');
	await q.query('update auth.flow_state set auth_code_issued_at = now(), updated_at = now() where id = $1', [
		rows[0].id
	]);
	return rows[0].auth_code;
}

export const tokenHash = (email: string, otp: string) =>
	createHash('sha224')
		.update(email + otp)
		.digest('hex');
const generateOtp = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

// ---------------------------------------------------------------------------------------------------
// Redirects
// ---------------------------------------------------------------------------------------------------

function isLoopbackHost(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * GoTrue's IsRedirectURLValid for a local stack: the site URL (any port on loopback) and loopback
 * addresses, which is where the app runs in development and tests.
 */
export function isRedirectAllowed(ctx: AuthContext, raw: string): boolean {
	let url: URL;
	let site: URL;
	try {
		url = new URL(raw);
		site = new URL(ctx.config.siteUrl);
	} catch {
		return false;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
	if (url.hostname === site.hostname && url.protocol === site.protocol && url.port === site.port) return true;
	return isLoopbackHost(url.hostname);
}

/** GoTrue's GetReferrer: `redirect_to` (query, header or body), then the Referer header, else the site URL. */
export function referrer(ctx: AuthContext, req: http.IncomingMessage, url: URL, body: Body = {}): string {
	const header = req.headers['redirect_to'];
	const candidates = [
		url.searchParams.get('redirect_to'),
		Array.isArray(header) ? header[0] : header,
		typeof body.redirect_to === 'string' ? body.redirect_to : undefined,
		typeof body.redirectTo === 'string' ? body.redirectTo : undefined,
		req.headers.referer
	];
	for (const candidate of candidates) if (candidate && isRedirectAllowed(ctx, candidate)) return candidate;
	return ctx.config.siteUrl;
}

/** `next` of the `/auth/confirm` link: only a same-site path, never an absolute or protocol-relative URL. */
function nextPath(ctx: AuthContext, redirectTo: string): string {
	if (!isRedirectAllowed(ctx, redirectTo)) return '/';
	const url = new URL(redirectTo);
	const path = url.pathname.replace(/^[/\\]+/, '/').replace(/\\/g, '/');
	return (path || '/') + url.search;
}

/** Where the app runs: the redirect's origin when it is an allowed one (loopback dev servers), else the site URL. */
function appBase(ctx: AuthContext, redirectTo: string): string {
	const site = ctx.config.siteUrl.replace(/\/+$/, '');
	if (isRedirectAllowed(ctx, redirectTo)) {
		const origin = new URL(redirectTo).origin;
		if (origin !== new URL(site).origin) return origin;
	}
	return site;
}

/** The `type` the SSR guide's templates put in `/auth/confirm` links. */
const CONFIRM_TYPE: Record<EmailKind, string> = {
	magiclink: 'email',
	signup: 'email',
	invite: 'invite',
	recovery: 'recovery',
	email_change: 'email_change'
};

export function confirmLink(ctx: AuthContext, kind: EmailKind, hash: string, redirectTo: string): string {
	const query = new URLSearchParams({ token_hash: hash, type: CONFIRM_TYPE[kind], next: nextPath(ctx, redirectTo) });
	return `${appBase(ctx, redirectTo)}/auth/confirm?${query}`;
}

export function verifyLink(ctx: AuthContext, kind: EmailKind, hash: string, redirectTo: string): string {
	const query = new URLSearchParams({ token: hash, type: kind, redirect_to: redirectTo });
	return `${ctx.config.apiUrl}/auth/v1/verify?${query}`;
}

// ---------------------------------------------------------------------------------------------------
// Issuing
// ---------------------------------------------------------------------------------------------------

interface TokenSlot {
	column: 'recovery_token' | 'confirmation_token' | 'email_change_token_new';
	sentAt: 'recovery_sent_at' | 'confirmation_sent_at' | 'email_change_sent_at';
	ottType: 'recovery_token' | 'confirmation_token' | 'email_change_token_new';
}

const SLOTS: Record<EmailKind, TokenSlot> = {
	magiclink: { column: 'recovery_token', sentAt: 'recovery_sent_at', ottType: 'recovery_token' },
	recovery: { column: 'recovery_token', sentAt: 'recovery_sent_at', ottType: 'recovery_token' },
	signup: { column: 'confirmation_token', sentAt: 'confirmation_sent_at', ottType: 'confirmation_token' },
	invite: { column: 'confirmation_token', sentAt: 'confirmation_sent_at', ottType: 'confirmation_token' },
	email_change: { column: 'email_change_token_new', sentAt: 'email_change_sent_at', ottType: 'email_change_token_new' }
};

export interface IssuedToken {
	otp: string;
	/** As stored and put in links (with the `pkce_` prefix for PKCE flows). */
	hash: string;
}

/**
 * Stores a new token for `kind`, replacing the previous one of the same slot (a new e-mail invalidates
 * the older link, as in GoTrue). `address` is what the hash covers: the new address for an e-mail change.
 */
export async function issueEmailToken(
	q: Queryable,
	userId: string,
	kind: EmailKind,
	address: string,
	pkce: Pkce | null
): Promise<IssuedToken> {
	const otp = generateOtp();
	const hash = (pkce ? PKCE_PREFIX : '') + tokenHash(address.toLowerCase(), otp);
	const slot = SLOTS[kind];
	if (pkce) await createFlowState(q, userId, kind, pkce);
	await q.query(
		`update auth.users set ${slot.column} = $2, ${slot.sentAt} = now()${kind === 'invite' ? ', invited_at = now()' : ''}
		 where id = $1`,
		[userId, hash]
	);
	await q.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2::auth.one_time_token_type', [
		userId,
		slot.ottType
	]);
	await q.query(
		`insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
		 values ($1, $2, $3::auth.one_time_token_type, $4, $5, localtimestamp, localtimestamp)`,
		[randomUUID(), userId, slot.ottType, hash, address.toLowerCase()]
	);
	return { otp, hash };
}

/** Issues the token and sends the e-mail, within the caller's transaction: a failed send stores nothing. */
export async function sendEmailToken(
	ctx: AuthContext,
	q: Queryable,
	options: { user: UserRow; kind: EmailKind; to: string; redirectTo: string; pkce: Pkce | null }
): Promise<void> {
	const { user, kind, to, redirectTo, pkce } = options;
	ctx.limits.checkEmail(to);
	const { otp, hash } = await issueEmailToken(q, user.id, kind, to, pkce);
	try {
		await ctx.mailer.send(kind, to, {
			confirm: confirmLink(ctx, kind, hash, redirectTo),
			verify: verifyLink(ctx, kind, hash, redirectTo),
			otp
		});
	} catch (error) {
		ctx.log(`sending the ${kind} e-mail to ${to} failed: ${(error as Error).message}`);
		throw new ApiError(500, 'unexpected_failure', `Error sending ${kind} email`);
	}
	ctx.limits.emailSent(to);
}

// ---------------------------------------------------------------------------------------------------
// Verifying
// ---------------------------------------------------------------------------------------------------

export const VERIFY_TYPES = ['signup', 'invite', 'magiclink', 'recovery', 'email_change', 'email'] as const;
export type VerifyType = (typeof VERIFY_TYPES)[number];
export type EffectiveType = Exclude<VerifyType, 'email'>;

const OTT_TYPES: Record<VerifyType, string[]> = {
	email: ['confirmation_token', 'recovery_token'],
	signup: ['confirmation_token'],
	invite: ['confirmation_token'],
	magiclink: ['recovery_token'],
	recovery: ['recovery_token'],
	email_change: ['email_change_token_new', 'email_change_token_current']
};

const linkExpired = () => new ApiError(403, 'otp_expired', 'Email link is invalid or has expired');
const otpInvalid = () => new ApiError(403, 'otp_expired', 'Token has expired or is invalid');

interface Ages {
	confirmation: number | null;
	recovery: number | null;
	email_change: number | null;
}

async function sentAges(q: Queryable, userId: string): Promise<Ages> {
	const { rows } = await q.query<Ages>(
		`select extract(epoch from now() - confirmation_sent_at)::float8 as confirmation,
			extract(epoch from now() - recovery_sent_at)::float8 as recovery,
			extract(epoch from now() - email_change_sent_at)::float8 as email_change
		 from auth.users where id = $1`,
		[userId]
	);
	return rows[0] ?? { confirmation: null, recovery: null, email_change: null };
}

function sentAgeFor(ages: Ages, type: EffectiveType): number | null {
	if (type === 'signup' || type === 'invite') return ages.confirmation;
	if (type === 'email_change') return ages.email_change;
	return ages.recovery;
}

/** `verifyOtp({ token_hash, type })` and GoTrue's verify link: the token is looked up by its hash. */
async function userFromTokenHash(
	ctx: AuthContext,
	q: Queryable,
	type: VerifyType,
	hash: string
): Promise<{ user: UserRow; effective: EffectiveType }> {
	const find = () =>
		q.query<{ user_id: string; token_type: string; age: number }>(
			`select user_id, token_type::text, extract(epoch from localtimestamp - created_at)::float8 as age
			 from auth.one_time_tokens where token_hash = $1 and token_type::text = any($2::text[]) limit 1`,
			[hash, OTT_TYPES[type]]
		);
	const first = (await find()).rows[0];
	if (!first) throw linkExpired();
	// Locks the user, then looks again: of two concurrent uses, the second finds the token consumed.
	const user = await findUserById(q, first.user_id, true);
	const ott = (await find()).rows[0];
	if (!user || !ott || ott.user_id !== user.id) throw linkExpired();
	if (user.banned) throw new ApiError(403, 'user_banned', 'User is banned');
	let effective: EffectiveType;
	if (type === 'email') effective = ott.token_type === 'recovery_token' ? 'magiclink' : 'signup';
	else effective = type;
	const sentAge = sentAgeFor(await sentAges(q, user.id), effective);
	if (Math.max(sentAge ?? 0, ott.age) > ctx.config.otpExpiry) throw linkExpired();
	return { user, effective };
}

/** `verifyOtp({ email, token, type })`: the code typed by the user, checked against the user's columns. */
async function userFromEmailAndOtp(
	ctx: AuthContext,
	q: Queryable,
	type: VerifyType,
	email: string,
	otp: string
): Promise<{ user: UserRow; effective: EffectiveType }> {
	let user: UserRow | null;
	if (type === 'email_change') {
		const { rows } = await q.query<{ id: string }>(
			`select id from auth.users where deleted_at is null and (lower(email_change) = $1 or lower(email) = $1)
			 order by (lower(email_change) = $1) desc limit 1`,
			[email]
		);
		user = rows[0] ? await findUserById(q, rows[0].id, true) : null;
	} else {
		user = await findUserByEmail(q, email, true);
	}
	if (!user) throw otpInvalid();
	if (user.banned) throw new ApiError(403, 'user_banned', 'User is banned');
	const hash = tokenHash(email, otp);
	const matches = (stored: string | null) => !!stored && (stored === hash || stored === PKCE_PREFIX + hash);
	const ages = await sentAges(q, user.id);
	const fresh = (age: number | null) => age !== null && age <= ctx.config.otpExpiry;
	const candidates: [EffectiveType, string | null, number | null][] = [];
	if (type === 'email' || type === 'signup' || type === 'invite') {
		candidates.push([type === 'email' ? 'signup' : type, user.confirmation_token, ages.confirmation]);
	}
	if (type === 'email' || type === 'magiclink' || type === 'recovery') {
		candidates.push([type === 'email' ? 'magiclink' : type, user.recovery_token, ages.recovery]);
	}
	if (type === 'email_change') {
		// Each address's code is hashed with that address, so the one given here selects the token.
		const ok = matches(user.email_change_token_new) || matches(user.email_change_token_current);
		if (ok && fresh(ages.email_change)) return { user, effective: 'email_change' };
		throw otpInvalid();
	}
	for (const [effective, stored, age] of candidates) {
		if (matches(stored) && fresh(age)) return { user, effective };
	}
	throw otpInvalid();
}

/** Marks the token used and applies what it stands for (confirmation, e-mail change). */
async function consume(q: Queryable, user: UserRow, effective: EffectiveType): Promise<void> {
	if (effective === 'signup' || effective === 'invite') {
		await confirmUser(q, user.id);
		return;
	}
	if (effective === 'magiclink' || effective === 'recovery') {
		await q.query(`update auth.users set recovery_token = '', updated_at = now() where id = $1`, [user.id]);
		await q.query('delete from auth.one_time_tokens where user_id = $1', [user.id]);
		if (user.email_confirmed_at === null) await confirmUser(q, user.id);
		return;
	}
	const newEmail = user.email_change ?? '';
	if (!newEmail) throw linkExpired();
	try {
		await q.query(
			`update auth.users set email = email_change, email_change = '', email_change_token_new = '',
				email_change_token_current = '', email_change_confirm_status = 0, email_change_sent_at = null,
				email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now()
			 where id = $1`,
			[user.id]
		);
	} catch (error) {
		if ((error as { code?: string }).code === '23505') {
			throw new ApiError(422, 'email_exists', 'A user with this email address has already been registered');
		}
		throw error;
	}
	await q.query(
		`update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text, 'email_verified', true),
			updated_at = now()
		 where user_id = $1 and provider = 'email'`,
		[user.id, newEmail]
	);
	await q.query(
		`delete from auth.one_time_tokens where user_id = $1
		 and token_type in ('email_change_token_new', 'email_change_token_current')`,
		[user.id]
	);
}

export async function verifyEmailToken(
	ctx: AuthContext,
	q: Queryable,
	params: { type: VerifyType; tokenHash?: string; email?: string; otp?: string }
): Promise<{ user: UserRow; effective: EffectiveType }> {
	const found = params.tokenHash
		? await userFromTokenHash(ctx, q, params.type, params.tokenHash)
		: await userFromEmailAndOtp(ctx, q, params.type, params.email ?? '', params.otp ?? '');
	await consume(q, found.user, found.effective);
	return found;
}
