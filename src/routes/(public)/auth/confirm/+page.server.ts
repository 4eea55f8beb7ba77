import { redirect } from '@sveltejs/kit';
import {
	afterConfirm,
	confirmParams,
	confirmPurpose,
	confirmSchema,
	linkFailed,
	nameChosen
} from '#lib/auth/confirm.js';
import { safeNext } from '#lib/safe-redirect.js';
import type { Actions, PageServerLoad } from './$types';

/**
 * Where the auth e-mails lead (Supabase's SSR guide). A `token_hash` is verified only when the person presses
 * the button (POST): link scanners that open the link first do not spend it. A PKCE `code` (GoTrue's own verify
 * link) is exchanged on GET: it needs the code verifier that only the browser which asked holds.
 * Either way the session lands in the HttpOnly cookies, and the address's pending invitations become memberships.
 */
export const load: PageServerLoad = async ({ url, locals }) => {
	const next = safeNext(url.searchParams.get('next'), '/', url.origin);
	const code = url.searchParams.get('code');
	if (code) {
		const { data, error } = await locals.supabase.auth.exchangeCodeForSession(code);
		if (error) redirect(303, linkFailed(next));
		await locals.supabase.rpc('accept_invitations');
		redirect(303, afterConfirm('email', next, nameChosen(data.user?.user_metadata)));
	}
	const params = confirmParams(url);
	if (!params) redirect(303, linkFailed(next));
	return { tokenHash: params.token_hash, type: params.type, next, purpose: confirmPurpose(params.type) };
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const parsed = confirmSchema.safeParse(Object.fromEntries(await request.formData()));
		const next = safeNext(parsed.data?.next, '/', url.origin);
		if (!parsed.success) redirect(303, linkFailed(next));
		const { token_hash, type } = parsed.data;
		const { data, error } = await locals.supabase.auth.verifyOtp({ token_hash, type });
		if (error) redirect(303, linkFailed(next));
		await locals.supabase.rpc('accept_invitations');
		redirect(303, afterConfirm(type, next, nameChosen(data.user?.user_metadata)));
	}
};
