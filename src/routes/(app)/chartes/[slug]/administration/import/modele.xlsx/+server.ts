import { templateXlsx } from '#lib/server/plan-files.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) => templateXlsx(locals, params.slug);
