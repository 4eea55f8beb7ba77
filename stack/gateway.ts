/**
 * The API gateway on 127.0.0.1:54321, doing what Supabase's Kong does for this project:
 * `/rest/v1/*` to PostgREST, `/auth/v1/*` to the auth emulator and `/storage/v1/*` to the Storage server, with the
 * `apikey` check, CORS, and the client address forwarded for the auth rate limits:
 *
 * - `X-Forwarded-For` is overwritten with the socket's peer, never appended to what the caller sent;
 * - `Sb-Forwarded-For` (a server's own client, see client-ip.ts) reaches the auth server only with the secret
 *   key, as on hosted Supabase; anyone else's is dropped;
 * - the auth emulator believes the `X-Forwarded-For` set here because of the start-up token sent with it.
 *
 * It keeps the last requests it answered (`GET /_stack/requests`, service-role or secret key).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GATEWAY_TOKEN_HEADER, normalizeIp, SB_FORWARDED_FOR } from './auth/client-ip.ts';
import type { StackConfig } from './config.ts';
import { parseSince, RequestLog } from './request-log.ts';

interface Route {
	prefix: string;
	port: number;
	/** Paths under the prefix reachable without an API key (links opened from an e-mail). */
	open?: RegExp;
	/** Requests reachable without an API key, by method and path (signed and public Storage URLs). */
	openRequest?: (method: string, path: string) => boolean;
}

/**
 * What Supabase's gateway lets reach Storage without an `apikey`: downloads by signed URL and from public buckets,
 * and uploads to a signed upload URL. The token in the URL (or the bucket being public) is the permission.
 */
export function storageOpen(method: string, path: string): boolean {
	if (method === 'GET' || method === 'HEAD') return /^\/object\/(sign|public|info\/public)\//.test(path);
	return method === 'PUT' && /^\/object\/upload\/sign\//.test(path);
}

const CORS_HEADERS = {
	'access-control-allow-origin': '*',
	'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
	'access-control-allow-headers':
		'authorization, x-client-info, apikey, content-type, content-profile, accept-profile, prefer, range, x-supabase-api-version, x-upsert, accept, sb-forwarded-for, cache-control, x-metadata, content-encoding, if-none-match',
	'access-control-expose-headers':
		'content-range, content-location, x-supabase-api-version, content-disposition, content-length, etag, last-modified, accept-ranges',
	'access-control-max-age': '3600'
};

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json', ...CORS_HEADERS });
	res.end(JSON.stringify(body));
}

export interface RunningGateway {
	server: http.Server;
	requests: RequestLog;
	stop(): Promise<void>;
}

