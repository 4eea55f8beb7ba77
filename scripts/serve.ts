/**
 * Serves the built app (`build/`) and runs the notification sender in the same process.
 *
 * `npm start` runs it; in production run `node scripts/serve.ts` behind your HTTPS reverse proxy with
 * PROTOCOL_HEADER=x-forwarded-proto and HOST_HEADER=x-forwarded-host (adapter-node's variables).
 *
 * SvelteKit 3's adapter-node no longer reads ORIGIN at run time and assumes https when no protocol header is
 * present. Served directly over plain http (local use), the request's real scheme is written into the header
 * here, from the socket itself, so that form posts pass SvelteKit's CSRF check and redirects stay on http.
 */
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { securityHeaderList } from '../src/lib/server/security-headers.ts';
import { ROOT_DIR } from '../stack/config.ts';

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '127.0.0.1';
const behindProxy = Boolean(process.env.PROTOCOL_HEADER);
// Documents are up to 20 MB and spreadsheet imports several megabytes; adapter-node's default limit is 512 KB.
// A body over this limit never reaches the app's code as a file: adapter-node errors the body's stream with a
// 413 (SvelteKitError "Payload Too Large") when the form is read, and the documents' upload action answers that
// 413 with its own message next to the file field (#lib/server/documents/actions.ts), as the imports do.
process.env.BODY_SIZE_LIMIT ??= '25M';
if (!behindProxy) process.env.PROTOCOL_HEADER = 'x-forwarded-proto';

const { handler } = (await import(pathToFileURL(path.join(ROOT_DIR, 'build', 'handler.js')).href)) as {
	handler: (req: http.IncomingMessage, res: http.ServerResponse, next?: () => void) => void;
};

const protocolHeader = (process.env.PROTOCOL_HEADER || 'x-forwarded-proto').toLowerCase();

const server = http.createServer((req, res) => {
	// A value sent by the client is never trusted: the scheme is the one of this socket (no TLS here).
	if (!behindProxy) req.headers['x-forwarded-proto'] = 'http';
	// The security headers on every response, set before anything answers: adapter-node's static files
	// (/_app/immutable/...), SvelteKit's redirects, errors, 404s and 304s. What a response sets itself wins
	// (writeHead and setHeader replace a header of the same name). https as adapter-node sees it: the proxy's
	// header, https when it sends none.
	const proto = behindProxy ? String(req.headers[protocolHeader] ?? 'https') : 'http';
	for (const [name, value] of securityHeaderList(proto === 'https')) res.setHeader(name, value);
	// RFC 8058 one-click unsubscribe: mail providers POST `List-Unsubscribe=One-Click` to the link without an
	// Origin header, which SvelteKit's CSRF check refuses. That route acts on its signed token alone (no cookie),
	// so it is given its own origin here; every other form post keeps the check.
	if (req.method === 'POST' && !req.headers.origin && req.url?.split('?')[0] === '/desabonnement') {
		const hostName = req.headers[(process.env.HOST_HEADER || 'host').toLowerCase()];
		req.headers.origin = process.env.ORIGIN || `${proto}://${hostName}`;
	}
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});
server.keepAliveTimeout = 65_000;

let stopWorker: (() => Promise<void>) | null = null;
if (process.env.NOTIFICATION_WORKER !== 'off') {
	const worker = path.join(ROOT_DIR, 'src', 'lib', 'server', 'notifications', 'run.ts');
	const { existsSync } = await import('node:fs');
	if (existsSync(worker)) {
		const mod = (await import(pathToFileURL(worker).href)) as { startFromEnv: () => Promise<() => Promise<void>> };
		stopWorker = await mod.startFromEnv();
	}
}

server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

let stopping = false;
async function shutdown(): Promise<void> {
	if (stopping) return;
	stopping = true;
	await stopWorker?.();
	server.close(() => process.exit(0));
	server.closeIdleConnections();
	setTimeout(() => process.exit(0), 10_000).unref();
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
