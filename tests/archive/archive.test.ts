/**
 * The whole-charter archive (issue 16, part 5) of the seeded Haute-Vienne charter, with a row added (as the
 * superuser, removed afterwards) to each table the seed leaves empty for it and one document uploaded by its
 * coordinator: `archive.zip` (the route itself, as the coordinator) unzips to every table's rows for that
 * charter, the count read with pg, and not one id of another charter's rows; the manifest's sha256 are the
 * files'; the document's file is the uploaded bytes; a partner is refused with a 403 in words.
 */
import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '../../scripts/seed/generate.ts';
import { DOCUMENTS_BUCKET } from '../../src/lib/documents/files.ts';
import { sha256, type Manifest } from '../../src/lib/server/archive/manifest.ts';
import { ARCHIVE_TABLES, COUNTED_ONLY, LEFT_OUT } from '../../src/lib/server/archive/tables.ts';
import { uploadDocument } from '../../src/lib/server/documents/upload.ts';
import { GET as archiveZip } from '../../src/routes/(app)/chartes/[slug]/archive.zip/+server.ts';
import { signedIn } from '../helpers/dashboard-load.ts';
import { DEMO, superuserPool } from '../helpers/demo.ts';
import { serviceClient } from '../helpers/env.ts';

const su = superuserPool();
const SLUG = 'haute-vienne';
const charterId = seedId('charter', SLUG);
const actionId = seedId('action', `${SLUG}/1.1`);
const tag = randomUUID().slice(0, 8);
let coordinator: Awaited<ReturnType<typeof signedIn>>;
let partner: Awaited<ReturnType<typeof signedIn>>;
let uploaded: Uint8Array;
let documentId: string;
let objectPath: string;
/** What the test adds to the charter, to remove afterwards: [table, id column, id]. */
const added: [string, string, string][] = [];

const withBom = new TextDecoder('utf-8', { ignoreBOM: true });

/** A small PDF of its own (unique bytes: the same file twice in a charter is refused). */
const pdf = (text: string) =>
	new TextEncoder().encode(
		`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`
	);

async function addRow(table: string, sql: string, values: unknown[], idColumn = 'id') {
	const [row] = await su.query<{ id: string }>(`${sql} returning ${idColumn}::text as id`, values);
	added.push([table, idColumn, row.id]);
}

function call(session: Awaited<ReturnType<typeof signedIn>>) {
	return archiveZip({
		locals: { supabase: session.client, user: session.user },
		params: { slug: SLUG },
		url: new URL(`http://localhost/chartes/${SLUG}/archive.zip`)
	} as never);
}

beforeAll(async () => {
	[coordinator, partner] = await Promise.all([signedIn(DEMO.coordHv), signedIn(DEMO.ordre87)]);
	const [indicator] = await su.query<{ id: string }>(
		'select id from public.indicators where charter_id = $1 order by id limit 1',
		[charterId]
	);
	const [organization] = await su.query<{ id: string }>(
		'select organization_id as id from public.charter_partners where charter_id = $1 limit 1',
		[charterId]
	);
	const [commune] = await su.query<{ code: string }>(`select code from public.communes where code like '87%' limit 1`);
	// The tables the seed leaves empty for this charter get a row each.
	if (commune) {
		await addRow(
			'action_communes',
			'insert into public.action_communes (action_id, charter_id, commune_code) values ($1, $2, $3) on conflict do nothing',
			[actionId, charterId, commune.code],
			'action_id'
		).catch(() => undefined);
	}
	await addRow(
		'action_occurrences',
		`insert into public.action_occurrences (action_id, charter_id, held_on, participants, note)
		 values ($1, $2, '2026-10-10', 40, $3)`,
		[actionId, charterId, `Rencontre ${tag}`]
	);
	await addRow(
		'indicator_values',
		`insert into public.indicator_values (indicator_id, charter_id, measured_on, value) values ($1, $2, '2026-06-30', 12.5)`,
		[indicator.id, charterId]
	);
	await addRow(
		'indicator_targets',
		'insert into public.indicator_targets (indicator_id, charter_id, year, target) values ($1, $2, 2031, 20)',
		[indicator.id, charterId],
		'indicator_id'
	);
	await addRow(
		'fundings',
		`insert into public.fundings (charter_id, action_id, organization_id, source, year, planned_amount)
		 values ($1, $2, $3, 'FIR', 2026, 600000)`,
		[charterId, actionId, organization.id]
	);
	await addRow(
		'aid_schemes',
		`insert into public.aid_schemes (charter_id, name, kind, max_amount) values ($1, $2, 'installation', 10000)`,
		[charterId, `Aide de test ${tag}`]
	);
	await addRow(
		'charter_amendments',
		`insert into public.charter_amendments (charter_id, number, title, plan_before) values ($1, 999, $2, '{"actions": []}')`,
		[charterId, `Avenant de test ${tag}`]
	);
	uploaded = pdf(`archive ${tag}`);
	const result = await uploadDocument(coordinator.client as never, {
		charterId,
		subject: { kind: 'action', id: actionId },
		kind: 'piece_justificative',
		title: `Pièce de test ${tag}`,
		file: new File([uploaded as Uint8Array<ArrayBuffer>], `piece-${tag}.pdf`, { type: 'application/pdf' })
	});
	if (!result.ok) throw new Error(`upload: ${result.status} ${result.message}`);
	documentId = result.document.id;
	objectPath = result.document.object_path;
});

