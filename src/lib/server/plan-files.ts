/** The template and the export of a charter's plan as downloadable files (XLSX and one CSV per sheet). */
import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { exportPlan, PLAN_SHEETS } from './charter-plan/index.js';
import { buildCsv, buildWorkbook, type OutputRow } from './spreadsheet/write.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function download(body: Uint8Array | string, type: string, filename: string): Response {
	return new Response(body as BodyInit, {
		headers: {
			'content-type': type,
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'private, no-store'
		}
	});
}

function specOf(sheet: string) {
	const spec = PLAN_SHEETS.find((s) => s.name === sheet);
	if (!spec) error(404, m.error_sheet_unknown());
	return spec;
}

/** The template, its partners sheet pre-filled with the charter's partners (the pilots' drop-down list). */
export async function templateXlsx(locals: App.Locals, slug: string): Promise<Response> {
	const { rows } = await charterPlan(locals, slug);
	const title = m.admin_import_template_title({}, { locale: 'fr' });
	const file = await buildWorkbook(PLAN_SHEETS, { partenaires: rows.partenaires ?? [] }, { title });
	return download(file, XLSX, `modele-plan-${slug}.xlsx`);
}

export function templateCsv(sheet: string): Response {
	return download(buildCsv(specOf(sheet), []), 'text/csv; charset=utf-8', `${sheet}.csv`);
}

async function charterPlan(
	locals: App.Locals,
	slug: string
): Promise<{ title: string; rows: Record<string, OutputRow[]> }> {
	const { data: charter } = await locals.supabase.from('charters').select('id, title').eq('slug', slug).maybeSingle();
	if (!charter) error(404, m.error_charter_not_found());
	try {
		return { title: charter.title, rows: await exportPlan(locals.supabase, charter.id) };
	} catch {
		error(503, m.error_export_unavailable());
	}
}

export async function exportXlsx(locals: App.Locals, slug: string): Promise<Response> {
	const { title, rows } = await charterPlan(locals, slug);
	return download(await buildWorkbook(PLAN_SHEETS, rows, { title }), XLSX, `${slug}.xlsx`);
}

export async function exportCsv(locals: App.Locals, slug: string, sheet: string): Promise<Response> {
	const spec = specOf(sheet);
	const { rows } = await charterPlan(locals, slug);
	return download(buildCsv(spec, rows[sheet] ?? []), 'text/csv; charset=utf-8', `${slug}-${sheet}.csv`);
}
