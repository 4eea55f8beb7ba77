/**
 * The API gateway on 127.0.0.1:54321, doing what Supabase's Kong does for this project:
 * `/rest/v1/*` to PostgREST and `/auth/v1/*` to the auth emulator, with the `apikey` check, CORS, and the
 * client address forwarded for the auth rate limits.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StackConfig } from './config.ts';

interface Route {
	prefix: string;
	port: number;
	/** Paths under the prefix reachable without an API key (links opened from an e-mail). */
	open?: RegExp;
}

const CORS_HEADERS = {
	'access-control-allow-origin': '*',
	'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
	'access-control-allow-headers':
		'authorization, x-client-info, apikey, content-type, content-profile, accept-profile, prefer, range, x-supabase-api-version, x-upsert, accept',
	'access-control-expose-headers': 'content-range, content-location, x-supabase-api-version',
	'access-control-max-age': '3600'
};

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json', ...CORS_HEADERS });
	res.end(JSON.stringify(body));
}

export interface RunningGateway {
	server: http.Server;
	stop(): Promise<void>;
}

export async function startGateway(config: StackConfig): Promise<RunningGateway> {
	const keys = new Set([config.anonKey, config.serviceRoleKey]);
	const routes: Route[] = [
		{ prefix: '/rest/v1', port: config.ports.postgrest },
		{ prefix: '/auth/v1', port: config.ports.auth, open: /^\/(verify|callback|authorize|health)(\?|$)/ }
	];
	const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

	const server = http.createServer((req, res) => {
		const url = req.url ?? '/';
		if (req.method === 'OPTIONS') {
			res.writeHead(200, CORS_HEADERS);
			res.end();
			return;
		}
		const route = routes.find(
			(r) => url === r.prefix || url.startsWith(r.prefix + '/') || url.startsWith(r.prefix + '?')
		);
		if (!route) return sendJson(res, 404, { message: 'no Route matched with those values' });
		const rest = url.slice(route.prefix.length) || '/';
		const upstreamPath = rest.startsWith('/') ? rest : '/' + rest;

		const headers = { ...req.headers };
		if (!route.open?.test(upstreamPath)) {
			const query = new URL(url, 'http://gateway').searchParams;
			const key = (headers['apikey'] as string | undefined) ?? query.get('apikey') ?? undefined;
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
			if (!headers.authorization) headers.authorization = `Bearer ${key}`;
		}
		const clientIp = req.socket.remoteAddress ?? '127.0.0.1';
		headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${clientIp}` : clientIp;
		headers['x-forwarded-host'] = headers.host ?? `127.0.0.1:${config.ports.api}`;
		headers['x-forwarded-proto'] = 'http';
		headers['x-forwarded-prefix'] = route.prefix;
		headers.host = `127.0.0.1:${route.port}`;

		const upstream = http.request(
			{ host: '127.0.0.1', port: route.port, method: req.method, path: upstreamPath, headers, agent },
			(upRes) => {
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
