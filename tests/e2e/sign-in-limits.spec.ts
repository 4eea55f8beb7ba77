/**
 * Issue 11: failed password sign-ins from some clients must never lock the right password of another client
 * out. The app calls Supabase Auth from its server, so it names each visitor (Sb-Forwarded-For with the secret
 * key); otherwise the auth server would count everyone's failures as the server's.
 *
 * The form is posted over HTTP from several loopback source addresses (127.0.0.2, 127.0.0.3… as attackers,
 * 127.0.0.1 as the owner): enough failures, in all, to pass the auth server's limit per address and client, but
 * never the app's own limit per client. The auth server's answers are counted in the gateway's request log.
 */
import http from 'node:http';
import { expect, test } from '@playwright/test';
import type { LoggedRequest } from '../../stack/request-log.ts';
import { freshUser, TEST_PASSWORD } from './fixtures.ts';
import { testStack } from './helpers.ts';

const port = Number(process.env.E2E_PORT || 4173);
/** The app's own limit on failed sign-ins per address and client (RATE_LIMIT_SIGNIN_FAILURES, default 10). */
const APP_LIMIT = Number(process.env.RATE_LIMIT_SIGNIN_FAILURES) || 10;

interface Answer {
	status: number;
	cookies: string[];
	location: string | undefined;
}

/** The password form, posted as a browser at `localAddress` would post it (no JavaScript). */
function postPasswordForm(localAddress: string, email: string, password: string): Promise<Answer> {
	const body = new URLSearchParams({ email, password, next: '/' }).toString();
	return new Promise((resolve, reject) => {
		const request = http.request(
			{
				host: '127.0.0.1',
				port,
				localAddress,
				method: 'POST',
				path: '/connexion?/motdepasse',
				headers: {
					origin: `http://127.0.0.1:${port}`,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body)
				}
			},
			(response) => {
				response.resume();
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						cookies: response.headers['set-cookie'] ?? [],
						location: response.headers.location
					})
				);
			}
		);
		request.on('error', reject);
		request.end(body);
	});
}

/** What the auth server answered to password sign-ins since `since`, as the gateway logged it. */
async function authTokenAnswers(since: number): Promise<LoggedRequest[]> {
	const res = await fetch(`${testStack.apiUrl}/_stack/requests?since=${since}`, {
		headers: { apikey: testStack.secretKey }
	});
	expect(res.status).toBe(200);
	const { requests } = (await res.json()) as { requests: LoggedRequest[] };
	return requests.filter((r) => r.path === '/auth/v1/token');
}

test('failed sign-ins from other clients never block the right password from this one', async () => {
	const user = await freshUser('limites');
	const since = Date.now();
	// More failures, in all, than the auth server allows one client for one address.
	const attackers = Array.from(
		{ length: Math.floor(testStack.rateLimits.passwordFailures / APP_LIMIT) + 1 },
		(_, i) => `127.0.0.${i + 2}`
	);
	expect(attackers.length * APP_LIMIT).toBeGreaterThan(testStack.rateLimits.passwordFailures);
	for (const address of attackers) {
		for (let i = 0; i < APP_LIMIT; i++) {
			expect((await postPasswordForm(address, user.email, `faux-${i}`)).status, address).toBe(400);
		}
		// The app's own limit stops this client, the right password included.
		expect((await postPasswordForm(address, user.email, TEST_PASSWORD)).status, address).toBe(429);
	}

	const owner = await postPasswordForm('127.0.0.1', user.email, TEST_PASSWORD);
	expect(owner.status).toBe(303);
	expect(owner.location).toBe('/');
	expect(owner.cookies.some((c) => c.startsWith('sb-') && c.includes('HttpOnly'))).toBe(true);

	const answers = await authTokenAnswers(since);
	for (const address of attackers) {
		// Each attacker's failures reached the auth server under its own address, and none was refused with 429.
		const theirs = answers.filter((a) => a.forwardedFor === address);
		expect(
			theirs.map((a) => a.status),
			address
		).toEqual(Array(APP_LIMIT).fill(400));
	}
	expect(answers.filter((a) => a.status === 429)).toEqual([]);
	expect(answers.filter((a) => a.forwardedFor === '127.0.0.1' && a.status === 200).length).toBeGreaterThanOrEqual(1);
});
