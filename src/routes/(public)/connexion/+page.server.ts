import { fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { isAuthError } from '@supabase/supabase-js';
import { m } from '#lib/paraglide/messages.js';
import { safeNext } from '#lib/safe-redirect.js';
import { codeSignInSchema, magicLinkSchema, passwordSignInSchema } from '#lib/schemas/auth.js';
import { afterConfirm, nameChosen } from '#lib/auth/confirm.js';
import { validityText } from '#lib/auth/validity.js';
import { AUTH_LINK_VALIDITY_MINUTES } from '$app/env/private';
import { getLocale } from '#lib/paraglide/runtime.js';
import { signInFailures } from '#lib/server/rate-limit.js';
import type { Actions, PageServerLoad } from './$types';

function authMessage(error: unknown): string {
	if (isAuthError(error)) {
		switch (error.code) {
			case 'invalid_credentials':
				return m.auth_invalid_credentials();
			case 'email_not_confirmed':
				return m.auth_email_not_confirmed();
			case 'over_request_rate_limit':
			case 'over_email_send_rate_limit':
				return m.auth_rate_limited();
		}
		if (error.status === 429) return m.auth_rate_limited();
	}
	return m.auth_unavailable();
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('suivant'));
	if (locals.user) redirect(303, next);
	const email = url.searchParams.get('email') ?? '';
	return {
		next,
		linkInvalid: url.searchParams.get('erreur') === 'lien',
		signInRequired: url.searchParams.has('suivant') && next !== '/',
		signedOut: url.searchParams.has('deconnecte'),
		// "J'ai déjà reçu un code" (?code): the code form without asking for a new link.
		codeWanted: url.searchParams.has('code'),
		magicForm: await superValidate({ email, next }, zod4(magicLinkSchema), { errors: false, id: 'magic' }),
		codeForm: await superValidate({ email, next, code: '' }, zod4(codeSignInSchema), { errors: false, id: 'code' }),
		passwordForm: await superValidate({ email, next }, zod4(passwordSignInSchema), { errors: false, id: 'password' })
	};
};

export const actions: Actions = {
	lien: async ({ request, locals, url }) => {
		const form = await superValidate(request, zod4(magicLinkSchema), { id: 'magic' });
		if (!form.valid) return fail(400, { magicForm: form });
		const next = safeNext(form.data.next);
		const { error } = await locals.supabase.auth.signInWithOtp({
			email: form.data.email,
			options: {
				// Accounts come from invitations only: a magic link never creates an account.
				shouldCreateUser: false,
				// Where the user ends up; the e-mail's link goes through /auth/confirm first.
				emailRedirectTo: `${url.origin}${next}`
			}
		});
		// Unknown addresses get the same answer as known ones, so the form does not reveal who has an account.
		if (
			error &&
			!(isAuthError(error) && ['otp_disabled', 'signup_disabled', 'user_not_found'].includes(error.code ?? ''))
		) {
			return message(form, { kind: 'error', text: authMessage(error) }, { status: error.status === 429 ? 429 : 400 });
		}
		const validity = validityText(AUTH_LINK_VALIDITY_MINUTES, getLocale());
		// The same e-mail holds a code: its form comes next, with the address already filled in.
		const codeForm = await superValidate({ email: form.data.email, next, code: '' }, zod4(codeSignInSchema), {
			errors: false,
			id: 'code'
		});
		return {
			...message(form, { kind: 'success', text: m.link_sent_with_code({ email: form.data.email, validity }) }),
			codeForm
		};
	},
	code: async ({ request, locals, getClientAddress }) => {
		const form = await superValidate(request, zod4(codeSignInSchema), { id: 'code' });
		if (!form.valid) return fail(400, { codeForm: form });
		// Six digits are guessed faster than a password: the same limit per address and client.
		const limitKey = `${getClientAddress()}|${form.data.email}`;
		if (await signInFailures.blocked(limitKey)) {
			return message(form, { kind: 'error', text: m.auth_rate_limited() }, { status: 429 });
		}
		const { email, code: token } = form.data;
		// A sign-in link's code is an `email` OTP; an invitation's, on Supabase Auth, an `invite` one.
		let answer = await locals.supabase.auth.verifyOtp({ email, token, type: 'email' });
		if (answer.error && isAuthError(answer.error) && answer.error.status !== 429) {
			answer = await locals.supabase.auth.verifyOtp({ email, token, type: 'invite' });
		}
		if (answer.error) {
			const limited = isAuthError(answer.error) && answer.error.status === 429;
			if (!limited) await signInFailures.hit(limitKey);
			form.data.code = '';
			const text = limited ? m.auth_rate_limited() : m.code_refused();
			return message(form, { kind: 'error', text }, { status: limited ? 429 : 400 });
		}
		await signInFailures.reset(limitKey);
		await locals.supabase.rpc('accept_invitations');
		redirect(303, afterConfirm('email', safeNext(form.data.next), nameChosen(answer.data.user?.user_metadata)));
	},
	motdepasse: async ({ request, locals, getClientAddress }) => {
		const form = await superValidate(request, zod4(passwordSignInSchema), { id: 'password' });
		if (!form.valid) {
			form.data.password = '';
			return fail(400, { passwordForm: form });
		}
		// Guessing passwords is slowed down per address and client, whatever the auth server also does.
		const limitKey = `${getClientAddress()}|${form.data.email}`;
		if (await signInFailures.blocked(limitKey)) {
			form.data.password = '';
			return message(form, { kind: 'error', text: m.auth_rate_limited() }, { status: 429 });
		}
		const { data, error } = await locals.supabase.auth.signInWithPassword({
			email: form.data.email,
			password: form.data.password
		});
		if (error) {
			if (isAuthError(error) && error.code === 'invalid_credentials') await signInFailures.hit(limitKey);
			form.data.password = '';
			return message(form, { kind: 'error', text: authMessage(error) }, { status: error.status === 429 ? 429 : 400 });
		}
		await signInFailures.reset(limitKey);
		await locals.supabase.rpc('accept_invitations');
		redirect(303, afterConfirm('email', safeNext(form.data.next), nameChosen(data.user?.user_metadata)));
	}
};
