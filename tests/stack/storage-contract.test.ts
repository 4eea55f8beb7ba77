/**
 * Contract tests of the Storage server: the real storage-js (supabase-js `client.storage`) through the gateway.
 * They pin down what storage-js sends and what it parses, so the server keeps behaving like Supabase Storage.
 *
 * Checked against the Storage API reference and supabase/storage's source (`src/internal/errors/codes.ts`,
 * `src/http/error-handler.ts`, the object and bucket routes):
 * - errors are `{ statusCode: '<status>', error, message }` with HTTP 400 for every error under 500, so storage-js
 *   has `status 400` and `statusCode '404' | '409' | '413' | '415'`: NoSuchKey "Object not found", Duplicate
 *   "The resource already exists", EntityTooLarge "The object exceeded the maximum allowed size", InvalidMimeType
 *   "mime type … is not supported", InvalidJWT (an expired signed URL: "jwt expired"), InvalidKey "Invalid key: …";
 * - upload answers `{ Id, Key: '<bucket>/<name>' }`; `x-upsert: true` replaces, without it a second upload is a
 *   Duplicate; a Blob is sent as multipart/form-data, a Buffer raw with `content-type` and `cache-control`;
 * - list: folders first as entries with `id: null`, then the files, `limit`/`offset`/`sortBy`/`search`;
 * - signed URLs: `{ signedURL: '/object/sign/<bucket>/<name>?token=' }`, the token a JWT `{ url, iat, exp }`;
 *   fetching it needs no key; `download` sets content-disposition; createSignedUrls answers `{ error, path,
 *   signedURL }` per path; signed upload URLs `{ url, token }`;
 * - remove answers the removed objects; move `{ message: 'Successfully moved' }`; copy `{ Key }`;
 * - the object metadata: `eTag`, `size`, `mimetype`, `cacheControl`, `lastModified`, `contentLength`,
 *   `httpStatusCode`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, sql, testConfig } from '../helpers/env.ts';

const service = serviceClient();
const suffix = randomUUID().slice(0, 8);
const PRIVATE = `contract-${suffix}`;
const PUBLIC = `contract-public-${suffix}`;
const LIMITED = `contract-limited-${suffix}`;
const storageUrl = `${testConfig.apiUrl}/storage/v1`;
const bucketDir = (bucket: string) => path.join(testConfig.dataDir, 'storage', bucket);

async function objectRow(bucket: string, name: string) {
	const [row] = await sql<{ id: string; version: string; metadata: Record<string, unknown>; owner_id: string | null }>(
		'select id, version, metadata, owner_id from storage.objects where bucket_id = $1 and name = $2',
		[bucket, name]
	);
	return row;
}

const fileOf = (bucket: string, row: { id: string; version: string }) =>
	path.join(bucketDir(bucket), row.id, row.version);

/** A request with its path sent exactly as written (fetch would resolve `..` and `%2e%2e` first). */
function raw(
	method: string,
	rawPath: string,
	body?: Buffer,
	headers: Record<string, string> = {}
): Promise<{ status: number; json: Record<string, unknown> }> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port: testConfig.ports.api,
				method,
				agent: false,
				path: `/storage/v1${rawPath}`,
				headers: { apikey: testConfig.serviceRoleKey, ...headers }
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
				});
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

beforeAll(async () => {
	for (const [id, options] of [
		[PRIVATE, { public: false }],
		[PUBLIC, { public: true }],
		[LIMITED, { public: false, fileSizeLimit: '1KB', allowedMimeTypes: ['text/plain', 'image/*'] }]
	] as [string, { public: boolean; fileSizeLimit?: string; allowedMimeTypes?: string[] }][]) {
		const { data, error } = await service.storage.createBucket(id, options);
		expect(error).toBeNull();
		expect(data).toEqual({ name: id });
	}
});

afterAll(async () => {
	for (const id of [PRIVATE, PUBLIC, LIMITED]) {
		await service.storage.emptyBucket(id);
		await service.storage.deleteBucket(id);
	}
});

