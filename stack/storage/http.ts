/**
 * HTTP plumbing of the Storage server: bodies (JSON, raw uploads and storage-js's multipart form), answers.
 */
import type http from 'node:http';
import { errors, StorageError } from './errors.ts';

/** Supabase Storage's default global FILE_SIZE_LIMIT (50 MB): no upload is larger, whatever the bucket says. */
export const GLOBAL_FILE_SIZE_LIMIT = 50 * 1024 * 1024;
const MAX_JSON = 1 << 20;

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
	const payload = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(payload)
	});
	res.end(payload);
}

/** The whole body, refused past `limit` bytes (the rest is drained so the answer still reaches the client). */
export async function readRaw(req: http.IncomingMessage, limit: number, tooLarge: () => StorageError): Promise<Buffer> {
	const declared = Number(req.headers['content-length']);
	if (Number.isFinite(declared) && declared > limit) {
		req.resume();
		throw tooLarge();
	}
	const chunks: Buffer[] = [];
	let size = 0;
	let over = false;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > limit) over = true;
		if (!over) chunks.push(chunk);
	}
	if (over) throw tooLarge();
	return Buffer.concat(chunks);
}

export type Json = Record<string, unknown>;

export async function readJson(req: http.IncomingMessage): Promise<Json> {
	const raw = (await readRaw(req, MAX_JSON, errors.entityTooLarge)).toString('utf8');
	if (raw.trim() === '') return {};
	let value: unknown;
	try {
		value = JSON.parse(raw);
	} catch {
		throw errors.invalidRequest('Body is not valid JSON');
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw errors.invalidRequest('body must be object');
	}
	return value as Json;
}

export interface Upload {
	bytes: Buffer;
	mimetype: string;
	cacheControl: string;
	userMetadata: Record<string, unknown> | null;
}

function parseUserMetadata(raw: string | null | undefined): Record<string, unknown> | null {
	if (!raw) return null;
	try {
		const value: unknown = JSON.parse(raw);
		if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
	} catch {
		// refused below
	}
	throw errors.invalidParameter('metadata', 'metadata must be a JSON object');
}

const maxAge = (value: string) => (/^\d+$/.test(value.trim()) ? `max-age=${value.trim()}` : value);

/**
 * An upload as storage-js sends it: a Blob or File becomes multipart/form-data (the file part, `cacheControl`,
 * `metadata`), anything else a raw body with `content-type`, `cache-control` and `x-metadata` (base64 JSON).
 */
export async function readUpload(req: http.IncomingMessage, limit: number): Promise<Upload> {
	const raw = await readRaw(req, limit + (1 << 16), errors.entityTooLarge);
	const contentType = String(req.headers['content-type'] ?? '');
	let upload: Upload;
	if (/^multipart\/form-data/i.test(contentType)) {
		let form: FormData;
		try {
			form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
		} catch {
			throw errors.invalidRequest('The multipart body could not be read');
		}
		const file = [...form.values()].find((value): value is File => typeof value !== 'string');
		if (!file) throw errors.noContent();
		const cacheControl = form.get('cacheControl');
		const metadata = form.get('metadata');
		upload = {
			bytes: Buffer.from(await file.arrayBuffer()),
			mimetype: file.type || 'application/octet-stream',
			cacheControl: maxAge(typeof cacheControl === 'string' && cacheControl ? cacheControl : '3600'),
			userMetadata: parseUserMetadata(typeof metadata === 'string' ? metadata : null)
		};
	} else {
		const encoded = req.headers['x-metadata'];
		upload = {
			bytes: raw,
			mimetype: contentType || 'application/octet-stream',
			cacheControl: maxAge(String(req.headers['cache-control'] ?? '') || '3600'),
			userMetadata: parseUserMetadata(
				typeof encoded === 'string' ? Buffer.from(encoded, 'base64').toString('utf8') : null
			)
		};
	}
	if (upload.bytes.length > limit) throw errors.entityTooLarge();
	return upload;
}

/** The wildcard part of a route (`/object/<bucket>/<this>`), percent-decoded as Fastify decodes it. */
export function decodePath(raw: string): string {
	try {
		return decodeURIComponent(raw);
	} catch {
		throw errors.invalidKey(raw);
	}
}

export const isTrue = (value: string | string[] | undefined) => String(value ?? '').toLowerCase() === 'true';
