import { openDataCsv } from '#lib/server/open-data/files.js';
import { publicClient } from '#lib/server/open-data/public-client.js';
import type { RequestHandler } from './$types';

/** The indicators with their values, yearly targets and final target (open data, CSV). */
export const GET: RequestHandler = ({ params }) => openDataCsv(publicClient(), params.slug, 'indicateurs');