describe('buckets', () => {
	it('lists, reads and updates buckets with the service role; a second bucket of the same id is a Duplicate', async () => {
		const { data: list } = await service.storage.listBuckets();
		expect(list?.map((b) => b.id)).toEqual(expect.arrayContaining([PRIVATE, PUBLIC, LIMITED]));
		const { data: limited } = await service.storage.getBucket(LIMITED);
		expect(limited).toMatchObject({
			id: LIMITED,
			public: false,
			file_size_limit: 1024,
			allowed_mime_types: ['text/plain', 'image/*']
		});
		const again = await service.storage.createBucket(PRIVATE);
		expect(again.error).toMatchObject({ status: 400, statusCode: '409', message: 'The resource already exists' });
		const { error: missing } = await service.storage.getBucket(`nope-${suffix}`);
		expect(missing).toMatchObject({ statusCode: '404', message: 'Bucket not found' });
		expect((await service.storage.updateBucket(PUBLIC, { public: true, fileSizeLimit: 2048 })).data).toEqual({
			message: 'Successfully updated'
		});
		expect((await service.storage.getBucket(PUBLIC)).data?.file_size_limit).toBe(2048);
		expect((await service.storage.updateBucket(PUBLIC, { public: true, fileSizeLimit: null })).error).toBeNull();
	});

	it('refuses buckets to the anon and authenticated roles (no policy on storage.buckets)', async () => {
		const { error } = await anonClient().storage.createBucket(`anon-${suffix}`);
		expect(error).toMatchObject({
			status: 400,
			statusCode: '403',
			message: 'new row violates row-level security policy'
		});
		expect((await anonClient().storage.listBuckets()).data).toEqual([]);
	});

	it('does not delete a bucket that still has objects', async () => {
		await service.storage.from(PRIVATE).upload('keep.txt', Buffer.from('x'), { contentType: 'text/plain' });
		const { error } = await service.storage.deleteBucket(PRIVATE);
		expect(error).toMatchObject({ statusCode: '409', message: 'The bucket you tried to delete is not empty' });
		await service.storage.from(PRIVATE).remove(['keep.txt']);
	});
});

