/**
 * Importing the lists of interns that faculties send each semester (November and May intakes), as XLSX or
 * CSV, with the spreadsheet pieces of the charter import (../spreadsheet): read, parse by column, read what the
 * rows name from the database (./context.ts), then check them (pure, ./validate.ts) and report every problem by
 * row and column before anything is written.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, TablesInsert } from '#lib/database.types.js';
import { parseSheet } from '../spreadsheet/parse.js';
import { readSheets } from '../spreadsheet/read.js';
import type { UploadedFile } from '../spreadsheet/types.js';
import type { Membership } from '../memberships.js';
import { readInternshipContext } from './context.js';
import type { ImportPreview, ImportRow } from './payload.js';
import { INTERNSHIP_SHEET } from './template.js';
import { validateInternships, type ParsedList } from './validate.js';

export { importPayloadSchema, importRowSchema, type ImportPreview, type ImportRow } from './payload.js';
export { INTERNSHIP_SHEET } from './template.js';
export { validateInternships, type InternshipContext, type ParsedList } from './validate.js';

type Client = SupabaseClient<Database>;

/** Reads the uploaded file and parses its sheet (named `stagiaires`, or the first one); null when there is none. */
export async function parseInternships(files: UploadedFile[]): Promise<ParsedList & { found: boolean }> {
	const read = await readSheets(files, [INTERNSHIP_SHEET], { anyName: true });
	const sheet = read.sheets[0];
	if (!sheet) return { rows: [], problems: read.problems, found: false };
	const parsed = parseSheet(sheet);
	return { rows: parsed.rows, problems: [...read.problems, ...parsed.problems], found: true };
}

export async function previewInternships(
	supabase: Client,
	charterId: string,
	membership: Membership,
	files: UploadedFile[]
): Promise<ImportPreview> {
	const sheet = await parseInternships(files);
	if (!sheet.found) return { sheets: [], problems: sheet.problems, payload: null, skipped: 0, confirmed: 0 };
	const context = await readInternshipContext(supabase, charterId, membership, sheet.rows);
	return validateInternships(sheet, context);
}

/** Inserts the checked rows in one statement: one transaction, and the officials' e-mails in the same one. */
export async function importInternships(
	supabase: Client,
	charterId: string,
	userId: string,
	rows: ImportRow[]
): Promise<{ ok: true; count: number } | { ok: false; code: string | null; message: string }> {
	const records: TablesInsert<'internships'>[] = rows.map((r) => ({ ...r, charter_id: charterId, created_by: userId }));
	const { data, error } = await supabase.from('internships').insert(records).select('id');
	if (error) return { ok: false, code: error.code ?? null, message: error.message };
	return { ok: true, count: data.length };
}
