/**
 * Documents in the product (issue 16, part 2) against the real stack: the app's own functions
 * (#lib/server/documents: uploadDocument, listDocuments, documentDownloadUrl, changeDocument, deleteDocument)
 * with each person's supabase-js client, so Storage goes through the gateway and RLS decides, as on the pages.
 *
 * A world of its own (world.ts): charter A (published) with its coordinator, the representatives of X and Y, a
 * steering member and an elected official; charter B with its coordinator. Every refused write is checked on
 * the disk as well (a hash of the bucket's folder).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTS_BUCKET } from '../../src/lib/documents/files.ts';
import {
	changeDocument,
	deleteDocument,
	documentDownloadUrl,
	listDocuments
} from '../../src/lib/server/documents/list.ts';
import { testConfig } from '../helpers/env.ts';
import {
	A,
	B,
	clients,
	diskHash,
	fx,
	objectsUnder,
	pdfFile,
	refusedUpload,
	rowsOf,
	setUpWorld,
	su,
	T,
	tearDownWorld,
	upload,
	users
} from './world.ts';
import { uploadDocument } from '../../src/lib/server/documents/upload.ts';

beforeAll(setUpWorld);
afterAll(tearDownWorld);

describe('a coordinator', () => {
	let charterDoc: string;
	const signed = pdfFile('charte', 'Charte signée.pdf');

	it('files the signed charter and lists it with its size, date and uploader', async () => {
		const result = await upload('coordA', { kind: 'charter' }, signed, {
			kind: 'charte_signee',
			title: 'Charte signée'
		});
		expect(result.ok, JSON.stringify(result)).toBe(true);
		if (!result.ok) return;
		charterDoc = result.document.id;
		expect(result.document.object_path.startsWith(`${A}/charte/`)).toBe(true);
		const list = await listDocuments(clients.coordA, A, { subject: 'charter' }, `${T}-a`);
		expect(list.map((d) => d.id)).toEqual([charterDoc]);
		expect(list[0]).toMatchObject({
			kind: 'charte_signee',
			title: 'Charte signée',
			fileName: 'Charte signée.pdf',
			size: signed.size,
			mimeType: 'application/pdf',
			uploadedBy: `Test coordA ${T}`,
			subject: { kind: 'charter' }
		});
	});

	it('signs a 60-second URL that gives the file back under its own name', async () => {
		const url = await documentDownloadUrl(clients.coordA, A, charterDoc);
		expect(url.ok).toBe(true);
		if (!url.ok) return;
		expect(url.value.startsWith(`${testConfig.apiUrl}/storage/v1/object/sign/${DOCUMENTS_BUCKET}/${A}/charte/`)).toBe(
			true
		);
		const response = await fetch(url.value);
		expect(response.status).toBe(200);
		expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(await signed.arrayBuffer()))).toBe(true);
		expect(decodeURIComponent(response.headers.get('content-disposition') ?? '')).toContain('Charte signée.pdf');
	});

	it('makes it public, and a partner cannot', async () => {
		expect(await changeDocument(clients.partnerX, A, charterDoc, { isPublic: true })).toMatchObject({
			ok: false,
			status: 403
		});
		expect(await changeDocument(clients.coordA, A, charterDoc, { isPublic: true, title: 'La charte' })).toEqual({
			ok: true,
			value: { title: 'La charte', isPublic: true }
		});
	});

	it('is the only one who deletes: a partner is refused and the file stays, then the coordinator deletes both', async () => {
		const [row] = (await rowsOf(A)).filter((r) => r.id === charterDoc);
		const before = await diskHash();
		expect(await deleteDocument(clients.partnerX, A, charterDoc)).toMatchObject({ ok: false, status: 403 });
		expect(await deleteDocument(clients.steeringA, A, charterDoc)).toMatchObject({ ok: false, status: 403 });
		expect(await diskHash()).toBe(before);
		expect(await objectsUnder(row.object_path)).toBe(1);

		expect(await deleteDocument(clients.coordA, A, charterDoc)).toEqual({
			ok: true,
			value: { title: 'La charte', fileRemoved: true }
		});
		expect((await rowsOf(A)).some((r) => r.id === charterDoc)).toBe(false);
		expect(await objectsUnder(row.object_path)).toBe(0);
		expect(await documentDownloadUrl(clients.coordA, A, charterDoc)).toMatchObject({ ok: false, status: 404 });
	});

	it('files a document of another charter nowhere: a coordinator of B is refused in A', async () => {
		await refusedUpload(
			() =>
				uploadDocument(clients.coordB, {
					charterId: A,
					subject: { kind: 'charter' },
					kind: 'autre',
					title: 'Intrus',
					file: pdfFile('intrus')
				}),
			`${A}/charte/`
		);
	});
});

describe('a partner representative', () => {
	it('files evidence on their action and on a value of their indicator', async () => {
		const onAction = await upload('partnerX', { kind: 'action', id: fx.actionX }, pdfFile('feuille-presence'));
		expect(onAction.ok, JSON.stringify(onAction)).toBe(true);
		const onValue = await upload(
			'partnerX',
			{ kind: 'indicator_value', id: fx.valueX, indicatorId: fx.indicatorX },
			pdfFile('registre')
		);
		expect(onValue.ok, JSON.stringify(onValue)).toBe(true);
		if (!onValue.ok) return;
		expect(onValue.document).toMatchObject({ kind: 'piece_justificative', indicator_value_id: fx.valueX });
		expect(onValue.document.object_path.startsWith(`${A}/indicateurs/${fx.indicatorX}/`)).toBe(true);
		const evidence = await listDocuments(clients.steeringA, A, { indicatorValueIds: [fx.valueX] }, `${T}-a`);
		expect(evidence.map((d) => d.id)).toEqual([onValue.document.id]);
		expect(evidence[0].subject.label).toBe('Personnes reçues, valeur du 31/10/2026');
		expect(evidence[0].uploadedBy).toBe(`Test partnerX ${T}`);
	});

	it("is refused on another organization's action and indicator, the disk unchanged", async () => {
		await refusedUpload(
			() => upload('partnerX', { kind: 'action', id: fx.actionY }, pdfFile('pas-a-moi')),
			`${A}/actions/${fx.actionY}/`
		);
		await refusedUpload(
			() =>
				upload(
					'partnerX',
					{ kind: 'indicator_value', id: fx.valueY, indicatorId: fx.indicatorY },
					pdfFile('pas-a-moi')
				),
			`${A}/indicateurs/${fx.indicatorY}/`
		);
	});

	it('files nothing but evidence: a signed charter from a partner is refused', async () => {
		const before = await diskHash();
		const result = await upload('partnerX', { kind: 'action', id: fx.actionX }, pdfFile('fausse-charte'), {
			kind: 'charte_signee'
		});
		expect(result).toMatchObject({ ok: false, status: 403 });
		expect(await diskHash()).toBe(before);
	});

	it('cannot delete their own evidence', async () => {
		const [mine] = await listDocuments(clients.partnerX, A, { subject: 'action', subjectId: fx.actionX });
		expect(await deleteDocument(clients.partnerX, A, mine.id)).toMatchObject({ ok: false, status: 403 });
		expect((await rowsOf(A)).some((r) => r.id === mine.id)).toBe(true);
	});
});

describe('steering and officials', () => {
	it('read the documents and download them', async () => {
		for (const who of ['steeringA', 'officialA'] as const) {
			const list = await listDocuments(clients[who], A, { subject: 'action' });
			expect(list.length).toBeGreaterThan(0);
			const url = await documentDownloadUrl(clients[who], A, list[0].id);
			expect(url.ok).toBe(true);
		}
	});
	it('cannot upload', async () => {
		await refusedUpload(() => upload('steeringA', { kind: 'charter' }, pdfFile('copil'), { kind: 'autre' }), `${A}/`);
		await refusedUpload(
			() => upload('officialA', { kind: 'action', id: fx.actionX }, pdfFile('elu')),
			`${A}/actions/${fx.actionX}/`
		);
	});
	it('see nothing of another charter (404)', async () => {
		const result = await upload('coordA', { kind: 'charter' }, pdfFile('a'), { kind: 'autre' });
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(await documentDownloadUrl(clients.coordB, A, result.document.id)).toMatchObject({ ok: false, status: 404 });
		expect(await documentDownloadUrl(clients.coordB, B, result.document.id)).toMatchObject({ ok: false, status: 404 });
		expect(await listDocuments(clients.coordB, A)).toEqual([]);
	});
});

describe('the same file twice', () => {
	it('is recognised, and the answer names the first document and its date', async () => {
		const bytes = Buffer.from(`%PDF-1.7 twice ${randomUUID()}`);
		const first = await upload('coordA', { kind: 'charter' }, new File([bytes], 'bilan.pdf'), {
			kind: 'autre',
			title: 'Bilan 2026'
		});
		expect(first.ok).toBe(true);
		if (!first.ok) return;
		const before = await diskHash();
		const again = await upload('partnerX', { kind: 'action', id: fx.actionX }, new File([bytes], 'copie.pdf'));
		expect(again).toMatchObject({ ok: false, status: 409, duplicate: { id: first.document.id, title: 'Bilan 2026' } });
		if (again.ok) return;
		const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris' }).format(
			new Date(first.document.created_at)
		);
		expect(again.message).toBe(`Ce fichier est déjà dans la charte : « Bilan 2026 », déposé le ${day}.`);
		expect(await diskHash()).toBe(before);
	});
});

describe('size and type', () => {
	it('come from the stored object, not from what the caller says', async () => {
		// An OpenDocument spreadsheet is a ZIP container; the browser sent no useful type.
		const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(randomUUID())]);
		const file = new File([zip], 'suivi.ODS', { type: 'application/octet-stream' });
		const result = await upload('coordA', { kind: 'charter' }, file, { kind: 'autre' });
		expect(result.ok, JSON.stringify(result)).toBe(true);
		if (!result.ok) return;
		expect(result.document.mime_type).toBe('application/vnd.oasis.opendocument.spreadsheet');
		const [object] = await su.query<{ size: string; mimetype: string }>(
			"select metadata->>'size' as size, metadata->>'mimetype' as mimetype from storage.objects where bucket_id = $1 and name = $2",
			[DOCUMENTS_BUCKET, result.document.object_path]
		);
		expect(Number(object.size)).toBe(file.size);
		expect(result.document.size).toBe(file.size);

		// A row written directly, claiming another size and type, gets the object's.
		const other = pdfFile('direct');
		const objectPath = `${A}/charte/${randomUUID()}-direct.pdf`;
		const stored = await clients.coordA.storage
			.from(DOCUMENTS_BUCKET)
			.upload(objectPath, other, { contentType: 'application/pdf' });
		expect(stored.error).toBeNull();
		const { data, error } = await clients.coordA
			.from('documents')
			.insert({
				charter_id: A,
				kind: 'autre',
				title: 'Direct',
				object_path: objectPath,
				file_name: 'direct.pdf',
				size: 999_999,
				mime_type: 'image/png',
				sha256: 'a'.repeat(64),
				uploaded_by: users.partnerX
			})
			.select('size, mime_type, uploaded_by')
			.single();
		expect(error).toBeNull();
		expect(data).toEqual({ size: other.size, mime_type: 'application/pdf', uploaded_by: users.coordA });
	});

	it('an empty file, a type that is not a document and a disguised page are refused before anything is stored', async () => {
		const before = await diskHash();
		expect(await upload('coordA', { kind: 'charter' }, new File([], 'vide.pdf'))).toMatchObject({
			ok: false,
			status: 400
		});
		expect(
			await upload('coordA', { kind: 'charter' }, new File(['<script>'], 'page.html', { type: 'text/html' }))
		).toMatchObject({ ok: false, status: 415 });
		// A page renamed .pdf.
		expect(
			await upload('coordA', { kind: 'charter' }, new File(['<html>'], 'faux.pdf', { type: 'application/pdf' }))
		).toMatchObject({ ok: false, status: 415 });
		expect(await diskHash()).toBe(before);
	});
});
