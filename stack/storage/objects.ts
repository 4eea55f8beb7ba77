/**
 * Writing and serving objects: the metadata Supabase keeps (`objects.metadata`), the transaction that inserts or
 * updates a row and only then writes its file, and the download answer.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { errors, fromDatabase } from './errors.ts';
import { eTag, type Files } from './files.ts';
import { GLOBAL_FILE_SIZE_LIMIT, type Upload } from './http.ts';
import { contentDisposition, mimeAllowed } from './keys.ts';
import { asCaller, asOwner, type BucketRow, type Db, findBucket, findObject, type ObjectRow, type Tx } from './rls.ts';
import type { Caller } from './tokens.ts';

export interface ObjectMetadata {
	eTag: string;
	size: number;
	mimetype: string;
	cacheControl: string;
	lastModified: string;
	contentLength: number;
	httpStatusCode: number;
}

export function objectMetadata(bytes: Buffer, mimetype: string, cacheControl: string): ObjectMetadata {
	return {
		eTag: eTag(bytes),
		size: bytes.length,
		mimetype,
		cacheControl,
		lastModified: new Date().toISOString(),
		contentLength: bytes.length,
		httpStatusCode: 200
	};
}

/** The bucket, read as the tables' owner as Supabase does before an upload (its limits), or NoSuchBucket. */
export async function bucketForUpload(db: Db, bucketId: string): Promise<BucketRow> {
	const bucket = await asOwner(db, (tx) => findBucket(tx, bucketId));
	if (!bucket) throw errors.noSuchBucket();
	return bucket;
}

export function uploadLimit(bucket: BucketRow): number {
	const limit = bucket.file_size_limit;
	return limit !== null && limit > 0 ? Math.min(limit, GLOBAL_FILE_SIZE_LIMIT) : GLOBAL_FILE_SIZE_LIMIT;
}

export function checkLimits(bucket: BucketRow, size: number, mimetype: string): void {
	if (size > uploadLimit(bucket)) throw errors.entityTooLarge();
	if (!mimeAllowed(mimetype, bucket.allowed_mime_types)) throw errors.invalidMimeType(mimetype);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type WriteMode = 'insert' | 'upsert' | 'update';

export interface Written {
	id: string;
	version: string;
}

/** Database errors a handler may show (RLS, duplicates), as Supabase Storage maps them; others stay 500. */
export async function mapped<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (error) {
		throw fromDatabase(error) ?? error;
	}
}

/**
 * Inserts, upserts or updates an object's row as the caller (or as the owner, for a signed upload URL, with the
 * signer as owner), writes its file inside the still open transaction, and removes the replaced version's file
 * once it has committed. A refused or failed transaction leaves the disk as it was.
 */
export async function writeObject(
	db: Db,
	files: Files,
	target: { bucket: BucketRow; name: string; mode: WriteMode; owner: string | null },
	upload: Upload,
	as: Caller | 'owner'
): Promise<Written> {
	checkLimits(target.bucket, upload.bytes.length, upload.mimetype);
	const bucketId = target.bucket.id;
	const metadata = objectMetadata(upload.bytes, upload.mimetype, upload.cacheControl);
	const version = randomUUID();
	let written: Written | null = null;
	let replaced: ObjectRow | null = null;
	const work = async (tx: Tx): Promise<Written> => {
		replaced = target.mode === 'insert' ? null : await findObject(tx, bucketId, target.name);
		if (target.mode === 'update' && !replaced) throw errors.noSuchKey();
		const id = replaced?.id ?? randomUUID();
		const owner = target.owner && UUID.test(target.owner) ? target.owner : null;
		const values = [id, bucketId, target.name, owner, version, metadata, upload.userMetadata, target.owner];
		if (target.mode === 'update') {
			const { rowCount } = await tx.query(
				`update storage.objects set owner = $4, owner_id = $8, version = $5, metadata = $6, user_metadata = $7,
				   updated_at = now(), last_accessed_at = now()
				 where id = $1 and bucket_id = $2 and name = $3`,
				values
			);
			if (rowCount === 0) throw errors.noSuchKey();
		} else {
			await tx.query(
				`insert into storage.objects (id, bucket_id, name, owner, owner_id, version, metadata, user_metadata)
				 values ($1, $2, $3, $4, $8, $5, $6, $7)
				 ${
						target.mode === 'upsert'
							? `on conflict (bucket_id, name) do update set owner = excluded.owner, owner_id = excluded.owner_id,
							     version = excluded.version, metadata = excluded.metadata, user_metadata = excluded.user_metadata,
							     updated_at = now(), last_accessed_at = now()`
							: ''
					}`,
				values
			);
		}
		written = { id, version };
		await files.write(bucketId, id, version, upload.bytes);
		return written;
	};
	let result: Written;
	try {
		result = await mapped(as === 'owner' ? asOwner(db, work) : asCaller(db, as, work));
	} catch (error) {
		// The transaction was rolled back: the file written for it (if any) goes too.
		const orphan = written as Written | null;
		if (orphan) await files.remove(bucketId, orphan.id, orphan.version).catch(() => {});
		throw error;
	}
	const old = replaced as ObjectRow | null;
	if (old?.version && old.version !== version) await files.remove(bucketId, old.id, old.version).catch(() => {});
	return result;
}

