/**
 * Sign-ups are off on the local stack, as production must have them (GoTrue's DISABLE_SIGNUP): accounts come
 * from invitations. An open sign-up would let anyone create the account of an address that has a pending
 * invitation and, signed in, claim it. Also: when `email_confirmed_at` is set (accept_invitations relies on
 * it), which only e-mail proofs do — or GoTrue's autoconfirm, which is why sign-ups must stay closed.
 */
import type { AddressInfo } from 'node:net';
import { AuthClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuth, type RunningAuth } from '../../stack/auth/index.ts';
import { stackConfig } from '../../stack/config.ts';
import { dropCharter, newCharter, newUser } from '../admin/helpers.ts';
import { anonClient, mailbox, serviceClient, sql, testConfig, uniqueEmail } from '../helpers/env.ts';

const PASSWORD = 'Mot-de-passe-2026';
const charters: string[] = [];
afterAll(async () => {
	for (const id of charters) await dropCharter(id);
});

const usersNamed = (email: string) => sql('select id from auth.users where lower(email) = $1', [email]);
const confirmedAt = async (email: string) =>
	(
		await sql<{ at: Date | null }>('select email_confirmed_at as at from auth.users where lower(email) = $1', [email])
	)[0]?.at ?? null;

/** A pending invitation of `email` into a new charter; returns the charter and the invitation. */
async function pendingInvitation(email: string) {
	const coordinator = await newUser('coordination');
	const charter = await newCharter(coordinator.client, coordinator.id, 'Inscriptions');
	charters.push(charter.id);
	const { data, error } = await coordinator.client
		.from('invitations')
		.insert({ charter_id: charter.id, email, role: 'steering', invited_by: coordinator.id })
		.select('id')
		.single();
	expect(error).toBeNull();
	return { charterId: charter.id, invitationId: data!.id as string };
}

const invitationStatus = async (id: string) =>
	(await sql<{ status: string }>('select status from public.invitations where id = $1', [id]))[0].status;

describe('sign-ups off (the stack default)', () => {
	it('refuses /signup with 422 signup_disabled, before reading the body, and creates nobody', async () => {
		const email = uniqueEmail('signup');
		const { data, error } = await anonClient().auth.signUp({ email, password: PASSWORD });
		expect(error?.status).toBe(422);
		expect(error?.code).toBe('signup_disabled');
		expect(error?.message).toBe('Signups not allowed for this instance');
		expect(data.user).toBeNull();
		const raw = await fetch(`${testConfig.apiUrl}/auth/v1/signup`, {
			method: 'POST',
			headers: { apikey: testConfig.anonKey, 'content-type': 'application/json' },
			body: '{"email": '
		});
		expect(raw.status).toBe(422);
		expect(await raw.json()).toEqual({
			code: 422,
			error_code: 'signup_disabled',
			msg: 'Signups not allowed for this instance'
		});
		expect(await usersNamed(email)).toEqual([]);
	});

	it('signInWithOtp creates no user: signup_disabled, or otp_disabled without shouldCreateUser', async () => {
		const unknown = uniqueEmail('otp');
		const open = await anonClient().auth.signInWithOtp({ email: unknown });
		expect([open.error?.status, open.error?.code]).toEqual([422, 'signup_disabled']);
		const closed = await anonClient().auth.signInWithOtp({ email: unknown, options: { shouldCreateUser: false } });
		expect([closed.error?.status, closed.error?.code]).toEqual([422, 'otp_disabled']);
		expect(await usersNamed(unknown)).toEqual([]);

		// An address not confirmed yet would be signed up again by GoTrue: refused too, even without shouldCreateUser.
		const invited = uniqueEmail('invited');
		expect((await serviceClient().auth.admin.inviteUserByEmail(invited)).error).toBeNull();
		await mailbox.waitForMail(invited);
		const again = await anonClient().auth.signInWithOtp({ email: invited, options: { shouldCreateUser: false } });
		expect(again.error?.code).toBe('signup_disabled');
		expect(await mailbox.search(`to:${invited}`)).toHaveLength(1);

		const confirmed = uniqueEmail('confirmed');
		expect((await serviceClient().auth.admin.createUser({ email: confirmed, email_confirm: true })).error).toBeNull();
		expect((await anonClient().auth.signInWithOtp({ email: confirmed })).error).toBeNull();
		expect((await mailbox.waitForMail(confirmed)).Subject).toBe('Votre lien de connexion');
	});

	it('a pending invitation cannot be claimed by signing up; the invitation e-mail still works', async () => {
		const email = uniqueEmail('claim');
		const { charterId, invitationId } = await pendingInvitation(email);
		expect((await anonClient().auth.signUp({ email, password: PASSWORD })).error?.code).toBe('signup_disabled');
		expect(await usersNamed(email)).toEqual([]);
		expect(await invitationStatus(invitationId)).toBe('pending');

		expect((await serviceClient().auth.admin.inviteUserByEmail(email)).error).toBeNull();
		expect(await confirmedAt(email)).toBeNull();
		const link = new URL(/https?:\/\/\S+\/auth\/confirm\?\S+/.exec((await mailbox.waitForMail(email)).Text)![0]);
		const client = anonClient();
		const verified = await client.auth.verifyOtp({ token_hash: link.searchParams.get('token_hash')!, type: 'invite' });
		expect(verified.error).toBeNull();
		expect(await confirmedAt(email)).not.toBeNull();
		expect((await client.rpc('accept_invitations')).data).toEqual([{ charter_id: charterId, role: 'steering' }]);
	});

	it('generated links (invite, signup, magic link) still create and confirm users', async () => {
		const admin = serviceClient().auth.admin;
		for (const type of ['invite', 'signup', 'magiclink'] as const) {
			const email = uniqueEmail(`generated-${type}`);
			const { data, error } = await admin.generateLink(
				type === 'signup' ? { type, email, password: PASSWORD } : { type, email }
			);
			expect(error).toBeNull();
			expect(data.user?.email_confirmed_at).toBeUndefined();
			const verified = await anonClient().auth.verifyOtp({
				token_hash: data.properties!.hashed_token,
				type: data.properties!.verification_type as 'invite' | 'signup'
			});
			expect(verified.error).toBeNull();
			expect(await confirmedAt(email)).not.toBeNull();
		}
	});
});

