/**
 * Storage API server of the local stack: the subset of Supabase Storage's API (supabase/storage) that
 * @supabase/storage-js and the app use, on 127.0.0.1:config.ports.storage, behind the gateway's `/storage/v1`.
 *
 * Metadata lives in the `storage` schema with Supabase's tables (stack/bootstrap.sql); every read and write of it
 * runs as the caller's role with the caller's JWT claims (rls.ts), so the project's policies decide, as on
 * Supabase. Bytes live under `<dataDir>/storage` (files.ts). Development and tests only.
 */
import http from 'node:http';
import type { StackConfig } from '../config.ts';
import type { Exchange, Handler, StorageContext } from './context.ts';
import { errors, fromDatabase, sendError, StorageError } from './errors.ts';
import { Files } from './files.ts';
import { decodePath, sendJson } from './http.ts';
import { connect } from './rls.ts';
import * as buckets from './routes-buckets.ts';
import * as manage from './routes-manage.ts';
import * as objects from './routes-objects.ts';
import * as signed from './routes-sign.ts';

export interface StorageOptions {
	log?: (line: string) => void;
}

export interface RunningStorage {
	server: http.Server;
	stop(): Promise<void>;
}

interface Route {
	methods: string[];
	/** On the raw path; the captures (bucket, then the object's name) are percent-decoded before the handler. */
	path: RegExp;
	handler: Handler;
}

const B = '([^/]+)';
const NAME = '(.+)';
const r = (methods: string, pattern: string, handler: Handler): Route => ({
	methods: methods.split(','),
	path: new RegExp(`^${pattern}$`),
	handler
});

/** In the order Fastify would match them: the fixed words before the `/object/:bucket/*` catch-all. */
const ROUTES: Route[] = [
	r('GET', '/status', async (_ctx, x) => sendJson(x.res, 200, { status: 'ok' })),
	r('GET', '/bucket/?', buckets.listAll),
	r('POST', '/bucket/?', buckets.create),
	r('POST', `/bucket/${B}/empty`, buckets.empty),
	r('GET', `/bucket/${B}`, buckets.getOne),
	r('PUT', `/bucket/${B}`, buckets.update),
	r('DELETE', `/bucket/${B}`, buckets.remove),
	r('POST', '/object/move', manage.move),
	r('POST', '/object/copy', manage.copy),
	r('POST', `/object/list/${B}`, manage.list),
	r('GET,HEAD', `/object/info/(?:authenticated/|public/)?${B}/${NAME}`, objects.info),
	r('POST', `/object/sign/${B}`, signed.signMany),
	r('POST', `/object/sign/${B}/${NAME}`, signed.sign),
	r('GET,HEAD', `/object/sign/${B}/${NAME}`, signed.downloadSigned),
	r('POST', `/object/upload/sign/${B}/${NAME}`, signed.signUpload),
	r('PUT', `/object/upload/sign/${B}/${NAME}`, signed.uploadSigned),
	r('GET,HEAD', `/object/public/${B}/${NAME}`, objects.downloadPublic),
	r('GET,HEAD', `/object/authenticated/${B}/${NAME}`, objects.download),
	r('DELETE', `/object/${B}`, objects.remove),
	r('GET,HEAD', `/object/${B}/${NAME}`, objects.download),
	r('POST,PUT', `/object/${B}/${NAME}`, objects.upload)
];

async function handle(ctx: StorageContext, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
	// The raw path, not URL's: `new URL()` would resolve `..` and `%2e%2e` segments before the keys are checked.
	const raw = req.url ?? '/';
	const path = raw.split('?')[0];
	const url = new URL(raw.startsWith('/') ? raw : `/${raw}`, 'http://storage.local');
	const method = req.method ?? 'GET';
	for (const route of ROUTES) {
		if (!route.methods.includes(method)) continue;
		const match = route.path.exec(path);
		if (!match) continue;
		const exchange: Exchange = { req, res, url, method, params: match.slice(1).map(decodePath) };
		return route.handler(ctx, exchange);
	}
	req.resume();
	throw errors.notFound(method, path);
}

export async function startStorage(config: StackConfig, options: StorageOptions = {}): Promise<RunningStorage> {
	if (process.env.NODE_ENV === 'production') {
		throw new Error(
			'The Storage server is for development and tests only and refuses to run with NODE_ENV=production.'
		);
	}
	const log = options.log ?? (() => {});
	const db = connect(config, log);
	const ctx: StorageContext = { config, db, files: new Files(config.dataDir), log };
	const server = http.createServer((req, res) => {
		handle(ctx, req, res).catch((error: unknown) => {
			if (res.headersSent) return res.destroy();
			const known = error instanceof StorageError ? error : fromDatabase(error);
			if (known) return sendError(res, known);
			log(`error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
			sendError(res, errors.internal());
		});
	});
	server.keepAliveTimeout = 65000;
	try {
		// Fails early, with a clear message, when the database or the storage schema is missing.
		await db.owner.query('select 1 from storage.buckets limit 1');
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(config.ports.storage, '127.0.0.1', () => resolve());
		});
	} catch (error) {
		await db.end().catch(() => {});
		throw error;
	}
	log(`listening on 127.0.0.1:${config.ports.storage} (files in ${ctx.files.root})`);
	return {
		server,
		stop: async () => {
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
			await db.end();
		}
	};
}
