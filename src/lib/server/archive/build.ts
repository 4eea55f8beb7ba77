/**
 * A charter's whole archive, built in memory: its tables (CSV and JSON), the counts it keeps instead of
 * personal data, its documents' files downloaded from Storage, and the manifest describing them.
 *
 * In memory rather than streamed: the manifest lists every file's sha256 and the zip's size decides whether it
 * can be filed as a document (20 MB), so the whole is needed before anything is sent; a charter's documents are
 * at most a few hundred megabytes (20 MB each), which a server holds, and files already compressed (PDF, images,
 * office documents) are stored in the zip as they are. Documents are downloaded one after another.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { todayIso } from '#lib/format.js';
import { tableCsv, type Row } from './csv.js';
import {
	documentEntryPath,
	manifestOf,
	sha256,
	zipArchive,
	type ArchiveFile,
	type Manifest,
	type ManifestInput
} from './manifest.js';
import { readCounts, readDocumentFile, readTables } from './read.js';
import packageJson from '../../../../package.json' with { type: 'json' };

export interface ArchiveRequest {
	charter: { id: string; slug: string; title: string };
	/** The display name of the person making it. */
	madeBy: string;
	now?: Date;
}

export interface CharterArchive {
	bytes: Uint8Array;
	manifest: Manifest;
	fileName: string;
}

const encoder = new TextEncoder();

export const archiveFileName = (slug: string, now: Date) => `archive-${slug}-${todayIso(now)}.zip`;

export async function buildCharterArchive(
	supabase: SupabaseClient<Database>,
	request: ArchiveRequest
): Promise<CharterArchive> {
	const now = request.now ?? new Date();
	const charterId = request.charter.id;
	const [tables, counts] = await Promise.all([readTables(supabase, charterId), readCounts(supabase, charterId)]);

	const files: ArchiveFile[] = [];
	for (const { table, rows } of tables) {
		const common = { table: table.table, rows: rows.length };
		files.push({ path: `csv/${table.name}.csv`, bytes: encoder.encode(tableCsv(rows, table.jsonOnly)), ...common });
		files.push({ path: `json/${table.name}.json`, bytes: encoder.encode(JSON.stringify(rows, null, 1)), ...common });
	}
	files.push({ path: 'json/nombres.json', bytes: encoder.encode(JSON.stringify(counts, null, 1)) });

	const documents = tables.find((t) => t.table.table === 'documents')?.rows ?? [];
	const missing: ManifestInput['missing'][number][] = [];
	const taken = new Set<string>();
	for (const doc of documents as (Row & DocumentFields)[]) {
		// An earlier archive of the charter holds what this one holds: its row is kept, not its file.
		if (doc.kind === 'archive') continue;
		const bytes = await readDocumentFile(supabase, doc.object_path);
		if (!bytes) {
			missing.push({ document_id: doc.id, title: doc.title, reason: 'absent du stockage / not in Storage' });
			continue;
		}
		if (sha256(bytes) !== doc.sha256) {
			missing.push({ document_id: doc.id, title: doc.title, reason: 'empreinte différente / sha256 differs' });
			continue;
		}
		files.push({ path: documentEntryPath(doc.kind, doc.file_name, taken), bytes, documentId: doc.id });
	}

	const manifest = manifestOf({
		charter: request.charter,
		madeAt: now,
		madeBy: request.madeBy,
		appVersion: packageJson.version,
		files,
		counts,
		missing
	});
	return {
		bytes: zipArchive(files, manifest),
		manifest,
		fileName: archiveFileName(request.charter.slug, now)
	};
}

interface DocumentFields {
	id: string;
	title: string;
	kind: string;
	file_name: string;
	object_path: string;
	sha256: string;
}

/** The name the manifest gives the person making the archive (their profile's), else their e-mail. */
export async function makerName(
	supabase: SupabaseClient<Database>,
	user: { id: string; email?: string | null }
): Promise<string> {
	const { data } = await supabase.from('profiles').select('display_name').eq('id', user.id).maybeSingle();
	return data?.display_name ?? user.email ?? user.id;
}
