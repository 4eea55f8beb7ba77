/**
 * Keeps only a same-site path for post-sign-in redirects, so that a crafted link cannot send the user to
 * another site (open redirect).
 */
export function safeNext(value: string | null | undefined, fallback = '/', origin?: string): string {
	if (!value) return fallback;
	// E-mail templates may pass the full redirect URL: keep it only when it points at this very site.
	if (origin && value.startsWith(origin + '/')) value = value.slice(origin.length);
	if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
	// Control characters (CR, LF, NUL...) could split headers or confuse URL parsers.
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f]/.test(value)) return fallback;
	return value;
}
