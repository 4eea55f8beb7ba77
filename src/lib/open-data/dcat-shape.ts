/**
 * A DCAT-AP shape check for the JSON-LD the public page serves (donnees/dcat.jsonld): the mandatory properties of
 * dcat:Catalog, dcat:Dataset, dcat:Distribution and foaf:Agent (DCAT-AP 2/3), and the recommended ones this app
 * always gives, each with the kind of value it must have (a literal, an IRI, a typed node). It reads the nested
 * compact form the app writes (prefixes of the `@context`, nodes embedded), not any JSON-LD; it returns the
 * problems found, none when the document has the shape.
 */

export const DCAT_PREFIXES = {
	dcat: 'http://www.w3.org/ns/dcat#',
	dct: 'http://purl.org/dc/terms/',
	foaf: 'http://xmlns.com/foaf/0.1/',
	vcard: 'http://www.w3.org/2006/vcard/ns#'
} as const;

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A literal: a non-empty string, or `{ "@value": "…" }` (with a language or a datatype). */
export function isLiteral(v: unknown): boolean {
	if (typeof v === 'string') return v.trim().length > 0;
	if (typeof v === 'number') return true;
	return isNode(v) && (typeof v['@value'] === 'string' || typeof v['@value'] === 'number') && `${v['@value']}` !== '';
}

/** An IRI reference: `{ "@id": "<absolute IRI>" }`. */
export function isIri(v: unknown): boolean {
	if (!isNode(v) || typeof v['@id'] !== 'string') return false;
	return /^(https?|mailto|urn):/.test(v['@id']);
}

/** A date or date-time literal typed xsd:date / xsd:dateTime, or an ISO string. */
export function isDate(v: unknown): boolean {
	const value = isNode(v) ? v['@value'] : v;
	return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value);
}

const hasType = (v: unknown, type: string) => isNode(v) && list(v['@type']).includes(type);

type Rule = { property: string; kind: 'literal' | 'iri' | 'date' | 'node'; type?: string; many?: boolean };

function checkNode(node: unknown, type: string, rules: Rule[], path: string, problems: string[]): void {
	if (!hasType(node, type)) {
		problems.push(`${path}: @type ${type} attendu`);
		return;
	}
	const n = node as Node;
	for (const rule of rules) {
		const values = list(n[rule.property]);
		if (values.length === 0) {
			problems.push(`${path}: ${rule.property} manquant`);
			continue;
		}
		values.forEach((v, i) => {
			const at = values.length > 1 ? `${path}.${rule.property}[${i}]` : `${path}.${rule.property}`;
			const ok =
				rule.kind === 'literal'
					? isLiteral(v)
					: rule.kind === 'iri'
						? isIri(v)
						: rule.kind === 'date'
							? isDate(v)
							: hasType(v, rule.type ?? '');
			if (!ok) problems.push(`${at}: ${rule.kind === 'node' ? `nœud ${rule.type}` : rule.kind} attendu`);
		});
	}
}

const AGENT: Rule[] = [{ property: 'foaf:name', kind: 'literal' }];
const DISTRIBUTION: Rule[] = [
	{ property: 'dcat:accessURL', kind: 'iri' },
	{ property: 'dcat:downloadURL', kind: 'iri' },
	{ property: 'dct:format', kind: 'iri' },
	{ property: 'dcat:mediaType', kind: 'iri' },
	{ property: 'dct:license', kind: 'iri' },
	{ property: 'dct:title', kind: 'literal' }
];
const DATASET: Rule[] = [
	{ property: 'dct:title', kind: 'literal' },
	{ property: 'dct:description', kind: 'literal' },
	{ property: 'dct:publisher', kind: 'node', type: 'foaf:Agent' },
	{ property: 'dcat:distribution', kind: 'node', type: 'dcat:Distribution' },
	{ property: 'dct:license', kind: 'iri' },
	{ property: 'dct:issued', kind: 'date' },
	{ property: 'dct:modified', kind: 'date' },
	{ property: 'dcat:keyword', kind: 'literal' },
	{ property: 'dcat:landingPage', kind: 'iri' },
	{ property: 'dct:language', kind: 'iri' },
	{ property: 'dct:spatial', kind: 'node', type: 'dct:Location' }
];
const CATALOG: Rule[] = [
	{ property: 'dct:title', kind: 'literal' },
	{ property: 'dct:description', kind: 'literal' },
	{ property: 'dct:publisher', kind: 'node', type: 'foaf:Agent' },
	{ property: 'dcat:dataset', kind: 'node', type: 'dcat:Dataset' }
];

/** The problems of a DCAT-AP description (an empty list: it has the shape). */
export function dcatShapeProblems(doc: unknown): string[] {
	const problems: string[] = [];
	if (!isNode(doc)) return ['le document doit être un objet JSON-LD'];
	const context = doc['@context'];
	for (const [prefix, iri] of Object.entries(DCAT_PREFIXES)) {
		if (!isNode(context) || context[prefix] !== iri) problems.push(`@context: préfixe ${prefix} (${iri}) manquant`);
	}
	if (!isIri(doc)) problems.push('catalogue: @id manquant');
	checkNode(doc, 'dcat:Catalog', CATALOG, 'catalogue', problems);
	for (const [i, publisher] of list(doc['dct:publisher']).entries()) {
		if (hasType(publisher, 'foaf:Agent'))
			checkNode(publisher, 'foaf:Agent', AGENT, `catalogue.dct:publisher[${i}]`, problems);
	}
	for (const [i, dataset] of list(doc['dcat:dataset']).entries()) {
		const path = `dataset[${i}]`;
		if (!hasType(dataset, 'dcat:Dataset')) continue;
		checkNode(dataset, 'dcat:Dataset', DATASET, path, problems);
		const d = dataset as Node;
		for (const publisher of list(d['dct:publisher'])) {
			if (hasType(publisher, 'foaf:Agent'))
				checkNode(publisher, 'foaf:Agent', AGENT, `${path}.dct:publisher`, problems);
		}
		for (const [j, distribution] of list(d['dcat:distribution']).entries()) {
			if (hasType(distribution, 'dcat:Distribution')) {
				checkNode(distribution, 'dcat:Distribution', DISTRIBUTION, `${path}.distribution[${j}]`, problems);
			}
		}
		for (const contact of list(d['dcat:contactPoint'])) {
			checkNode(
				contact,
				'vcard:Organization',
				[
					{ property: 'vcard:fn', kind: 'literal' },
					{ property: 'vcard:hasEmail', kind: 'iri' }
				],
				`${path}.dcat:contactPoint`,
				problems
			);
		}
	}
	return problems;
}
