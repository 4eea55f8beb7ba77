/**
 * The access table of documents and the charter's life (docs/domain.md, "Documents and the charter's life"):
 * documents' metadata, amendments, yearly targets and signatories' dates, every operation, as each role, through
 * the gateway and PostgREST with supabase-js; effects checked as the superuser. The files themselves (the policies
 * on storage.objects, through the Storage API) are in tests/db/rls-storage.test.ts.
 *
 * A world of its own: a published charter with its coordinator, the representatives of two partners (A leads
 * action AA, B leads action AB, each with an indicator and a value), a steering member, an elected official, the
 * Haute-Vienne coordinator (another charter), a signed-in outsider and anon. Document P is private, document Q
 * public; amendment D is a draft, S signed. A document's row needs its object in the bucket: the objects are
 * written as the superuser beforehand.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient } from '../helpers/env.ts';
import { DEMO, ids, signInAs, superuserPool, tag } from '../helpers/demo.ts';
import { describeCases, rlsRunners, type Case as RlsCase, type Row, type Runner } from '../helpers/rls-runners.ts';

type Who = 'coord' | 'partnerA' | 'partnerB' | 'steering' | 'official' | 'otherCoord' | 'outsider' | 'anon' | 'service';
type Case = RlsCase<Who>;
type Member = 'coord' | 'partnerA' | 'partnerB' | 'steering' | 'official' | 'outsider';

const T = tag('rls-docs');
const su = superuserPool();
const { read, create, change, remove, put } = rlsRunners(su);
const PASSWORD = 'Mot-de-passe-de-test-2026';
const CHARTER = randomUUID();
const ORG_A = ids.organization('mairie-carpentras');
const ORG_B = ids.organization('cpts-cerebellum');
const users = {} as Record<Member, string>;
const clients = {} as Record<Who, SupabaseClient>;
const fx = {
	objective: randomUUID(),
	actionA: randomUUID(),
	actionB: randomUUID(),
	indicatorA: randomUUID(),
	indicatorB: randomUUID(),
	valueA: randomUUID(),
	valueB: randomUUID(),
	privateDoc: randomUUID(),
	publicDoc: randomUUID(),
	draft: randomUUID(),
	signed: randomUUID()
};

/** Objects the rows below point at, written in the bucket before the cases run. */
const objects: string[] = [];
const objectIn = (folder: string): string => {
	const path = `${CHARTER}/${folder}/${randomUUID()}-piece.pdf`;
	objects.push(path);
	return path;
};
const sha = () => createHash('sha256').update(randomUUID()).digest('hex');
const documentRow = (over: Row = {}, folder = 'charte'): Row => ({
	id: randomUUID(),
	charter_id: CHARTER,
	kind: 'charte_signee',
	title: `Document ${T}`,
	object_path: objectIn(folder),
	file_name: 'piece.pdf',
	size: 1,
	mime_type: 'application/octet-stream',
	sha256: sha(),
	...over
});
const evidenceOnAction = (action: string, over: Row = {}) =>
	documentRow({ kind: 'piece_justificative', action_id: action, ...over }, `actions/${action}`);
const evidenceOnValue = (value: string, indicator: string, over: Row = {}) =>
	documentRow({ kind: 'piece_justificative', indicator_value_id: value, ...over }, `indicateurs/${indicator}`);
const amendmentRow = (number: number, over: Row = {}): Row => ({
	id: randomUUID(),
	charter_id: CHARTER,
	number,
	title: `Avenant ${T}`,
	plan_before: { objectives: [], actions: [] },
	...over
});

const c = (who: Who, op: Case['op'], table: string, what: string, expected: Case['expected'], run: Runner): Case => ({
	who,
	op,
	table,
	what,
	expected,
	run
});
const MEMBERS: Who[] = ['coord', 'partnerA', 'partnerB', 'steering', 'official'];
const NOT_COORDINATORS: Who[] = ['partnerA', 'partnerB', 'steering', 'official'];
const STRANGERS: Who[] = ['otherCoord', 'outsider'];
const EVERYONE_ELSE: Who[] = [...NOT_COORDINATORS, ...STRANGERS];

