/**
 * Objects: upload (`POST`, `x-upsert`), update (`PUT`), download as the caller, info, remove — the routes of
 * supabase/storage `src/http/routes/object/` that storage-js calls, with their answers.
 */
import { caller, type Handler } from './context.ts';
import { errors } from './errors.ts';
import { isTrue, readJson, readUpload, sendJson } from './http.ts';
import { assertBucketName, assertValidKey } from './keys.ts';
import { bucketForUpload, mapped, objectInfo, sendObject, uploadLimit, writeObject } from './objects.ts';
import { asCaller, asOwner, findBucket, findObject, OBJECT_COLUMNS, type ObjectRow } from './rls.ts';

/** `POST /object/:bucket/*` (create; `x-upsert: true` replaces) and `PUT /object/:bucket/*` (replace). */
export const upload: Handler = async (ctx, x) => {
	const who = await caller(ctx, x);
	const [bucketId, rawName] = x.params;
	const name = assertValidKey(rawName);
	const bucket = await bucketForUpload(ctx.db, assertBucketName(bucketId));
	const body = await readUpload(x.req, uploadLimit(bucket));
	const mode = x.method === 'PUT' ? 'update' : isTrue(x.req.headers['x-upsert']) ? 'upsert' : 'insert';
	const { id } = await writeObject(ctx.db, ctx.files, { bucket, name, mode, owner: who.sub }, body, who);
	sendJson(x.res, 200, { Id: id, Key: `${bucket.id}/${name}` });
};

/** `GET|HEAD /object/:bucket/*` and `/object/authenticated/:bucket/*`: the bytes, if the caller may read them. */
export const download: Handler = async (ctx, x) => {
	const who = await caller(ctx, x);
	const [bucketId, rawName] = x.params;
	const name = assertValidKey(rawName);
	const object = await mapped(asCaller(ctx.db, who, (tx) => findObject(tx, bucketId, name)));
	if (!object) throw errors.noSuchKey();
	await sendObject(ctx.files, object, x);
};

/** `GET /object/public/:bucket/*`: any object of a public bucket, with no key (the gateway lets it through). */
export const downloadPublic: Handler = async (ctx, x) => {
	const [bucketId, rawName] = x.params;
	const name = assertValidKey(rawName);
	const object = await asOwner(ctx.db, async (tx) => {
		const bucket = await findBucket(tx, bucketId);
		if (!bucket?.public) throw errors.noSuchBucket();
		return findObject(tx, bucketId, name);
	});
	if (!object) throw errors.noSuchKey();
	await sendObject(ctx.files, object, x);
};

/** `GET|HEAD /object/info/:bucket/*` (and `/authenticated/`, `/public/`): the object's description. */
export const info: Handler = async (ctx, x) => {
	const [bucketId, rawName] = x.params;
	const name = assertValidKey(rawName);
	const isPublic = /^\/object\/info\/public\//.test(x.url.pathname);
	const object = isPublic
		? await asOwner(ctx.db, async (tx) => {
				const bucket = await findBucket(tx, bucketId);
				if (!bucket?.public) throw errors.noSuchBucket();
				return findObject(tx, bucketId, name);
			})
		: await mapped(asCaller(ctx.db, await caller(ctx, x), (tx) => findObject(tx, bucketId, name)));
	if (!object) throw errors.noSuchKey();
	if (x.method === 'HEAD') {
		x.res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
		return void x.res.end();
	}
	sendJson(x.res, 200, objectInfo(object));
};

/** Supabase's limit on one remove call. */
const MAX_PREFIXES = 1000;

/**
 * `DELETE /object/:bucket` with `{ prefixes: [names] }`: deletes, as the caller, the named objects the policies
 * let it delete, answers with them (the others are left, silently, as on Supabase), then removes their files.
 */
export const remove: Handler = async (ctx, x) => {
	const who = await caller(ctx, x);
	const [bucketId] = x.params;
	const body = await readJson(x.req);
	const prefixes = body.prefixes;
	if (!Array.isArray(prefixes) || prefixes.length === 0 || !prefixes.every((p) => typeof p === 'string')) {
		throw errors.invalidParameter('prefixes', 'prefixes must be a non-empty array of object names');
	}
	if (prefixes.length > MAX_PREFIXES) throw errors.invalidParameter('prefixes', `at most ${MAX_PREFIXES} prefixes`);
	const deleted = await mapped(
		asCaller(ctx.db, who, async (tx) => {
			const { rows } = await tx.query<ObjectRow>(
				`delete from storage.objects where bucket_id = $1 and name = any($2::text[]) returning ${OBJECT_COLUMNS}`,
				[bucketId, prefixes]
			);
			return rows;
		})
	);
	for (const row of deleted) if (row.version) await ctx.files.remove(row.bucket_id, row.id, row.version);
	sendJson(x.res, 200, deleted);
};
