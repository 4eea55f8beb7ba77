import { redirect } from '@sveltejs/kit';
import type { EmailOtpType } from '@supabase/supabase-js';
import { safeNext } from '#lib/safe-redirect.js';
import type { RequestHandler } from './$types';

const OTP_TYPES: EmailOtpType[] = ['email', 'magiclink', 'signup', 'invite', 'recovery', 'email_change'];

/**
 * Where the auth e-mails lead (Supabase's SSR guide): a `token_hash` verified with verifyOtp, or a PKCE
 * `code` exchanged for a session. Either way the session lands in the HttpOnly cookies.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const tokenHash = url.searchParams.get('token_hash');
	const type = url.searchParams.get('type') as EmailOtpType | null;
	const code = url.searchParams.get('code');
	const next = safeNext(url.searchParams.get('next'));

	if (tokenHash && type && OTP_TYPES.includes(type)) {
		const { error } = await locals.supabase.auth.verifyOtp({ token_hash: tokenHash, type });
		if (!error)
			redirect(303, type === 'invite' || type === 'recovery' ? `/bienvenue?suivant=${encodeURIComponent(next)}` : next);
	} else if (code) {
		const { error } = await locals.supabase.auth.exchangeCodeForSession(code);
		if (!error) redirect(303, next);
	}
	redirect(303, `/connexion?erreur=lien&suivant=${encodeURIComponent(next)}`);
};
