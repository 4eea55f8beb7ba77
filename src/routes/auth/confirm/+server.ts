import { redirect } from '@sveltejs/kit';
import type { EmailOtpType } from '@supabase/supabase-js';
import { safeNext } from '#lib/safe-redirect.js';
import type { RequestHandler } from './$types';

const OTP_TYPES: EmailOtpType[] = ['email', 'magiclink', 'signup', 'invite', 'recovery', 'email_change'];

/**
 * Where the auth e-mails lead (Supabase's SSR guide): a `token_hash` verified with verifyOtp, or a PKCE
 * `code` exchanged for a session. Either way the session lands in the HttpOnly cookies, and the pending
 * invitations of the address become memberships.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const tokenHash = url.searchParams.get('token_hash');
	const type = url.searchParams.get('type') as EmailOtpType | null;
	const code = url.searchParams.get('code');
	const next = safeNext(url.searchParams.get('next'), '/', url.origin);

	let signedIn = false;
	if (tokenHash && type && OTP_TYPES.includes(type)) {
		signedIn = !(await locals.supabase.auth.verifyOtp({ token_hash: tokenHash, type })).error;
	} else if (code) {
		// PKCE: GoTrue's own verify link sends the user back with a one-time code.
		signedIn = !(await locals.supabase.auth.exchangeCodeForSession(code)).error;
	}
	if (!signedIn) redirect(303, `/connexion?erreur=lien&suivant=${encodeURIComponent(next)}`);

	await locals.supabase.rpc('accept_invitations');
	// Invited people (and those resetting a password) first check their name and may set a password.
	redirect(303, type === 'invite' || type === 'recovery' ? `/bienvenue?suivant=${encodeURIComponent(next)}` : next);
};
