/**
 * The frozen COPIL report in Storage (issue 16, part 2), on a charter of its own: "Tenir la réunion" (the form
 * action itself, as the coordinator) holds the meeting, files one `rapport_copil` document for it and names it
 * in the snapshot's report_path; `rapport.pdf` then serves those exact bytes. A report that could not be named
 * leaves the meeting held, and filing it again names the same document (never a second one).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTS_BUCKET } from '../../src/lib/documents/files.ts';
import { storeFrozenReport } from '../../src/lib/server/documents/frozen-report.ts';
import { actions } from '../../src/routes/(app)/chartes/[slug]/reunions/[id]/compte-rendu/+page.server.ts';
import { GET as reportPdf } from '../../src/routes/(app)/chartes/[slug]/reunions/[id]/rapport.pdf/+server.ts';
import {
	createDashboardFixture,
	FIXTURE_PASSWORD,
	shiftDays,
	type DashboardFixture
} from '../helpers/dashboard-fixture.ts';
import { signedIn } from '../helpers/dashboard-load.ts';
import { superuserPool } from '../helpers/demo.ts';
import { anonClient, serviceClient } from '../helpers/env.ts';

const su = superuserPool();
const tag = randomUUID().slice(0, 8);
let fx: DashboardFixture;
let coordinator: Awaited<ReturnType<typeof signedIn>>;

async function planMeeting(daysAgo: number): Promise<string> {
	const { data, error } = await coordinator.client
		.from('meetings')
		.insert({
			charter_id: fx.charterId,
			kind: 'copil',
			title: `COPIL ${tag} J-${daysAgo}`,
			starts_at: `${shiftDays(fx.today, -daysAgo)}T13:00:00Z`,
			place: 'Salle du conseil'
		})
		.select('id')
		.single();
	if (error) throw new Error(error.message);
	return data.id as string;
}

const event = (meetingId: string, action: string, fields: Record<string, string> = {}) => {
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.set(k, v);
	return {
		locals: { supabase: coordinator.client, user: coordinator.user },
		params: { slug: fx.slug, id: meetingId },
		request: new Request(`http://localhost/chartes/${fx.slug}/reunions/${meetingId}/compte-rendu?/${action}`, {
			method: 'POST',
			body
		}),
		url: new URL(`http://localhost/chartes/${fx.slug}/reunions/${meetingId}/compte-rendu?/${action}`)
	} as never;
};

const reports = (meetingId: string) =>
	su.query<{ id: string; object_path: string; sha256: string }>(
		`select id, object_path, sha256 from public.documents where meeting_id = $1 and kind = 'rapport_copil'`,
		[meetingId]
	);
const reportPath = async (meetingId: string) =>
	(
		await su.query<{ report_path: string | null }>(
			'select report_path from public.meeting_snapshots where meeting_id = $1',
			[meetingId]
		)
	)[0]?.report_path;

beforeAll(async () => {
	fx = await createDashboardFixture('frozen');
	coordinator = await signedIn(fx.coordinator.email, FIXTURE_PASSWORD);
});

// The charter is the test's own: its documents stay with it (the test stack is reset each run).
afterAll(async () => {
	await su.end();
});

describe('the frozen COPIL report', () => {
	it('is filed when the meeting is held, and rapport.pdf serves those exact bytes', async () => {
		const meetingId = await planMeeting(1);
		const held = (await actions.tenir(event(meetingId, 'tenir', { confirm: '1' }))) as {
			notice: { kind: string; text: string };
		};
		expect(held.notice).toEqual({
			kind: 'success',
			text: 'La réunion est tenue : le tableau de bord est figé. Le rapport figé a été enregistré dans les documents de la réunion.'
		});
		const filed = await reports(meetingId);
		expect(filed).toHaveLength(1);
		expect(filed[0].object_path.startsWith(`${fx.charterId}/reunions/${meetingId}/`)).toBe(true);
		expect(await reportPath(meetingId)).toBe(filed[0].object_path);

		const stored = await serviceClient().storage.from(DOCUMENTS_BUCKET).download(filed[0].object_path);
		const bytes = Buffer.from(await stored.data!.arrayBuffer());
		const response = await reportPdf(event(meetingId, 'x'));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		const served = Buffer.from(await response.arrayBuffer());
		expect(served.subarray(0, 5).toString()).toBe('%PDF-');
		expect(served.equals(bytes)).toBe(true);

		// Filing again changes nothing.
		const again = (await actions.enregistrerRapport(event(meetingId, 'enregistrerRapport'))) as {
			notice: { kind: string };
		};
		expect(again.notice.kind).toBe('success');
		expect(await reports(meetingId)).toHaveLength(1);
	});

	it('a report that could not be named leaves the meeting held; filing it again names the same document', async () => {
		const meetingId = await planMeeting(2);
		const { error } = await coordinator.client.rpc('hold_meeting', { p_meeting_id: meetingId });
		expect(error).toBeNull();
		// The anon key cannot update a snapshot: the document is filed, its path is not set.
		const failed = await storeFrozenReport(
			coordinator.client as never,
			(await coordinator.client.from('charters').select('*').eq('id', fx.charterId).single()).data!,
			meetingId,
			anonClient() as never
		);
		expect(failed).toEqual({
			ok: false,
			message:
				"Le rapport figé n'a pas pu être enregistré dans les documents de la réunion. Réessayez avec « Enregistrer le rapport figé »."
		});
		const [meeting] = await su.query<{ status: string }>('select status from public.meetings where id = $1', [
			meetingId
		]);
		expect(meeting.status).toBe('held');
		expect(await reportPath(meetingId)).toBeNull();
		expect(await reports(meetingId)).toHaveLength(1);

		const retried = (await actions.enregistrerRapport(event(meetingId, 'enregistrerRapport'))) as {
			notice: { kind: string; text: string };
		};
		expect(retried.notice).toEqual({
			kind: 'success',
			text: 'Le rapport figé a été enregistré dans les documents de la réunion.'
		});
		const filed = await reports(meetingId);
		expect(filed).toHaveLength(1);
		expect(await reportPath(meetingId)).toBe(filed[0].object_path);
	});

	it('an older meeting without a stored report still gets its report, drawn from the snapshot', async () => {
		const meetingId = await planMeeting(3);
		expect((await coordinator.client.rpc('hold_meeting', { p_meeting_id: meetingId })).error).toBeNull();
		expect(await reportPath(meetingId)).toBeNull();
		const response = await reportPdf(event(meetingId, 'x'));
		expect(response.status).toBe(200);
		expect(
			Buffer.from(await response.arrayBuffer())
				.subarray(0, 5)
				.toString()
		).toBe('%PDF-');
		expect(await reports(meetingId)).toHaveLength(0);
	});
});
