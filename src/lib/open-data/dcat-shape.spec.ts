import { describe, expect, it } from 'vitest';
import { dcatShapeProblems, isDate, isIri, isLiteral } from './dcat-shape.js';
import { dcatDocument, fileTypeIri, LICENCE_IRIS, type DcatInput } from './dcat.js';

const input: DcatInput = {
	origin: 'https://charte.example.fr',
	charter: {
		slug: 'cotentin',
		title: 'Plan du Cotentin',
		summary: 'Un plan.',
		territory_label: 'Cotentin',
		territory_code: '200067205',
		signed_on: null,
		starts_on: '2019-01-01',
		ends_on: '2020-12-31',
		created_at: '2026-11-01T10:00:00Z',
		updated_at: '2026-11-20T10:00:00Z',
		open_data_licence: 'etalab-2.0'
	},
	publisher: 'Communauté d’agglomération du Cotentin',
	keywords: ['santé', 'attractivité médicale'],
	files: [
		{ title: 'Plan', url: 'https://charte.example.fr/public/cotentin/donnees/plan.csv', mimeType: 'text/csv' },
		{
			title: 'Charte signée',
			url: 'https://charte.example.fr/public/cotentin/documents/1',
			mimeType: 'application/pdf',
			byteSize: 1234,
			issued: '2026-11-05T09:00:00Z'
		}
	],
	catalogTitle: 'Données ouvertes',
	catalogDescription: 'Le plan et ses indicateurs.'
};

describe('value kinds', () => {
	it('tells literals, IRIs and dates', () => {
		expect([isLiteral('a'), isLiteral(''), isLiteral({ '@value': 'x', '@language': 'fr' }), isLiteral({})]).toEqual([
			true,
			false,
			true,
			false
		]);
		expect([isIri({ '@id': 'https://a.fr' }), isIri({ '@id': 'relative' }), isIri('https://a.fr')]).toEqual([
			true,
			false,
			false
		]);
		expect([isDate({ '@value': '2026-11-22', '@type': 'xsd:date' }), isDate('22/11/2026')]).toEqual([true, false]);
	});
});

describe('dcatDocument and its shape', () => {
	it('builds a description with every required and recommended property', () => {
		const doc = dcatDocument(input);
		expect(dcatShapeProblems(JSON.parse(JSON.stringify(doc)))).toEqual([]);
		const dataset = doc['dcat:dataset'][0] as Record<string, unknown>;
		expect(dataset['dct:license']).toEqual({ '@id': LICENCE_IRIS['etalab-2.0'] });
		expect(dataset['dct:issued']).toEqual({ '@value': '2019-01-01', '@type': 'xsd:date' });
		expect(dataset['dcat:contactPoint']).toBeUndefined();
		const [csv, pdf] = dataset['dcat:distribution'] as Record<string, unknown>[];
		expect(csv['dct:format']).toEqual({ '@id': fileTypeIri('text/csv') });
		expect(pdf['dcat:byteSize']).toEqual({ '@value': '1234', '@type': 'xsd:nonNegativeInteger' });
	});

	it('names a generic contact address when there is one', () => {
		const doc = dcatDocument({ ...input, contactEmail: 'contact@cotentin.fr' });
		expect(dcatShapeProblems(doc)).toEqual([]);
		expect(doc['dcat:dataset'][0]['dcat:contactPoint']).toMatchObject({
			'vcard:hasEmail': { '@id': 'mailto:contact@cotentin.fr' }
		});
	});

	it('finds what is missing or of the wrong kind', () => {
		const doc = JSON.parse(JSON.stringify(dcatDocument(input)));
		delete doc['@context'].vcard;
		const dataset = doc['dcat:dataset'][0];
		delete dataset['dct:title'];
		dataset['dcat:landingPage'] = 'https://charte.example.fr/public/cotentin';
		dataset['dct:publisher'] = { '@type': 'foaf:Agent' };
		delete dataset['dcat:distribution'][0]['dcat:downloadURL'];
		dataset['dcat:distribution'][1]['dct:license'] = { '@id': 'licence' };
		expect(dcatShapeProblems(doc)).toEqual([
			'@context: préfixe vcard (http://www.w3.org/2006/vcard/ns#) manquant',
			'dataset[0]: dct:title manquant',
			'dataset[0].dcat:landingPage: iri attendu',
			'dataset[0].dct:publisher: foaf:name manquant',
			'dataset[0].distribution[0]: dcat:downloadURL manquant',
			'dataset[0].distribution[1].dct:license: iri attendu'
		]);
		expect(dcatShapeProblems([])).toEqual(['le document doit être un objet JSON-LD']);
		expect(dcatShapeProblems({ '@context': {}, '@type': 'dcat:Dataset' })).toContain(
			'catalogue: @type dcat:Catalog attendu'
		);
	});
});
