/**
 * The security headers of every response, listed once. Two places set them:
 * - scripts/serve.ts, on every response of the Node server before the request reaches adapter-node: static files
 *   (/_app/immutable/...), redirects thrown by a handle (the sign-in redirect), errors, 404s and 304s, which
 *   SvelteKit builds outside the handles' reach;
 * - the `securityHeaders` handle of src/hooks.server.ts, on what SvelteKit renders, for servers other than
 *   scripts/serve.ts (vite dev and preview, build/index.js).
 * The Content-Security-Policy itself comes from SvelteKit's `csp` option (pages only).
 *
 * No imports and only erasable TypeScript: plain Node runs this file from scripts/serve.ts.
 */

/** Name and value of each header; HSTS only when the browser reached the site over https. */
export function securityHeaderList(https: boolean): [name: string, value: string][] {
	const headers: [string, string][] = [
		['x-content-type-options', 'nosniff'],
		['referrer-policy', 'strict-origin-when-cross-origin'],
		['permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()'],
		['x-frame-options', 'DENY'],
		['cross-origin-opener-policy', 'same-origin']
	];
	if (https) headers.push(['strict-transport-security', 'max-age=63072000; includeSubDomains']);
	return headers;
}
