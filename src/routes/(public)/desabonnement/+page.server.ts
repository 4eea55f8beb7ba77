import { fail } from '@sveltejs/kit';
import { SUPABASE_SERVICE_ROLE_KEY, UNSUBSCRIBE_SECRET } from '$app/env/private';
import { supabaseAdmin } from '#lib/server/supabase-admin.js';
import { unsubscribeKey, verifyUnsubscribeToken } from '#lib/server/notifications/unsubscribe.js';
import type { Actions, PageServerLoad } from './$types';

/**
 * One-click unsubscribe (RFC 8058). The link of each e-mail carries a signed token (person + kind of message +
 * when it was sent): GET shows a confirmation button (a link preview or a security scanner must not unsubscribe
 * anyone), POST unsubscribes, whether it comes from that button or from the mail client's one-click
 * (`List-Unsubscribe=One-Click`). The token is the only credential, so the service role writes the preference.
 * A link older than a year has expired: the page says so and points to the preferences (after signing in).
 */
const key = () => unsubscribeKey(UNSUBSCRIBE_SECRET, SUPABASE_SERVICE_ROLE_KEY);

export const load: PageServerLoad = async ({ url }) => {
	const token = url.searchParams.get('t') ?? '';
	const check = verifyUnsubscribeToken(key(), token);
	return { token, topic: check.ok ? check.topic : null, expired: !check.ok && check.reason === 'expired' };
};

export const actions: Actions = {
	default: async ({ request, url }) => {
		const body = await request.formData().catch(() => null);
		const token = url.searchParams.get('t') ?? body?.get('t')?.toString() ?? '';
		const check = verifyUnsubscribeToken(key(), token);
		if (!check.ok) return check.reason === 'expired' ? fail(410, { expired: true }) : fail(400, { invalid: true });
		const { error } = await supabaseAdmin()
			.from('notification_preferences')
			.upsert({ user_id: check.userId, topic: check.topic, enabled: false }, { onConflict: 'user_id,topic' });
		// A deleted account has no preferences left to change: the link has nothing more to do.
		if (error && error.code !== '23503') return fail(503, { unavailable: true });
		return { done: true, topic: check.topic };
	}
};
