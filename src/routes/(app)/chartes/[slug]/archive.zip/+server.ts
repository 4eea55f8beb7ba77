import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { buildCharterArchive, makerName } from '#lib/server/archive/build.js';
import { loadCharter } from '#lib/server/charter-access.js';
import type { RequestHandler } from './$types';

/**
 * `chartes/[slug]/archive.zip`: the whole charter (tables in CSV and JSON, documents, manifest), for its
 * coordinators; read as the coordinator, so RLS decides what comes in.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { charter, membership } = await loadCharter(locals, params.slug);
	if (!locals.user || membership?.role !== 'coordinator') error(403, m.archive_forbidden());
	const archive = await buildCharterArchive(locals.supabase, {
		charter,
		madeBy: await makerName(locals.supabase, locals.user)
	}).catch((thrown: Error) => {
		console.error(`archive ${charter.id}: ${thrown.message}`);
		return error(503, m.archive_unavailable());
	});
	return new Response(archive.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${archive.fileName}"`,
			'content-length': String(archive.bytes.byteLength),
			'cache-control': 'private, no-store'
		}
	});
};
