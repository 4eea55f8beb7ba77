import { error, redirect } from '@sveltejs/kit';
import { PUBLIC_SUPABASE_URL } from '$app/env/private';
import { isUuid } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';
import { documentDownloadUrl } from '#lib/server/documents/list.js';
import type { PageServerLoad } from './$types';

// A download: a signed URL valid 60 seconds, naming the file as it was filed, then a 303 to it. A document the
// user cannot see (RLS) is a 404 in words. The signed URL is Storage's (PUBLIC_SUPABASE_URL), the only origin
// this redirect may go to.
export const load: PageServerLoad = async ({ locals, params, parent, setHeaders }) => {
	const { charter } = await parent();
	if (!isUuid(params.id)) error(404, m.docs_not_found());
	const url = await documentDownloadUrl(locals.supabase, charter.id, params.id);
	if (!url.ok) error(url.status, url.message);
	setHeaders({ 'cache-control': 'private, no-store' });
	redirect(303, url.value, { external: [new URL(PUBLIC_SUPABASE_URL).origin] });
};