export interface GatewayOptions {
	/** Sent to the auth emulator in `x-stack-gateway` (startAuth's `gatewayToken`). */
	gatewayToken?: string;
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export async function startGateway(config: StackConfig, options: GatewayOptions = {}): Promise<RunningGateway> {
	const keys = new Set([config.anonKey, config.serviceRoleKey, config.publishableKey, config.secretKey]);
	const adminKeys = new Set([config.serviceRoleKey, config.secretKey]);
	/**
	 * The CLI's Kong rule: a caller's Authorization passes unless it is absent or an opaque `sb_` key; then the
	 * API key decides (secret → the service_role JWT, publishable → the anon JWT, a legacy JWT key → itself).
	 */
	const bearerFor = (authorization: string | undefined, key: string): string => {
		if (authorization && !/^Bearer sb_/.test(authorization)) return authorization;
		if (key === config.secretKey) return `Bearer ${config.serviceRoleKey}`;
		if (key === config.publishableKey) return `Bearer ${config.anonKey}`;
		return `Bearer ${key}`;
	};
	const requests = new RequestLog();
	const routes: Route[] = [
		{ prefix: '/rest/v1', port: config.ports.postgrest },
		{ prefix: '/auth/v1', port: config.ports.auth, open: /^\/(verify|callback|authorize|health)(\?|$)/ },
		{ prefix: '/storage/v1', port: config.ports.storage, openRequest: storageOpen }
	];
	const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

	const server = http.createServer((req, res) => {
		const url = req.url ?? '/';
		const received = new Date().toISOString();
		const peer = normalizeIp(req.socket.remoteAddress ?? '') ?? '127.0.0.1';
		if (req.method === 'OPTIONS') {
			res.writeHead(200, CORS_HEADERS);
			res.end();
			return;
		}
		if (url === '/_stack/requests' || url.startsWith('/_stack/requests?')) {
			if (!adminKeys.has(single(req.headers.apikey) ?? '')) {
				return sendJson(res, 401, { message: 'The service_role or secret key is required' });
			}
			const since = parseSince(new URL(url, 'http://gateway').searchParams.get('since'));
			return sendJson(res, 200, { requests: requests.since(since) });
		}
		let forwardedFor: string | null = null;
		let errorCode: string | null = null;
		res.once('finish', () => {
			requests.add({
				at: received,
				method: req.method ?? 'GET',
				path: url.split('?')[0],
				status: res.statusCode,
				errorCode,
				peer,
				forwardedFor
			});
		});
		const route = routes.find(
			(r) => url === r.prefix || url.startsWith(r.prefix + '/') || url.startsWith(r.prefix + '?')
		);
		if (!route) return sendJson(res, 404, { message: 'no Route matched with those values' });
		const rest = url.slice(route.prefix.length) || '/';
		const upstreamPath = rest.startsWith('/') ? rest : '/' + rest;

		const headers = { ...req.headers };
		const key = single(headers['apikey']) ?? new URL(url, 'http://gateway').searchParams.get('apikey') ?? undefined;
		const open = route.open?.test(upstreamPath) || route.openRequest?.(req.method ?? 'GET', upstreamPath);
		if (!open) {
			if (!key)
				return sendJson(res, 401, {
					message: 'No API key found in request',
					hint: 'No `apikey` request header or url param was found.'
				});
			if (!keys.has(key))
				return sendJson(res, 401, {
					message: 'Invalid API key',
					hint: 'Double check your Supabase `anon` or `service_role` API key.'
				});
			headers.authorization = bearerFor(headers.authorization, key);
		}
		// The caller's own forwarding headers are never passed on: the client is this socket's peer.
		headers['x-forwarded-for'] = peer;
		delete headers[GATEWAY_TOKEN_HEADER];
		if (key !== config.secretKey) delete headers[SB_FORWARDED_FOR];
		forwardedFor = single(headers[SB_FORWARDED_FOR]) ?? null;
		if (route.port === config.ports.auth && options.gatewayToken) headers[GATEWAY_TOKEN_HEADER] = options.gatewayToken;
		headers['x-forwarded-host'] = headers.host ?? `127.0.0.1:${config.ports.api}`;
		headers['x-forwarded-proto'] = 'http';
		headers['x-forwarded-prefix'] = route.prefix;
		headers.host = `127.0.0.1:${route.port}`;

		const upstream = http.request(
			{ host: '127.0.0.1', port: route.port, method: req.method, path: upstreamPath, headers, agent },
			(upRes) => {
				errorCode = single(upRes.headers['x-sb-error-code']) ?? null;
				res.writeHead(upRes.statusCode ?? 502, { ...upRes.headers, ...CORS_HEADERS });
				upRes.pipe(res);
			}
		);
		upstream.on('error', (error) => {
			if (res.headersSent) return res.destroy(error);
			sendJson(res, 502, { message: 'An invalid response was received from the upstream server' });
		});
		req.pipe(upstream);
	});
	server.keepAliveTimeout = 65000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.ports.api, '127.0.0.1', () => resolve());
	});
	return {
		server,
		requests,
		stop: () =>
			new Promise<void>((resolve) => {
				agent.destroy();
				server.close(() => resolve());
				server.closeAllConnections();
			})
	};
}

export function listeningPort(server: http.Server): number {
	return (server.address() as AddressInfo).port;
}
