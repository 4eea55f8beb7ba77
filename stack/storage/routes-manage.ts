/**
 * Listing, moving and copying objects (`POST /object/list/:bucket`, `/object/move`, `/object/copy`), as the
 * caller: list needs the select policy, move the update policy (and select), copy the insert policy (and select),
 * as Supabase's reference says.
 */
import { randomUUID } from 'node:crypto';
import { caller, type Handler } from './context.ts';
import { errors } from './errors.ts';
import { isTrue, readJson, sendJson, type Json } from './http.ts';
import { assertBucketName, assertValidKey, prefixProblem } from './keys.ts';
import { bucketForUpload, checkLimits, mapped, type ObjectMetadata } from './objects.ts';
import { asCaller, findObject, type ObjectRow } from './rls.ts';

const SORT_COLUMNS = ['name', 'updated_at', 'created_at', 'last_accessed_at'];

function integer(body: Json, key: string, fallback: number, max: number): number {
	const value = body[key];
	if (value === undefined || value === null) return fallback;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
		throw errors.invalidParameter(key, `${key} must be a whole number from 0 to ${max}`);
	}
	return value;
}

function text(body: Json, key: string, fallback = ''): string {
	const value = body[key];
	if (value === undefined || value === null) return fallback;
	if (typeof value !== 'string') throw errors.invalidParameter(key, `${key} must be a string`);
	return value;
}

/** storage-js `list(prefix, { limit, offset, sortBy, search })`: folders (id null) then files under the prefix. */
export const list: Handler = async (ctx, x) => {
	const who = await caller(ctx, x);
	const [bucketId] = x.params;
	const body = await readJson(x.req);
	let prefix = text(body, 'prefix');
	if (prefixProblem(prefix)) throw errors.invalidKey(prefix);
	if (prefix !== '' && !prefix.endsWith('/')) prefix += '/';
	const limit = integer(body, 'limit', 100, 1000);
	const offset = integer(body, 'offset', 0, Number.MAX_SAFE_INTEGER);
	const sortBy = (body.sortBy ?? {}) as Json;
	const column = text(sortBy, 'column', 'name');
	const order = text(sortBy, 'order', 'asc').toLowerCase();
	if (!SORT_COLUMNS.includes(column)) throw errors.invalidParameter('sortBy.column');
	if (order !== 'asc' && order !== 'desc') throw errors.invalidParameter('sortBy.order');
	const levels = prefix === '' ? 1 : prefix.split('/').length;
	const rows = await mapped(
		asCaller(ctx.db, who, async (tx) => {
			const result = await tx.query('select * from storage.search($1, $2, $3, $4, $5, $6, $7, $8)', [
				prefix,
				bucketId,
				limit,
				levels,
				offset,
				text(body, 'search'),
				column,
				order
			]);
			return result.rows;
		})
	);
	sendJson(x.res, 200, rows);
};

interface MoveBody {
	source: string;
	sourceKey: string;
	destination: string;
	destinationKey: string;
}

function moveBody(body: Json): MoveBody {
	const source = text(body, 'bucketId');
	if (!source) throw errors.missingParameter('bucketId');
	const sourceKey = text(body, 'sourceKey');
	const destinationKey = text(body, 'destinationKey');
	if (!sourceKey) throw errors.missingParameter('sourceKey');
	if (!destinationKey) throw errors.missingParameter('destinationKey');
	return {
		source,
		sourceKey: assertValidKey(sourceKey),
		destination: assertBucketName(text(body, 'destinationBucket') || source),
		destinationKey: assertValidKey(destinationKey)
	};
}