describe('upload and download', () => {
	const files = () => service.storage.from(PRIVATE);

	it('uploads a Buffer raw, keeps Supabase metadata and the bytes on disk, downloads the same bytes', async () => {
		const bytes = Buffer.from('Charte signée le 22/11/2026');
		const { data, error } = await files().upload('charte/signée.txt', bytes, { contentType: 'text/plain' });
		expect(error).toBeNull();
		expect(data).toMatchObject({ path: 'charte/signée.txt', fullPath: `${PRIVATE}/charte/signée.txt` });
		const row = await objectRow(PRIVATE, 'charte/signée.txt');
		expect(data?.id).toBe(row.id);
		expect(row.metadata).toMatchObject({
			eTag: `"${createHash('md5').update(bytes).digest('hex')}"`,
			size: bytes.length,
			mimetype: 'text/plain',
			cacheControl: 'max-age=3600',
			contentLength: bytes.length,
			httpStatusCode: 200
		});
		expect(row.metadata.lastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(await readFile(fileOf(PRIVATE, row))).toEqual(bytes);
		const download = await files().download('charte/signée.txt');
		expect(download.error).toBeNull();
		expect(Buffer.from(await download.data!.arrayBuffer())).toEqual(bytes);
		expect(download.data?.type).toBe('text/plain');
		const head = await fetch(`${storageUrl}/object/${PRIVATE}/charte/sign%C3%A9e.txt`, {
			method: 'HEAD',
			headers: { apikey: testConfig.serviceRoleKey }
		});
		expect(head.headers.get('etag')).toBe(row.metadata.eTag);
		expect(head.headers.get('content-length')).toBe(String(bytes.length));
		expect(head.headers.get('cache-control')).toBe('max-age=3600');
		expect(new Date(head.headers.get('last-modified')!).getTime()).toBeGreaterThan(Date.now() - 60_000);
		const part = await fetch(`${storageUrl}/object/${PRIVATE}/charte/sign%C3%A9e.txt`, {
			headers: { apikey: testConfig.serviceRoleKey, range: 'bytes=0-5' }
		});
		expect(part.status).toBe(206);
		expect(part.headers.get('content-range')).toBe(`bytes 0-5/${bytes.length}`);
		expect(await part.text()).toBe('Charte');
		const outside = await fetch(`${storageUrl}/object/${PRIVATE}/charte/sign%C3%A9e.txt`, {
			headers: { apikey: testConfig.serviceRoleKey, range: `bytes=${bytes.length}-` }
		});
		expect(await outside.json()).toMatchObject({ statusCode: '400', error: 'invalid_range' });
	});

	it('uploads a Blob as multipart form data with its type and cache control', async () => {
		const blob = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], { type: 'image/png' });
		const { error } = await files().upload('images/logo.png', blob, { cacheControl: '60' });
		expect(error).toBeNull();
		const row = await objectRow(PRIVATE, 'images/logo.png');
		expect(row.metadata).toMatchObject({ mimetype: 'image/png', size: 7, cacheControl: 'max-age=60' });
		const file = new File([Buffer.from('%PDF-1.4 test')], 'compte-rendu.pdf', { type: 'application/pdf' });
		expect((await files().upload('images/cr.pdf', file)).error).toBeNull();
		const { data } = await files().download('images/cr.pdf');
		expect(await data?.text()).toBe('%PDF-1.4 test');
	});

	it('refuses a second upload without upsert (Duplicate), replaces with upsert and removes the old file', async () => {
		await files().upload('twice.txt', Buffer.from('premier'), { contentType: 'text/plain' });
		const first = await objectRow(PRIVATE, 'twice.txt');
		const second = await files().upload('twice.txt', Buffer.from('second'), { contentType: 'text/plain' });
		expect(second.error).toMatchObject({ status: 400, statusCode: '409', message: 'The resource already exists' });
		expect(await (await files().download('twice.txt')).data?.text()).toBe('premier');
		const upsert = await files().upload('twice.txt', Buffer.from('second'), {
			contentType: 'text/plain',
			upsert: true
		});
		expect(upsert.error).toBeNull();
		expect(upsert.data?.id).toBe(first.id);
		expect(await (await files().download('twice.txt')).data?.text()).toBe('second');
		const after = await objectRow(PRIVATE, 'twice.txt');
		expect(after.version).not.toBe(first.version);
		expect(existsSync(fileOf(PRIVATE, first))).toBe(false);
		expect(existsSync(fileOf(PRIVATE, after))).toBe(true);
	});

	it('update() replaces an object and refuses a missing one', async () => {
		await files().upload('update.txt', Buffer.from('v1'), { contentType: 'text/plain' });
		expect((await files().update('update.txt', Buffer.from('v2'), { contentType: 'text/plain' })).error).toBeNull();
		expect(await (await files().download('update.txt')).data?.text()).toBe('v2');
		const missing = await files().update('missing.txt', Buffer.from('v2'), { contentType: 'text/plain' });
		expect(missing.error).toMatchObject({ statusCode: '404', message: 'Object not found' });
	});

	it('answers a missing object with NoSuchKey, and info() and exists() describe an object', async () => {
		const missing = await files().download('nowhere.txt');
		expect(missing.error).toMatchObject({ status: 400, statusCode: '404', message: 'Object not found' });
		await files().upload('info.txt', Buffer.from('12345'), {
			contentType: 'text/plain',
			metadata: { kind: 'minutes' }
		});
		const { data, error } = await files().info('info.txt');
		expect(error).toBeNull();
		expect(data).toMatchObject({
			name: 'info.txt',
			bucketId: PRIVATE,
			size: 5,
			contentType: 'text/plain',
			metadata: { kind: 'minutes' }
		});
		expect((await files().exists('info.txt')).data).toBe(true);
		expect((await files().exists('nowhere.txt')).data).toBe(false);
	});
});

