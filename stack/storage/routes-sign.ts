/**
 * Signed URLs, as supabase/storage signs them: a JWT with `{ url: '<bucket>/<name>' }` and an expiry, signed with
 * the project's secret. Signing runs as the caller (the select policy must let it read the object, or the insert
 * policy write it, for an upload URL); using a URL needs no key, and reads or writes as the tables' owner.
 */
import { caller, type Handler } from './context.ts';
import { errors } from './errors.ts';
import { isTrue, readJson, readUpload, sendJson } from './http.ts';
import { assertBucketName, assertValidKey } from './keys.ts';
import { bucketForUpload, mapped, sendObject, uploadLimit, writeObject } from './objects.ts';
import { asCaller, asOwner, findObject } from './rls.ts';
import { expiresIn, signUrlToken, verifyToken } from './tokens.ts';

/** Supabase's default lifetime of a signed upload URL: two hours. */
const UPLOAD_URL_SECONDS = 2 * 60 * 60;

const signedPath = (kind: 'sign' | 'upload/sign', url: string, token: string) =>
	`/object/${kind}/${url}?token=${token}`;

/** `POST /object/sign/:bucket/*` `{ expiresIn }` → `{ signedURL }` (storage-js prefixes it with its URL). */
export const sign: Handler = async (ctx, x) => {
	const who = await caller(ctx, x);
	const [bucketId, rawName] = x.params;
	const name = assertValidKey(rawName);
	const body = await readJson(x.req);
	const seconds = expiresIn(body.expiresIn);
	const object = await mapped(asCaller(ctx.db, who, (tx) => findObject(tx, bucketId, name)));
	if (!object) throw errors.noSuchKey();
	const url = `${bucketId}/${name}`;
	const token = await signUrlToken({ url }, ctx.config.jwtSecret, seconds);
	sendJson(x.res, 200, { signedURL: signedPath('sign', url, token) });
};

const NOT_READABLE = 'Either the object does not exist or you do not have access to it';

/** `POST /object/sign/:bucket` `{ expiresIn, paths }` → one `{ error, path, signedURL }` per path. */
export const signMany: Handler = async (ctx, x) => {
	const who = await caller(ctx, x);
	const [bucketId] = x.params;
	const body = await readJson(x.req);
	const seconds = expiresIn(body.expiresIn);
	const paths = body.paths;
	if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === 'string')) {
		throw errors.invalidParameter('paths', 'paths must be a non-empty array of object names');
	}
	const readable = await mapped(
		asCaller(ctx.db, who, async (tx) => {
			const { rows } = await tx.query<{ name: string }>(
				'select name from storage.objects where bucket_id = $1 and name = any($2::text[])',
				[bucketId, paths]
			);
			return new Set(rows.map((r) => r.name));
		})
	);
	const answer = [];
	for (const path of paths as string[]) {
		if (!readable.has(path)) {
			answer.push({ error: NOT_READABLE, path, signedURL: null });
			continue;
		}
		const url = `${bucketId}/${path}`;
		const token = await signUrlToken({ url }, ctx.config.jwtSecret, seconds);
		answer.push({ error: null, path, signedURL: signedPath('sign', url, token) });
	}
	sendJson(x.res, 200, answer);
};

async function tokenFor(x: Parameters<Handler>[1], secret: string) {
	const token = x.url.searchParams.get('token');
	if (!token) throw errors.missingParameter('token');
	const payload = await verifyToken(token, secret);
	const [bucketId, name] = x.params;
	if (payload.url !== `${bucketId}/${name}`) throw errors.invalidSignature();
	return { payload, bucketId, name };
}

/** `GET /object/sign/:bucket/*?token=`: the bytes, with no key; `download` sets content-disposition. */
export const downloadSigned: Handler = async (ctx, x) => {
	const { bucketId, name } = await tokenFor(x, ctx.config.jwtSecret);
	const object = await asOwner(ctx.db, (tx) => findObject(tx, bucketId, name));
	if (!object) throw errors.noSuchKey();
	await sendObject(ctx.files, object, x);
};

/**
 * `POST /object/upload/sign/:bucket/*` → `{ url, token }`. Like Supabase's `canUpload`, the insert (or upsert,
 * with `x-upsert: true`) is tried as the caller in a transaction that is rolled back: a refused one signs nothing.
 */
export const signUpload: Handler = async (ctx, x) => {
	const who = await caller(ctx, x);
	const [bucketId, rawName] = x.params;
	const name = assertValidKey(rawName);
	const bucket = await bucketForUpload(ctx.db, assertBucketName(bucketId));
	const upsert = isTrue(x.req.headers['x-upsert']);
	const rollback = new Error('rollback');
	await mapped(
		asCaller(ctx.db, who, async (tx) => {
			await tx.query(
				`insert into storage.objects (bucket_id, name, owner_id, version) values ($1, $2, $3, 'permission-check')
				 ${upsert ? 'on conflict (bucket_id, name) do update set version = excluded.version' : ''}`,
				[bucket.id, name, who.sub]
			);
			throw rollback;
		})
	).catch((error: unknown) => {
		if (error !== rollback) throw error;
	});
	const url = `${bucket.id}/${name}`;
	const token = await signUrlToken({ url, owner: who.sub, upsert }, ctx.config.jwtSecret, UPLOAD_URL_SECONDS);
	sendJson(x.res, 200, { url: signedPath('upload/sign', url, token), token });
};

/** `PUT /object/upload/sign/:bucket/*?token=`: the upload the token allows, owned by whoever signed it. */
export const uploadSigned: Handler = async (ctx, x) => {
	const { payload, bucketId, name } = await tokenFor(x, ctx.config.jwtSecret);
	assertValidKey(name);
	const bucket = await bucketForUpload(ctx.db, assertBucketName(bucketId));
	const body = await readUpload(x.req, uploadLimit(bucket));
	const owner = typeof payload.owner === 'string' ? payload.owner : null;
	const mode = payload.upsert === true ? 'upsert' : 'insert';
	const { id } = await writeObject(ctx.db, ctx.files, { bucket, name, mode, owner }, body, 'owner');
	sendJson(x.res, 200, { Id: id, Key: `${bucket.id}/${name}` });
};
