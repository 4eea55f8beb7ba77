import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { documentEntryPath, manifestOf, MANIFEST_PATH, sha256, zipArchive, type ArchiveFile } from './manifest.js';
import { ARCHIVE_TABLES, COUNTED_ONLY, LEFT_OUT } from './tables.js';
import { closes } from './close.js';

const enc = (text: string) => new TextEncoder().encode(text);

describe('archive manifest and zip', () => {
	const files: ArchiveFile[] = [
		{ path: 'csv/actions.csv', bytes: enc('\ufeffid\r\na'), table: 'actions', rows: 1 },
		{ path: 'documents/autre/note.pdf', bytes: new Uint8Array([37, 80, 68, 70]), documentId: 'd1' }
	];
	const manifest = manifestOf({
		charter: { id: 'c1', slug: 'hv', title: 'Haute-Vienne' },
		madeAt: new Date('2026-12-01T10:00:00Z'),
		madeBy: 'Camille Coordination',
		appVersion: '0.1.0',
		files,
		counts: { internships: { total: 2 } },
		missing: []
	});

	it('describes each file by its path, size, sha256 and, for a table, its rows', () => {
		expect(manifest.files).toEqual([
			{
				path: 'csv/actions.csv',
				size: files[0].bytes.byteLength,
				sha256: sha256(files[0].bytes),
				table: 'actions',
				rows: 1
			},
			{ path: 'documents/autre/note.pdf', size: 4, sha256: sha256(files[1].bytes), document_id: 'd1' }
		]);
		expect(manifest).toMatchObject({ made_by: 'Camille Coordination', made_at: '2026-12-01T10:00:00.000Z' });
		expect(manifest.app.version).toBe('0.1.0');
		expect(manifest.about.fr.join(' ')).toMatch(/nombres/);
	});

	it('zips the manifest and the files, byte for byte', () => {
		const unzipped = unzipSync(zipArchive(files, manifest));
		expect(Object.keys(unzipped).sort()).toEqual([MANIFEST_PATH, ...files.map((f) => f.path)].sort());
		expect(JSON.parse(strFromU8(unzipped[MANIFEST_PATH]))).toEqual(manifest);
		for (const f of files) expect(sha256(unzipped[f.path])).toBe(sha256(f.bytes));
	});

	it('names documents by kind, without folders, numbering the same name', () => {
		const taken = new Set<string>();
		expect(documentEntryPath('autre', 'Rapport.pdf', taken)).toBe('documents/autre/Rapport.pdf');
		expect(documentEntryPath('autre', 'rapport.pdf', taken)).toBe('documents/autre/rapport (2).pdf');
		expect(documentEntryPath('autre', '../../etc/passwd', taken)).toBe('documents/autre/-..-etc-passwd');
		expect(documentEntryPath('avenant', '', taken)).toBe('documents/avenant/document');
		expect(documentEntryPath('avenant', 'a\u0000b\nc.pdf', taken)).toBe('documents/avenant/abc.pdf');
	});

	it('lists each table once, and never a table it only counts', () => {
		const names = ARCHIVE_TABLES.map((t) => t.name);
		expect(new Set(names).size).toBe(names.length);
		for (const t of ARCHIVE_TABLES) {
			expect(COUNTED_ONLY).not.toContain(t.table);
			expect(Object.keys(LEFT_OUT)).not.toContain(t.table);
		}
	});

	it('files the archive only when the status becomes closed', () => {
		expect(closes('active', 'closed')).toBe(true);
		expect(closes('closed', 'closed')).toBe(false);
		expect(closes('draft', 'active')).toBe(false);
	});
});