describe('list', () => {
	const files = () => service.storage.from(PRIVATE);
	beforeAll(async () => {
		for (const name of [
			'list/b.txt',
			'list/a.txt',
			'list/c.txt',
			'list/sub/x.txt',
			'list/autre/y.txt',
			'list/sub/z.txt'
		]) {
			await files().upload(name, Buffer.from(name), { contentType: 'text/plain' });
		}
	});

	it('lists folders first (id null), then files, one level under the prefix', async () => {
		const { data, error } = await files().list('list');
		expect(error).toBeNull();
		expect(data?.map((e) => [e.name, e.id === null])).toEqual([
			['autre', true],
			['sub', true],
			['a.txt', false],
			['b.txt', false],
			['c.txt', false]
		]);
		expect(data?.[2].metadata).toMatchObject({ size: 10, mimetype: 'text/plain' });
		expect((await files().list('list/sub/')).data?.map((e) => e.name)).toEqual(['x.txt', 'z.txt']);
	});

	it('honours limit, offset, sortBy and search', async () => {
		const page = await files().list('list', { limit: 2, offset: 2 });
		expect(page.data?.map((e) => e.name)).toEqual(['a.txt', 'b.txt']);
		const desc = await files().list('list', { sortBy: { column: 'name', order: 'desc' } });
		expect(desc.data?.map((e) => e.name)).toEqual(['sub', 'autre', 'c.txt', 'b.txt', 'a.txt']);
		const search = await files().list('list', { search: 'b' });
		expect(search.data?.map((e) => e.name)).toEqual(['b.txt']);
		const bad = await files().list('list', { sortBy: { column: 'size', order: 'asc' } });
		expect(bad.error).toMatchObject({ statusCode: '400' });
	});
});

describe('signed URLs', () => {
	const files = () => service.storage.from(PRIVATE);
	beforeAll(async () => {
		await files().upload('signed/procès verbal.txt', Buffer.from('PV'), { contentType: 'text/plain' });
	});

	it('signs a URL that any fetch without headers can read, with content-disposition on download', async () => {
		const { data, error } = await files().createSignedUrl('signed/procès verbal.txt', 60, { download: 'pv.txt' });
		expect(error).toBeNull();
		expect(data?.signedUrl).toMatch(
			new RegExp(`^${storageUrl}/object/sign/${PRIVATE}/signed/proc%C3%A8s%20verbal\\.txt\\?token=`)
		);
		const res = await fetch(data!.signedUrl);
		expect(res.status).toBe(200);
		expect(await res.text()).toBe('PV');
		expect(res.headers.get('content-disposition')).toContain('attachment; filename="pv.txt"');
		expect(res.headers.get('content-type')).toBe('text/plain');
	});

	it('refuses a signed URL once it has expired, and one whose token names another object', async () => {
		const { data } = await files().createSignedUrl('signed/procès verbal.txt', 1);
		await new Promise((r) => setTimeout(r, 2100));
		const expired = await fetch(data!.signedUrl);
		expect(expired.status).toBe(400);
		expect(await expired.json()).toMatchObject({ statusCode: '400', error: 'InvalidJWT', message: 'jwt expired' });
		const fresh = await files().createSignedUrl('signed/procès verbal.txt', 60);
		const token = new URL(fresh.data!.signedUrl).searchParams.get('token');
		const other = await fetch(`${storageUrl}/object/sign/${PRIVATE}/info.txt?token=${token}`);
		expect(await other.json()).toMatchObject({ statusCode: '400', error: 'InvalidSignature' });
		const forged = await new SignJWT({ url: `${PRIVATE}/info.txt` })
			.setProtectedHeader({ alg: 'HS256' })
			.setExpirationTime('1h')
			.sign(new TextEncoder().encode('not-the-project-secret-but-long-enough-32'));
		const refused = await fetch(`${storageUrl}/object/sign/${PRIVATE}/info.txt?token=${forged}`);
		expect(await refused.json()).toMatchObject({ error: 'InvalidJWT', message: 'invalid signature' });
	});

	it('signs several paths at once, with an error for a missing one', async () => {
		const { data, error } = await files().createSignedUrls(['signed/procès verbal.txt', 'signed/absent.txt'], 60);
		expect(error).toBeNull();
		expect(data?.[0]).toMatchObject({ error: null, path: 'signed/procès verbal.txt' });
		expect((await fetch(data![0].signedUrl!)).status).toBe(200);
		expect(data?.[1]).toMatchObject({
			error: 'Either the object does not exist or you do not have access to it',
			path: 'signed/absent.txt',
			signedUrl: null
		});
		const missing = await files().createSignedUrl('signed/absent.txt', 60);
		expect(missing.error).toMatchObject({ statusCode: '404', message: 'Object not found' });
	});

	it('uploads through a signed upload URL, without a key, owned by whoever signed it', async () => {
		const { data, error } = await files().createSignedUploadUrl('signed/upload.txt');
		expect(error).toBeNull();
		const res = await fetch(data!.signedUrl, {
			method: 'PUT',
			body: 'par URL signée',
			headers: { 'content-type': 'text/plain' }
		});
		expect(res.status).toBe(200);
		expect(await (await files().download('signed/upload.txt')).data?.text()).toBe('par URL signée');
		const again = await files().uploadToSignedUrl('signed/upload.txt', data!.token, Buffer.from('x'), {
			contentType: 'text/plain'
		});
		expect(again.error).toMatchObject({ statusCode: '409' });
		expect((await files().createSignedUploadUrl('signed/upload.txt')).error).toMatchObject({ statusCode: '409' });
	});

	it('serves public buckets without a key, and never a private bucket through /object/public', async () => {
		await service.storage.from(PUBLIC).upload('open.txt', Buffer.from('ouvert'), { contentType: 'text/plain' });
		const { data } = service.storage.from(PUBLIC).getPublicUrl('open.txt');
		const res = await fetch(data.publicUrl);
		expect(res.status).toBe(200);
		expect(await res.text()).toBe('ouvert');
		const privateUrl = service.storage.from(PRIVATE).getPublicUrl('info.txt').data.publicUrl;
		const refused = await fetch(privateUrl);
		expect(await refused.json()).toMatchObject({ statusCode: '404', message: 'Bucket not found' });
		const noKey = await fetch(`${storageUrl}/object/${PRIVATE}/info.txt`);
		expect(noKey.status).toBe(401);
	});
});

