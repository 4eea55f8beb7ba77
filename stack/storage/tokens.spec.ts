import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { StorageError } from './errors.ts';
import { bearer, callerFrom, expiresIn, signUrlToken, verifyToken } from './tokens.ts';

const SECRET = 'a-test-secret-with-at-least-32-characters!';
const sign = (claims: Record<string, unknown>, secret = SECRET, exp: number | string = '1h') =>
	new SignJWT(claims)
		.setProtectedHeader({ alg: 'HS256' })
		.setExpirationTime(exp)
		.sign(new TextEncoder().encode(secret));

async function refusal(work: Promise<unknown>) {
	const error = await work.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(StorageError);
	return (error as StorageError).render();
}

describe('callerFrom', () => {
	it('takes the role and sub of a valid JWT', async () => {
		const token = await sign({ role: 'authenticated', sub: '7b1f0b1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b' });
		const caller = await callerFrom(`Bearer ${token}`, SECRET);
		expect(caller.role).toBe('authenticated');
		expect(caller.sub).toBe('7b1f0b1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b');
		expect(caller.claims.role).toBe('authenticated');
	});

	it('refuses no token, a bad signature, an expired token and a role the API may not take', async () => {
		expect(await refusal(callerFrom(undefined, SECRET))).toMatchObject({ statusCode: '400' });
		expect(await refusal(callerFrom(`Bearer ${await sign({ role: 'anon' }, `${SECRET}x`)}`, SECRET))).toMatchObject({
			error: 'InvalidJWT',
			message: 'invalid signature'
		});
		const expired = await sign({ role: 'anon' }, SECRET, Math.floor(Date.now() / 1000) - 5);
		expect(await refusal(callerFrom(`Bearer ${expired}`, SECRET))).toMatchObject({
			error: 'InvalidJWT',
			message: 'jwt expired'
		});
		expect(await refusal(callerFrom(`Bearer ${await sign({ role: 'postgres' })}`, SECRET))).toMatchObject({
			statusCode: '403'
		});
		expect(await refusal(callerFrom('Bearer not-a-jwt', SECRET))).toMatchObject({ error: 'InvalidJWT' });
	});
});

describe('signed URL tokens', () => {
	it('carry the url, iat and exp, and verify with the same secret only', async () => {
		const token = await signUrlToken({ url: 'bucket/a/b.pdf' }, SECRET, 60);
		const payload = await verifyToken(token, SECRET);
		expect(payload.url).toBe('bucket/a/b.pdf');
		expect(payload.exp! - payload.iat!).toBe(60);
		expect(await refusal(verifyToken(token, `${SECRET}x`))).toMatchObject({ error: 'InvalidJWT' });
	});
});

describe('helpers', () => {
	it('reads a bearer token', () => {
		expect(bearer('Bearer abc')).toBe('abc');
		expect(bearer('bearer  abc ')).toBe('abc');
		expect(bearer('Basic abc')).toBeNull();
		expect(bearer(undefined)).toBeNull();
	});
	it('takes expiresIn as whole seconds, 1 or more', () => {
		expect(expiresIn(60)).toBe(60);
		expect(expiresIn('30')).toBe(30);
		expect(expiresIn(1.7)).toBe(1);
		for (const bad of [0, -1, 'abc', null, undefined, Number.NaN]) expect(() => expiresIn(bad)).toThrow(StorageError);
	});
});
