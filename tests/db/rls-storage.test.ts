/**
 * The policies on storage.objects (bucket charter-documents, supabase/migrations/20261123600000_documents.sql)
 * as each role, through the Storage API with storage-js: download, list, sign, upload, upsert, move, copy and
 * delete. The rows of documents and amendments through PostgREST: rls-matrix-documents.test.ts.
 *
 * A world of its own: charter A (published) with its coordinator, the representatives of organizations X (leads
 * action AX, with indicator IX) and Y (leads action AY), a steering member; charter B (not published) with its
 * coordinator and a representative of X; a signed-in outsider; anon; the service role. In A: a private document
 * (the signed charter), a public one, and X's evidence on AX; in B: its signed charter.
 *
 * Every refused write is checked twice: no row in storage.objects, and the bucket's folder on disk unchanged
 * (a hash of every file in it, before and after).
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, testConfig } from '../helpers/env.ts';
import { ids, signInAs, superuserPool, tag } from '../helpers/demo.ts';

type Who = 'coordA' | 'partnerX' | 'partnerY' | 'steeringA' | 'coordB' | 'partnerB' | 'outsider' | 'anon' | 'service';
type Person = Exclude<Who, 'anon' | 'service'>;

const BUCKET = 'charter-documents';
const T = tag('rls-storage');
const su = superuserPool();
const PASSWORD = 'Mot-de-passe-de-test-2026';
const A = randomUUID();
const B = randomUUID();
const ORG_X = ids.organization('mairie-carpentras');
const ORG_Y = ids.organization('cpts-cerebellum');
const fx = { objective: randomUUID(), actionX: randomUUID(), actionY: randomUUID(), indicatorX: randomUUID() };
const users = {} as Record<Person, string>;
const clients = {} as Record<Who, SupabaseClient>;
const pdf = (label: string) => Buffer.from(`%PDF-1.7 ${label} ${randomUUID()}`);
const paths = {
	privateDoc: `${A}/charte/${randomUUID()}-charte-signee.pdf`,
	publicDoc: `${A}/documents/${randomUUID()}-bilan.pdf`,
	evidence: `${A}/actions/${fx.actionX}/${randomUUID()}-preuve.pdf`,
	docB: `${B}/charte/${randomUUID()}-charte-b.pdf`
};
const bytes: Record<keyof typeof paths, Buffer> = {
	privateDoc: pdf('private'),
	publicDoc: pdf('public'),
	evidence: pdf('evidence'),
	docB: pdf('b')
};
const bucketDir = path.join(testConfig.dataDir, 'storage', BUCKET);
const files = (who: Who) => clients[who].storage.from(BUCKET);

/** Every file under the bucket's folder and its bytes' hash: what a refused request must leave as it was. */
async function diskHash(): Promise<string> {
	const hash = createHash('sha256');
	if (!existsSync(bucketDir)) return hash.digest('hex');
	const entries = (await readdir(bucketDir, { recursive: true, withFileTypes: true }))
		.filter((e) => e.isFile())
		.map((e) => path.join(e.parentPath, e.name))
		.sort();
	for (const file of entries) {
		hash.update(path.relative(bucketDir, file));
		hash.update(
			createHash('sha256')
				.update(await readFile(file))
				.digest('hex')
		);
	}
	return hash.digest('hex');
}

async function objectCount(name: string): Promise<number> {
	const [row] = await su.query<{ n: string }>(
		'select count(*) as n from storage.objects where bucket_id = $1 and name = $2',
		[BUCKET, name]
	);
	return Number(row.n);
}

/** The request is refused: an error, the named objects as they were, the disk unchanged. */
async function refusedWrite(work: () => Promise<{ error: unknown }>, names: string[] = []) {
	const before = await diskHash();
	const counts = await Promise.all(names.map(objectCount));
	const { error } = await work();
	expect(error).not.toBeNull();
	expect(await Promise.all(names.map(objectCount))).toEqual(counts);
	expect(await diskHash()).toBe(before);
	return error as { statusCode?: string; message: string };
}

async function text(who: Who, name: string): Promise<string | null> {
	const { data, error } = await files(who).download(name);
	if (error) {
		expect(error).toMatchObject({ statusCode: '404', message: 'Object not found' });
		return null;
	}
	return data.text();
}

