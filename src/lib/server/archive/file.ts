/**
 * Filing a charter's archive among its documents (kind `archive`, folder `archives/`) when the charter closes:
 * built and filed as the coordinator, through uploadDocument like every other file. An archive over the bucket's
 * 20 MB is not filed (the bucket's limit stays; a split archive would be parts no one can open alone): the page
 * says so and the archive stays downloadable from the administration page.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { MAX_DOCUMENT_BYTES } from '#lib/documents/files.js';
import { formatDate } from '#lib/format.js';
import { m } from '#lib/paraglide/messages.js';
import { uploadDocument, type DocumentRow } from '#lib/server/documents/upload.js';
import { buildCharterArchive, makerName, type ArchiveRequest } from './build.js';

export type FiledArchive =
	{ ok: true; document: DocumentRow } | { ok: false; reason: 'too_large' | 'failed'; message: string };

export async function fileCharterArchive(
	supabase: SupabaseClient<Database>,
	request: ArchiveRequest
): Promise<FiledArchive> {
	const now = request.now ?? new Date();
	let archive;
	try {
		archive = await buildCharterArchive(supabase, { ...request, now });
	} catch (thrown) {
		console.error(`archive ${request.charter.id}: ${(thrown as Error).message}`);
		return { ok: false, reason: 'failed', message: m.archive_filed_failed() };
	}
	if (archive.bytes.byteLength > MAX_DOCUMENT_BYTES) {
		return { ok: false, reason: 'too_large', message: m.archive_filed_too_large() };
	}
	const filed = await uploadDocument(supabase, {
		charterId: request.charter.id,
		subject: { kind: 'archive' },
		kind: 'archive',
		title: m.archive_document_title({ date: formatDate(now) }),
		file: new File([archive.bytes as Uint8Array<ArrayBuffer>], archive.fileName, { type: 'application/zip' })
	});
	if (!filed.ok) {
		console.error(`archive ${request.charter.id}: ${filed.status} ${filed.message}`);
		return { ok: false, reason: 'failed', message: m.archive_filed_failed() };
	}
	return { ok: true, document: filed.document };
}

/**
 * What the page says once a charter is closed: its archive filed, too large to file, or not filed (the charter
 * is closed all the same; the archive stays downloadable). Built and filed as the coordinator who closed it.
 */
export async function archiveOnClose(
	locals: Pick<App.Locals, 'supabase' | 'user'>,
	charter: { id: string; slug: string; title: string }
): Promise<{ kind: 'success' | 'error'; text: string }> {
	if (!locals.user) return { kind: 'error', text: m.archive_filed_failed() };
	const filed = await fileCharterArchive(locals.supabase, {
		charter,
		madeBy: await makerName(locals.supabase, locals.user)
	});
	return filed.ok ? { kind: 'success', text: m.archive_filed() } : { kind: 'error', text: filed.message };
}
