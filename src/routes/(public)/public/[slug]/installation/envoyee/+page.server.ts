import { openIntakeCharter } from '#lib/server/support-intake.js';
import type { PageServerLoad } from './$types';

/** After a request was sent: its reference (from the redirect; nothing else about the request) and what follows. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const charter = await openIntakeCharter(locals.supabase, params.slug);
	const given = url.searchParams.get('reference') ?? '';
	return { charter, reference: /^\d{4}-\d{4,6}$/.test(given) ? given : null };
};
