/**
 * The app calls Supabase Auth from its server, so without help the auth server would see one client, this
 * server: its limits on sign-in attempts per client address would count every visitor's tries together, and
 * anyone's wrong passwords would lock everyone's right ones out. Supabase's answer for server-side callers is
 * the `Sb-Forwarded-For` header, the end user's address, which Supabase Auth then uses for its rate limits
 * and logs:
 *
 * - only when "IP address forwarding" is on in the project (GoTrue's SECURITY_SB_FORWARDED_FOR_ENABLED),
 * - and only with a secret API key (`sb_secret_…`): publishable, anon and service_role keys are not supported.
 *
 * So the visitor's address goes on every auth call of the per-request client, and when SUPABASE_SECRET_KEY is
 * set, the calls made before anyone is signed in (password, magic link, code, refresh…) carry it as `apikey`.
 * Calls with a user's token keep it: the user acts as themselves, never with the secret key's rights, and admin
 * endpoints never get the secret key from here. Without the secret key, the header is sent and ignored: the
 * app works the same against any project.
 */

/** The endpoints that act before a user token exists, and that Supabase Auth limits per client address. */
const PUBLIC_AUTH_PATHS = /^\/(token|otp|magiclink|signup|verify|recover|resend)$/;

export interface AuthForwarding {
	/** `PUBLIC_SUPABASE_URL`. */
	supabaseUrl: string;
	/** The key the client was created with (anon or publishable). */
	anonKey: string;
	/** Optional `sb_secret_…` key; without it the header is sent but hosted Supabase ignores it. */
	secretKey?: string;
	/** The visitor's address (`event.getClientAddress()`). */
	clientAddress: string;
}

/** A fetch for the server-side Supabase client that tells the auth server who the visitor is. */
export function forwardClientAddress(base: typeof fetch, options: AuthForwarding): typeof fetch {
	const authPrefix = `${options.supabaseUrl.replace(/\/+$/, '')}/auth/v1/`;
	const anonBearer = `Bearer ${options.anonKey}`;
	return (input, init) => {
		const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
		if (!url.startsWith(authPrefix) || !options.clientAddress) return base(input, init);
		const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
		headers.set('sb-forwarded-for', options.clientAddress);
		const path = url.slice(authPrefix.length - 1).split('?')[0];
		const authorization = headers.get('authorization');
		if (options.secretKey && PUBLIC_AUTH_PATHS.test(path) && (!authorization || authorization === anonBearer)) {
			headers.set('apikey', options.secretKey);
			// Equal to the apikey: the gateway puts the service-role JWT in its place (Supabase's rule for opaque keys).
			headers.set('authorization', `Bearer ${options.secretKey}`);
		}
		return base(input, { ...init, headers });
	};
}
