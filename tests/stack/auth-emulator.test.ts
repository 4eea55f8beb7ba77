/**
 * Contract tests of the auth emulator: the real supabase-js client, through the gateway, e-mails read
 * from the dev mailbox. They pin down what the app relies on (sessions, PKCE magic links, /auth/confirm
 * links, token rotation, admin API, error codes) so that the emulator keeps behaving like Supabase Auth.
 * Sign-ups are off on the stack (as in production): users come from the admin API, and the sign-up flows run
 * on a second emulator with sign-ups on. Closed sign-ups and client addresses: auth-signup.test.ts and
 * auth-client-address.test.ts.
 */
import type { AddressInfo } from 'node:net';
import { AuthClient } from '@supabase/supabase-js';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuth, type RunningAuth } from '../../stack/auth/index.ts';
import { RateLimits } from '../../stack/auth/rate-limit.ts';
import {
	anonClient,
	extractLinks,
	mailbox,
	memoryStorage,
	serviceClient,
	sql,
	testConfig,
	uniqueEmail
} from '../helpers/env.ts';

const PASSWORD = 'Mot-de-passe-2026';
const APP = 'http://127.0.0.1:3000';
const authUrl = `${testConfig.apiUrl}/auth/v1`;

/** A raw request to the auth API through the gateway, for what supabase-js hides (status, error shape). */
async function authFetch(
	path: string,
	init: { method?: string; body?: string; headers?: Record<string, string> } = {}
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
	const res = await fetch(`${authUrl}${path}`, {
		method: init.method ?? 'GET',
		body: init.body,
		headers: { apikey: testConfig.anonKey, 'content-type': 'application/json', ...init.headers }
	});
	const text = await res.text();
	return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
}

/** A confirmed address without a password (magic links and codes only), as an invitation leaves it. */
async function existingAddress(label: string): Promise<string> {
	const email = uniqueEmail(label);
	const { error } = await serviceClient().auth.admin.createUser({ email, email_confirm: true });
	expect(error).toBeNull();
	return email;
}

/** A confirmed user with a password, signed in. */
async function passwordUser(email = uniqueEmail('user'), password = PASSWORD) {
	const { error: createError } = await serviceClient().auth.admin.createUser({ email, password, email_confirm: true });
	expect(createError).toBeNull();
	const { data, error } = await anonClient().auth.signInWithPassword({ email, password });
	expect(error).toBeNull();
	expect(data.session).not.toBeNull();
	return { email, session: data.session!, user: data.user! };
}

const codeOf = (text: string) => /code : (\d{6})/.exec(text)?.[1];
const confirmLinkOf = (text: string) => new URL(extractLinks(text).find((l) => l.includes('/auth/confirm?'))!);
const verifyLinkOf = (text: string) => extractLinks(text).find((l) => l.includes('/auth/v1/verify?'))!;

describe('gateway', () => {
	it('refuses a request without an API key', async () => {
		const res = await fetch(`${authUrl}/settings`);
		expect(res.status).toBe(401);
		expect(((await res.json()) as { message: string }).message).toBe('No API key found in request');
	});

	it('refuses a wrong API key', async () => {
		const res = await fetch(`${authUrl}/settings`, { headers: { apikey: 'not-a-key' } });
		expect(res.status).toBe(401);
		expect(((await res.json()) as { message: string }).message).toBe('Invalid API key');
	});

	it('serves health without a key, settings and an empty JWKS with one', async () => {
		expect((await fetch(`${authUrl}/health`)).status).toBe(200);
		const settings = await authFetch('/settings');
		expect(settings.status).toBe(200);
		expect(settings.json).toMatchObject({ external: { email: true, phone: false }, disable_signup: true });
		expect((await authFetch('/.well-known/jwks.json')).json).toEqual({ keys: [] });
	});
});

