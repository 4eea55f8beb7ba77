/**
 * A charter's plan as a spreadsheet (docs/import-template.md): the template (./template.ts), the payload of
 * public.import_charter_plan (./payload.ts), the check of an upload (pure, ./validate.ts, after the reads of
 * ./context.ts) and the export (./export.ts).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { parseSheet } from '../spreadsheet/parse.js';
import { readSheets } from '../spreadsheet/read.js';
import type { ParsedRow, Problem, UploadedFile } from '../spreadsheet/types.js';
import { readPlanContext } from './context.js';
import type { PlanPreview } from './payload.js';
import { PLAN_SHEETS } from './template.js';
import { communeCodes, validatePlan, type ParsedPlan } from './validate.js';

export { exportPlan } from './export.js';
export { planPayloadSchema, type PlanPayload, type PlanPreview, type SheetSummary } from './payload.js';
export { PLAN_SHEETS } from './template.js';
export { validatePlan, type ParsedPlan, type PlanContext } from './validate.js';

/** Reads and parses the uploaded files against the template's sheets (sheets of other names are ignored). */
export async function parsePlan(files: UploadedFile[]): Promise<ParsedPlan> {
	const read = await readSheets(files, PLAN_SHEETS);
	const problems: Problem[] = [...read.problems];
	const rows = new Map<string, ParsedRow[]>();
	for (const sheet of read.sheets) {
		const result = parseSheet(sheet);
		rows.set(sheet.spec.name, result.rows);
		problems.push(...result.problems);
	}
	return { rows, problems };
}

/** Reads, parses and checks an upload against the charter; the payload is set only when nothing is wrong. */
export async function previewPlan(
	supabase: SupabaseClient<Database>,
	charterId: string,
	files: UploadedFile[]
): Promise<PlanPreview> {
	const sheets = await parsePlan(files);
	const context = await readPlanContext(supabase, charterId, communeCodes(sheets.rows.get('actions') ?? []));
	return validatePlan(sheets, context);
}