/** The object's bytes (or, for HEAD, its headers), as Supabase Storage answers a download. */
export async function sendObject(
	files: Files,
	object: ObjectRow,
	x: { req: http.IncomingMessage; res: http.ServerResponse; url: URL; method: string }
): Promise<void> {
	if (!object.version || !(await files.exists(object.bucket_id, object.id, object.version))) throw errors.noSuchKey();
	const meta = (object.metadata ?? {}) as Partial<ObjectMetadata>;
	const headers: Record<string, string | number> = {
		'content-type': meta.mimetype ?? 'application/octet-stream',
		'content-length': meta.size ?? 0,
		'cache-control': meta.cacheControl ?? 'no-cache',
		etag: meta.eTag ?? '',
		'last-modified': new Date(meta.lastModified ?? object.updated_at).toUTCString()
	};
	const download = x.url.searchParams.get('download');
	if (download !== null)
		headers['content-disposition'] = contentDisposition(download || object.name.split('/').at(-1)!);
	if (x.req.headers['if-none-match'] && x.req.headers['if-none-match'] === meta.eTag) {
		x.res.writeHead(304, { etag: String(headers.etag) });
		return void x.res.end();
	}
	const size = Number(meta.size ?? 0);
	const range = parseRange(x.req.headers.range, size);
	headers['accept-ranges'] = 'bytes';
	if (range) {
		headers['content-range'] = `bytes ${range.start}-${range.end}/${size}`;
		headers['content-length'] = range.end - range.start + 1;
	}
	x.res.writeHead(range ? 206 : 200, headers);
	if (x.method === 'HEAD') return void x.res.end();
	const stream = files.read(object.bucket_id, object.id, object.version, range ?? undefined);
	await new Promise<void>((resolve, reject) => {
		stream.on('error', reject);
		x.res.on('close', resolve);
		stream.pipe(x.res);
	});
}

/**
 * One `Range: bytes=…` (first-last, first-, or -suffix) within the object, as Supabase serves it (206); none, or
 * several ranges, give the whole object; a range outside it is InvalidRange.
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null {
	if (!header) return null;
	const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!match) return null;
	const [, first, last] = match;
	if (first === '' && last === '') throw errors.invalidRange();
	let start: number;
	let end: number;
	if (first === '') {
		start = Math.max(0, size - Number(last));
		end = size - 1;
	} else {
		start = Number(first);
		end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
	}
	if (start > end || start >= size) throw errors.invalidRange();
	return { start, end };
}

/** `GET /object/info/…`: the object as storage-js's `info()` reads it (then camel-cased). */
export function objectInfo(object: ObjectRow) {
	const meta = (object.metadata ?? {}) as Partial<ObjectMetadata>;
	return {
		id: object.id,
		name: object.name,
		version: object.version,
		bucket_id: object.bucket_id,
		size: meta.size ?? null,
		content_type: meta.mimetype ?? null,
		cache_control: meta.cacheControl ?? null,
		etag: meta.eTag ?? null,
		metadata: object.user_metadata,
		last_modified: object.updated_at,
		created_at: object.created_at
	};
}
