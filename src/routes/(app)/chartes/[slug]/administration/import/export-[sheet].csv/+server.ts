import { exportCsv } from '#lib/server/plan-files.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) => exportCsv(locals, params.slug, params.sheet);