describe('email_confirmed_at is set by e-mail proofs only', () => {
	it('a password alone leaves it empty; a magic link or a recovery link sets it', async () => {
		const admin = serviceClient().auth.admin;
		for (const type of ['magiclink', 'recovery'] as const) {
			const email = uniqueEmail(`unconfirmed-${type}`);
			expect((await admin.createUser({ email, password: PASSWORD })).error).toBeNull();
			expect(await confirmedAt(email)).toBeNull();
			expect((await anonClient().auth.signInWithPassword({ email, password: PASSWORD })).error?.code).toBe(
				'email_not_confirmed'
			);
			const { data } = await admin.generateLink({ type, email });
			expect(await confirmedAt(email)).toBeNull();
			expect((await anonClient().auth.verifyOtp({ token_hash: data.properties!.hashed_token, type })).error).toBeNull();
			expect(await confirmedAt(email)).not.toBeNull();
		}
	});
});

describe('STACK_ENABLE_SIGNUP=1 (a second emulator on the same database)', () => {
	const open = stackConfig({ ...process.env, STACK_PROFILE: testConfig.profile, STACK_ENABLE_SIGNUP: '1' });
	let auth: RunningAuth | undefined;
	let url = '';
	const client = () =>
		new AuthClient({ url, persistSession: false, autoRefreshToken: false, detectSessionInUrl: false });
	beforeAll(async () => {
		auth = await startAuth({ ...open, ports: { ...open.ports, auth: 0 } });
		url = `http://127.0.0.1:${(auth.server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await auth?.stop();
	});

	it('signs up at once (autoconfirm, email_confirmed_at set) and then claims a pending invitation', async () => {
		expect(open.enableSignup).toBe(true);
		expect(((await (await fetch(`${url}/settings`)).json()) as { disable_signup: boolean }).disable_signup).toBe(false);
		const email = uniqueEmail('open');
		const { invitationId } = await pendingInvitation(email);
		const { data, error } = await client().signUp({ email, password: PASSWORD });
		expect(error).toBeNull();
		expect(data.user?.email_confirmed_at).toBeTruthy();
		// This is what closed sign-ups prevent: the session of an address nobody proved, holding its invitation.
		const claimed = anonClient({ global: { headers: { Authorization: `Bearer ${data.session!.access_token}` } } });
		expect((await claimed.rpc('accept_invitations')).error).toBeNull();
		expect(await invitationStatus(invitationId)).toBe('accepted');
	});

	it('keeps GoTrue sign-up errors: user_already_exists, weak_password, validation_failed', async () => {
		const email = uniqueEmail('twice');
		expect((await client().signUp({ email, password: PASSWORD })).error).toBeNull();
		const again = await client().signUp({ email, password: PASSWORD });
		expect([again.error?.status, again.error?.code]).toEqual([422, 'user_already_exists']);
		const weak = await client().signUp({ email: uniqueEmail('weak'), password: '123' });
		expect([weak.error?.status, weak.error?.code]).toEqual([422, 'weak_password']);
		for (const body of [{ email: uniqueEmail() }, { email: 'pas-une-adresse', password: PASSWORD }]) {
			const res = await fetch(`${url}/signup`, { method: 'POST', body: JSON.stringify(body) });
			expect([res.status, res.headers.get('x-sb-error-code')]).toEqual([400, 'validation_failed']);
		}
		const otp = uniqueEmail('otp-open');
		expect((await client().signInWithOtp({ email: otp })).error).toBeNull();
		expect(await usersNamed(otp)).toHaveLength(1);
	});
});