/** A raw request as `who`: the path exactly as written (fetch would resolve `..` and `%2e%2e` first). */
async function rawUpload(who: Person, rawPath: string): Promise<{ status: number; body: Record<string, unknown> }> {
	const { data } = await clients[who].auth.getSession();
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port: testConfig.ports.api,
				method: 'POST',
				agent: false,
				path: `/storage/v1/object/${BUCKET}/${rawPath}`,
				headers: {
					apikey: testConfig.anonKey,
					authorization: `Bearer ${data.session!.access_token}`,
					'content-type': 'application/pdf'
				}
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) })
				);
			}
		);
		req.on('error', reject);
		req.end(pdf('raw'));
	});
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

async function documentRow(charter: string, name: string, content: Buffer, isPublic: boolean, kind = 'charte_signee') {
	await su.query(
		`insert into public.documents (charter_id, kind, title, object_path, file_name, size, mime_type, sha256, is_public)
		 values ($1, $2, $3, $4, $5, 1, 'application/pdf', $6, $7)`,
		[
			charter,
			kind,
			`Document ${T}`,
			name,
			name.split('/').at(-1),
			createHash('sha256').update(content).digest('hex'),
			isPublic
		]
	);
}

beforeAll(async () => {
	for (const who of ['coordA', 'partnerX', 'partnerY', 'steeringA', 'coordB', 'partnerB', 'outsider'] as const)
		users[who] = await createUser(who);
	const charter = `insert into public.charters (id, slug, title, scope_level, status, is_public) values ($1, $2, $3, 'departement', 'active', $4)`;
	await su.query(charter, [A, `${T}-a`, `Charte A ${T}`, true]);
	await su.query(charter, [B, `${T}-b`, `Charte B ${T}`, false]);
	await su.query(
		`insert into public.charter_partners (charter_id, organization_id, role)
		 values ($1, $3, 'signatory'), ($1, $4, 'signatory'), ($2, $3, 'signatory')`,
		[A, B, ORG_X, ORG_Y]
	);
	const member =
		'insert into public.charter_members (charter_id, user_id, role, organization_id) values ($1, $2, $3, $4)';
	await su.query(member, [A, users.coordA, 'coordinator', null]);
	await su.query(member, [A, users.partnerX, 'partner_rep', ORG_X]);
	await su.query(member, [A, users.partnerY, 'partner_rep', ORG_Y]);
	await su.query(member, [A, users.steeringA, 'steering', null]);
	await su.query(member, [B, users.coordB, 'coordinator', null]);
	await su.query(member, [B, users.partnerB, 'partner_rep', ORG_X]);
	await su.query(
		"insert into public.objectives (id, charter_id, code, title) values ($1, $2, '1', 'Objectif de test')",
		[fx.objective, A]
	);
	const action =
		'insert into public.actions (id, charter_id, objective_id, code, title, lead_organization_id) values ($1, $2, $3, $4, $5, $6)';
	await su.query(action, [fx.actionX, A, fx.objective, '1.1', 'Action de X', ORG_X]);
	await su.query(action, [fx.actionY, A, fx.objective, '1.2', 'Action de Y', ORG_Y]);
	await su.query('insert into public.indicators (id, charter_id, action_id, name) values ($1, $2, $3, $4)', [
		fx.indicatorX,
		A,
		fx.actionX,
		'Indicateur de X'
	]);

	clients.anon = anonClient();
	clients.service = serviceClient();
	for (const who of Object.keys(users) as Person[]) clients[who] = await signInAs(`${T}.${who}@example.com`, PASSWORD);

	// The files go in through the Storage API as the people who may write them.
	const put = async (who: Who, key: keyof typeof paths) => {
		const { error } = await files(who).upload(paths[key], bytes[key], { contentType: 'application/pdf' });
		expect(error, `${who} uploads ${key}`).toBeNull();
	};
	await put('coordA', 'privateDoc');
	await put('coordA', 'publicDoc');
	await put('partnerX', 'evidence');
	await put('coordB', 'docB');
	await documentRow(A, paths.privateDoc, bytes.privateDoc, false);
	await documentRow(A, paths.publicDoc, bytes.publicDoc, true, 'autre');
	await documentRow(B, paths.docB, bytes.docB, false);
});

