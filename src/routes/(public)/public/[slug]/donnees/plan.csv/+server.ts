import { openDataCsv } from '#lib/server/open-data/files.js';
import { publicClient } from '#lib/server/open-data/public-client.js';
import type { RequestHandler } from './$types';

/** The plan and the progress of its actions, as the public page shows them (open data, CSV). */
export const GET: RequestHandler = ({ params }) => openDataCsv(publicClient(), params.slug, 'plan');
