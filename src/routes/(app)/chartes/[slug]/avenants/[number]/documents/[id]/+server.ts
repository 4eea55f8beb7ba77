import { error, redirect } from '@sveltejs/kit';
import { PUBLIC_SUPABASE_URL } from '$app/env/private';
import { m } from '#lib/paraglide/messages.js';
import { isUuid } from '#lib/domain/patterns.js';
import { DOCUMENTS_BUCKET } from '#lib/documents/files.js';
import { loadCharter } from '#lib/server/charter-access.js';
import type { RequestHandler } from './$types';

// A document of the amendment, through a signed URL valid one minute (RLS on documents and on the file decide).
export const GET: RequestHandler = async ({ locals, params }) => {
	const { charter, membership } = await loadCharter(locals, params.slug);
	if (!membership || !isUuid(params.id)) error(404, m.life_document_not_found());
	const { data: document } = await locals.supabase
		.from('documents')
		.select('object_path, file_name, amendment:charter_amendments(number)')
		.eq('id', params.id)
		.eq('charter_id', charter.id)
		.maybeSingle();
	if (!document || String(document.amendment?.number) !== params.number) error(404, m.life_document_not_found());
	const { data, error: failed } = await locals.supabase.storage
		.from(DOCUMENTS_BUCKET)
		.createSignedUrl(document.object_path, 60, { download: document.file_name });
	if (failed || !data) error(503, m.life_error_download());
	// The signed URL is Storage's (the browser reaches it): the only origin this redirect may go to.
	redirect(303, data.signedUrl, { external: [new URL(PUBLIC_SUPABASE_URL).origin] });
};
