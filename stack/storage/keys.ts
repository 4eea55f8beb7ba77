/**
 * Pure rules of the Storage server: object names (keys), bucket names, mime types and sizes.
 *
 * Supabase Storage refuses keys outside S3's safe characters (`InvalidKey`); this server is stricter on what could
 * reach outside a folder or confuse a path (an empty, `.` or `..` segment, a backslash, a control character, a
 * leading or trailing `/`) and accepts other Unicode letters (French file names), which Supabase accepts too since
 * its keys became UTF-8.
 */
import { errors } from './errors.ts';

/** S3's and Supabase's limit on a key, in bytes. */
export const MAX_KEY_BYTES = 1024;

/** The reason a key is refused, or null when it is a valid object name. */
export function keyProblem(key: string): string | null {
	if (key.length === 0) return 'empty';
	if (Buffer.byteLength(key) > MAX_KEY_BYTES) return 'too long';
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(key)) return 'control character';
	if (key.includes('\\')) return 'backslash';
	if (key.startsWith('/')) return 'leading slash';
	for (const segment of key.split('/')) {
		if (segment === '') return 'empty segment';
		if (segment === '.' || segment === '..') return 'dot segment';
		if (segment.trim() === '') return 'blank segment';
	}
	return null;
}

export function assertValidKey(key: string): string {
	if (keyProblem(key)) throw errors.invalidKey(key);
	return key;
}

/** A prefix to list or remove: '' (the bucket's root) or a folder, with or without its trailing `/`. */
export function prefixProblem(prefix: string): string | null {
	if (prefix === '') return null;
	return keyProblem(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
}

const BUCKET_NAME = /^[\w!.*'() &$@=;:+,?-]+$/;

/** Supabase's bucket names (`isValidBucketName`), less `.` and `..`, which would be folders of the disk. */
export function isValidBucketName(name: unknown): name is string {
	return (
		typeof name === 'string' &&
		name.length > 0 &&
		name.length <= 100 &&
		name.trim() === name &&
		name !== '.' &&
		name !== '..' &&
		BUCKET_NAME.test(name)
	);
}

export function assertBucketName(name: unknown): string {
	if (!isValidBucketName(name)) throw errors.invalidBucketName();
	return name;
}

/** `text/plain;charset=UTF-8` → `text/plain`: the type without its parameters, lowercase. */
export function essence(mime: string): string {
	return mime.split(';')[0].trim().toLowerCase();
}

/** Whether a bucket with these allowed types (null or empty: any) takes this type; `image/*` is a wildcard. */
export function mimeAllowed(mime: string, allowed: readonly string[] | null | undefined): boolean {
	if (!allowed || allowed.length === 0) return true;
	const [type, subtype] = essence(mime).split('/');
	if (!type || !subtype) return false;
	return allowed.some((entry) => {
		const [allowedType, allowedSubtype] = essence(entry).split('/');
		return allowedType === type && (allowedSubtype === '*' || allowedSubtype === subtype);
	});
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** A bucket's `file_size_limit` as storage-js sends it: bytes, or a string such as `20MB`, `30KB`, `3B`. */
export function parseSizeLimit(value: unknown): number | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
	if (typeof value === 'string') {
		const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(value);
		if (match) return Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]);
	}
	throw errors.invalidRequest('Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B');
}

/** The name a browser saves a download under, as `content-disposition` carries it. */
export function contentDisposition(fileName: string): string {
	const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