afterAll(async () => {
	const { data } = await serviceClient().storage.from(BUCKET).list(A);
	const all = await su.query<{ name: string }>(
		'select name from storage.objects where bucket_id = $1 and (name like $2 or name like $3)',
		[BUCKET, `${A}/%`, `${B}/%`]
	);
	expect(data).not.toBeNull();
	if (all.length)
		await serviceClient()
			.storage.from(BUCKET)
			.remove(all.map((r) => r.name));
	await su.query('delete from public.charters where id = any($1)', [[A, B]]);
	for (const id of Object.values(users)) await serviceClient().auth.admin.deleteUser(id);
	await su.end();
});

const MEMBERS_A: Who[] = ['coordA', 'partnerX', 'partnerY', 'steeringA'];
const NOT_OF_A: Who[] = ['coordB', 'partnerB', 'outsider', 'anon'];

describe('download', () => {
	it.each(MEMBERS_A)("%s downloads charter A's private document", async (who) => {
		expect(await text(who, paths.privateDoc)).toBe(bytes.privateDoc.toString());
	});
	it.each(NOT_OF_A)("%s cannot download charter A's private document (Object not found)", async (who) => {
		expect(await text(who, paths.privateDoc)).toBeNull();
	});
	it.each([...MEMBERS_A, ...NOT_OF_A])('%s downloads a public document of the published charter A', async (who) => {
		expect(await text(who, paths.publicDoc)).toBe(bytes.publicDoc.toString());
	});
	it.each(['coordA', 'partnerX', 'steeringA', 'outsider', 'anon'] as Who[])(
		"%s cannot download charter B's document",
		async (who) => {
			expect(await text(who, paths.docB)).toBeNull();
		}
	);
	it('the members of B download it, and the service role reads everything', async () => {
		expect(await text('partnerB', paths.docB)).toBe(bytes.docB.toString());
		expect(await text('coordB', paths.docB)).toBe(bytes.docB.toString());
		expect(await text('service', paths.privateDoc)).toBe(bytes.privateDoc.toString());
	});
	it('a public document is not reachable through /object/public (the bucket is private)', async () => {
		const url = files('anon').getPublicUrl(paths.publicDoc).data.publicUrl;
		expect(await (await fetch(url)).json()).toMatchObject({ statusCode: '404', message: 'Bucket not found' });
	});
});

describe('list', () => {
	it("members of A list A's folders; the others see nothing of A", async () => {
		for (const who of MEMBERS_A) {
			const { data, error } = await files(who).list(`${A}/charte`);
			expect(error).toBeNull();
			expect(
				data?.map((e) => e.name),
				who
			).toEqual([paths.privateDoc.split('/').at(-1)]);
		}
		// Everyone else sees only the public document of the published charter A, which its policies open.
		for (const who of NOT_OF_A) {
			expect((await files(who).list(`${A}/charte`)).data, who).toEqual([]);
			expect(
				(await files(who).list(A)).data?.map((e) => e.name),
				who
			).toEqual(['documents']);
			expect((await files(who).list(`${A}/actions/${fx.actionX}`)).data, who).toEqual([]);
			const open = await files(who).list(`${A}/documents`);
			expect(
				open.data?.map((e) => e.name),
				who
			).toEqual([paths.publicDoc.split('/').at(-1)]);
		}
	});
	it("a partner of B listing the bucket's root sees B's folder; listing another charter's folder shows only its public document", async () => {
		const { data } = await files('partnerB').list('', { limit: 1000 });
		expect(data?.map((e) => e.name)).toContain(B);
		expect((await files('partnerB').list(B)).data?.map((e) => e.name)).toEqual(['charte']);
		expect((await files('partnerX').list(B)).data).toEqual([]);
		expect((await files('coordA').list(`${B}/charte`)).data).toEqual([]);
	});
});

describe('signed URLs', () => {
	it.each(MEMBERS_A)('%s signs a URL to the private document, which then needs no key', async (who) => {
		const { data, error } = await files(who).createSignedUrl(paths.privateDoc, 60);
		expect(error).toBeNull();
		expect(await (await fetch(data!.signedUrl)).text()).toBe(bytes.privateDoc.toString());
	});
	it.each(NOT_OF_A)('%s cannot sign a URL to the private document', async (who) => {
		const { error } = await files(who).createSignedUrl(paths.privateDoc, 60);
		expect(error).toMatchObject({ statusCode: '404', message: 'Object not found' });
		const many = await files(who).createSignedUrls([paths.privateDoc, paths.publicDoc], 60);
		expect(many.data?.map((d) => d.error === null)).toEqual([false, true]);
	});
	it('a signed URL of one document does not open another', async () => {
		const { data } = await files('coordA').createSignedUrl(paths.publicDoc, 60);
		const token = new URL(data!.signedUrl).searchParams.get('token');
		const res = await fetch(`${testConfig.apiUrl}/storage/v1/object/sign/${BUCKET}/${paths.privateDoc}?token=${token}`);
		expect(await res.json()).toMatchObject({ error: 'InvalidSignature' });
	});
});

