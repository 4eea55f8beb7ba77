/**
 * The open data of a published charter, as anyone gets it (the anon key, no session): the CSV files of the plan
 * and the indicators, the DCAT-AP description (its shape checked by src/lib/open-data/dcat-shape.ts) and the
 * download of a public document. A charter that is not published is a 404 everywhere, a document that is not
 * public is neither listed nor downloadable, and no output names a person, an e-mail or a user id.
 */
import { createHash } from 'node:crypto';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../scripts/demo-accounts.ts';
import { dcatShapeProblems, DCAT_PREFIXES } from '../../src/lib/open-data/dcat-shape.ts';
import { dcatResponse, openDataCsv, publicDocumentRedirect } from '../../src/lib/server/open-data/files.ts';
import { ids, superuserPool, tag } from '../helpers/demo.ts';
import { anonClient, serviceClient } from '../helpers/env.ts';

const BUCKET = 'charter-documents';
const HV = ids.charter('haute-vienne');
const ORIGIN = 'https://charte.example.test';
const T = tag('open-data');
const su = superuserPool();
// The public's client, typed as the app's.
const anon = () => anonClient() as unknown as SupabaseClient<never>;

const files = {
	public: { path: `${HV}/charte/${T}-publique.pdf`, body: Buffer.from(`%PDF-1.4\n% charte publique ${T}\n%%EOF\n`) },
	private: { path: `${HV}/charte/${T}-interne.pdf`, body: Buffer.from(`%PDF-1.4\n% document interne ${T}\n%%EOF\n`) }
};
const docs: { public?: string; private?: string } = {};

async function fileDocument(which: 'public' | 'private'): Promise<string> {
	const f = files[which];
	const { error } = await serviceClient()
		.storage.from(BUCKET)
		.upload(f.path, f.body, { contentType: 'application/pdf' });
	if (error) throw new Error(`upload: ${error.message}`);
	const row = await su.one<{ id: string }>(
		`insert into public.documents (charter_id, kind, title, object_path, file_name, size, mime_type, sha256, is_public)
		 values ($1, 'charte_signee', $2, $3, $4, $5, 'application/pdf', $6, $7) returning id`,
		[
			HV,
			which === 'public' ? `Charte signée ${T}` : `Note interne ${T}`,
			f.path,
			f.path.split('/').at(-1),
			f.body.length,
			createHash('sha256').update(f.body).digest('hex'),
			which === 'public'
		]
	);
	return row.id;
}

const text = (response: Response) => response.text();
const rows = (csv: string) =>
	Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), { delimiter: ';' }).data.filter((r) => r.length > 1);

async function status(call: () => Promise<unknown>): Promise<number | string> {
	try {
		await call();
		return 'no error';
	} catch (thrown) {
		if (isHttpError(thrown)) return thrown.status;
		if (isRedirect(thrown)) return thrown.status;
		throw thrown;
	}
}

beforeAll(async () => {
	docs.public = await fileDocument('public');
	docs.private = await fileDocument('private');
});

afterAll(async () => {
	await su.query('delete from public.documents where id = any($1)', [[docs.public, docs.private].filter(Boolean)]);
	await serviceClient().storage.from(BUCKET).remove([files.public.path, files.private.path]);
	await su.end();
});

describe('the CSV files of a published charter', () => {
	it('give the plan: every objective and action, UTF-8 with a BOM, ; separated, French headers', async () => {
		const response = await openDataCsv(anon(), 'haute-vienne', 'plan');
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const body = bytes.toString('utf8');
		const [header, ...lines] = rows(body);
		expect(header).toEqual([
			'Code objectif',
			'Objectif',
			'Code action',
			'Action',
			'Pilote',
			'Statut',
			'Avancement (%)',
			'Échéance',
			'En retard'
		]);
		const expected = await su.query<{ code: string; progress: number }>(
			`select a.code, a.progress from public.actions a where a.charter_id = $1 and a.archived_at is null`,
			[HV]
		);
		const actionLines = lines.filter((l) => l[2] !== '');
		expect(actionLines.map((l) => l[2]).sort()).toEqual(expected.map((e) => e.code).sort());
		for (const e of expected) expect(actionLines.find((l) => l[2] === e.code)![6]).toBe(String(e.progress));
	});

	it('give the indicators with every value, the yearly targets and the final target', async () => {
		const body = await text(await openDataCsv(anon(), 'cotentin-attractivite-medicale', 'indicateurs'));
		const [header, ...lines] = rows(body);
		expect(header.slice(4, 8)).toEqual(['Type de ligne', 'Date', 'Année', 'Valeur']);
		const values = await su.query<{ n: number }>(
			`select count(*)::int as n from public.indicator_values where charter_id = $1`,
			[ids.charter('cotentin')]
		);
		expect(lines.filter((l) => l[4] === 'Valeur mesurée')).toHaveLength(values[0].n);
		expect(lines.filter((l) => l[4] === 'Cible annuelle').map((l) => [l[5], l[6], l[7]])).toEqual([
			['2019-12-31', '2019', '100'],
			['2020-12-31', '2020', '100']
		]);
	});
});

