import { createServerClient } from '@supabase/ssr';
import { error as httpError, redirect } from '@sveltejs/kit';
import { isAuthRetryableFetchError } from '@supabase/supabase-js';
import { sequence, type Handle } from '@sveltejs/kit/hooks';
import { dev } from '$app/env';
import {
	PUBLIC_SUPABASE_ANON_KEY,
	PUBLIC_SUPABASE_URL,
	SERVER_TIMING,
	SUPABASE_READ_URL,
	SUPABASE_SECRET_KEY
} from '$app/env/private';
import type { Database } from '#lib/database.types.js';
import { paraglideMiddleware } from '#lib/paraglide/server.js';
import { m } from '#lib/paraglide/messages.js';
import { forwardClientAddress } from '#lib/server/auth-forwarding.js';
import { anonymousPosts, userPosts } from '#lib/server/rate-limit.js';
import { securityHeaderList } from '#lib/server/security-headers.js';
import { serverTiming, timedFetch } from '#lib/server/server-timing.js';
import { readClient } from '#lib/server/supabase-read.js';

/**
 * Headers every response carries (#lib/server/security-headers; the Content-Security-Policy itself comes from
 * SvelteKit's `csp` option). A redirect thrown by a later handle (the guard's sign-in redirect) never comes back
 * through here, and static files never reach SvelteKit: scripts/serve.ts sets the same list on every response
 * of the Node server, before the request is handled.
 */
const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of securityHeaderList(!dev && event.url.protocol === 'https:')) {
		// Some responses (proxied or redirected) have immutable headers; they keep their own.
		try {
			if (!response.headers.has(name)) response.headers.set(name, value);
		} catch {
			/* immutable */
		}
	}
	return response;
};

const i18n: Handle = ({ event, resolve }) =>
	// The cookie strategy never rewrites the URL, so the original request is resolved as it is.
	paraglideMiddleware(event.request, ({ locale }) => {
		event.locals.locale = locale;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', locale)
		});
	});

const supabase: Handle = async ({ event, resolve }) => {
	const secure = !dev && event.url.protocol === 'https:';
	// The auth server limits sign-in attempts per client: it is told the visitor's address, not this server's.
	// timedFetch counts the calls' waits into the benchmark's Server-Timing header, when it is on.
	const authFetch = forwardClientAddress(timedFetch(fetch), {
		supabaseUrl: PUBLIC_SUPABASE_URL,
		anonKey: PUBLIC_SUPABASE_ANON_KEY,
		secretKey: SUPABASE_SECRET_KEY,
		clientAddress: event.getClientAddress()
	});
	event.locals.supabase = createServerClient<Database>(PUBLIC_SUPABASE_URL, PUBLIC_SUPABASE_ANON_KEY, {
		global: { fetch: authFetch },
		cookies: {
			getAll: () => event.cookies.getAll(),
			setAll: (cookies) => {
				for (const { name, value, options } of cookies) {
					event.cookies.set(name, value, { ...options, path: '/', httpOnly: true, secure, sameSite: 'lax' });
				}
			}
		},
		// The browser never calls Supabase itself, so the session cookie can stay out of reach of scripts.
		cookieOptions: { httpOnly: true, secure, sameSite: 'lax', path: '/' }
	});

	// Validate the session once per request: getSession() only reads the cookie, getUser() asks the
	// auth server whether the token is still valid (signed out, revoked or forged tokens are refused).
	event.locals.session = null;
	event.locals.user = null;
	const {
		data: { session }
	} = await event.locals.supabase.auth.getSession();
	if (session) {
		const {
			data: { user },
			error
		} = await event.locals.supabase.auth.getUser();
		if (!error && user) {
			event.locals.session = session;
			event.locals.user = user;
		} else if (error && (isAuthRetryableFetchError(error) || (error.status ?? 0) >= 500)) {
			// The auth server is unreachable (database restarting...): say so, rather than signing the user out.
			httpError(503, m.error_unavailable());
		}
	}
	// Reads that tolerate a replica's lag: a second client on SUPABASE_READ_URL with the same JWT, else this one.
	event.locals.supabaseRead = readClient(event.locals.supabase, {
		readUrl: SUPABASE_READ_URL,
		anonKey: PUBLIC_SUPABASE_ANON_KEY,
		accessToken: event.locals.session?.access_token ?? null,
		fetch: timedFetch(fetch)
	});

	return resolve(event, {
		filterSerializedResponseHeaders: (name) => name === 'content-range' || name === 'x-supabase-api-version'
	});
};

/**
 * Slows down scripts posting forms in a loop: per signed-in user, or per client address before sign-in. The
 * counters are in Postgres (#lib/server/rate-limit), shared by every instance: one round trip per POST.
 */
const postLimits: Handle = async ({ event, resolve }) => {
	if (event.request.method === 'POST') {
		const user = event.locals.user;
		const verdict = await (user ? userPosts.hit(`u:${user.id}`) : anonymousPosts.hit(`ip:${event.getClientAddress()}`));
		if (!verdict.allowed) {
			return new Response(m.rate_limited(), {
				status: 429,
				headers: { 'retry-after': String(verdict.retryAfterSeconds), 'content-type': 'text/plain; charset=utf-8' }
			});
		}
	}
	return resolve(event);
};

/** Pages of the (app) group need a signed-in user; RLS still decides what each one may see or change. */
const guard: Handle = ({ event, resolve }) => {
	// GoTrue's verify link (PKCE) sends the user back to the page they asked for with a one-time `code`:
	// exchange it in /auth/confirm, which then returns them to that page.
	const code = event.url.searchParams.get('code');
	if (code && event.request.method === 'GET' && event.route.id !== '/(public)/auth/confirm') {
		const next = new URL(event.url);
		next.searchParams.delete('code');
		redirect(
			303,
			`/auth/confirm?code=${encodeURIComponent(code)}&next=${encodeURIComponent(next.pathname + next.search)}`
		);
	}
	if (!event.locals.user && event.route.id?.startsWith('/(app)')) {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/connexion?suivant=${encodeURIComponent(next)}`);
	}
	return resolve(event);
};

/** With SERVER_TIMING=on, the benchmark's Server-Timing header (app, auth, api); first, to time all the rest. */
const timing = serverTiming(SERVER_TIMING === 'on');

export const handle = sequence(timing, securityHeaders, i18n, supabase, postLimits, guard);
