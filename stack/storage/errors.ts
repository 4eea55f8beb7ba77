/**
 * Supabase Storage's errors (supabase/storage `src/internal/errors/codes.ts`), as its error handler renders them:
 * the body is `{ statusCode: '<status as a string>', code, error, message }`, and the HTTP status is 400 for every
 * error under 500 (storage-js then has `error.status === 400` and `error.statusCode === '404'`, `'409'`, `'413'`…).
 */
import type http from 'node:http';

export class StorageError extends Error {
	/** The status Supabase puts in the body (`statusCode`), the HTTP one is 400 unless this is 500. */
	statusCode: number;
	code: string;
	error: string;

	constructor(statusCode: number, code: string, message: string, error?: string) {
		super(message);
		this.statusCode = statusCode;
		this.code = code;
		this.error = error ?? code;
	}

	render() {
		return { statusCode: String(this.statusCode), code: this.code, error: this.error, message: this.message };
	}
}

export const errors = {
	noSuchBucket: () => new StorageError(404, 'NoSuchBucket', 'Bucket not found', 'Bucket not found'),
	noSuchKey: () => new StorageError(404, 'NoSuchKey', 'Object not found', 'not_found'),
	invalidJwt: (message = 'Invalid JWT') => new StorageError(400, 'InvalidJWT', message),
	missingAuthorization: () =>
		new StorageError(400, 'InvalidRequest', "headers must have required property 'authorization'", 'Error'),
	accessDenied: (message = 'Access denied') => new StorageError(403, 'AccessDenied', message, 'Unauthorized'),
	alreadyExists: () => new StorageError(409, 'ResourceAlreadyExists', 'The resource already exists', 'Duplicate'),
	keyAlreadyExists: () => new StorageError(409, 'KeyAlreadyExists', 'The resource already exists', 'Duplicate'),
	bucketAlreadyExists: () => new StorageError(409, 'BucketAlreadyExists', 'The resource already exists', 'Duplicate'),
	bucketNotEmpty: () => new StorageError(409, 'ResourceNotEmpty', 'The bucket you tried to delete is not empty'),
	invalidKey: (key: string) => new StorageError(400, 'InvalidKey', `Invalid key: ${key}`),
	invalidBucketName: () => new StorageError(400, 'InvalidBucketName', 'Bucket name invalid', 'Invalid Input'),
	invalidMimeType: (mime: string) =>
		new StorageError(415, 'InvalidMimeType', `mime type ${mime} is not supported`, 'invalid_mime_type'),
	entityTooLarge: () =>
		new StorageError(413, 'EntityTooLarge', 'The object exceeded the maximum allowed size', 'Payload too large'),
	invalidRange: () => new StorageError(400, 'InvalidRange', 'invalid range provided', 'invalid_range'),
	invalidSignature: () => new StorageError(400, 'InvalidSignature', 'Invalid signature'),
	missingParameter: (name: string) => new StorageError(400, 'MissingParameter', `Missing Required Parameter ${name}`),
	invalidParameter: (name: string, message?: string) =>
		new StorageError(400, 'InvalidParameter', message ?? `Invalid Parameter ${name}`),
	invalidRequest: (message: string) => new StorageError(400, 'InvalidRequest', message),
	noContent: () => new StorageError(400, 'InvalidRequest', 'No content provided'),
	notFound: (method: string, path: string) =>
		new StorageError(404, 'NotFound', `Route ${method}:${path} not found`, 'Not Found'),
	internal: () => new StorageError(500, 'InternalError', 'Internal server error')
};

/** What PostgreSQL's refusals become, as supabase/storage maps them (`database-error.ts`). */
export function fromDatabase(error: unknown): StorageError | null {
	const pg = error as { code?: string; message?: string };
	switch (pg.code) {
		case '42501':
			return errors.accessDenied('new row violates row-level security policy');
		case '23505':
			return errors.alreadyExists();
		case '23503':
			return new StorageError(404, 'InvalidRequest', 'The related resource does not exist');
		case '57014':
			return new StorageError(544, 'DatabaseTimeout', 'The connection to the database timed out');
		default:
			return null;
	}
}

export function sendError(res: http.ServerResponse, error: StorageError): void {
	const body = JSON.stringify(error.render());
	res.writeHead(error.statusCode >= 500 ? error.statusCode : 400, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(body),
		'x-sb-error-code': error.code
	});
	res.end(body);
}