describe('password sign-in', () => {
	it('signs in with a session carrying Supabase-shaped claims', async () => {
		const { email, session, user } = await passwordUser();
		expect(user.email).toBe(email);
		expect(user.email_confirmed_at).toBeTruthy();
		expect(user.identities?.[0]).toMatchObject({ provider: 'email', id: user.id });
		expect(user.identities?.[0]?.identity_data).toMatchObject({ sub: user.id, email });
		expect(session.token_type).toBe('bearer');
		expect(session.expires_in).toBe(testConfig.jwtExpiry);
		const claims = decodeJwt(session.access_token);
		expect(claims).toMatchObject({
			aud: 'authenticated',
			iss: `${testConfig.apiUrl}/auth/v1`,
			sub: user.id,
			email,
			phone: '',
			role: 'authenticated',
			aal: 'aal1',
			is_anonymous: false,
			app_metadata: { provider: 'email', providers: ['email'] }
		});
		expect(claims.exp! - claims.iat!).toBe(testConfig.jwtExpiry);
		expect(claims.session_id).toMatch(/^[0-9a-f-]{36}$/);
		expect((claims.amr as { method: string }[])[0].method).toBe('password');
		const rows = await sql('select instance_id, aud, role from auth.users where id = $1', [user.id]);
		expect(rows[0]).toEqual({
			instance_id: '00000000-0000-0000-0000-000000000000',
			aud: 'authenticated',
			role: 'authenticated'
		});
	});

	it('signs in with the password', async () => {
		const { email, user } = await passwordUser();
		const { data, error } = await anonClient().auth.signInWithPassword({
			email: email.toUpperCase(),
			password: PASSWORD
		});
		expect(error).toBeNull();
		expect(data.user?.id).toBe(user.id);
		expect(data.session?.refresh_token).toMatch(/^[a-z0-9]{12}$/);
	});

	it('refuses a wrong password and an unknown address with invalid_credentials', async () => {
		const { email } = await passwordUser();
		const wrong = await anonClient().auth.signInWithPassword({ email, password: 'pas-le-bon' });
		expect(wrong.error?.code).toBe('invalid_credentials');
		expect(wrong.error?.status).toBe(400);
		expect(wrong.error?.message).toBe('Invalid login credentials');
		const unknown = await anonClient().auth.signInWithPassword({ email: uniqueEmail('nobody'), password: PASSWORD });
		expect(unknown.error?.code).toBe('invalid_credentials');
	});

	it('answers both GoTrue error formats, chosen by X-Supabase-Api-Version', async () => {
		const body = JSON.stringify({ email: uniqueEmail('nobody'), password: 'x' });
		const legacy = await authFetch('/token?grant_type=password', { method: 'POST', body });
		expect(legacy.status).toBe(400);
		expect(legacy.json).toEqual({ code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' });
		expect(legacy.headers.get('x-sb-error-code')).toBe('invalid_credentials');
		const current = await authFetch('/token?grant_type=password', {
			method: 'POST',
			body,
			headers: { 'X-Supabase-Api-Version': '2024-01-01' }
		});
		expect(current.json).toEqual({ code: 'invalid_credentials', message: 'Invalid login credentials' });
		expect(current.headers.get('x-supabase-api-version')).toBe('2024-01-01');
	});

	it('signs in users inserted by a seed file (crypt() password, NULL token columns)', async () => {
		const email = uniqueEmail('seed');
		const [{ id }] = await sql<{ id: string }>(
			`insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
				raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
				confirmation_token, recovery_token, email_change_token_new, email_change)
			 values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', $1,
				extensions.crypt($2, extensions.gen_salt('bf')), now(), null, null, now(), now(), null, null, null, null)
			 returning id`,
			[email, PASSWORD]
		);
		const { data, error } = await anonClient().auth.signInWithPassword({ email, password: PASSWORD });
		expect(error).toBeNull();
		expect(data.user?.id).toBe(id);
		expect(data.user?.app_metadata).toEqual({ provider: 'email', providers: ['email'] });
		// NULL token columns match no code (and break nothing).
		const { error: otpError } = await anonClient().auth.verifyOtp({ email, token: '000000', type: 'email' });
		expect(otpError?.code).toBe('otp_expired');
	});

	it('refuses an unconfirmed address with email_not_confirmed', async () => {
		const email = uniqueEmail('unconfirmed');
		const { error: createError } = await serviceClient().auth.admin.createUser({ email, password: PASSWORD });
		expect(createError).toBeNull();
		const { error } = await anonClient().auth.signInWithPassword({ email, password: PASSWORD });
		expect(error?.code).toBe('email_not_confirmed');
	});
});

describe('e-mail OTP and magic links', () => {
	it('signs in with the 6-digit code from the e-mail, once', async () => {
		const email = await existingAddress('otp');
		const { error } = await anonClient().auth.signInWithOtp({ email });
		expect(error).toBeNull();
		const mail = await mailbox.waitForMail(email);
		expect(mail.Subject).toBe('Votre lien de connexion');
		const code = codeOf(mail.Text);
		expect(code).toMatch(/^\d{6}$/);

		const { data, error: verifyError } = await anonClient().auth.verifyOtp({ email, token: code!, type: 'email' });
		expect(verifyError).toBeNull();
		expect(data.session?.access_token).toBeTruthy();
		expect(data.user?.email).toBe(email);
		expect((decodeJwt(data.session!.access_token).amr as { method: string }[])[0].method).toBe('otp');

		const again = await anonClient().auth.verifyOtp({ email, token: code!, type: 'email' });
		expect(again.error?.code).toBe('otp_expired');
		expect(again.error?.status).toBe(403);
	});

	it('refuses to create a user when shouldCreateUser is false', async () => {
		const { error } = await anonClient().auth.signInWithOtp({
			email: uniqueEmail('nosignup'),
			options: { shouldCreateUser: false }
		});
		expect(error?.code).toBe('otp_disabled');
		expect(error?.status).toBe(422);
	});

	it('completes a PKCE magic link: verify link → code → exchangeCodeForSession, code single use', async () => {
		const email = await existingAddress('pkce');
		const storage = memoryStorage();
		const client = anonClient({ auth: { flowType: 'pkce', storage, storageKey: 'pkce-test', persistSession: true } });
		const redirect = `${APP}/auth/callback?next=/tableau`;
		expect((await client.auth.signInWithOtp({ email, options: { emailRedirectTo: redirect } })).error).toBeNull();
		const verifier = JSON.parse(storage.entries.get('pkce-test-code-verifier')!) as string;
		expect(verifier.length).toBeGreaterThan(40);

		const mail = await mailbox.waitForMail(email);
		const confirm = confirmLinkOf(mail.Text);
		expect(confirm.origin + confirm.pathname).toBe(`${APP}/auth/confirm`);
		expect(confirm.searchParams.get('type')).toBe('email');
		expect(confirm.searchParams.get('next')).toBe('/auth/callback?next=/tableau');
		expect(confirm.searchParams.get('token_hash')).toMatch(/^pkce_[0-9a-f]{56}$/);
		const verify = new URL(verifyLinkOf(mail.Text));
		expect(verify.searchParams.get('type')).toBe('magiclink');
		expect(verify.searchParams.get('redirect_to')).toBe(redirect);

		const res = await fetch(verify, { redirect: 'manual' });
		expect(res.status).toBe(303);
		const location = new URL(res.headers.get('location')!);
		expect(location.origin + location.pathname).toBe(`${APP}/auth/callback`);
		expect(location.searchParams.get('next')).toBe('/tableau');
		const code = location.searchParams.get('code')!;
		expect(code).toMatch(/^[0-9a-f-]{36}$/);

		const { data, error } = await client.auth.exchangeCodeForSession(code);
		expect(error).toBeNull();
		expect(data.user?.email).toBe(email);
		expect((decodeJwt(data.session!.access_token).amr as { method: string }[])[0].method).toBe('magiclink');

		const reused = await authFetch('/token?grant_type=pkce', {
			method: 'POST',
			body: JSON.stringify({ auth_code: code, code_verifier: verifier })
		});
		expect(reused.status).toBe(404);
		expect(reused.json.error_code).toBe('flow_state_not_found');
		// The link itself is spent too.
		const again = await fetch(verify, { redirect: 'manual' });
		expect(new URLSearchParams(new URL(again.headers.get('location')!).hash.slice(1)).get('error_code')).toBe(
			'otp_expired'
		);
	});

	it('refuses a PKCE code with the wrong verifier', async () => {
		const email = await existingAddress('pkcebad');
		const client = anonClient({ auth: { flowType: 'pkce', storage: memoryStorage(), storageKey: 'pkce-bad' } });
		await client.auth.signInWithOtp({ email, options: { emailRedirectTo: `${APP}/` } });
		const mail = await mailbox.waitForMail(email);
		const res = await fetch(verifyLinkOf(mail.Text), { redirect: 'manual' });
		const code = new URL(res.headers.get('location')!).searchParams.get('code');
		const bad = await authFetch('/token?grant_type=pkce', {
			method: 'POST',
			body: JSON.stringify({ auth_code: code, code_verifier: 'x'.repeat(56) })
		});
		expect(bad.status).toBe(400);
		expect(bad.json.error_code).toBe('bad_code_verifier');
	});

	it('verifies the /auth/confirm token_hash with verifyOtp, once (SSR flow)', async () => {
		const email = await existingAddress('hash');
		const client = anonClient({ auth: { flowType: 'pkce', storage: memoryStorage() } });
		await client.auth.signInWithOtp({ email, options: { emailRedirectTo: `${APP}/organisations` } });
		const confirm = confirmLinkOf((await mailbox.waitForMail(email)).Text);
		expect(confirm.searchParams.get('next')).toBe('/organisations');
		const tokenHash = confirm.searchParams.get('token_hash')!;

		const server = anonClient();
		const { data, error } = await server.auth.verifyOtp({ token_hash: tokenHash, type: 'email' });
		expect(error).toBeNull();
		expect(data.user?.email).toBe(email);
		expect(data.session?.refresh_token).toBeTruthy();

		const again = await anonClient().auth.verifyOtp({ token_hash: tokenHash, type: 'email' });
		expect(again.error?.code).toBe('otp_expired');
		expect(again.error?.message).toBe('Email link is invalid or has expired');
	});

	it('gives the session in the URL fragment for an implicit-flow verify link', async () => {
		const email = await existingAddress('implicit');
		await anonClient().auth.signInWithOtp({ email, options: { emailRedirectTo: `${APP}/accueil` } });
		const res = await fetch(verifyLinkOf((await mailbox.waitForMail(email)).Text), { redirect: 'manual' });
		expect(res.status).toBe(303);
		const location = new URL(res.headers.get('location')!);
		expect(location.origin + location.pathname).toBe(`${APP}/accueil`);
		const fragment = new URLSearchParams(location.hash.slice(1));
		expect(fragment.get('token_type')).toBe('bearer');
		expect(fragment.get('type')).toBe('magiclink');
		expect(Number(fragment.get('expires_at'))).toBeGreaterThan(Date.now() / 1000);
		const { data, error } = await anonClient().auth.getUser(fragment.get('access_token')!);
		expect(error).toBeNull();
		expect(data.user?.email).toBe(email);
	});

	it('refuses an expired link or code with otp_expired, and redirects with the error', async () => {
		const email = await existingAddress('expired');
		await anonClient().auth.signInWithOtp({ email, options: { emailRedirectTo: `${APP}/` } });
		const mail = await mailbox.waitForMail(email);
		await sql(`update auth.users set recovery_sent_at = now() - make_interval(secs => $2) where lower(email) = $1`, [
			email,
			testConfig.otpExpiry + 60
		]);
		const byHash = await anonClient().auth.verifyOtp({
			token_hash: confirmLinkOf(mail.Text).searchParams.get('token_hash')!,
			type: 'email'
		});
		expect(byHash.error?.code).toBe('otp_expired');
		const byCode = await anonClient().auth.verifyOtp({ email, token: codeOf(mail.Text)!, type: 'email' });
		expect(byCode.error?.code).toBe('otp_expired');

		const res = await fetch(verifyLinkOf(mail.Text), { redirect: 'manual' });
		expect(res.status).toBe(303);
		const location = new URL(res.headers.get('location')!);
		expect(location.origin).toBe(APP);
		const fragment = new URLSearchParams(location.hash.slice(1));
		expect(fragment.get('error')).toBe('access_denied');
		expect(fragment.get('error_code')).toBe('otp_expired');
		expect(fragment.get('error_description')).toBe('Email link is invalid or has expired');
	});

	it('sends a recovery link that signs in, then lets the user set a new password', async () => {
		const { email } = await passwordUser();
		const { error } = await anonClient().auth.resetPasswordForEmail(email, { redirectTo: `${APP}/mot-de-passe` });
		expect(error).toBeNull();
		const mail = await mailbox.waitForMail(email, (m) => m.Subject === 'Réinitialiser votre mot de passe');
		const confirm = confirmLinkOf(mail.Text);
		expect(confirm.searchParams.get('type')).toBe('recovery');
		expect(confirm.searchParams.get('next')).toBe('/mot-de-passe');

		const client = anonClient();
		const { error: verifyError } = await client.auth.verifyOtp({
			token_hash: confirm.searchParams.get('token_hash')!,
			type: 'recovery'
		});
		expect(verifyError).toBeNull();
		expect((await client.auth.updateUser({ password: 'Nouveau-mot-2026' })).error).toBeNull();
		expect((await anonClient().auth.signInWithPassword({ email, password: 'Nouveau-mot-2026' })).error).toBeNull();
		expect((await anonClient().auth.signInWithPassword({ email, password: PASSWORD })).error?.code).toBe(
			'invalid_credentials'
		);
	});

	it('answers a recovery request for an unknown address like for a known one, without e-mail', async () => {
		const email = uniqueEmail('ghost');
		expect((await anonClient().auth.resetPasswordForEmail(email)).error).toBeNull();
		await new Promise((r) => setTimeout(r, 300));
		expect(await mailbox.search(`to:${email}`)).toHaveLength(0);
	});
});

describe('sessions', () => {
	it('rotates refresh tokens and ends the session when an old token comes back after the reuse interval', async () => {
		const { session } = await passwordUser();
		const first = session.refresh_token;
		const refreshed = await anonClient().auth.refreshSession({ refresh_token: first });
		expect(refreshed.error).toBeNull();
		const second = refreshed.data.session!.refresh_token;
		expect(second).not.toBe(first);
		const claims = decodeJwt(refreshed.data.session!.access_token);
		expect(claims.session_id).toBe(decodeJwt(session.access_token).session_id);
		expect((claims.amr as { method: string }[])[0].method).toBe('password');
		const [row] = await sql<{ parent: string; revoked: boolean }>(
			'select parent, revoked from auth.refresh_tokens where token = $1',
			[second]
		);
		expect(row).toEqual({ parent: first, revoked: false });

		// Within the interval, a client that lost the answer gets the current token again.
		const retried = await anonClient().auth.refreshSession({ refresh_token: first });
		expect(retried.error).toBeNull();
		expect(retried.data.session?.refresh_token).toBe(second);

		await sql(`update auth.refresh_tokens set updated_at = now() - make_interval(secs => $2) where token = $1`, [
			first,
			testConfig.refreshReuseInterval + 5
		]);
		const reused = await anonClient().auth.refreshSession({ refresh_token: first });
		expect(reused.error?.code).toBe('refresh_token_already_used');
		const afterTheft = await anonClient().auth.refreshSession({ refresh_token: second });
		expect(afterTheft.error?.code).toBe('refresh_token_not_found');
		const user = await authFetch('/user', { headers: { Authorization: `Bearer ${session.access_token}` } });
		expect(user.status).toBe(403);
		expect(user.json.error_code).toBe('session_not_found');
	});

	it('refuses an unknown refresh token', async () => {
		const { error } = await anonClient().auth.refreshSession({ refresh_token: 'abcdefghijkl' });
		expect(error?.code).toBe('refresh_token_not_found');
	});

	it('returns the user and updates metadata, password and e-mail', async () => {
		const { email, user } = await passwordUser();
		const client = anonClient();
		await client.auth.signInWithPassword({ email, password: PASSWORD });
		const got = await client.auth.getUser();
		expect(got.error).toBeNull();
		expect(got.data.user).toMatchObject({ id: user.id, email, aud: 'authenticated', role: 'authenticated' });

		const first = await client.auth.updateUser({ data: { display_name: 'Claire', team: 'HV' } });
		expect(first.error).toBeNull();
		const second = await client.auth.updateUser({ data: { team: null, role_label: 'coordination' } });
		expect(second.data.user?.user_metadata).toMatchObject({ display_name: 'Claire', role_label: 'coordination' });
		expect(second.data.user?.user_metadata).not.toHaveProperty('team');

		const same = await client.auth.updateUser({ password: PASSWORD });
		expect(same.error?.code).toBe('same_password');
		expect((await client.auth.updateUser({ password: 'Autre-mot-2026' })).error).toBeNull();
		expect((await anonClient().auth.signInWithPassword({ email, password: 'Autre-mot-2026' })).error).toBeNull();

		const newEmail = uniqueEmail('moved');
		const change = await client.auth.updateUser({ email: newEmail }, { emailRedirectTo: `${APP}/profil` });
		expect(change.error).toBeNull();
		expect(change.data.user?.new_email).toBe(newEmail);
		const mail = await mailbox.waitForMail(newEmail);
		expect(mail.Subject).toBe('Confirmez votre nouvelle adresse e-mail');
		const confirm = confirmLinkOf(mail.Text);
		expect(confirm.searchParams.get('type')).toBe('email_change');
		const verified = await anonClient().auth.verifyOtp({
			token_hash: confirm.searchParams.get('token_hash')!,
			type: 'email_change'
		});
		expect(verified.error).toBeNull();
		expect(verified.data.user?.email).toBe(newEmail);
	});

	it('signs out: the access token is refused with session_not_found and the refresh token dies', async () => {
		const { email } = await passwordUser();
		const client = anonClient();
		const { data } = await client.auth.signInWithPassword({ email, password: PASSWORD });
		const { access_token: accessToken, refresh_token: refreshToken } = data.session!;
		expect((await client.auth.signOut()).error).toBeNull();

		const after = await anonClient().auth.getUser(accessToken);
		expect(after.data.user).toBeNull();
		expect(after.error?.name).toBe('AuthSessionMissingError');
		const raw = await authFetch('/user', {
			headers: { Authorization: `Bearer ${accessToken}`, 'X-Supabase-Api-Version': '2024-01-01' }
		});
		expect(raw.status).toBe(403);
		expect(raw.json.code).toBe('session_not_found');
		expect((await anonClient().auth.refreshSession({ refresh_token: refreshToken })).error?.code).toBe(
			'refresh_token_not_found'
		);
	});

	it('logs out only the current session with scope local', async () => {
		const { email } = await passwordUser();
		const a = anonClient();
		const b = anonClient();
		await a.auth.signInWithPassword({ email, password: PASSWORD });
		const { data } = await b.auth.signInWithPassword({ email, password: PASSWORD });
		expect((await a.auth.signOut({ scope: 'local' })).error).toBeNull();
		expect((await anonClient().auth.getUser(data.session!.access_token)).error).toBeNull();
	});

	it('refuses a JWT signed with another secret, and an expired one, with bad_jwt', async () => {
		const { user } = await passwordUser();
		const claims = { sub: user.id, role: 'authenticated', aud: 'authenticated' };
		const forged = await new SignJWT(claims)
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.setIssuedAt()
			.setExpirationTime('1h')
			.sign(new TextEncoder().encode('another-secret-with-at-least-32-characters!!'));
		const res = await authFetch('/user', { headers: { Authorization: `Bearer ${forged}` } });
		// GoTrue answers 403 bad_jwt since v2.145 (401 before): auth-js treats both as "signed out".
		expect(res.status).toBe(403);
		expect(res.json.error_code).toBe('bad_jwt');

		const expired = await new SignJWT(claims)
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
			.setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
			.sign(new TextEncoder().encode(testConfig.jwtSecret));
		const late = await anonClient().auth.getUser(expired);
		expect(late.error?.code).toBe('bad_jwt');
		expect(late.error?.status).toBe(403);
	});
});

describe('admin API', () => {
	it('creates, lists, reads, updates and deletes users', async () => {
		const admin = serviceClient().auth.admin;
		const email = uniqueEmail('admin');
		const created = await admin.createUser({
			email,
			password: PASSWORD,
			email_confirm: true,
			user_metadata: { display_name: 'Anne' },
			app_metadata: { charte_role: 'coordination' }
		});
		expect(created.error).toBeNull();
		const id = created.data.user!.id;
		expect(created.data.user?.app_metadata).toEqual({
			provider: 'email',
			providers: ['email'],
			charte_role: 'coordination'
		});
		const signedIn = await anonClient().auth.signInWithPassword({ email, password: PASSWORD });
		expect(signedIn.error).toBeNull();
		expect(decodeJwt(signedIn.data.session!.access_token).app_metadata).toMatchObject({ charte_role: 'coordination' });

		expect((await admin.createUser({ email, password: PASSWORD })).error?.code).toBe('email_exists');

		const page = await admin.listUsers({ page: 1, perPage: 2 });
		expect(page.error).toBeNull();
		const pagination = page.data as { users: unknown[]; total: number; nextPage: number | null };
		expect(pagination.users).toHaveLength(2);
		expect(pagination.total).toBeGreaterThan(2);
		expect(pagination.nextPage).toBe(2);
		const all = await admin.listUsers({ page: 1, perPage: 1000 });
		expect(all.data.users.some((u) => u.id === id)).toBe(true);

		expect((await admin.getUserById(id)).data.user?.email).toBe(email);
		const updated = await admin.updateUserById(id, { user_metadata: { display_name: 'Anne M.' }, ban_duration: '24h' });
		expect(updated.data.user?.user_metadata.display_name).toBe('Anne M.');
		expect((await anonClient().auth.signInWithPassword({ email, password: PASSWORD })).error?.code).toBe('user_banned');

		expect((await admin.deleteUser(id)).error).toBeNull();
		expect((await admin.getUserById(id)).error?.status).toBe(404);
		expect((await anonClient().auth.signInWithPassword({ email, password: PASSWORD })).error?.code).toBe(
			'invalid_credentials'
		);
	});

	it('invites by e-mail: /auth/confirm link with type=invite, verifyOtp gives a session', async () => {
		const email = uniqueEmail('invite');
		const invited = await serviceClient().auth.admin.inviteUserByEmail(email, {
			data: { display_name: 'Paul' },
			redirectTo: `${APP}/bienvenue`
		});
		expect(invited.error).toBeNull();
		expect(invited.data.user?.invited_at).toBeTruthy();
		expect(invited.data.user?.email_confirmed_at).toBeUndefined();

		const mail = await mailbox.waitForMail(email);
		expect(mail.Subject).toBe('Invitation au tableau de bord');
		const confirm = confirmLinkOf(mail.Text);
		expect(confirm.origin + confirm.pathname).toBe(`${APP}/auth/confirm`);
		expect(confirm.searchParams.get('type')).toBe('invite');
		expect(confirm.searchParams.get('next')).toBe('/bienvenue');
		expect(new URL(verifyLinkOf(mail.Text)).searchParams.get('type')).toBe('invite');

		const client = anonClient();
		const { data, error } = await client.auth.verifyOtp({
			token_hash: confirm.searchParams.get('token_hash')!,
			type: 'invite'
		});
		expect(error).toBeNull();
		expect(data.session).not.toBeNull();
		expect(data.user?.email_confirmed_at).toBeTruthy();
		expect(data.user?.user_metadata).toMatchObject({ display_name: 'Paul' });
		expect((await client.auth.updateUser({ password: PASSWORD })).error).toBeNull();
		expect((await anonClient().auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull();
	});

	it('generates links without sending e-mail', async () => {
		const { email, user } = await passwordUser();
		const admin = serviceClient().auth.admin;
		const { data, error } = await admin.generateLink({
			type: 'magiclink',
			email,
			options: { redirectTo: `${APP}/tableau` }
		});
		expect(error).toBeNull();
		expect(data.user?.id).toBe(user.id);
		expect(data.properties).toMatchObject({ verification_type: 'magiclink', redirect_to: `${APP}/tableau` });
		expect(data.properties?.email_otp).toMatch(/^\d{6}$/);
		expect(data.properties?.hashed_token).toMatch(/^[0-9a-f]{56}$/);
		const action = new URL(data.properties!.action_link);
		expect(action.pathname).toBe('/auth/v1/verify');
		expect(action.searchParams.get('token')).toBe(data.properties!.hashed_token);
		const verified = await anonClient().auth.verifyOtp({
			token_hash: data.properties!.hashed_token,
			type: 'magiclink'
		});
		expect(verified.error).toBeNull();
		expect(verified.data.user?.id).toBe(user.id);

		const recovery = await admin.generateLink({ type: 'recovery', email: uniqueEmail('nobody') });
		expect(recovery.error?.code).toBe('user_not_found');
		const newcomer = uniqueEmail('generated');
		const signupLink = await admin.generateLink({ type: 'signup', email: newcomer, password: PASSWORD });
		expect(signupLink.error).toBeNull();
		expect(signupLink.data.user?.email_confirmed_at).toBeUndefined();
		const confirmed = await anonClient().auth.verifyOtp({
			email: newcomer,
			token: signupLink.data.properties!.email_otp,
			type: 'signup'
		});
		expect(confirmed.error).toBeNull();
		expect(await mailbox.search(`to:${email}`)).toHaveLength(0);
		expect(await mailbox.search(`to:${newcomer}`)).toHaveLength(0);
	});

	it('refuses admin endpoints to the anon key and to users with not_admin', async () => {
		const anon = await anonClient().auth.admin.listUsers();
		expect(anon.error?.code).toBe('not_admin');
		expect(anon.error?.status).toBe(403);
		const { session } = await passwordUser();
		const res = await authFetch('/admin/users', { headers: { Authorization: `Bearer ${session.access_token}` } });
		expect(res.status).toBe(403);
		expect(res.json.error_code).toBe('not_admin');
		const invite = await anonClient().auth.admin.inviteUserByEmail(uniqueEmail('sneaky'));
		expect(invite.error?.code).toBe('not_admin');
	});
});

describe('rate limits and bad input', () => {
	it('answers 429 after too many wrong passwords for one address, even with the right one', async () => {
		const { email } = await passwordUser();
		const client = anonClient();
		for (let i = 0; i < testConfig.rateLimits.passwordFailures; i++) {
			const { error } = await client.auth.signInWithPassword({ email, password: `faux-${i}` });
			expect(error?.code).toBe('invalid_credentials');
		}
		const blocked = await client.auth.signInWithPassword({ email, password: PASSWORD });
		expect(blocked.error?.status).toBe(429);
		expect(blocked.error?.code).toBe('over_request_rate_limit');
		// Another address from the same client is not affected.
		const other = await passwordUser();
		expect((await client.auth.signInWithPassword({ email: other.email, password: PASSWORD })).error).toBeNull();
	});

	it('limits e-mails per address and their frequency, with GoTrue messages', () => {
		const limits = new RateLimits({
			passwordFailures: 10,
			tokenRequests: 2,
			emailsPerAddress: 2,
			emailMinInterval: 60,
			windowSeconds: 300
		});
		limits.checkEmail('a@example.com');
		limits.emailSent('a@example.com');
		expect(() => limits.checkEmail('A@example.com')).toThrow(
			/^For security purposes, you can only request this after (59|60) seconds\.$/
		);
		const perAddress = new RateLimits({
			passwordFailures: 10,
			tokenRequests: 2,
			emailsPerAddress: 1,
			emailMinInterval: 0,
			windowSeconds: 300
		});
		perAddress.emailSent('b@example.com');
		expect(() => perAddress.checkEmail('b@example.com')).toThrow('Email rate limit exceeded');
		perAddress.tokenRequest('10.0.0.1');
		perAddress.tokenRequest('10.0.0.1');
		expect(() => perAddress.tokenRequest('10.0.0.1')).toThrow('Request rate limit reached');
		expect(() => perAddress.tokenRequest('10.0.0.2')).not.toThrow();
	});

	it('answers bad_json and validation_failed, never a 500', async () => {
		const broken = await authFetch('/token?grant_type=password', { method: 'POST', body: '{"email": ' });
		expect(broken.status).toBe(400);
		expect(broken.json.error_code).toBe('bad_json');
		const wrongType = await authFetch('/otp', { method: 'POST', body: JSON.stringify({ email: 42 }) });
		expect(wrongType.status).toBe(400);
		expect(wrongType.json.error_code).toBe('bad_json');
		const cases: [string, unknown][] = [
			['/token?grant_type=password', {}],
			['/token?grant_type=pkce', { auth_code: 'x' }],
			['/token?grant_type=refresh_token', {}],
			['/verify', { type: 'email' }],
			['/verify', { type: 'email', token: '123456' }],
			['/otp', {}],
			['/otp', { email: uniqueEmail(), code_challenge: 'short', code_challenge_method: 's256' }]
		];
		for (const [path, body] of cases) {
			const res = await authFetch(path, { method: 'POST', body: JSON.stringify(body) });
			expect({ path, status: res.status, code: res.json.error_code }).toMatchObject({
				path,
				status: 400,
				code: 'validation_failed'
			});
		}
		const unknownGrant = await authFetch('/token?grant_type=nope', { method: 'POST', body: '{}' });
		expect(unknownGrant.status).toBe(400);
		const badId = await fetch(`${authUrl}/admin/users/not-a-uuid`, {
			headers: { apikey: testConfig.serviceRoleKey }
		});
		expect(badId.status).toBe(404);
		const verifyGet = await fetch(`${authUrl}/verify?type=magiclink`, { redirect: 'manual' });
		expect(verifyGet.status).toBe(400);
	});
});

describe('with sign-ups and e-mail confirmations on, strict e-mail limits (a second emulator, same database)', () => {
	let auth: RunningAuth | undefined;
	let url = '';
	const strictConfig = {
		...testConfig,
		enableSignup: true,
		ports: { ...testConfig.ports, auth: 0 },
		rateLimits: { ...testConfig.rateLimits, emailMinInterval: 60, emailsPerAddress: 2 }
	};
	const client = (options: { flowType?: 'pkce'; storage?: ReturnType<typeof memoryStorage> } = {}) =>
		new AuthClient({
			url,
			flowType: options.flowType,
			storage: options.storage,
			storageKey: 'strict',
			persistSession: !!options.storage,
			autoRefreshToken: false,
			detectSessionInUrl: false
		});

	beforeAll(async () => {
		auth = await startAuth(strictConfig, { autoconfirm: false });
		url = `http://127.0.0.1:${(auth.server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await auth?.stop();
	});

	it('signs up without a session, and the password works only after the confirmation link', async () => {
		const settings = (await (await fetch(`${url}/settings`)).json()) as { mailer_autoconfirm: boolean };
		expect(settings.mailer_autoconfirm).toBe(false);
		const email = uniqueEmail('confirm');
		const { data, error } = await client().signUp({
			email,
			password: PASSWORD,
			options: { emailRedirectTo: `${APP}/` }
		});
		expect(error).toBeNull();
		expect(data.session).toBeNull();
		expect(data.user?.email_confirmed_at).toBeUndefined();
		expect(data.user?.confirmation_sent_at).toBeTruthy();
		expect((await client().signInWithPassword({ email, password: PASSWORD })).error?.code).toBe('email_not_confirmed');

		const mail = await mailbox.waitForMail(email);
		expect(mail.Subject).toBe('Confirmez votre inscription');
		const confirm = confirmLinkOf(mail.Text);
		expect(confirm.searchParams.get('type')).toBe('email');
		expect(new URL(verifyLinkOf(mail.Text)).searchParams.get('type')).toBe('signup');
		const verified = await client().verifyOtp({ token_hash: confirm.searchParams.get('token_hash')!, type: 'email' });
		expect(verified.error).toBeNull();
		expect(verified.data.user?.email_confirmed_at).toBeTruthy();
		expect((await client().signInWithPassword({ email, password: PASSWORD })).error).toBeNull();

		// A new sign-up for a confirmed address reveals nothing: a look-alike user, no session, no e-mail.
		const again = await client().signUp({ email, password: PASSWORD });
		expect(again.error).toBeNull();
		expect(again.data.user?.id).not.toBe(data.user?.id);
		expect(again.data.session).toBeNull();
	});

	it('confirms a PKCE sign-up through the verify link and exchangeCodeForSession', async () => {
		const email = uniqueEmail('pkcesignup');
		const storage = memoryStorage();
		const pkce = client({ flowType: 'pkce', storage });
		expect(
			(await pkce.signUp({ email, password: PASSWORD, options: { emailRedirectTo: `${APP}/auth/callback` } })).error
		).toBeNull();
		const verify = verifyLinkOf((await mailbox.waitForMail(email)).Text);
		expect(new URL(verify).searchParams.get('token')).toMatch(/^pkce_/);
		const res = await fetch(verify, { redirect: 'manual' });
		const code = new URL(res.headers.get('location')!).searchParams.get('code');
		expect(code).toBeTruthy();
		const { data, error } = await pkce.exchangeCodeForSession(code!);
		expect(error).toBeNull();
		expect(data.user?.email_confirmed_at).toBeTruthy();
	});

	it('refuses a second e-mail to the same address within the minimum interval', async () => {
		const email = uniqueEmail('often');
		expect((await client().signInWithOtp({ email })).error).toBeNull();
		const second = await client().signInWithOtp({ email });
		expect(second.error?.status).toBe(429);
		expect(second.error?.code).toBe('over_email_send_rate_limit');
		expect(second.error?.message).toMatch(/^For security purposes, you can only request this after \d+ seconds\.$/);
		expect(await mailbox.search(`to:${email}`)).toHaveLength(1);
	});

	it('refuses to start with NODE_ENV=production', async () => {
		const previous = process.env.NODE_ENV;
		process.env.NODE_ENV = 'production';
		try {
			await expect(startAuth(strictConfig)).rejects.toThrow(/NODE_ENV=production/);
		} finally {
			process.env.NODE_ENV = previous;
		}
	});
});