/** A row only members see (private document, draft amendment). */
const membersOnly = (table: string, what: string, match: () => Row): Case[] => [
	...MEMBERS.map((who) => c(who, 'select', table, what, 'ok', read(table, match))),
	...[...STRANGERS, 'anon' as const].map((who) => c(who, 'select', table, what, 'none', read(table, match)))
];
/** A row of a published charter everyone sees. */
const everyone = (table: string, what: string, match: () => Row): Case[] =>
	[...MEMBERS, ...STRANGERS, 'anon' as const].map((who) => c(who, 'select', table, what, 'ok', read(table, match)));

/** A document's row as the coordinator changes it (title, publicity) and never (its file). */
const resetDocument = () =>
	su.query('update public.documents set title = $2, is_public = false where id = $1', [fx.privateDoc, `Document ${T}`]);

const cases: Case[] = [
	// ----------------------------------------------------------------------------------------------- documents
	...membersOnly('documents', 'a private document', () => ({ id: fx.privateDoc })),
	...everyone('documents', 'a public document of a published charter', () => ({ id: fx.publicDoc })),
	c(
		'coord',
		'insert',
		'documents',
		'the signed charter',
		'ok',
		fileCreate(() => documentRow())
	),
	c(
		'coord',
		'insert',
		'documents',
		'a row whose file was never uploaded',
		'PT400',
		create('documents', () => ({ ...documentRow(), object_path: `${CHARTER}/charte/${randomUUID()}-absent.pdf` }))
	),
	c(
		'coord',
		'insert',
		'documents',
		'the same file twice (sha256)',
		'23505',
		fileCreate(() => documentRow({ sha256: SHA_OF_PRIVATE }))
	),
	c(
		'coord',
		'insert',
		'documents',
		"a row pointing into another charter's folder",
		'23514',
		fileCreate(() => ({ ...documentRow(), object_path: `${randomUUID()}/charte/x.pdf` }))
	),
	c(
		'partnerA',
		'insert',
		'documents',
		'evidence on their action',
		'ok',
		fileCreate(() => evidenceOnAction(fx.actionA))
	),
	c(
		'partnerA',
		'insert',
		'documents',
		'evidence on a value of their indicator',
		'ok',
		fileCreate(() => evidenceOnValue(fx.valueA, fx.indicatorA))
	),
	c(
		'partnerA',
		'insert',
		'documents',
		"evidence on another organization's action",
		'42501',
		fileCreate(() => evidenceOnAction(fx.actionB))
	),
	c(
		'partnerA',
		'insert',
		'documents',
		"evidence on a value of another organization's indicator",
		'42501',
		fileCreate(() => evidenceOnValue(fx.valueB, fx.indicatorB))
	),
	c(
		'partnerA',
		'insert',
		'documents',
		"evidence on their action whose file is in another action's folder",
		'42501',
		fileCreate(() => ({ ...evidenceOnAction(fx.actionA), object_path: objectIn(`actions/${fx.actionB}`) }))
	),
	c(
		'partnerA',
		'insert',
		'documents',
		'evidence on their action marked public',
		'42501',
		fileCreate(() => evidenceOnAction(fx.actionA, { is_public: true }))
	),
	c(
		'partnerA',
		'insert',
		'documents',
		'a signed charter (not evidence)',
		'42501',
		fileCreate(() => documentRow())
	),
	...(['steering', 'official', 'otherCoord', 'outsider', 'anon'] as Who[]).map((who) =>
		c(
			who,
			'insert',
			'documents',
			'evidence on an action',
			'42501',
			fileCreate(() => evidenceOnAction(fx.actionA))
		)
	),
	c(
		'coord',
		'update',
		'documents',
		'the title and publicity',
		'ok',
		change(
			'documents',
			() => ({ id: fx.privateDoc }),
			() => ({ title: `Renommé ${T}`, is_public: true }),
			{ restore: resetDocument }
		)
	),
	c(
		'coord',
		'update',
		'documents',
		'the file it points at',
		'PT403',
		change(
			'documents',
			() => ({ id: fx.privateDoc }),
			() => ({ object_path: `${CHARTER}/charte/autre.pdf` })
		)
	),
	...EVERYONE_ELSE.map((who) =>
		c(
			who,
			'update',
			'documents',
			'the title',
			'none',
			change(
				'documents',
				() => ({ id: fx.privateDoc }),
				() => ({ title: `Renommé ${T}` }),
				{ restore: resetDocument }
			)
		)
	),
	c('coord', 'delete', 'documents', 'a document of their charter', 'ok', remove('documents', freshDocument)),
	...EVERYONE_ELSE.map((who) =>
		c(who, 'delete', 'documents', 'a document', 'none', remove('documents', freshDocument))
	),
	c('partnerA', 'delete', 'documents', 'their own evidence', 'none', remove('documents', freshEvidence)),
	c('anon', 'delete', 'documents', 'a document', '42501', remove('documents', freshDocument)),
	// -------------------------------------------------------------------------------------- charter_amendments
	...membersOnly('charter_amendments', 'a draft amendment', () => ({ id: fx.draft })),
	...everyone('charter_amendments', 'a signed amendment of a published charter', () => ({ id: fx.signed })),
	c(
		'coord',
		'insert',
		'charter_amendments',
		'opens an amendment',
		'ok',
		create('charter_amendments', () => amendmentRow(50))
	),
	...[...EVERYONE_ELSE, 'anon' as const].map((who) =>
		c(
			who,
			'insert',
			'charter_amendments',
			'opens an amendment',
			'42501',
			create('charter_amendments', () => amendmentRow(51))
		)
	),
	c(
		'coord',
		'update',
		'charter_amendments',
		"a draft's summary",
		'ok',
		change(
			'charter_amendments',
			() => ({ id: fx.draft }),
			() => ({ summary: `Résumé ${T}` }),
			{ restore: () => su.query('update public.charter_amendments set summary = null where id = $1', [fx.draft]) }
		)
	),
	...EVERYONE_ELSE.map((who) =>
		c(
			who,
			'update',
			'charter_amendments',
			"a draft's summary",
			'none',
			change(
				'charter_amendments',
				() => ({ id: fx.draft }),
				() => ({ summary: `Résumé ${T}` })
			)
		)
	),
	c(
		'coord',
		'delete',
		'charter_amendments',
		'a draft',
		'ok',
		remove('charter_amendments', () => freshAmendment(amendmentRow(60)))
	),
	c(
		'coord',
		'delete',
		'charter_amendments',
		'a signed amendment',
		'none',
		remove('charter_amendments', () => freshAmendment(signedRow(61)))
	),
	...EVERYONE_ELSE.map((who) =>
		c(
			who,
			'delete',
			'charter_amendments',
			'a draft',
			'none',
			remove('charter_amendments', () => freshAmendment(amendmentRow(62)))
		)
	),
	// --------------------------------------------------------------------------------------- indicator_targets
	...everyone('indicator_targets', 'a yearly target of a published charter', () => ({
		indicator_id: fx.indicatorA,
		year: 2026
	})),
	c(
		'coord',
		'insert',
		'indicator_targets',
		'a target for 2027',
		'ok',
		create('indicator_targets', () => targetRow(2027), ['indicator_id', 'year'])
	),
	...[...EVERYONE_ELSE, 'anon' as const].map((who) =>
		c(
			who,
			'insert',
			'indicator_targets',
			'a target for 2028',
			'42501',
			create('indicator_targets', () => targetRow(2028), ['indicator_id', 'year'])
		)
	),
	c(
		'coord',
		'update',
		'indicator_targets',
		'the 2026 target',
		'ok',
		change(
			'indicator_targets',
			() => ({ indicator_id: fx.indicatorA, year: 2026 }),
			() => ({ target: 99 }),
			{ restore: resetTarget }
		)
	),
	...EVERYONE_ELSE.map((who) =>
		c(
			who,
			'update',
			'indicator_targets',
			'the 2026 target',
			'none',
			change(
				'indicator_targets',
				() => ({ indicator_id: fx.indicatorA, year: 2026 }),
				() => ({ target: 99 }),
				{ restore: resetTarget }
			)
		)
	),
	c('coord', 'delete', 'indicator_targets', 'a target', 'ok', remove('indicator_targets', freshTarget)),
	...EVERYONE_ELSE.map((who) =>
		c(who, 'delete', 'indicator_targets', 'a target', 'none', remove('indicator_targets', freshTarget))
	),
	// ---------------------------------------------------------------------------------------- charter_partners
	c(
		'coord',
		'update',
		'charter_partners',
		"a signatory's signature date",
		'ok',
		change(
			'charter_partners',
			() => ({ charter_id: CHARTER, organization_id: ORG_A, role: 'signatory' }),
			() => ({ signed_on: '2026-06-15' }),
			{ restore: resetSignature }
		)
	),
	...NOT_COORDINATORS.map((who) =>
		c(
			who,
			'update',
			'charter_partners',
			"a signatory's signature date",
			'none',
			change(
				'charter_partners',
				() => ({ charter_id: CHARTER, organization_id: ORG_A, role: 'signatory' }),
				() => ({ signed_on: '2026-06-15' }),
				{ restore: resetSignature }
			)
		)
	)
];

