import { loadCharter } from '#lib/server/charter-access.js';
import type { LayoutServerLoad } from './$types';

// The charter and the memberships are fetched at the same time: neither needs the other.
export const load: LayoutServerLoad = async ({ locals, params, parent }) =>
	loadCharter(
		locals,
		params.slug,
		parent().then((p) => p.memberships)
	);