describe('upload', () => {
	const name = (folder: string) => `${folder}/${randomUUID()}-piece.pdf`;
	const upload = (who: Who, key: string) => () => files(who).upload(key, pdf(who), { contentType: 'application/pdf' });

	it('the coordinator of A uploads anywhere under A; a partner on their action and indicator', async () => {
		for (const [who, key] of [
			['coordA', name(`${A}/charte`)],
			['coordA', name(`${A}/actions/${fx.actionY}`)],
			['partnerX', name(`${A}/actions/${fx.actionX}`)],
			['partnerX', name(`${A}/indicateurs/${fx.indicatorX}`)],
			['partnerY', name(`${A}/actions/${fx.actionY}`)]
		] as [Who, string][]) {
			const { error } = await upload(who, key)();
			expect(error, `${who} → ${key}`).toBeNull();
			expect(await objectCount(key)).toBe(1);
		}
	});

	it.each([
		['partnerX', 'the charter folder', () => name(`${A}/charte`)],
		['partnerX', "another organization's action", () => name(`${A}/actions/${fx.actionY}`)],
		['partnerY', "another organization's indicator", () => name(`${A}/indicateurs/${fx.indicatorX}`)],
		['partnerX', 'a folder of no action', () => name(`${A}/actions/${randomUUID()}`)],
		['steeringA', 'the charter folder', () => name(`${A}/charte`)],
		['steeringA', 'an action', () => name(`${A}/actions/${fx.actionX}`)],
		['partnerB', "charter A's action of their organization", () => name(`${A}/actions/${fx.actionX}`)],
		['coordB', "charter A's folder (another charter's id in the path)", () => name(`${A}/charte`)],
		['coordA', "charter B's folder (another charter's id in the path)", () => name(`${B}/charte`)],
		['coordA', 'a name outside any charter', () => name('sans-charte')],
		['outsider', 'charter A', () => name(`${A}/charte`)],
		['anon', 'charter A', () => name(`${A}/charte`)]
	] as [Who, string, () => string][])(
		'%s cannot upload into %s, and nothing reaches the disk',
		async (who, _where, key) => {
			const k = key();
			const error = await refusedWrite(upload(who, k), [k]);
			expect(error).toMatchObject({ statusCode: '403', message: 'new row violates row-level security policy' });
		}
	);

	it('storage-js resolves `..` before sending: A/../B/x.pdf is B/x.pdf, which RLS refuses to A', async () => {
		const target = `${B}/charte/${randomUUID()}.pdf`;
		const tricked = `${A}/../${target}`;
		const error = await refusedWrite(upload('coordA', tricked), [target, tricked]);
		expect(error).toMatchObject({ statusCode: '403' });
	});

	it.each([
		['partnerX', () => `${A}/actions/${fx.actionX}/../../charte/x.pdf`],
		['partnerX', () => `${A}/actions/${fx.actionX}/%2e%2e/%2e%2e/charte/x.pdf`],
		['partnerX', () => `${A}/actions/${fx.actionX}/..%2F..%2Fcharte%2Fx.pdf`],
		['coordA', () => `${A}/../${B}/charte/x.pdf`],
		['coordA', () => `${A}/charte/..%5C..%5C${B}%5Cx.pdf`],
		['coordB', () => `${B}/./../${A}/charte/x.pdf`],
		['coordA', () => `${A}//charte/x.pdf`]
	] as [Person, () => string][])(
		'%s sending %s as written gets InvalidKey, and the disk is unchanged',
		async (who, key) => {
			const before = await diskHash();
			const [{ n: rowsBefore }] = await su.query<{ n: string }>(
				'select count(*) as n from storage.objects where bucket_id = $1',
				[BUCKET]
			);
			const res = await rawUpload(who, key());
			expect(res.status).toBe(400);
			expect(res.body).toMatchObject({ statusCode: '400', error: 'InvalidKey' });
			const [{ n: rowsAfter }] = await su.query<{ n: string }>(
				'select count(*) as n from storage.objects where bucket_id = $1',
				[BUCKET]
			);
			expect(rowsAfter).toBe(rowsBefore);
			expect(await diskHash()).toBe(before);
		}
	);
});