describe('the DCAT-AP description', () => {
	it('has the shape: a catalog with the dataset, its publisher, licence and distributions', async () => {
		const response = await dcatResponse(anon(), 'haute-vienne', ORIGIN);
		expect(response.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
		const doc = JSON.parse(await text(response));
		expect(doc['@context']).toMatchObject(DCAT_PREFIXES);
		expect(dcatShapeProblems(doc)).toEqual([]);
		const dataset = doc['dcat:dataset'][0];
		expect(dataset['dcat:landingPage']).toEqual({ '@id': `${ORIGIN}/public/haute-vienne` });
		expect(dataset['dct:license']).toEqual({ '@id': 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' });
		const publisher = await su.one<{ name: string }>(
			`select o.name from public.charter_partners cp join public.organizations o on o.id = cp.organization_id
			 where cp.charter_id = $1 and cp.role in ('lead', 'signatory')
			 order by cp.role = 'lead' desc, cp.signed_on nulls last, cp.created_at, o.name limit 1`,
			[HV]
		);
		expect(dataset['dct:publisher']['foaf:name']).toBe(publisher.name);
		const urls = dataset['dcat:distribution'].map(
			(d: { 'dcat:downloadURL': { '@id': string } }) => d['dcat:downloadURL']['@id']
		);
		expect(urls).toContain(`${ORIGIN}/public/haute-vienne/donnees/plan.csv`);
		expect(urls).toContain(`${ORIGIN}/public/haute-vienne/donnees/indicateurs.csv`);
		expect(urls).toContain(`${ORIGIN}/public/haute-vienne/documents/${docs.public}`);
		expect(urls).not.toContain(`${ORIGIN}/public/haute-vienne/documents/${docs.private}`);
		// No contact point: the charter has no generic address, and a person's is never given.
		expect(dataset['dcat:contactPoint']).toBeUndefined();
	});

	it('follows the licence the coordinator chose', async () => {
		await su.query(`update public.charters set open_data_licence = 'cc-by-4.0' where id = $1`, [HV]);
		try {
			const doc = JSON.parse(await text(await dcatResponse(anon(), 'haute-vienne', ORIGIN)));
			expect(doc['dcat:dataset'][0]['dct:license']).toEqual({
				'@id': 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0'
			});
		} finally {
			await su.query(`update public.charters set open_data_licence = 'etalab-2.0' where id = $1`, [HV]);
		}
	});
});

describe('what is not published', () => {
	it('a charter that is not published is a 404 for every file', async () => {
		const slug = 'vaucluse-sante-attractivite';
		expect(await status(() => openDataCsv(anon(), slug, 'plan'))).toBe(404);
		expect(await status(() => openDataCsv(anon(), slug, 'indicateurs'))).toBe(404);
		expect(await status(() => dcatResponse(anon(), slug, ORIGIN))).toBe(404);
		expect(await status(() => publicDocumentRedirect(anon(), slug, docs.public!))).toBe(404);
		expect(await status(() => openDataCsv(anon(), 'aucune-charte', 'plan'))).toBe(404);
	});

	it('a public document downloads through a signed address; a document that is not public does not', async () => {
		let location = '';
		try {
			await publicDocumentRedirect(anon(), 'haute-vienne', docs.public!);
		} catch (thrown) {
			if (!isRedirect(thrown)) throw thrown;
			expect(thrown.status).toBe(303);
			location = thrown.location;
		}
		expect(location).toContain('/storage/v1/object/sign/');
		const file = await fetch(location);
		expect(file.status).toBe(200);
		expect(Buffer.from(await file.arrayBuffer()).equals(files.public.body)).toBe(true);

		expect(await status(() => publicDocumentRedirect(anon(), 'haute-vienne', docs.private!))).toBe(404);
		expect(await status(() => publicDocumentRedirect(anon(), 'haute-vienne', 'pas-un-id'))).toBe(404);
		const listed = await anonClient().from('documents').select('id').eq('charter_id', HV);
		expect(listed.data?.map((d) => d.id)).toEqual([docs.public]);
		const direct = await anonClient().storage.from(BUCKET).download(files.private.path);
		expect(direct.data).toBeNull();
	});
});

describe('no personal data', () => {
	it('no output names a demo person, an e-mail address or a user id', async () => {
		const outputs: string[] = [];
		for (const slug of ['haute-vienne', 'cotentin-attractivite-medicale', 'cholet-attractivite-medicale']) {
			outputs.push(await text(await openDataCsv(anon(), slug, 'plan')));
			outputs.push(await text(await openDataCsv(anon(), slug, 'indicateurs')));
			outputs.push(await text(await dcatResponse(anon(), slug, ORIGIN)));
		}
		const all = outputs.join('\n');
		const people = await su.query<{ id: string; email: string; display_name: string | null }>(
			'select id, email, display_name from public.profiles'
		);
		expect(people.length).toBeGreaterThanOrEqual(DEMO_ACCOUNTS.length);
		for (const p of people) {
			expect(all).not.toContain(p.id);
			expect(all.toLowerCase()).not.toContain(p.email.toLowerCase());
			if (p.display_name && p.display_name.length > 3) expect(all).not.toContain(p.display_name);
		}
		expect(all).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
	});
});
