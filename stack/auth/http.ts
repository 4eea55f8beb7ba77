/**
 * HTTP plumbing of the auth emulator: GoTrue's error shapes, body parsing (the client address: client-ip.ts).
 */
import type http from 'node:http';
import { isIP } from 'node:net';

/** An error that becomes a GoTrue-shaped JSON answer (never a 500 for bad input). */
export class ApiError extends Error {
	status: number;
	code: string;
	/** Extra fields GoTrue adds to some errors (`weak_password`). */
	extra: Record<string, unknown> | undefined;

	constructor(status: number, code: string, message: string, extra?: Record<string, unknown>) {
		super(message);
		this.status = status;
		this.code = code;
		this.extra = extra;
	}
}

export const badRequest = (code: string, message: string) => new ApiError(400, code, message);
export const validationFailed = (message: string) => new ApiError(400, 'validation_failed', message);

export const API_VERSION_HEADER = 'x-supabase-api-version';
const API_VERSION_2024 = Date.parse('2024-01-01T00:00:00Z');

/**
 * auth-js sends `X-Supabase-Api-Version: 2024-01-01` and then reads `{code, message}`; older clients get
 * `{code: <status>, error_code, msg}`. Both carry the `x-sb-error-code` header, as GoTrue does.
 */
function usesNewErrorFormat(req: http.IncomingMessage): boolean {
	const raw = req.headers[API_VERSION_HEADER];
	const value = Array.isArray(raw) ? raw[0] : raw;
	if (!value || !/^2\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value)) return false;
	const date = Date.parse(`${value}T00:00:00Z`);
	return Number.isFinite(date) && date >= API_VERSION_2024;
}

export function sendJson(
	res: http.ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {}
): void {
	const payload = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(payload),
		...headers
	});
	res.end(payload);
}

export function sendError(req: http.IncomingMessage, res: http.ServerResponse, error: ApiError): void {
	const headers: Record<string, string> = { 'x-sb-error-code': error.code };
	if (usesNewErrorFormat(req)) {
		headers['X-Supabase-Api-Version'] = '2024-01-01';
		sendJson(res, error.status, { code: error.code, message: error.message, ...error.extra }, headers);
	} else {
		sendJson(
			res,
			error.status,
			{ code: error.status, error_code: error.code, msg: error.message, ...error.extra },
			headers
		);
	}
}

export function redirect(res: http.ServerResponse, location: string): void {
	res.writeHead(303, { location, 'content-length': 0 });
	res.end();
}

const MAX_BODY = 1 << 20;

export async function readBody(req: http.IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > MAX_BODY)
			throw new ApiError(413, 'request_entity_too_large', `Request body too large (max ${MAX_BODY} bytes)`);
		chunks.push(chunk);
	}
	return Buffer.concat(chunks).toString('utf8');
}

export type Body = Record<string, unknown>;

/** JSON object bodies as GoTrue reads them; form bodies too, since `/token` accepts them. */
export function parseBody(raw: string, contentType: string | undefined): Body {
	if (raw.trim() === '') return {};
	if (contentType?.includes('application/x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(raw));
	}
	let value: unknown;
	try {
		value = JSON.parse(raw);
	} catch (error) {
		throw badRequest('bad_json', `Could not parse request body as JSON: ${(error as Error).message}`);
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw badRequest('bad_json', 'Could not parse request body as JSON: expected a JSON object');
	}
	return value as Body;
}

/** A string field, '' when absent; a wrong type is a JSON decoding error in GoTrue, so `bad_json` here. */
export function str(body: Body, key: string): string {
	const value = body[key];
	if (value === undefined || value === null) return '';
	if (typeof value !== 'string')
		throw badRequest('bad_json', `Could not parse request body as JSON: ${key} must be a string`);
	return value;
}

export function optionalStr(body: Body, key: string): string | undefined {
	return body[key] === undefined || body[key] === null ? undefined : str(body, key);
}

export function bool(body: Body, key: string, fallback = false): boolean {
	const value = body[key];
	if (value === undefined || value === null) return fallback;
	if (typeof value !== 'boolean')
		throw badRequest('bad_json', `Could not parse request body as JSON: ${key} must be a boolean`);
	return value;
}

export function obj(body: Body, key: string): Record<string, unknown> | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw badRequest('bad_json', `Could not parse request body as JSON: ${key} must be an object`);
	}
	return value as Record<string, unknown>;
}

/** For the `inet` column: only a syntactically valid address, never whatever a header claims. */
export function inetOrNull(ip: string): string | null {
	return isIP(ip) ? ip : null;
}

export function bearerToken(req: http.IncomingMessage): string {
	const header = req.headers.authorization ?? '';
	const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
	if (!match) throw new ApiError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
	return match[1];
}
