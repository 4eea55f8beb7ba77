/**
 * Access tokens (HS256 JWTs with Supabase Auth's claims), sessions and rotating refresh tokens.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type http from 'node:http';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import { clientIp } from './client-ip.ts';
import { ApiError, bearerToken, inetOrNull, validationFailed } from './http.ts';
import { type AuthContext, NIL_UUID, type Queryable, transaction, UUID_PATTERN } from './context.ts';
import { DEFAULT_APP_METADATA, findUserById, loadUserJson, type UserRow } from './users.ts';

export interface AmrEntry {
	method: string;
	timestamp: number;
}

export interface AccessClaims extends JWTPayload {
	email?: string;
	phone?: string;
	app_metadata?: Record<string, unknown>;
	user_metadata?: Record<string, unknown>;
	role?: string;
	aal?: string;
	amr?: AmrEntry[];
	session_id?: string;
	is_anonymous?: boolean;
}

export interface TokenResponse {
	access_token: string;
	token_type: 'bearer';
	expires_in: number;
	expires_at: number;
	refresh_token: string;
	user: Record<string, unknown>;
}

const secretKey = (ctx: AuthContext) => new TextEncoder().encode(ctx.config.jwtSecret);

export async function signAccessToken(
	ctx: AuthContext,
	user: UserRow,
	sessionId: string,
	amr: AmrEntry[]
): Promise<{ token: string; expiresAt: number }> {
	const iat = Math.floor(Date.now() / 1000);
	const expiresAt = iat + ctx.config.jwtExpiry;
	const claims: AccessClaims = {
		aud: user.aud ?? 'authenticated',
		exp: expiresAt,
		iat,
		iss: ctx.issuer,
		sub: user.id,
		email: user.email ?? '',
		phone: user.phone ?? '',
		app_metadata: user.raw_app_meta_data ?? { ...DEFAULT_APP_METADATA },
		user_metadata: user.raw_user_meta_data ?? {},
		role: user.role || 'authenticated',
		aal: 'aal1',
		amr,
		session_id: sessionId,
		is_anonymous: user.is_anonymous
	};
	const token = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secretKey(ctx));
	return { token, expiresAt };
}

/** Verifies signature and expiry; GoTrue answers 403 `bad_jwt` for any failure here. */
export async function verifyAccessToken(ctx: AuthContext, token: string): Promise<AccessClaims> {
	try {
		const { payload } = await jwtVerify<AccessClaims>(token, secretKey(ctx), { algorithms: ['HS256'] });
		return payload;
	} catch (error) {
		throw new ApiError(403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${(error as Error).message}`);
	}
}

const REFRESH_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** GoTrue's legacy refresh tokens: 12 lowercase alphanumerics, which its validation still accepts. */
function newRefreshToken(): string {
	let token = '';
	for (let i = 0; i < 12; i++) token += REFRESH_ALPHABET[randomInt(REFRESH_ALPHABET.length)];
	return token;
}

async function sessionAmr(q: Queryable, sessionId: string): Promise<AmrEntry[]> {
	const { rows } = await q.query<{ method: string; ts: number }>(
		`select authentication_method as method, extract(epoch from updated_at)::bigint as ts
		 from auth.mfa_amr_claims where session_id = $1 order by updated_at desc`,
		[sessionId]
	);
	return rows.map((r) => ({ method: r.method, timestamp: Number(r.ts) }));
}

async function tokenResponse(
	ctx: AuthContext,
	q: Queryable,
	userId: string,
	sessionId: string,
	refreshToken: string
): Promise<TokenResponse> {
	const user = await findUserById(q, userId);
	if (!user) throw new ApiError(404, 'user_not_found', 'User not found');
	const { token, expiresAt } = await signAccessToken(ctx, user, sessionId, await sessionAmr(q, sessionId));
	return {
		access_token: token,
		token_type: 'bearer',
		expires_in: ctx.config.jwtExpiry,
		expires_at: expiresAt,
		refresh_token: refreshToken,
		user: await loadUserJson(q, userId)
	};
}

/**
 * A new session with its first refresh token, as GoTrue's IssueRefreshToken: the authentication method
 * goes to auth.mfa_amr_claims so that refreshed access tokens keep the same `amr`.
 */
export async function issueSession(
	ctx: AuthContext,
	q: Queryable,
	req: http.IncomingMessage,
	userId: string,
	method: string
): Promise<TokenResponse> {
	const sessionId = randomUUID();
	const userAgent = req.headers['user-agent'] ?? null;
	await q.query(
		`insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
		 values ($1, $2, now(), now(), 'aal1', $3, $4::inet)`,
		[sessionId, userId, userAgent, inetOrNull(clientIp(req))]
	);
	await q.query(
		`insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
		 values ($1, $2, now(), now(), $3)`,
		[randomUUID(), sessionId, method]
	);
	const refreshToken = newRefreshToken();
	await q.query(
		`insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
		 values ($1, $2, $3, false, now(), now(), null, $4)`,
		[NIL_UUID, refreshToken, userId, sessionId]
	);
	await q.query('update auth.users set last_sign_in_at = now() where id = $1', [userId]);
	await q.query(`update auth.identities set last_sign_in_at = now() where user_id = $1 and provider = 'email'`, [
		userId
	]);
	return tokenResponse(ctx, q, userId, sessionId, refreshToken);
}

interface RefreshRow {
	id: string;
	token: string;
	user_id: string;
	revoked: boolean;
	session_id: string | null;
	age_seconds: number;
	session_found: string | null;
	not_after_passed: boolean;
}

/**
 * Rotation: the presented token is revoked and a child issued. A revoked token presented again within the
 * reuse interval gets the session's current token back (a client that lost the answer of its refresh);
 * later, it is treated as stolen and the whole session is ended.
 */
export async function refreshGrant(
	ctx: AuthContext,
	req: http.IncomingMessage,
	presented: string
): Promise<TokenResponse> {
	if (presented.length < 12) throw validationFailed('Refresh token is not valid');
	const outcome = await transaction(ctx.pool, async (client) => {
		const { rows } = await client.query<RefreshRow>(
			`select t.id, t.token, t.user_id, t.revoked, t.session_id,
				extract(epoch from now() - t.updated_at)::float8 as age_seconds,
				s.id as session_found, coalesce(s.not_after < now(), false) as not_after_passed
			 from auth.refresh_tokens t left join auth.sessions s on s.id = t.session_id
			 where t.token = $1 for update of t`,
			[presented]
		);
		const row = rows[0];
		if (!row) throw new ApiError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
		if (!row.session_id || !row.session_found) {
			await client.query('delete from auth.refresh_tokens where id = $1', [row.id]);
			throw new ApiError(400, 'session_not_found', 'Invalid Refresh Token: No Valid Session Found');
		}
		if (row.not_after_passed) throw new ApiError(400, 'session_expired', 'Invalid Refresh Token: Session Expired');
		// Serialises concurrent refreshes of one session.
		await client.query('select id from auth.sessions where id = $1 for update', [row.session_id]);
		const user = await findUserById(client, row.user_id);
		if (!user) throw new ApiError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
		if (user.banned) throw new ApiError(400, 'user_banned', 'Invalid Refresh Token: User Banned');

		let issued: string;
		if (row.revoked) {
			const active = await client.query<{ token: string }>(
				`select token from auth.refresh_tokens where session_id = $1 and revoked = false order by id desc limit 1`,
				[row.session_id]
			);
			if (row.age_seconds > ctx.config.refreshReuseInterval || !active.rows[0]) {
				await client.query('delete from auth.sessions where id = $1', [row.session_id]);
				return { reused: true as const };
			}
			issued = active.rows[0].token;
		} else {
			await client.query('update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1', [row.id]);
			issued = newRefreshToken();
			await client.query(
				`insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
				 values ($1, $2, $3, false, now(), now(), $4, $5)`,
				[NIL_UUID, issued, row.user_id, row.token, row.session_id]
			);
		}
		await client.query('update auth.sessions set refreshed_at = now(), updated_at = now() where id = $1', [
			row.session_id
		]);
		return { reused: false as const, response: await tokenResponse(ctx, client, row.user_id, row.session_id, issued) };
	});
	// Thrown after the commit: the session must stay deleted even though the request fails.
	if (outcome.reused) throw new ApiError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
	return outcome.response;
}

export interface Authenticated {
	user: UserRow;
	sessionId: string | null;
	claims: AccessClaims;
}

/** GoTrue's requireAuthentication: a valid JWT whose user and session still exist. */
export async function authenticate(ctx: AuthContext, req: http.IncomingMessage): Promise<Authenticated> {
	const claims = await verifyAccessToken(ctx, bearerToken(req));
	if (!claims.sub) throw new ApiError(403, 'bad_jwt', 'invalid claim: missing sub claim');
	if (!UUID_PATTERN.test(claims.sub)) throw new ApiError(400, 'bad_jwt', 'invalid claim: sub claim must be a UUID');
	const user = await findUserById(ctx.pool, claims.sub);
	if (!user) throw new ApiError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
	let sessionId: string | null = null;
	if (claims.session_id && claims.session_id !== NIL_UUID) {
		if (!UUID_PATTERN.test(claims.session_id)) {
			throw new ApiError(403, 'bad_jwt', 'invalid claim: session_id claim must be a UUID');
		}
		const { rowCount } = await ctx.pool.query('select 1 from auth.sessions where id = $1', [claims.session_id]);
		if (!rowCount) throw new ApiError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
		sessionId = claims.session_id;
	}
	if (user.banned) throw new ApiError(403, 'user_banned', 'User is banned');
	return { user, sessionId, claims };
}

const ADMIN_ROLES = new Set(['service_role', 'supabase_admin']);

/** GoTrue's requireAdminCredentials: a valid JWT with an admin role (the service_role key). */
export async function requireAdmin(ctx: AuthContext, req: http.IncomingMessage): Promise<AccessClaims> {
	const claims = await verifyAccessToken(ctx, bearerToken(req));
	if (typeof claims.role !== 'string' || !ADMIN_ROLES.has(claims.role)) {
		throw new ApiError(403, 'not_admin', 'User not allowed');
	}
	return claims;
}

/** Ends sessions (their refresh tokens and AMR claims go with them, by cascade). */
export async function logout(
	q: Queryable,
	userId: string,
	scope: 'global' | 'local' | 'others',
	sessionId: string | null
): Promise<void> {
	if (scope === 'local' && sessionId) {
		await q.query('delete from auth.sessions where id = $1', [sessionId]);
	} else if (scope === 'others' && sessionId) {
		await q.query('delete from auth.sessions where user_id = $1 and id <> $2', [userId, sessionId]);
	} else {
		await q.query('delete from auth.sessions where user_id = $1', [userId]);
	}
}
