/**
 * The DCAT-AP description (JSON-LD) of a published charter's open data, as data.gouv.fr harvests it: a
 * dcat:Catalog holding the dcat:Dataset of the charter, whose distributions are the CSV files of the public page
 * and the documents a coordinator marked public. Every URL is absolute, from the request's origin. No person is
 * named: the publisher is an organization, and the contact point is given only for a generic address.
 */
import { DCAT_PREFIXES } from './dcat-shape.js';

export const OPEN_DATA_LICENCES = ['etalab-2.0', 'odbl-1.0', 'cc-by-4.0'] as const;
export type Licence = (typeof OPEN_DATA_LICENCES)[number];

/** The licences' IRIs: the EU vocabulary's where it has one, else the licence's own page. */
export const LICENCE_IRIS: Record<Licence, string> = {
	'etalab-2.0': 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
	'odbl-1.0': 'https://opendatacommons.org/licenses/odbl/1-0/',
	'cc-by-4.0': 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0'
};

const FILE_TYPES: Record<string, string> = {
	'application/pdf': 'PDF',
	'application/vnd.oasis.opendocument.text': 'ODT',
	'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
	'application/vnd.oasis.opendocument.presentation': 'ODP',
	'application/msword': 'DOC',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
	'application/vnd.ms-excel': 'XLS',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
	'application/vnd.ms-powerpoint': 'PPT',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PPTX',
	'text/csv': 'CSV',
	'text/plain': 'TXT',
	'image/png': 'PNG',
	'image/jpeg': 'JPEG',
	'image/webp': 'WEBP',
	'application/zip': 'ZIP'
};

/** The EU file-type vocabulary's IRI of a media type (BIN when it has none). */
export function fileTypeIri(mimeType: string): string {
	return `http://publications.europa.eu/resource/authority/file-type/${FILE_TYPES[mimeType] ?? 'BIN'}`;
}
export const mediaTypeIri = (mimeType: string) => `https://www.iana.org/assignments/media-types/${mimeType}`;

export interface DcatCharter {
	slug: string;
	title: string;
	summary: string | null;
	territory_label: string | null;
	territory_code: string | null;
	signed_on: string | null;
	starts_on: string | null;
	ends_on: string | null;
	created_at: string;
	updated_at: string;
	open_data_licence: Licence;
}
export interface DcatFile {
	title: string;
	description?: string;
	/** Absolute URL of the file. */
	url: string;
	mimeType: string;
	byteSize?: number;
	issued?: string;
}
export interface DcatInput {
	origin: string;
	charter: DcatCharter;
	publisher: string | null;
	/** A generic address (never a person's); omitted when there is none. */
	contactEmail?: string | null;
	keywords: string[];
	files: DcatFile[];
	catalogTitle: string;
	catalogDescription: string;
	/** Today, when nothing of the charter is dated. */
	modified?: string;
}

const day = (value: string) => value.slice(0, 10);
const dated = (value: string) => ({ '@value': day(value), '@type': 'xsd:date' });
const fr = (value: string) => ({ '@value': value, '@language': 'fr' });

export function dcatDocument(input: DcatInput) {
	const { origin, charter } = input;
	const landing = `${origin}/public/${charter.slug}`;
	const licence = { '@id': LICENCE_IRIS[charter.open_data_licence] };
	const publisher = {
		'@type': 'foaf:Agent',
		'foaf:name': input.publisher ?? charter.territory_label ?? charter.title
	};
	const dataset: Record<string, unknown> = {
		'@id': `${landing}#donnees-ouvertes`,
		'@type': 'dcat:Dataset',
		'dct:identifier': landing,
		'dct:title': fr(charter.title),
		'dct:description': fr(charter.summary?.trim() || charter.title),
		'dct:publisher': publisher,
		'dct:license': licence,
		'dct:issued': dated(charter.signed_on ?? charter.starts_on ?? charter.created_at),
		'dct:modified': dated(input.modified && input.modified > charter.updated_at ? input.modified : charter.updated_at),
		'dcat:keyword': input.keywords.map(fr),
		'dcat:landingPage': { '@id': landing },
		'dct:language': { '@id': 'http://publications.europa.eu/resource/authority/language/FRA' },
		'dct:spatial': {
			'@type': 'dct:Location',
			'locn:geographicName': charter.territory_label ?? charter.title,
			...(charter.territory_code ? { 'dct:identifier': charter.territory_code } : {})
		},
		...(charter.starts_on || charter.ends_on
			? {
					'dct:temporal': {
						'@type': 'dct:PeriodOfTime',
						...(charter.starts_on ? { 'dcat:startDate': dated(charter.starts_on) } : {}),
						...(charter.ends_on ? { 'dcat:endDate': dated(charter.ends_on) } : {})
					}
				}
			: {}),
		...(input.contactEmail
			? {
					'dcat:contactPoint': {
						'@type': 'vcard:Organization',
						'vcard:fn': input.publisher ?? charter.title,
						'vcard:hasEmail': { '@id': `mailto:${input.contactEmail}` }
					}
				}
			: {}),
		'dcat:distribution': input.files.map((f) => ({
			'@id': f.url,
			'@type': 'dcat:Distribution',
			'dct:title': fr(f.title),
			...(f.description ? { 'dct:description': fr(f.description) } : {}),
			'dcat:accessURL': { '@id': landing },
			'dcat:downloadURL': { '@id': f.url },
			'dct:format': { '@id': fileTypeIri(f.mimeType) },
			'dcat:mediaType': { '@id': mediaTypeIri(f.mimeType) },
			'dct:license': licence,
			...(f.byteSize !== undefined
				? { 'dcat:byteSize': { '@value': String(f.byteSize), '@type': 'xsd:nonNegativeInteger' } }
				: {}),
			...(f.issued ? { 'dct:issued': dated(f.issued) } : {})
		}))
	};
	return {
		'@context': {
			...DCAT_PREFIXES,
			locn: 'http://www.w3.org/ns/locn#',
			xsd: 'http://www.w3.org/2001/XMLSchema#'
		},
		'@id': `${landing}/donnees/dcat.jsonld#catalogue`,
		'@type': 'dcat:Catalog',
		'dct:title': fr(input.catalogTitle),
		'dct:description': fr(input.catalogDescription),
		'dct:publisher': publisher,
		'dct:language': { '@id': 'http://publications.europa.eu/resource/authority/language/FRA' },
		'dct:license': licence,
		'foaf:homepage': { '@id': landing },
		'dcat:dataset': [dataset]
	};
}