let SHA_OF_PRIVATE = '';

/** Inserts a document's row after writing its object (as the superuser), as an upload would. */
function fileCreate(row: () => Row): Runner {
	return async (db) => {
		const r = row();
		await writeObject(r.object_path as string);
		return create('documents', () => r)(db);
	};
}

async function freshAmendment(row: Row): Promise<Row> {
	await put('charter_amendments', row);
	return { id: row.id };
}
function signedRow(number: number): Row {
	return amendmentRow(number, { signed_on: '2026-05-01', plan_after: { objectives: [], actions: [] } });
}
function targetRow(year: number): Row {
	return { indicator_id: fx.indicatorA, charter_id: CHARTER, year, target: 10 };
}
function resetTarget() {
	return su.query('update public.indicator_targets set target = 12 where indicator_id = $1 and year = 2026', [
		fx.indicatorA
	]);
}
async function freshTarget(): Promise<Row> {
	const year = 2030 + Math.floor(Math.random() * 60);
	await su.query('delete from public.indicator_targets where indicator_id = $1 and year = $2', [fx.indicatorA, year]);
	await put('indicator_targets', targetRow(year));
	return { indicator_id: fx.indicatorA, year };
}
function resetSignature() {
	return su.query(
		`update public.charter_partners set signed_on = null where charter_id = $1 and organization_id = $2 and role = 'signatory'`,
		[CHARTER, ORG_A]
	);
}
async function writeObject(path: string): Promise<void> {
	await su.query(
		`insert into storage.objects (bucket_id, name, metadata) values ('charter-documents', $1, $2) on conflict do nothing`,
		[path, { size: 2048, mimetype: 'application/pdf' }]
	);
}
async function freshDocument(): Promise<Row> {
	const row = documentRow();
	await writeObject(row.object_path as string);
	await put('documents', row);
	return { id: row.id };
}
async function freshEvidence(): Promise<Row> {
	const row = evidenceOnAction(fx.actionA, { uploaded_by: users.partnerA });
	await writeObject(row.object_path as string);
	await put('documents', row);
	return { id: row.id };
}

