import { searchCommunes } from '#lib/server/communes.js';
import type { PageServerLoad } from './$types';

/** The commune search without JavaScript: a GET form, results with their INSEE codes to copy. */
export const load: PageServerLoad = async ({ url, locals }) => {
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 80);
	if (!q) return { q, communes: null, failed: false };
	try {
		return { q, communes: await searchCommunes(locals.supabase, q, 30), failed: false };
	} catch {
		return { q, communes: [], failed: true };
	}
};
