/**
 * Reading a charter's rows for its archive, as the person making it (their supabase-js client: RLS decides, so
 * nothing of another charter can come in), every table filtered on the charter and read in pages of 1 000 rows
 * (PostgREST's limit) in a stable order.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { DOCUMENTS_BUCKET } from '#lib/documents/files.js';
import type { Row } from './csv.js';
import { ARCHIVE_TABLES, type ArchiveTable } from './tables.js';

const PAGE = 1000;

export class ArchiveReadError extends Error {
	constructor(
		readonly table: string,
		message: string
	) {
		super(`${table}: ${message}`);
		this.name = 'ArchiveReadError';
	}
}

export async function readTable(
	supabase: SupabaseClient<Database>,
	charterId: string,
	table: ArchiveTable
): Promise<Row[]> {
	const rows: Row[] = [];
	for (let from = 0; ; from += PAGE) {
		// The tables differ in shape: read as untyped rows (the list in tables.ts is checked by the tests).
		const source = (supabase as unknown as SupabaseClient).from(table.table);
		let query = source.select(table.select).eq(table.charterColumn, charterId);
		for (const column of table.order) query = query.order(column, { ascending: true });
		const { data, error } = await query.range(from, from + PAGE - 1);
		if (error) throw new ArchiveReadError(table.table, error.message);
		rows.push(...((data ?? []) as unknown as Row[]));
		if (!data || data.length < PAGE) return rows;
	}
}

export async function readTables(
	supabase: SupabaseClient<Database>,
	charterId: string
): Promise<{ table: ArchiveTable; rows: Row[] }[]> {
	const out: { table: ArchiveTable; rows: Row[] }[] = [];
	// One table after another: an archive is rare, the database serves the app's pages meanwhile.
	for (const table of ARCHIVE_TABLES) out.push({ table, rows: await readTable(supabase, charterId, table) });
	return out;
}

/** The counts of what the archive leaves out (people who are not members), as the dashboard shows them. */
export async function readCounts(
	supabase: SupabaseClient<Database>,
	charterId: string
): Promise<Record<string, unknown>> {
	const [pipeline, internships, grants] = await Promise.all([
		supabase.rpc('support_pipeline', { p_charter_id: charterId }),
		supabase.from('internships').select('status').eq('charter_id', charterId),
		supabase.from('aid_grants').select('status').eq('charter_id', charterId)
	]);
	const byStatus = (rows: { status: string }[] | null) => {
		const counts: Record<string, number> = {};
		for (const r of rows ?? []) counts[r.status] = (counts[r.status] ?? 0) + 1;
		return { total: rows?.length ?? 0, by_status: counts };
	};
	return {
		support_requests: pipeline.error ? null : pipeline.data,
		internships: internships.error ? null : byStatus(internships.data),
		aid_grants: grants.error ? null : byStatus(grants.data)
	};
}

/** A document's file, as the person making the archive; null when Storage does not give it. */
export async function readDocumentFile(
	supabase: SupabaseClient<Database>,
	objectPath: string
): Promise<Uint8Array | null> {
	const { data, error } = await supabase.storage.from(DOCUMENTS_BUCKET).download(objectPath);
	if (error || !data) return null;
	return new Uint8Array(await data.arrayBuffer());
}
