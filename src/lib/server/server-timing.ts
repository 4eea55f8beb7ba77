/**
 * The benchmark's Server-Timing header (bench/run.ts reads it, bench/README.md explains it), sent only with
 * SERVER_TIMING=on: `app` is the whole server-side time of the request (auth, queries, rendering), `auth` and
 * `api` the time spent waiting for Supabase Auth and for the REST API, with the number of calls. Keep the names.
 *
 * A handle and a fetch wrapper rather than src/instrumentation.server.ts: SvelteKit runs that file only before
 * adapter-node's standalone entry (build/index.js), not before build/handler.js, which scripts/serve.ts (and so
 * the benchmark) mounts; and it is the place to start OpenTelemetry, which cannot put a header on a response.
 * The handle opens a record for each request; the fetch of the per-request Supabase client adds its calls to
 * it, found through AsyncLocalStorage, so that neither needs to know about the other's code.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Handle } from '@sveltejs/kit/hooks';

interface Timing {
	auth: number;
	api: number;
	calls: number;
}

const current = new AsyncLocalStorage<Timing>();

/** The header's value: `app;dur=…, auth;dur=…, api;dur=…;desc="N calls"` (milliseconds, one decimal). */
export function serverTimingValue(app: number, { auth, api, calls }: Timing): string {
	return `app;dur=${app.toFixed(1)}, auth;dur=${auth.toFixed(1)}, api;dur=${api.toFixed(1)};desc="${calls} calls"`;
}

/** First in the sequence, so that `app` covers every other handle; a plain pass-through when off. */
export function serverTiming(enabled: boolean): Handle {
	if (!enabled) return ({ event, resolve }) => resolve(event);
	return async ({ event, resolve }) => {
		const started = performance.now();
		const timing: Timing = { auth: 0, api: 0, calls: 0 };
		const response = await current.run(timing, () => resolve(event));
		try {
			response.headers.append('server-timing', serverTimingValue(performance.now() - started, timing));
		} catch {
			/* immutable headers (proxied or redirected responses) */
		}
		return response;
	};
}

/** `base`, counting each call's wait as `auth` or `api` in the current request's record, if there is one. */
export function timedFetch(base: typeof fetch): typeof fetch {
	return async (input, init) => {
		const timing = current.getStore();
		if (!timing) return base(input, init);
		const started = performance.now();
		try {
			return await base(input, init);
		} finally {
			const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
			if (url.includes('/auth/v1/')) timing.auth += performance.now() - started;
			else timing.api += performance.now() - started;
			timing.calls++;
		}
	};
}
