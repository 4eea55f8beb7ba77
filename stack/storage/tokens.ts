/**
 * JWTs of the Storage server, HS256 with the project's secret (jose):
 *
 * - the caller's: `Authorization: Bearer <jwt>` (the gateway puts the anon or service_role key there when the
 *   caller sent none), its `role` and claims become the database role and `request.jwt.claims`;
 * - signed URLs: `{ url: '<bucket>/<path>', iat, exp }`, as Supabase signs them (`signObjectUrl`);
 * - signed upload URLs: `{ url, owner, upsert, iat, exp }` (`signUploadObjectUrl`), two hours by default.
 */
import { errors as jose, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { errors } from './errors.ts';

export const API_ROLES = ['anon', 'authenticated', 'service_role'] as const;
export type ApiRole = (typeof API_ROLES)[number];

export interface Caller {
	role: ApiRole;
	claims: JWTPayload & { role: ApiRole };
	/** `sub`, when it is a user (the objects' `owner` and `owner_id`). */
	sub: string | null;
}

const key = (secret: string) => new TextEncoder().encode(secret);

function jwtMessage(error: unknown): string {
	if (error instanceof jose.JWTExpired) return 'jwt expired';
	if (error instanceof jose.JWSSignatureVerificationFailed) return 'invalid signature';
	if (error instanceof jose.JOSEError) return (error as Error).message || 'Invalid JWT';
	return 'jwt malformed';
}

export async function verifyToken(token: string, secret: string): Promise<JWTPayload> {
	try {
		const { payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'] });
		return payload;
	} catch (error) {
		throw errors.invalidJwt(jwtMessage(error));
	}
}

export function bearer(authorization: string | undefined): string | null {
	if (!authorization) return null;
	const match = /^\s*bearer\s+(\S+)\s*$/i.exec(authorization);
	return match ? match[1] : null;
}

/** The caller of a request: its JWT verified, expiry checked, and a role the API may take. */
export async function callerFrom(authorization: string | undefined, secret: string): Promise<Caller> {
	const token = bearer(authorization);
	if (!token) throw errors.missingAuthorization();
	const claims = await verifyToken(token, secret);
	const role = claims.role;
	if (typeof role !== 'string' || !(API_ROLES as readonly string[]).includes(role)) {
		throw errors.accessDenied(`role "${String(role)}" may not use the Storage API`);
	}
	const sub = typeof claims.sub === 'string' && claims.sub !== '' ? claims.sub : null;
	return { role: role as ApiRole, claims: claims as Caller['claims'], sub };
}

export async function signUrlToken(
	payload: Record<string, unknown>,
	secret: string,
	expiresInSeconds: number
): Promise<string> {
	const now = Math.floor(Date.now() / 1000);
	return new SignJWT(payload)
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setIssuedAt(now)
		.setExpirationTime(now + expiresInSeconds)
		.sign(key(secret));
}

/** `expiresIn` of createSignedUrl(s): a positive whole number of seconds. */
export function expiresIn(value: unknown): number {
	const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 1) {
		throw errors.invalidParameter('expiresIn', 'expiresIn must be a number of seconds, 1 or more');
	}
	return Math.floor(seconds);
}
