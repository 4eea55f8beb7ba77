import { exportXlsx } from '#lib/server/plan-files.js';
import type { RequestHandler } from './$types';

/** The charter's plan in the import template; RLS shows members their charter only. */
export const GET: RequestHandler = ({ locals, params }) => exportXlsx(locals, params.slug);