async function createUser(label: string): Promise<string> {
	const { data, error } = await serviceClient().auth.admin.createUser({
		email: `${T}.${label}@example.com`,
		password: PASSWORD,
		email_confirm: true,
		user_metadata: { display_name: `Test ${label}` }
	});
	if (error || !data.user) throw new Error(`createUser ${label}: ${error?.message}`);
	return data.user.id;
}

beforeAll(async () => {
	for (const who of ['coord', 'partnerA', 'partnerB', 'steering', 'official', 'outsider'] as const)
		users[who] = await createUser(who);
	await su.query(
		`insert into public.charters (id, slug, title, scope_level, status, is_public) values ($1, $2, $3, 'departement', 'active', true)`,
		[CHARTER, `${T}-charte`, `Charte ${T}`]
	);
	await su.query(
		`insert into public.charter_partners (charter_id, organization_id, role) values ($1, $2, 'signatory'), ($1, $3, 'signatory')`,
		[CHARTER, ORG_A, ORG_B]
	);
	const member = `insert into public.charter_members (charter_id, user_id, role, organization_id) values ($1, $2, $3, $4)`;
	await su.query(member, [CHARTER, users.coord, 'coordinator', null]);
	await su.query(member, [CHARTER, users.partnerA, 'partner_rep', ORG_A]);
	await su.query(member, [CHARTER, users.partnerB, 'partner_rep', ORG_B]);
	await su.query(member, [CHARTER, users.steering, 'steering', null]);
	await su.query(member, [CHARTER, users.official, 'elected_official', null]);
	await su.query(
		`insert into public.objectives (id, charter_id, code, title) values ($1, $2, '1', 'Objectif de test')`,
		[fx.objective, CHARTER]
	);
	const action = `insert into public.actions (id, charter_id, objective_id, code, title, lead_organization_id) values ($1, $2, $3, $4, $5, $6)`;
	await su.query(action, [fx.actionA, CHARTER, fx.objective, '1.1', 'Action de A', ORG_A]);
	await su.query(action, [fx.actionB, CHARTER, fx.objective, '1.2', 'Action de B', ORG_B]);
	const indicator = 'insert into public.indicators (id, charter_id, action_id, name) values ($1, $2, $3, $4)';
	await su.query(indicator, [fx.indicatorA, CHARTER, fx.actionA, 'Indicateur de A']);
	await su.query(indicator, [fx.indicatorB, CHARTER, fx.actionB, 'Indicateur de B']);
	const value = `insert into public.indicator_values (id, indicator_id, charter_id, measured_on, value) values ($1, $2, $3, '2026-06-30', 4)`;
	await su.query(value, [fx.valueA, fx.indicatorA, CHARTER]);
	await su.query(value, [fx.valueB, fx.indicatorB, CHARTER]);
	await put('indicator_targets', { ...targetRow(2026), target: 12 });

	const privateDoc = documentRow({ id: fx.privateDoc });
	SHA_OF_PRIVATE = privateDoc.sha256 as string;
	const publicDoc = documentRow({ id: fx.publicDoc, is_public: true, kind: 'autre' });
	for (const path of objects) await writeObject(path);
	await put('documents', privateDoc);
	await put('documents', publicDoc);
	await put('charter_amendments', amendmentRow(1, { id: fx.draft }));
	// A signed amendment never changes, its id neither (20261123600100_charter_life.sql): inserted with its id.
	await put('charter_amendments', { ...signedRow(2), id: fx.signed });

	clients.anon = anonClient();
	clients.service = serviceClient();
	clients.otherCoord = await signInAs(DEMO.coordHv);
	for (const who of Object.keys(users) as Member[]) clients[who] = await signInAs(`${T}.${who}@example.com`, PASSWORD);
});

afterAll(async () => {
	await su.query('delete from public.charters where id = $1', [CHARTER]);
	await su.query(`delete from storage.objects where bucket_id = 'charter-documents' and name like $1`, [
		`${CHARTER}/%`
	]);
	for (const id of Object.values(users)) await serviceClient().auth.admin.deleteUser(id);
	await su.end();
});

describeCases(cases, clients);

describe('documents: what the database takes from the stored object', () => {
	it('keeps the size and type of the object and the caller as the uploader, whatever the row said', async () => {
		const row = evidenceOnAction(fx.actionA, { size: 1, mime_type: 'text/html', uploaded_by: users.coord });
		await writeObject(row.object_path as string);
		const { error } = await clients.partnerA.from('documents').insert(row);
		expect(error).toBeNull();
		const [stored] = await su.query<{ size: string; mime_type: string; uploaded_by: string }>(
			'select size, mime_type, uploaded_by from public.documents where id = $1',
			[row.id]
		);
		expect(stored).toEqual({ size: '2048', mime_type: 'application/pdf', uploaded_by: users.partnerA });
	});
});
