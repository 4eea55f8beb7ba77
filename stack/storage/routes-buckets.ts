/**
 * Buckets (`/bucket`): list, get, create, update, empty, delete, as the caller. storage.buckets has row-level
 * security and no policy, so only the service role (which bypasses it) sees or changes buckets, as on a Supabase
 * project whose migrations add no bucket policy.
 */
import { caller, type Handler } from './context.ts';
import { errors } from './errors.ts';
import { readJson, sendJson, type Json } from './http.ts';
import { assertBucketName, parseSizeLimit } from './keys.ts';
import { mapped } from './objects.ts';
import { asCaller, asOwner, type BucketRow, findBucket, listBuckets } from './rls.ts';

function render(bucket: BucketRow) {
	return {
		id: bucket.id,
		name: bucket.name,
		owner: bucket.owner_id ?? bucket.owner ?? '',
		public: bucket.public,
		type: 'STANDARD',
		file_size_limit: bucket.file_size_limit,
		allowed_mime_types: bucket.allowed_mime_types,
		created_at: bucket.created_at,
		updated_at: bucket.updated_at
	};
}

function mimeTypes(value: unknown): string[] | null {
	if (value === undefined || value === null) return null;
	if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && /^[\w.+-]+\/[\w.+*-]+$/.test(v))) {
		throw errors.invalidParameter('allowed_mime_types', 'allowed_mime_types must be a list of types such as image/*');
	}
	return value.length > 0 ? (value as string[]) : null;
}

function bool(body: Json, key: string): boolean | null {
	const value = body[key];
	if (value === undefined || value === null) return null;
	if (typeof value !== 'boolean') throw errors.invalidParameter(key, `${key} must be a boolean`);
	return value;
}

export const listAll: Handler = async (ctx, x) => {
	const who = await caller(ctx, x);
	const buckets = await mapped(asCaller(ctx.db, who, (tx) => listBuckets(tx)));
	sendJson(x.res, 200, buckets.map(render));
};

export const getOne: Handler = async (ctx, x) => {
	const who = await caller(ctx, x);
	const bucket = await mapped(asCaller(ctx.db, who, (tx) => findBucket(tx, x.params[0])));
	if (!bucket) throw errors.noSuchBucket();
	sendJson(x.res, 200, render(bucket));
};

export const create: Handler = async (ctx, x) => {
	const who = await caller(ctx, x);
	const body = await readJson(x.req);
	const name = assertBucketName(body.name ?? body.id);
	const id = assertBucketName(body.id ?? name);
	const values = [
		id,
		name,
		who.sub,
		bool(body, 'public') ?? false,
		parseSizeLimit(body.file_size_limit),
		mimeTypes(body.allowed_mime_types)
	];
	await mapped(
		asCaller(ctx.db, who, (tx) =>
			tx.query(
				`insert into storage.buckets (id, name, owner_id, public, file_size_limit, allowed_mime_types)
				 values ($1, $2, $3, $4, $5, $6)`,
				values
			)
		)
	).catch((error: unknown) => {
		throw (error as { code?: string }).code === 'ResourceAlreadyExists' ? errors.bucketAlreadyExists() : error;
	});
	sendJson(x.res, 200, { name: id });
};

export const update: Handler = async (ctx, x) => {
	const who = await caller(ctx, x);
	const body = await readJson(x.req);
	const isPublic = bool(body, 'public');
	const hasLimit = body.file_size_limit !== undefined;
	const hasTypes = body.allowed_mime_types !== undefined;
	const { rowCount } = await mapped(
		asCaller(ctx.db, who, (tx) =>
			tx.query(
				`update storage.buckets set public = coalesce($2, public),
				   file_size_limit = case when $3 then $4 else file_size_limit end,
				   allowed_mime_types = case when $5 then $6 else allowed_mime_types end, updated_at = now()
				 where id = $1`,
				[
					x.params[0],
					isPublic,
					hasLimit,
					parseSizeLimit(body.file_size_limit),
					hasTypes,
					mimeTypes(body.allowed_mime_types)
				]
			)
		)
	);
	if (rowCount === 0) throw errors.noSuchBucket();
	sendJson(x.res, 200, { message: 'Successfully updated' });
};

/** Deletes every object of the bucket the caller may delete, then their files. */
export const empty: Handler = async (ctx, x) => {
	const who = await caller(ctx, x);
	const bucketId = x.params[0];
	const deleted = await mapped(
		asCaller(ctx.db, who, async (tx) => {
			if (!(await findBucket(tx, bucketId))) throw errors.noSuchBucket();
			const { rows } = await tx.query<{ id: string; version: string | null }>(
				'delete from storage.objects where bucket_id = $1 returning id, version',
				[bucketId]
			);
			return rows;
		})
	);
	for (const row of deleted) if (row.version) await ctx.files.remove(bucketId, row.id, row.version);
	sendJson(x.res, 200, { message: 'Successfully emptied' });
};

export const remove: Handler = async (ctx, x) => {
	const who = await caller(ctx, x);
	const bucketId = x.params[0];
	const objects = await asOwner(ctx.db, async (tx) => {
		const { rows } = await tx.query('select 1 from storage.objects where bucket_id = $1 limit 1', [bucketId]);
		return rows.length;
	});
	const { rowCount } = await mapped(
		asCaller(ctx.db, who, async (tx) => {
			if (!(await findBucket(tx, bucketId))) throw errors.noSuchBucket();
			if (objects > 0) throw errors.bucketNotEmpty();
			return tx.query('delete from storage.buckets where id = $1', [bucketId]);
		})
	);
	if (rowCount === 0) throw errors.noSuchBucket();
	await ctx.files.removeBucket(assertBucketName(bucketId)).catch(() => {});
	sendJson(x.res, 200, { message: 'Successfully deleted' });
};
