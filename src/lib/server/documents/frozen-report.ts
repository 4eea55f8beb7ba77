/**
 * The frozen COPIL report of a held meeting (drawn by frozen-draw.ts from its snapshot alone), filed
 * among the meeting's documents once (kind `rapport_copil`, as the coordinator, through uploadDocument), and
 * named in `meeting_snapshots.report_path` with the service role (the one change a snapshot accepts, null to a
 * path). Once filed, `rapport.pdf` serves that file; older meetings have theirs drawn again.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { DOCUMENTS_BUCKET } from '#lib/documents/files.js';
import { formatDate } from '#lib/format.js';
import { m } from '#lib/paraglide/messages.js';
import { uploadDocument } from '#lib/server/documents/upload.js';
import { supabaseAdmin } from '#lib/server/supabase-admin.js';
import { drawFrozenReport, frozenReportFileName, loadSnapshot, type ReportCharter } from './frozen-draw.js';

type Client = SupabaseClient<Database>;

export type StoreResult = { ok: true; path: string } | { ok: false; message: string };

/**
 * Files the frozen report of a held meeting, once: a report already named by the snapshot is kept, a report
 * filed by an attempt that could not name it is named now, else it is drawn and filed. As the coordinator
 * (`supabase`); only naming it in the snapshot uses the service role.
 */
export async function storeFrozenReport(
	supabase: Client,
	charter: ReportCharter,
	meetingId: string,
	admin: Client = supabaseAdmin()
): Promise<StoreResult> {
	const failed = (why: string): StoreResult => {
		console.error(`frozen report ${meetingId}: ${why}`);
		return { ok: false, message: m.frozen_report_failed() };
	};
	try {
		const snapshot = await loadSnapshot(supabase, charter.id, meetingId);
		if (!snapshot) return failed('no snapshot');
		if (snapshot.report_path) return { ok: true, path: snapshot.report_path };
		const { data: filed } = await supabase
			.from('documents')
			.select('object_path')
			.eq('charter_id', charter.id)
			.eq('meeting_id', meetingId)
			.eq('kind', 'rapport_copil')
			.order('created_at')
			.limit(1)
			.maybeSingle();
		let path = filed?.object_path;
		if (!path) {
			const bytes = await drawFrozenReport(supabase, charter, snapshot);
			const upload = await uploadDocument(supabase, {
				charterId: charter.id,
				subject: { kind: 'meeting', id: meetingId },
				kind: 'rapport_copil',
				title: m.frozen_report_title({ date: formatDate(snapshot.taken_on) }),
				file: new File([new Uint8Array(bytes)], frozenReportFileName(charter.slug, snapshot.taken_on), {
					type: 'application/pdf'
				})
			});
			if (!upload.ok) return failed(`${upload.status} ${upload.message}`);
			path = upload.document.object_path;
		}
		const { error } = await admin
			.from('meeting_snapshots')
			.update({ report_path: path })
			.eq('id', snapshot.id)
			.is('report_path', null);
		if (error) return failed(`report_path: ${error.message}`);
		return { ok: true, path };
	} catch (thrown) {
		return failed((thrown as Error).message);
	}
}

/** The stored report's bytes, as the member asking (the storage policies decide); null when unreadable. */
export async function loadStoredReport(supabase: Client, path: string): Promise<Uint8Array | null> {
	const { data, error } = await supabase.storage.from(DOCUMENTS_BUCKET).download(path);
	if (error || !data) return null;
	return new Uint8Array(await data.arrayBuffer());
}
