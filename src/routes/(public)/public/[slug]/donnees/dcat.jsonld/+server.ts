import { dcatResponse } from '#lib/server/open-data/files.js';
import { publicClient } from '#lib/server/open-data/public-client.js';
import type { RequestHandler } from './$types';

/** The DCAT-AP description of the charter's open data (JSON-LD), for data.gouv.fr and other portals. */
export const GET: RequestHandler = ({ params, url }) => dcatResponse(publicClient(), params.slug, url.origin);