/** `POST /object/move`: renames the row (an update: the update policy decides); the file follows its bucket. */
export const move: Handler = async (ctx, x) => {
	const who = await caller(ctx, x);
	const m = moveBody(await readJson(x.req));
	const destination = await bucketForUpload(ctx.db, m.destination);
	let copied: { id: string; version: string } | null = null;
	let moved: ObjectRow | null = null;
	try {
		await mapped(
			asCaller(ctx.db, who, async (tx) => {
				moved = await findObject(tx, m.source, m.sourceKey);
				if (!moved) throw errors.noSuchKey();
				const meta = (moved.metadata ?? {}) as Partial<ObjectMetadata>;
				if (m.destination !== m.source) checkLimits(destination, meta.size ?? 0, meta.mimetype ?? '');
				const { rowCount } = await tx.query(
					`update storage.objects set bucket_id = $3, name = $4, updated_at = now() where id = $1 and bucket_id = $2`,
					[moved.id, m.source, m.destination, m.destinationKey]
				);
				if (rowCount === 0) throw errors.noSuchKey();
				if (m.destination !== m.source && moved.version) {
					const bytes = await readAll(ctx.files.read(m.source, moved.id, moved.version));
					await ctx.files.write(m.destination, moved.id, moved.version, bytes);
					copied = { id: moved.id, version: moved.version };
				}
			})
		);
	} catch (error) {
		const orphan = copied as { id: string; version: string } | null;
		if (orphan) await ctx.files.remove(m.destination, orphan.id, orphan.version).catch(() => {});
		throw error;
	}
	const done = moved as ObjectRow | null;
	if (copied && done?.version) await ctx.files.remove(m.source, done.id, done.version).catch(() => {});
	sendJson(x.res, 200, { message: 'Successfully moved' });
};

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** `POST /object/copy`: a new row (the insert policy decides) and a copy of the file; `x-upsert` replaces. */
export const copy: Handler = async (ctx, x) => {
	const who = await caller(ctx, x);
	const body = await readJson(x.req);
	const m = moveBody(body);
	const destination = await bucketForUpload(ctx.db, m.destination);
	const upsert = isTrue(x.req.headers['x-upsert']);
	const version = randomUUID();
	let written: { id: string } | null = null;
	let replaced: ObjectRow | null = null;
	let id: string;
	try {
		id = await mapped(
			asCaller(ctx.db, who, async (tx) => {
				const source = await findObject(tx, m.source, m.sourceKey);
				if (!source?.version) throw errors.noSuchKey();
				const meta = (source.metadata ?? {}) as Partial<ObjectMetadata>;
				checkLimits(destination, meta.size ?? 0, meta.mimetype ?? '');
				replaced = upsert ? await findObject(tx, m.destination, m.destinationKey) : null;
				const newId = replaced?.id ?? randomUUID();
				const userMetadata = body.copyMetadata === false ? (body.metadata ?? null) : source.user_metadata;
				const owner = who.sub && /^[0-9a-f-]{36}$/i.test(who.sub) ? who.sub : null;
				await tx.query(
					`insert into storage.objects (id, bucket_id, name, owner, owner_id, version, metadata, user_metadata)
					 values ($1, $2, $3, $4, $5, $6, $7, $8)
					 ${upsert ? 'on conflict (bucket_id, name) do update set version = excluded.version, metadata = excluded.metadata, user_metadata = excluded.user_metadata, owner = excluded.owner, owner_id = excluded.owner_id, updated_at = now()' : ''}`,
					[newId, m.destination, m.destinationKey, owner, who.sub, version, source.metadata, userMetadata]
				);
				const bytes = await readAll(ctx.files.read(m.source, source.id, source.version));
				written = { id: newId };
				await ctx.files.write(m.destination, newId, version, bytes);
				return newId;
			})
		);
	} catch (error) {
		const orphan = written as { id: string } | null;
		if (orphan) await ctx.files.remove(m.destination, orphan.id, version).catch(() => {});
		throw error;
	}
	const old = replaced as ObjectRow | null;
	if (old?.version) await ctx.files.remove(m.destination, old.id, old.version).catch(() => {});
	sendJson(x.res, 200, { Id: id, Key: `${m.destination}/${m.destinationKey}` });
};