describe('upsert, move, copy', () => {
	it.each(['coordA', 'partnerX'] as Who[])('%s cannot overwrite an existing object (no update policy)', async (who) => {
		const key = who === 'coordA' ? paths.privateDoc : paths.evidence;
		await refusedWrite(
			() => files(who).upload(key, pdf('overwrite'), { contentType: 'application/pdf', upsert: true }),
			[key]
		);
		expect(await text('service', key)).toBe(bytes[who === 'coordA' ? 'privateDoc' : 'evidence'].toString());
		const again = await refusedWrite(
			() => files(who).upload(key, pdf('again'), { contentType: 'application/pdf' }),
			[key]
		);
		expect(again).toMatchObject({ statusCode: '409' });
		await refusedWrite(() => files(who).update(key, pdf('update'), { contentType: 'application/pdf' }), [key]);
	});

	it('an upsert of a new object is an insert: allowed where the insert policy allows it, refused elsewhere', async () => {
		const own = `${A}/actions/${fx.actionX}/${randomUUID()}-upsert.pdf`;
		const upsert = (who: Who, key: string) => () =>
			files(who).upload(key, pdf('upsert'), { contentType: 'application/pdf', upsert: true });
		expect((await upsert('partnerX', own)()).error).toBeNull();
		expect(await objectCount(own)).toBe(1);
		const other = `${A}/actions/${fx.actionY}/${randomUUID()}-upsert.pdf`;
		expect(await refusedWrite(upsert('partnerX', other), [other])).toMatchObject({ statusCode: '403' });
		// A second upsert of the same name now takes the update path, which no policy allows.
		await refusedWrite(upsert('partnerX', own), [own]);
	});

	it('nobody but the service role moves an object (move is an update)', async () => {
		const to = `${A}/charte/${randomUUID()}-moved.pdf`;
		const error = await refusedWrite(() => files('coordA').move(paths.privateDoc, to), [paths.privateDoc, to]);
		expect(error).toMatchObject({ statusCode: '404' });
	});

	it('a copy needs to read the source and to write the destination: never out of another charter', async () => {
		const into = `${B}/charte/${randomUUID()}-copie.pdf`;
		await refusedWrite(() => files('coordB').copy(paths.privateDoc, into), [into]);
		const intoA = `${A}/actions/${fx.actionY}/${randomUUID()}-copie.pdf`;
		await refusedWrite(() => files('partnerX').copy(paths.privateDoc, intoA), [intoA]);
		const ownAction = `${A}/actions/${fx.actionX}/${randomUUID()}-copie.pdf`;
		expect((await files('partnerX').copy(paths.privateDoc, ownAction)).error).toBeNull();
		expect(await text('coordA', ownAction)).toBe(bytes.privateDoc.toString());
	});
});

describe('delete', () => {
	it.each(['partnerX', 'partnerY', 'steeringA', 'coordB', 'partnerB', 'outsider', 'anon'] as Who[])(
		'%s deletes nothing of charter A (the answer lists no object), and the files stay',
		async (who) => {
			const before = await diskHash();
			const { data, error } = await files(who).remove([paths.privateDoc, paths.evidence]);
			expect(error).toBeNull();
			expect(data).toEqual([]);
			expect(await objectCount(paths.privateDoc)).toBe(1);
			expect(await objectCount(paths.evidence)).toBe(1);
			expect(await diskHash()).toBe(before);
		}
	);

	it("the coordinator of B deletes nothing of A; the coordinator of A deletes A's evidence and its file goes", async () => {
		expect((await files('coordB').remove([paths.evidence])).data).toEqual([]);
		const [row] = await su.query<{ id: string; version: string }>(
			'select id, version from storage.objects where bucket_id = $1 and name = $2',
			[BUCKET, paths.evidence]
		);
		const file = path.join(bucketDir, row.id, row.version);
		expect(existsSync(file)).toBe(true);
		const { data, error } = await files('coordA').remove([paths.evidence]);
		expect(error).toBeNull();
		expect(data?.map((o) => o.name)).toEqual([paths.evidence]);
		expect(existsSync(file)).toBe(false);
		expect(await objectCount(paths.evidence)).toBe(0);
	});
});
