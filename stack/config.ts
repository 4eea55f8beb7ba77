/**
 * Settings of the local Supabase-compatible stack.
 *
 * The defaults are the Supabase CLI's local ones (ports 54321/54322/54324, the well-known JWT secret and
 * the anon and service-role keys signed with it) so that every Supabase tool works against the stack.
 * They are for loopback only: production keys come from the environment, never from here.
 *
 * A second profile (`STACK_PROFILE=test`) runs beside the first on other ports and another data folder,
 * so that `npm test` never touches the data of a running `npm start`.
 */
import { createHash, createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The Supabase CLI's local JWT secret: public knowledge, valid on loopback only. */
export const LOCAL_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

/**
 * The Supabase CLI's local opaque API keys (`supabase status` prints them: Publishable, Secret). Hosted projects
 * have the same two kinds; the gateway maps them to the anon and service_role JWTs, as the CLI's Kong does.
 */
export const LOCAL_PUBLISHABLE_KEY = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH';
export const LOCAL_SECRET_KEY = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz';

export interface StackPorts {
	/** API gateway: /rest/v1, /auth/v1, /storage/v1 (Supabase CLI: 54321). */
	api: number;
	/** PostgreSQL (Supabase CLI: 54322). */
	db: number;
	/** Dev mailbox, HTTP (Supabase CLI's Inbucket/Mailpit: 54324). */
	mailbox: number;
	/** SMTP sink (Supabase CLI: 54325). */
	smtp: number;
	/** PostgREST, reached only through the gateway. */
	postgrest: number;
	/** Auth emulator, reached only through the gateway. */
	auth: number;
	/** Storage API server, reached only through the gateway. */
	storage: number;
}

export interface StackConfig {
	profile: string;
	dataDir: string;
	/** Where PostgreSQL's data is: `<dataDir>/postgres`, or `<outsideDir>/postgres` (see `outsideDir`). */
	pgDataDir: string;
	/**
	 * Under root only: PostgreSQL runs as the `postgres` user, and when that user cannot enter the project's
	 * folder, its binaries and data live here instead (stack/postgres-root.ts): a folder of its own under
	 * /var/tmp (`STACK_OUTSIDE_DIR`), named after the profile and a hash of `dataDir`, so two clones never share it.
	 */
	outsideDir: string;
	ports: StackPorts;
	jwtSecret: string;
	anonKey: string;
	serviceRoleKey: string;
	/** Opaque publishable key (`sb_publishable_…`): like the anon key. */
	publishableKey: string;
	/** Opaque secret key (`sb_secret_…`): like the service_role key, and the only key `Sb-Forwarded-For` goes with. */
	secretKey: string;
	/** Superuser connection string, as the Supabase CLI prints it. */
	dbUrl: string;
	apiUrl: string;
	mailboxUrl: string;
	/** Where the app runs: auth e-mails link back to it (`/auth/confirm`). */
	siteUrl: string;
	/** Lifetime of access tokens, seconds (GoTrue's JWT_EXP). */
	jwtExpiry: number;
	/** Auth rate limits; the test profile raises them so that suites can sign in often. */
	rateLimits: {
		/** Failed password sign-ins allowed per e-mail and IP in the window. */
		passwordFailures: number;
		/** Sign-in requests (token endpoint) per IP in the window. */
		tokenRequests: number;
		/** E-mails (magic link, OTP, invitation, recovery) per address in the window. */
		emailsPerAddress: number;
		/** Minimum seconds between two e-mails to the same address (GoTrue's SMTP_MAX_FREQUENCY). */
		emailMinInterval: number;
		/** Window length, seconds. */
		windowSeconds: number;
	};
	/** Seconds an e-mail OTP / magic link stays valid (GoTrue's MAILER_OTP_EXP). */
	otpExpiry: number;
	/** Seconds a reused refresh token is still accepted (GoTrue's refresh token reuse interval). */
	refreshReuseInterval: number;
	/**
	 * Sign-ups (`/signup`, and `/otp` for an unknown or unconfirmed address) are allowed: the reverse of GoTrue's
	 * DISABLE_SIGNUP. Off unless STACK_ENABLE_SIGNUP=1: accounts come from invitations, as in production.
	 */
	enableSignup: boolean;
	/**
	 * GoTrue's SECURITY_SB_FORWARDED_FOR_ENABLED: the `Sb-Forwarded-For` header of a request made with the secret
	 * key is the client address for rate limits and logs. On unless STACK_SB_FORWARDED_FOR=0.
	 */
	sbForwardedFor: boolean;
}

function base64url(input: string | Buffer): string {
	return Buffer.from(input).toString('base64url');
}

/** Signs an HS256 JWT; used for the two static API keys only (the auth emulator uses jose). */
export function signStaticKey(payload: Record<string, unknown>, secret: string): string {
	const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
	const body = base64url(JSON.stringify(payload));
	const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
	return `${header}.${body}.${signature}`;
}

/**
 * The CLI's keys are these claims signed with its secret, so signing them again gives the same strings
 * the Supabase CLI prints, without keeping a literal key in the repository.
 */
export function apiKeys(secret: string): { anonKey: string; serviceRoleKey: string } {
	const claims = (role: string) => ({ iss: 'supabase-demo', role, exp: 1983812996 });
	return {
		anonKey: signStaticKey(claims('anon'), secret),
		serviceRoleKey: signStaticKey(claims('service_role'), secret)
	};
}

const PROFILES: Record<string, { base: number }> = {
	dev: { base: 54320 },
	test: { base: 55320 },
	bench: { base: 56320 }
};

function flagFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	if (/^(1|true|yes|on)$/i.test(raw)) return true;
	if (/^(0|false|no|off)$/i.test(raw)) return false;
	throw new Error(`${name} must be 1 or 0`);
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
	return value;
}

