/**
 * Auth emulator of the local stack: the subset of Supabase Auth's (GoTrue's) API that @supabase/auth-js
 * and @supabase/ssr use, on 127.0.0.1:config.ports.auth, behind the gateway's `/auth/v1`.
 *
 * State lives in the `auth` schema with GoTrue's tables and columns, so that seed files, SQL policies
 * (`auth.uid()`) and tools see what they would see on Supabase. Development and tests only.
 */
import http from 'node:http';
import pg from 'pg';
import type { StackConfig } from '../config.ts';
import * as accounts from './accounts.ts';
import * as admin from './admin.ts';
import { resolveClientIp } from './client-ip.ts';
import type { AuthContext } from './context.ts';
import { ApiError, type Body, parseBody, readBody, sendError } from './http.ts';
import { createMailer } from './mailer.ts';
import { RateLimits } from './rate-limit.ts';
import * as routes from './routes.ts';
import type { Handler } from './routes.ts';
import * as user from './user.ts';
import * as verify from './verify.ts';

export interface AuthOptions {
	log?: (line: string) => void;
	/** Overrides GoTrue's MAILER_AUTOCONFIRM; default from STACK_AUTH_AUTOCONFIRM, else on (like `supabase start`). */
	autoconfirm?: boolean;
	/**
	 * The token the stack's gateway sends in `x-stack-gateway`: only requests carrying it have their
	 * `X-Forwarded-For` believed. Without one (an emulator started alone), the socket's peer is the client.
	 */
	gatewayToken?: string;
}

export interface RunningAuth {
	server: http.Server;
	stop(): Promise<void>;
}

interface Route {
	method: string;
	path: RegExp;
	handler: Handler;
	/** Runs before the body is read (GoTrue's Signup refuses with sign-ups off before parsing anything). */
	precheck?: (ctx: AuthContext) => void;
}

const ROUTES: Route[] = [
	{ method: 'GET', path: /^\/health$/, handler: routes.health },
	{ method: 'GET', path: /^\/settings$/, handler: routes.settings },
	{ method: 'GET', path: /^\/\.well-known\/jwks\.json$/, handler: routes.jwks },
	{ method: 'GET', path: /^\/authorize$/, handler: routes.authorize },
	{ method: 'POST', path: /^\/signup$/, handler: accounts.signup, precheck: accounts.signupAllowed },
	{ method: 'POST', path: /^\/token$/, handler: routes.token },
	{ method: 'POST', path: /^\/(otp|magiclink)$/, handler: accounts.otp },
	{ method: 'POST', path: /^\/recover$/, handler: accounts.recover },
	{ method: 'POST', path: /^\/resend$/, handler: accounts.resend },
	{ method: 'GET', path: /^\/verify$/, handler: verify.verifyGet },
	{ method: 'POST', path: /^\/verify$/, handler: verify.verifyPost },
	{ method: 'GET', path: /^\/user$/, handler: user.getUser },
	{ method: 'PUT', path: /^\/user$/, handler: user.updateUser },
	{ method: 'POST', path: /^\/logout$/, handler: user.logout },
	{ method: 'POST', path: /^\/invite$/, handler: admin.invite },
	{ method: 'GET', path: /^\/admin\/users$/, handler: admin.listUsers },
	{ method: 'POST', path: /^\/admin\/users$/, handler: admin.createUserAdmin },
	{ method: 'GET', path: /^\/admin\/users\/[^/]+$/, handler: admin.getUserAdmin },
	{ method: 'PUT', path: /^\/admin\/users\/[^/]+$/, handler: admin.updateUserAdmin },
	{ method: 'DELETE', path: /^\/admin\/users\/[^/]+$/, handler: admin.deleteUserAdmin },
	{ method: 'POST', path: /^\/admin\/generate_link$/, handler: admin.generateLink }
];

function autoconfirmFromEnv(): boolean {
	const raw = process.env.STACK_AUTH_AUTOCONFIRM;
	return raw === undefined || raw === '' || !/^(0|false|no|off)$/i.test(raw);
}

async function handle(ctx: AuthContext, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://auth.local');
	const path = url.pathname.replace(/\/+$/, '') || '/';
	const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
	const matching = ROUTES.filter((r) => r.path.test(path));
	if (matching.length === 0) throw new ApiError(404, 'not_found', `Not Found: ${path}`);
	const route = matching.find((r) => r.method === method);
	if (!route) throw new ApiError(405, 'method_not_allowed', `Method ${method} not allowed on ${path}`);
	route.precheck?.(ctx);
	let body: Body = {};
	if (method !== 'GET') body = parseBody(await readBody(req), req.headers['content-type']);
	await route.handler(ctx, { req, res, url, body });
}

export async function startAuth(config: StackConfig, options: AuthOptions = {}): Promise<RunningAuth> {
	if (process.env.NODE_ENV === 'production') {
		throw new Error('The auth emulator is for development and tests only and refuses to run with NODE_ENV=production.');
	}
	const log = options.log ?? (() => {});
	const pool = new pg.Pool({ connectionString: config.dbUrl, max: 20, idleTimeoutMillis: 10000 });
	pool.on('error', (error) => log(`database pool error: ${error.message}`));
	const mailer = createMailer(config);
	const ctx: AuthContext = {
		config,
		pool,
		mailer,
		limits: new RateLimits(config.rateLimits),
		log,
		autoconfirm: options.autoconfirm ?? autoconfirmFromEnv(),
		issuer: `${config.apiUrl}/auth/v1`
	};

	const trust = {
		secretKey: config.secretKey,
		sbForwardedFor: config.sbForwardedFor,
		gatewayToken: options.gatewayToken
	};
	const server = http.createServer((req, res) => {
		resolveClientIp(req, trust);
		handle(ctx, req, res).catch((error: unknown) => {
			if (res.headersSent) return res.destroy();
			if (error instanceof ApiError) return sendError(req, res, error);
			log(`error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
			sendError(
				req,
				res,
				new ApiError(500, 'unexpected_failure', 'Unexpected failure, please check server logs for more information')
			);
		});
	});
	server.keepAliveTimeout = 65000;
	try {
		// Fails early, with a clear message, when the database or the auth schema is missing.
		await pool.query('select 1 from auth.users limit 1');
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(config.ports.auth, '127.0.0.1', () => resolve());
		});
	} catch (error) {
		mailer.close();
		await pool.end().catch(() => {});
		throw error;
	}
	log(
		`listening on 127.0.0.1:${config.ports.auth} (autoconfirm ${ctx.autoconfirm ? 'on' : 'off'}, ` +
			`sign-ups ${config.enableSignup ? 'on' : 'off'}, Sb-Forwarded-For ${config.sbForwardedFor ? 'on' : 'off'})`
	);

	return {
		server,
		stop: async () => {
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
			mailer.close();
			await pool.end();
		}
	};
}
