import { publicDocumentRedirect } from '#lib/server/open-data/files.js';
import { publicClient } from '#lib/server/open-data/public-client.js';
import type { RequestHandler } from './$types';

/** A document marked public: a 303 to a signed address of its file; any other id is a 404. */
export const GET: RequestHandler = ({ params }) => publicDocumentRedirect(publicClient(), params.slug, params.id);
