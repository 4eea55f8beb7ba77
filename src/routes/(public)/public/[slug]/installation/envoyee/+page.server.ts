import { isRequestReference } from '#lib/domain/patterns.js';
import { openIntakeCharter } from '#lib/server/support-intake.js';
import type { PageServerLoad } from './$types';

/** After a request was sent: its reference (from the redirect; nothing else about the request) and what follows. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const charter = await openIntakeCharter(locals.supabase, params.slug);
	const given = url.searchParams.get('reference') ?? '';
	return { charter, reference: isRequestReference(given) ? given : null };
};
