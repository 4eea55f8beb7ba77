/**
 * The answers of the open-data addresses of a public page (`/public/<slug>/donnees/…` and
 * `/public/<slug>/documents/<id>`), given a client with the public's rights: the CSV files, the DCAT-AP
 * description and the download of a public document. A charter that is not published, or a document that is
 * not public, is a 404 whoever asks.
 */
import { error, redirect } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { DOCUMENTS_BUCKET } from '#lib/documents/files.js';
import { m } from '#lib/paraglide/messages.js';
import { dcatDocument } from '#lib/open-data/dcat.js';
import { indicatorsCsv, planCsv } from './csv.js';
import {
	loadIndicators,
	loadPlan,
	loadPublicDocuments,
	loadPublisher,
	publicCharter,
	PUBLIC_DOCUMENT_COLUMNS,
	type PublicCharter
} from './data.js';

type Client = SupabaseClient<Database>;
export type OpenDataFile = 'plan' | 'indicateurs';

/** The open-data addresses of a public page, absolute. */
export const openDataUrls = (origin: string, slug: string) => ({
	page: `${origin}/public/${slug}`,
	plan: `${origin}/public/${slug}/donnees/plan.csv`,
	indicators: `${origin}/public/${slug}/donnees/indicateurs.csv`,
	dcat: `${origin}/public/${slug}/donnees/dcat.jsonld`,
	document: (id: string) => `${origin}/public/${slug}/documents/${id}`
});

const OPEN_HEADERS = {
	// Open data: anyone may read it, from any site; a short cache, since the plan moves.
	'access-control-allow-origin': '*',
	'cache-control': 'public, max-age=300'
};

export async function openDataCsv(client: Client, slug: string, file: OpenDataFile): Promise<Response> {
	const charter = await publicCharter(client, slug);
	const body =
		file === 'plan'
			? planCsv(await loadPlan(client, charter.id))
			: indicatorsCsv(await loadIndicators(client, charter.id));
	return new Response(body, {
		headers: {
			...OPEN_HEADERS,
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${charter.slug}-${file}.csv"`
		}
	});
}

/** The DCAT-AP description of a published charter (a dcat:Catalog with its dcat:Dataset). */
export async function dcatFor(client: Client, charter: PublicCharter, origin: string) {
	const urls = openDataUrls(origin, charter.slug);
	const [publisher, documents] = await Promise.all([
		loadPublisher(client, charter.id),
		loadPublicDocuments(client, charter.id)
	]);
	return dcatDocument({
		origin,
		charter,
		publisher,
		// The charter has no generic address of its own: no contact point (never a person's address).
		contactEmail: null,
		keywords: [...m.open_data_keywords().split('|'), ...(charter.territory_label ? [charter.territory_label] : [])],
		catalogTitle: m.open_data_catalog_title({ title: charter.title }),
		catalogDescription: m.open_data_catalog_description(),
		modified: documents[0]?.created_at,
		files: [
			{ title: m.open_data_plan_title(), url: urls.plan, mimeType: 'text/csv' },
			{ title: m.open_data_indicators_title(), url: urls.indicators, mimeType: 'text/csv' },
			...documents.map((d) => ({
				title: d.title,
				url: urls.document(d.id),
				mimeType: d.mime_type,
				byteSize: d.size,
				issued: d.created_at
			}))
		]
	});
}

export async function dcatResponse(client: Client, slug: string, origin: string): Promise<Response> {
	const charter = await publicCharter(client, slug);
	return new Response(JSON.stringify(await dcatFor(client, charter, origin), null, 2), {
		headers: { ...OPEN_HEADERS, 'content-type': 'application/ld+json; charset=utf-8' }
	});
}

/** A public document's file: a 303 to a signed address valid one minute, made with the public's rights. */
export async function publicDocumentRedirect(client: Client, slug: string, id: string): Promise<never> {
	if (!/^[0-9a-f-]{36}$/i.test(id)) error(404, m.open_data_document_not_found());
	const charter = await publicCharter(client, slug);
	const { data: document } = await client
		.from('documents')
		.select(`${PUBLIC_DOCUMENT_COLUMNS}, object_path`)
		.eq('id', id)
		.eq('charter_id', charter.id)
		.eq('is_public', true)
		.maybeSingle();
	if (!document) error(404, m.open_data_document_not_found());
	const { data, error: err } = await client.storage
		.from(DOCUMENTS_BUCKET)
		.createSignedUrl(document.object_path, 60, { download: document.file_name });
	if (err || !data) error(503, m.open_data_document_unavailable());
	// The signed address is the Storage API's (PUBLIC_SUPABASE_URL), made by our own client.
	redirect(303, data.signedUrl, { external: true });
}
