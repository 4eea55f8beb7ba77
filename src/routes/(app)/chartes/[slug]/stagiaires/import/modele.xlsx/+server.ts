import { m } from '#lib/paraglide/messages.js';
import { INTERNSHIP_SHEET } from '#lib/server/internship-import/index.js';
import { buildWorkbook } from '#lib/server/spreadsheet/write.js';
import type { RequestHandler } from './$types';

/** The template of the faculties' lists: a notice sheet documenting every column, then the empty sheet. */
export const GET: RequestHandler = async () => {
	const file = await buildWorkbook(
		[INTERNSHIP_SHEET],
		{},
		{ title: m.interns_import_template_title({}, { locale: 'fr' }) }
	);
	return new Response(file as BodyInit, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': 'attachment; filename="modele-stagiaires.xlsx"',
			'cache-control': 'private, no-store'
		}
	});
};