describe('remove, move, copy', () => {
	const files = () => service.storage.from(PRIVATE);

	it('removes objects, answers with the removed ones, and their files leave the disk', async () => {
		await files().upload('rm/a.txt', Buffer.from('a'), { contentType: 'text/plain' });
		await files().upload('rm/b.txt', Buffer.from('b'), { contentType: 'text/plain' });
		const a = await objectRow(PRIVATE, 'rm/a.txt');
		const { data, error } = await files().remove(['rm/a.txt', 'rm/b.txt', 'rm/absent.txt']);
		expect(error).toBeNull();
		expect(data?.map((o) => o.name).sort()).toEqual(['rm/a.txt', 'rm/b.txt']);
		expect(data?.[0]).toMatchObject({ bucket_id: PRIVATE, metadata: { size: 1 } });
		expect(existsSync(fileOf(PRIVATE, a))).toBe(false);
		expect((await files().download('rm/a.txt')).error).toMatchObject({ statusCode: '404' });
	});

	it('moves and copies objects', async () => {
		await files().upload('mv/from.txt', Buffer.from('déplacé'), { contentType: 'text/plain' });
		expect((await files().move('mv/from.txt', 'mv/to.txt')).data).toEqual({ message: 'Successfully moved' });
		expect((await files().download('mv/from.txt')).error).toMatchObject({ statusCode: '404' });
		expect(await (await files().download('mv/to.txt')).data?.text()).toBe('déplacé');
		expect((await files().copy('mv/to.txt', 'mv/copy.txt')).data).toEqual({ path: `${PRIVATE}/mv/copy.txt` });
		expect(await (await files().download('mv/copy.txt')).data?.text()).toBe('déplacé');
		expect((await files().copy('mv/to.txt', 'mv/copy.txt')).error).toMatchObject({ statusCode: '409' });
		expect((await files().move('mv/absent.txt', 'mv/x.txt')).error).toMatchObject({ statusCode: '404' });
		const across = await files().move('mv/copy.txt', 'moved.txt', { destinationBucket: PUBLIC });
		expect(across.error).toBeNull();
		expect(await (await service.storage.from(PUBLIC).download('moved.txt')).data?.text()).toBe('déplacé');
	});
});

