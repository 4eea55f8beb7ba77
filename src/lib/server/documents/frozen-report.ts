/**
 * The frozen COPIL report of a held meeting: drawn from its snapshot alone (never from today's data), filed
 * among the meeting's documents once (kind `rapport_copil`, as the coordinator, through uploadDocument), and
 * named in `meeting_snapshots.report_path` with the service role (the one change a snapshot accepts, null to a
 * path). Once filed, `rapport.pdf` serves that file; older meetings have theirs drawn again.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { DOCUMENTS_BUCKET } from '#lib/documents/files.js';
import { formatDate } from '#lib/format.js';
import { meetingHeading } from '#lib/meetings/meeting-title.js';
import { sinceMeeting, type MeetingState } from '#lib/meetings/since.js';
import { m } from '#lib/paraglide/messages.js';
import { uploadDocument } from '#lib/server/documents/upload.js';
import { frozenReport, type FrozenState } from '#lib/server/report/frozen.js';
import { decisionRegister } from '#lib/server/report/meeting-pages.js';
import { renderReport } from '#lib/server/report/render.js';
import { supabaseAdmin } from '#lib/server/supabase-admin.js';

type Client = SupabaseClient<Database>;
type ReportCharter = Parameters<typeof renderReport>[0]['charter'] & { id: string; slug: string };

export const frozenReportFileName = (slug: string, day: string) => `rapport-copil-${slug}-${day}-fige.pdf`;

/** The snapshot of a held meeting of this charter, or null. */
export async function loadSnapshot(supabase: Client, charterId: string, meetingId: string) {
	const { data, error } = await supabase
		.from('meeting_snapshots')
		.select('id, taken_on, taken_at, report_path, dashboard, meeting:meetings(id, kind, starts_at)')
		.eq('meeting_id', meetingId)
		.eq('charter_id', charterId)
		.maybeSingle();
	if (error) throw new Error(`meeting_snapshots: ${error.message}`);
	return data?.meeting ? data : null;
}
export type Snapshot = NonNullable<Awaited<ReturnType<typeof loadSnapshot>>>;

/** The report as it was presented, drawn from the snapshot; its first page compares with the meeting before. */
export async function drawFrozenReport(supabase: Client, charter: ReportCharter, snapshot: Snapshot) {
	const { data: previous } = await supabase
		.from('meeting_snapshots')
		.select('taken_on, dashboard, meeting:meetings(kind, starts_at)')
		.eq('charter_id', charter.id)
		.lt('taken_at', snapshot.taken_at)
		.order('taken_at', { ascending: false })
		.limit(1)
		.maybeSingle();
	const state = snapshot.dashboard as unknown as FrozenState;
	const { data, details, since } = frozenReport(state);
	return renderReport({
		charter,
		data,
		details,
		since: previous?.taken_on ?? since,
		sinceMeeting: previous?.meeting
			? {
					...sinceMeeting(previous.dashboard as unknown as MeetingState, state as unknown as MeetingState),
					meeting: meetingHeading(previous.meeting)
				}
			: null,
		// The decisions still open when the meeting was held, as frozen.
		register: {
			open: decisionRegister(
				(state as unknown as MeetingState).decisions?.map((d) => ({
					code: d.code,
					text: d.text,
					owner: d.owner_name ?? null,
					due_on: d.due_on ?? null,
					status: d.status,
					status_changed_at: null,
					meeting: null
				})) ?? [],
				state.taken_on,
				state.taken_on
			).open,
			done: []
		}
	});
}

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
