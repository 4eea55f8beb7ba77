/**
 * The demo's files (scripts/seed/demo-files.ts, run by `npm start`): against the test stack, it files the
 * Haute-Vienne charter's signed charter (public), the frozen report of the COPIL of 05/11/2026 (named in the
 * snapshot's report_path) and one piece of evidence on action 1.1, each a PDF in Storage with its row; a second
 * run adds nothing. Everything is removed afterwards: the other suites expect a seed without files.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { addDemoFiles } from '../../scripts/seed/demo-files.ts';
import { seedId } from '../../scripts/seed/generate.ts';
import { superuserPool } from '../helpers/demo.ts';
import { serviceClient } from '../helpers/env.ts';

const su = superuserPool();
const charterId = seedId('charter', 'haute-vienne');
const meetingId = seedId('meeting', 'haute-vienne/copil-2026-11');

const demoDocuments = () =>
	su.query<{ kind: string; object_path: string; is_public: boolean; sha256: string; meeting_id: string | null }>(
		`select kind, object_path, is_public, sha256, meeting_id from public.documents
		 where charter_id = $1 and object_path like '%/demo-%' order by kind`, // the enum's order
		[charterId]
	);

afterAll(async () => {
	const paths = (await demoDocuments()).map((d) => d.object_path);
	await su.query(`delete from public.documents where charter_id = $1 and object_path like '%/demo-%'`, [charterId]);
	if (paths.length) await serviceClient().storage.from('charter-documents').remove(paths);
	// A snapshot's report path is set once: only the superuser, triggers off, takes the demo's back.
	await su.query(
		`set session_replication_role = replica;
		 update public.meeting_snapshots set report_path = null where meeting_id = '${meetingId}';
		 set session_replication_role = origin;`
	);
	await su.end();
});

describe('the demo files', () => {
	it('files the three demo documents once, with their files, and names the frozen report in its snapshot', async () => {
		expect(await addDemoFiles()).toBe(3);
		const documents = await demoDocuments();
		expect(documents.map((d) => [d.kind, d.is_public])).toEqual([
			['charte_signee', true],
			['rapport_copil', false],
			['piece_justificative', false]
		]);
		for (const d of documents) {
			const { data, error } = await serviceClient().storage.from('charter-documents').download(d.object_path);
			expect(error).toBeNull();
			const bytes = Buffer.from(await data!.arrayBuffer());
			expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
		}
		const report = documents.find((d) => d.kind === 'rapport_copil')!;
		expect(report.meeting_id).toBe(meetingId);
		const [snapshot] = await su.query<{ report_path: string }>(
			'select report_path from public.meeting_snapshots where meeting_id = $1',
			[meetingId]
		);
		expect(snapshot.report_path).toBe(report.object_path);

		expect(await addDemoFiles()).toBe(0);
		expect(await demoDocuments()).toHaveLength(3);
	});
});
