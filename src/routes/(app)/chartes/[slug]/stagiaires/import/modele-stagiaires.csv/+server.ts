import { INTERNSHIP_SHEET } from '#lib/server/internship-import/index.js';
import { buildCsv } from '#lib/server/spreadsheet/write.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
	new Response(buildCsv(INTERNSHIP_SHEET, []), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="stagiaires.csv"',
			'cache-control': 'private, no-store'
		}
	});
