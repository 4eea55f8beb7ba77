/**
 * The world of tests/documents/documents.test.ts: charter A (published) with its coordinator, the
 * representatives of X (leads action AX, with indicator IX and one value) and Y (leads AY, with IY and one
 * value), a steering member and an elected official; charter B with its coordinator. Each person has a
 * signed-in supabase-js client. Also the checks of the disk (a hash of the bucket's folder) and of the rows.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import { expect } from 'vitest';
import type { Database } from '../../src/lib/database.types.ts';
import { DOCUMENTS_BUCKET, type DocumentSubject } from '../../src/lib/documents/files.ts';
import { uploadDocument, type DocumentUpload } from '../../src/lib/server/documents/upload.ts';
import { serviceClient, testConfig } from '../helpers/env.ts';
import { ids, signInAs, superuserPool, tag } from '../helpers/demo.ts';

export type Person = 'coordA' | 'partnerX' | 'partnerY' | 'steeringA' | 'officialA' | 'coordB';
type Db = SupabaseClient<Database>;

export const T = tag('documents');
export const su = superuserPool();
const PASSWORD = 'Mot-de-passe-de-test-2026';
export const A = randomUUID();
export const B = randomUUID();
const ORG_X = ids.organization('mairie-carpentras');
const ORG_Y = ids.organization('cpts-cerebellum');
export const fx = {
	objective: randomUUID(),
	actionX: randomUUID(),
	actionY: randomUUID(),
	indicatorX: randomUUID(),
	indicatorY: randomUUID(),
	valueX: randomUUID(),
	valueY: randomUUID()
};
export const users = {} as Record<Person, string>;
export const clients = {} as Record<Person, Db>;
const bucketDir = path.join(testConfig.dataDir, 'storage', DOCUMENTS_BUCKET);

export const pdfFile = (label: string, name = `${label}.pdf`, type = 'application/pdf') =>
	new File([Buffer.from(`%PDF-1.7 ${label} ${randomUUID()}`)], name, { type });

export const upload = (who: Person, subject: DocumentSubject, file: File, more: Partial<DocumentUpload> = {}) =>
	uploadDocument(clients[who], {
		charterId: A,
		subject,
		kind: 'piece_justificative',
		title: `${file.name} ${T}`,
		file,
		...more
	});

export async function diskHash(): Promise<string> {
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

export const rowsOf = (charter: string) =>
	su.query<{ id: string; object_path: string; size: string; mime_type: string; uploaded_by: string | null }>(
		'select id, object_path, size, mime_type, uploaded_by from public.documents where charter_id = $1',
		[charter]
	);
export const objectsUnder = async (prefix: string) =>
	(
		await su.query<{ n: string }>('select count(*) as n from storage.objects where bucket_id = $1 and name like $2', [
			DOCUMENTS_BUCKET,
			`${prefix}%`
		])
	).map((r) => Number(r.n))[0];

/** A refused upload: a 403 in words, no row, no object, the disk as it was. */
export async function refusedUpload(work: () => ReturnType<typeof uploadDocument>, folder: string) {
	const [before, rows, objects] = await Promise.all([diskHash(), rowsOf(A), objectsUnder(folder)]);
	const result = await work();
	expect(result).toMatchObject({ ok: false, status: 403 });
	if (!result.ok) expect(result.message).toMatch(/Vous ne pouvez pas déposer ce document ici|coordination/);
	expect(await rowsOf(A)).toHaveLength(rows.length);
	expect(await objectsUnder(folder)).toBe(objects);
	expect(await diskHash()).toBe(before);
}

async function createUser(label: Person): Promise<string> {
	const { data, error } = await serviceClient().auth.admin.createUser({
		email: `${T}.${label}@example.com`,
		password: PASSWORD,
		email_confirm: true,
		user_metadata: { display_name: `Test ${label} ${T}` }
	});
	if (error || !data.user) throw new Error(`createUser ${label}: ${error?.message}`);
	return data.user.id;
}

export async function setUpWorld(): Promise<void> {
	for (const who of ['coordA', 'partnerX', 'partnerY', 'steeringA', 'officialA', 'coordB'] as const)
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
	await su.query(member, [A, users.officialA, 'elected_official', null]);
	await su.query(member, [B, users.coordB, 'coordinator', null]);
	await su.query("insert into public.objectives (id, charter_id, code, title) values ($1, $2, '1', 'Objectif')", [
		fx.objective,
		A
	]);
	const action =
		'insert into public.actions (id, charter_id, objective_id, code, title, lead_organization_id) values ($1, $2, $3, $4, $5, $6)';
	await su.query(action, [fx.actionX, A, fx.objective, '1.1', 'Action de X', ORG_X]);
	await su.query(action, [fx.actionY, A, fx.objective, '1.2', 'Action de Y', ORG_Y]);
	const indicator = 'insert into public.indicators (id, charter_id, action_id, name) values ($1, $2, $3, $4)';
	await su.query(indicator, [fx.indicatorX, A, fx.actionX, 'Personnes reçues']);
	await su.query(indicator, [fx.indicatorY, A, fx.actionY, 'Ateliers tenus']);
	const value =
		"insert into public.indicator_values (id, charter_id, indicator_id, measured_on, value) values ($1, $2, $3, '2026-10-31', 12)";
	await su.query(value, [fx.valueX, A, fx.indicatorX]);
	await su.query(value, [fx.valueY, A, fx.indicatorY]);
	for (const who of Object.keys(users) as Person[])
		clients[who] = (await signInAs(`${T}.${who}@example.com`, PASSWORD)) as Db;
}

export async function tearDownWorld(): Promise<void> {
	const all = await su.query<{ name: string }>(
		'select name from storage.objects where bucket_id = $1 and (name like $2 or name like $3)',
		[DOCUMENTS_BUCKET, `${A}/%`, `${B}/%`]
	);
	if (all.length)
		await serviceClient()
			.storage.from(DOCUMENTS_BUCKET)
			.remove(all.map((r) => r.name));
	await su.query('delete from public.charters where id = any($1)', [[A, B]]);
	for (const id of Object.values(users)) await serviceClient().auth.admin.deleteUser(id);
	await su.end();
}