afterAll(async () => {
	if (documentId) {
		await su.query('delete from public.documents where id = $1', [documentId]);
		await serviceClient().storage.from(DOCUMENTS_BUCKET).remove([objectPath]);
	}
	for (const [table, column, id] of added.reverse()) {
		const extra = table === 'indicator_targets' ? ' and year = 2031' : '';
		await su.query(`delete from public.${table} where ${column}::text = $1 and charter_id = $2${extra}`, [
			id,
			charterId
		]);
	}
	await su.end();
});

describe('the whole-charter archive', () => {
	let files: Record<string, Uint8Array>;
	let manifest: Manifest;

	it('is a zip for the coordinator, named after the charter and the day', async () => {
		const response = await call(coordinator);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/zip');
		expect(response.headers.get('content-disposition')).toMatch(
			/^attachment; filename="archive-haute-vienne-\d{4}-\d{2}-\d{2}\.zip"$/
		);
		files = unzipSync(new Uint8Array(await response.arrayBuffer()));
		manifest = JSON.parse(strFromU8(files['manifest.json'])) as Manifest;
		expect(manifest.charter).toEqual({ id: charterId, slug: SLUG, title: expect.any(String) });
		expect(manifest.made_by).toBe('Claire Martin');
		expect(manifest.app.version).toMatch(/^\d+\.\d+\.\d+/);
		expect(manifest.about.fr.join(' ')).toMatch(/nombres/);
	});

	it('knows every table of a charter: archived, counted only, or left out with its reason', async () => {
		const tables = await su.query<{ name: string }>(
			`select c.relname as name from pg_class c join pg_attribute a on a.attrelid = c.oid
			 where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and a.attname = 'charter_id'`
		);
		const known = new Set<string>([...ARCHIVE_TABLES.map((t) => t.table), ...COUNTED_ONLY, ...Object.keys(LEFT_OUT)]);
		expect(tables.map((t) => t.name).filter((name) => !known.has(name))).toEqual([]);
		expect(manifest.left_out).toEqual(LEFT_OUT);
	});

	it('holds every table of the charter, each row once, in CSV and in JSON', async () => {
		for (const table of ARCHIVE_TABLES) {
			const [{ count }] = await su.query<{ count: number }>(
				`select count(*)::int as count from public.${table.table} where ${table.charterColumn} = $1`,
				[charterId]
			);
			expect(count, `${table.table} has rows for the test`).toBeGreaterThan(0);
			const json = JSON.parse(strFromU8(files[`json/${table.name}.json`])) as Record<string, unknown>[];
			expect(json.length, table.table).toBe(count);
			for (const row of json) expect(row[table.charterColumn], table.table).toBe(charterId);
			const csv = withBom.decode(files[`csv/${table.name}.csv`]);
			expect(csv.startsWith('\ufeff')).toBe(true);
			const parsed = Papa.parse<Record<string, string>>(csv.slice(1), {
				header: true,
				delimiter: ';',
				skipEmptyLines: true
			});
			expect(parsed.data.length, table.table).toBe(count);
			expect(manifest.files.find((f) => f.path === `json/${table.name}.json`)?.rows).toBe(count);
		}
	});

	it('keeps the people who are not members as counts only', () => {
		const names = Object.keys(files).join(' ');
		expect(names).not.toMatch(/support|internship|stage|demande/i);
		const counts = JSON.parse(strFromU8(files['json/nombres.json'])) as Record<string, unknown>;
		expect(Object.keys(counts).sort()).toEqual(['aid_grants', 'internships', 'support_requests']);
	});

	it('holds nothing of another charter', async () => {
		const ids = new Set<string>();
		for (const table of ARCHIVE_TABLES) {
			const hasId = await su.query(
				`select 1 from information_schema.columns where table_schema = 'public' and table_name = $1 and column_name = 'id'`,
				[table.table]
			);
			if (!hasId.length) continue;
			const column = table.charterColumn === 'id' ? 'id' : 'charter_id';
			const rows = await su.query<{ id: string }>(
				`select id::text as id from public.${table.table} where ${column} <> $1`,
				[charterId]
			);
			for (const r of rows) ids.add(r.id);
		}
		expect(ids.size).toBeGreaterThan(100);
		const text = Object.values(files)
			.map((bytes) => Buffer.from(bytes).toString('latin1'))
			.join('\n');
		const found = [...ids].filter((id) => text.includes(id));
		expect(found).toEqual([]);
		expect(text).toContain(charterId);
	});

	it('lists each file with its sha256, and the document is the uploaded file, byte for byte', () => {
		const paths = Object.keys(files).filter((p) => p !== 'manifest.json');
		expect(manifest.files.map((f) => f.path).sort()).toEqual(paths.sort());
		for (const f of manifest.files) {
			expect(sha256(files[f.path]), f.path).toBe(f.sha256);
			expect(files[f.path].byteLength, f.path).toBe(f.size);
		}
		const entry = manifest.files.find((f) => f.document_id === documentId);
		expect(entry?.path).toBe(`documents/piece_justificative/piece-${tag}.pdf`);
		expect(Buffer.from(files[entry!.path]).equals(Buffer.from(uploaded))).toBe(true);
		expect(manifest.missing_documents).toEqual([]);
	});

	it('is refused to a partner, in words', async () => {
		await expect(call(partner)).rejects.toMatchObject({
			status: 403,
			body: { message: 'Seule la coordination de la charte télécharge son archive complète.' }
		});
	});
});