/** PostgreSQL refuses to run as root: the stack then runs it as the `postgres` user. */
export function isRoot(): boolean {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function stackConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
	const profile = env.STACK_PROFILE || 'dev';
	if (!/^[a-z0-9-]+$/.test(profile)) throw new Error('STACK_PROFILE must be lowercase letters, digits, dashes');
	const base = intFromEnv(env, 'STACK_PORT_BASE', PROFILES[profile]?.base ?? 56320);
	const ports: StackPorts = {
		api: base + 1,
		db: base + 2,
		mailbox: base + 4,
		smtp: base + 5,
		postgrest: base + 11,
		auth: base + 12,
		storage: base + 13
	};
	const dataDir = path.resolve(env.STACK_DATA_DIR || path.join(ROOT_DIR, '.local', profile));
	const key = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
	const outsideDir = path.join(path.resolve(env.STACK_OUTSIDE_DIR || '/var/tmp'), `charte-pg-${profile}-${key}`);
	// Once the data has moved outside (the first start decides, `db:reset` undoes it), it stays there.
	const outsideData = path.join(outsideDir, 'postgres');
	const jwtSecret = env.STACK_JWT_SECRET || LOCAL_JWT_SECRET;
	const testing = profile !== 'dev';
	return {
		profile,
		dataDir,
		pgDataDir: isRoot() && existsSync(outsideData) ? outsideData : path.join(dataDir, 'postgres'),
		outsideDir,
		ports,
		jwtSecret,
		...apiKeys(jwtSecret),
		publishableKey: LOCAL_PUBLISHABLE_KEY,
		secretKey: LOCAL_SECRET_KEY,
		dbUrl: `postgresql://postgres:postgres@127.0.0.1:${ports.db}/postgres`,
		apiUrl: `http://127.0.0.1:${ports.api}`,
		mailboxUrl: `http://127.0.0.1:${ports.mailbox}`,
		siteUrl: env.SITE_URL || env.ORIGIN || `http://127.0.0.1:${env.PORT || 3000}`,
		jwtExpiry: intFromEnv(env, 'STACK_JWT_EXPIRY', 3600),
		rateLimits: {
			passwordFailures: intFromEnv(env, 'STACK_RATE_PASSWORD_FAILURES', testing ? 50 : 10),
			tokenRequests: intFromEnv(env, 'STACK_RATE_TOKEN_REQUESTS', testing ? 100000 : 300),
			emailsPerAddress: intFromEnv(env, 'STACK_RATE_EMAILS', testing ? 1000 : 30),
			emailMinInterval: intFromEnv(env, 'STACK_RATE_EMAIL_INTERVAL', testing ? 0 : 5),
			windowSeconds: intFromEnv(env, 'STACK_RATE_WINDOW', 300)
		},
		otpExpiry: intFromEnv(env, 'STACK_OTP_EXPIRY', 3600),
		refreshReuseInterval: intFromEnv(env, 'STACK_REFRESH_REUSE_INTERVAL', 10),
		enableSignup: flagFromEnv(env, 'STACK_ENABLE_SIGNUP', false),
		sbForwardedFor: flagFromEnv(env, 'STACK_SB_FORWARDED_FOR', true)
	};
}

/** The environment the app (and supabase-js in tests) needs to reach this stack. */
export function appEnv(config: StackConfig): Record<string, string> {
	return {
		PUBLIC_SUPABASE_URL: config.apiUrl,
		PUBLIC_SUPABASE_ANON_KEY: config.anonKey,
		SUPABASE_SERVICE_ROLE_KEY: config.serviceRoleKey,
		SUPABASE_SECRET_KEY: config.secretKey,
		SMTP_URL: `smtp://127.0.0.1:${config.ports.smtp}`,
		MAILBOX_URL: config.mailboxUrl,
		AUTH_LINK_VALIDITY_MINUTES: String(Math.max(5, Math.round(config.otpExpiry / 60)))
	};
}