describe('limits and keys', () => {
	const limited = () => service.storage.from(LIMITED);

	it("refuses a file over the bucket's size limit and a type it does not allow, as storage-js surfaces them", async () => {
		const big = await limited().upload('big.txt', Buffer.alloc(1025, 'a'), { contentType: 'text/plain' });
		expect(big.error).toMatchObject({
			status: 400,
			statusCode: '413',
			message: 'The object exceeded the maximum allowed size'
		});
		const pdf = await limited().upload('doc.pdf', Buffer.from('%PDF'), { contentType: 'application/pdf' });
		expect(pdf.error).toMatchObject({
			status: 400,
			statusCode: '415',
			message: 'mime type application/pdf is not supported'
		});
		expect((await limited().upload('ok.txt', Buffer.alloc(1024, 'a'), { contentType: 'text/plain' })).error).toBeNull();
		const webp = new Blob([Buffer.from('RIFF')], { type: 'image/webp' });
		expect((await limited().upload('ok.webp', webp)).error).toBeNull();
		expect(existsSync(bucketDir(LIMITED))).toBe(true);
		const [{ n }] = await sql<{ n: string }>('select count(*) as n from storage.objects where bucket_id = $1', [
			LIMITED
		]);
		expect(Number(n)).toBe(2);
	});

	it.each([
		['an empty segment', `/object/${PRIVATE}/a//b.txt`],
		['a .. segment', `/object/${PRIVATE}/a/../b.txt`],
		['an encoded .. segment', `/object/${PRIVATE}/a/%2e%2e/b.txt`],
		['a . segment', `/object/${PRIVATE}/./b.txt`],
		['a backslash', `/object/${PRIVATE}/a%5Cb.txt`],
		['a control character', `/object/${PRIVATE}/a%01b.txt`],
		['a leading slash', `/object/${PRIVATE}//b.txt`],
		['an encoded slash making a .. segment', `/object/${PRIVATE}/a%2F..%2Fb.txt`]
	])('refuses a key with %s (InvalidKey)', async (_what, rawPath) => {
		const res = await raw('POST', rawPath, Buffer.from('x'), { 'content-type': 'text/plain' });
		expect(res.status).toBe(400);
		expect(res.json).toMatchObject({ statusCode: '400', error: 'InvalidKey' });
		expect(String(res.json.message)).toMatch(/^Invalid key: /);
	});

	it('refuses a request without a valid JWT, and writes nothing for anon without a policy', async () => {
		const expired = await new SignJWT({ role: 'service_role' })
			.setProtectedHeader({ alg: 'HS256' })
			.setExpirationTime(Math.floor(Date.now() / 1000) - 10)
			.sign(new TextEncoder().encode(testConfig.jwtSecret));
		const res = await raw('GET', `/object/${PRIVATE}/info.txt`, undefined, { authorization: `Bearer ${expired}` });
		expect(res.json).toMatchObject({ statusCode: '400', error: 'InvalidJWT', message: 'jwt expired' });
		const anon = await anonClient()
			.storage.from(PRIVATE)
			.upload('anon.txt', Buffer.from('x'), { contentType: 'text/plain' });
		expect(anon.error).toMatchObject({ statusCode: '403', message: 'new row violates row-level security policy' });
		expect(await objectRow(PRIVATE, 'anon.txt')).toBeUndefined();
		expect((await anonClient().storage.from(PRIVATE).download('info.txt')).error).toMatchObject({ statusCode: '404' });
	});
});

const [charterBucket] = await sql<{ file_size_limit: string; allowed_mime_types: string[] }>(
	"select file_size_limit, allowed_mime_types from storage.buckets where id = 'charter-documents'"
);

describe.runIf(charterBucket)('the charter-documents bucket', () => {
	const docs = () => service.storage.from('charter-documents');
	const prefix = `${randomUUID()}/contract`;
	afterAll(async () => {
		await docs().remove([`${prefix}/ok.pdf`]);
	});

	it('is private, 20 MB, and takes PDF but not an executable', async () => {
		expect(Number(charterBucket.file_size_limit)).toBe(20 * 1024 * 1024);
		expect(
			(await docs().upload(`${prefix}/ok.pdf`, Buffer.from('%PDF-1.7'), { contentType: 'application/pdf' })).error
		).toBeNull();
		const exe = await docs().upload(`${prefix}/x.exe`, Buffer.from('MZ'), { contentType: 'application/x-msdownload' });
		expect(exe.error).toMatchObject({
			statusCode: '415',
			message: 'mime type application/x-msdownload is not supported'
		});
		const big = await docs().upload(`${prefix}/big.pdf`, Buffer.alloc(20 * 1024 * 1024 + 1), {
			contentType: 'application/pdf'
		});
		expect(big.error).toMatchObject({ statusCode: '413', message: 'The object exceeded the maximum allowed size' });
		const url = docs().getPublicUrl(`${prefix}/ok.pdf`).data.publicUrl;
		expect(await (await fetch(url)).json()).toMatchObject({ statusCode: '404', message: 'Bucket not found' });
	});
});
