/**
 * The client address of a request to the auth emulator, which its rate limits, sessions and audit log use.
 * Resolved once per request (`resolveClientIp`), then read anywhere with `clientIp(req)`:
 *
 * 1. `Sb-Forwarded-For`, Supabase Auth's header for server-side callers, when GoTrue's
 *    SECURITY_SB_FORWARDED_FOR_ENABLED is on (`config.sbForwardedFor`) and the request carries the secret API key
 *    in `apikey`: hosted Supabase honours the header only with a secret key (`sb_secret_…`), never with the
 *    publishable, anon or service_role keys. As GoTrue's sbff package: the first comma-separated value, which must
 *    be an IP address; anything else is ignored and the next rule applies.
 * 2. `X-Forwarded-For`, only from the stack's gateway: it overwrites the header with its socket peer and proves
 *    itself with a token drawn at start-up (`x-stack-gateway`), so a caller reaching the emulator's port directly
 *    cannot choose its address.
 * 3. The socket's peer.
 */
import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { isIP, isIPv4 } from 'node:net';

export const SB_FORWARDED_FOR = 'sb-forwarded-for';
export const GATEWAY_TOKEN_HEADER = 'x-stack-gateway';

export interface ClientIpTrust {
	/** The secret API key: the only key `Sb-Forwarded-For` is honoured with. */
	secretKey: string;
	/** GoTrue's SECURITY_SB_FORWARDED_FOR_ENABLED. */
	sbForwardedFor: boolean;
	/** The gateway's token; without one, `X-Forwarded-For` is never trusted. */
	gatewayToken?: string;
}

function header(req: http.IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

function sameSecret(given: string | undefined, expected: string | undefined): boolean {
	if (!given || !expected) return false;
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

/** An address as Go's `net.ParseIP(s).String()` prints it, or null when it is not one (zones included). */
export function normalizeIp(raw: string): string | null {
	const value = raw.trim();
	if (value.includes('%')) return null;
	const kind = isIP(value);
	if (kind === 4) return value;
	if (kind !== 6) return null;
	const canonical = new URL(`http://[${value}]/`).hostname.slice(1, -1);
	// An IPv4-mapped IPv6 address prints as the IPv4 address.
	const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
	if (mapped) {
		const [high, low] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
		const ipv4 = [high >> 8, high & 255, low >> 8, low & 255].join('.');
		if (isIPv4(ipv4)) return ipv4;
	}
	return canonical;
}

/** GoTrue's parseSBFFHeader: the leftmost value, if it is an IP address. */
export function parseSbForwardedFor(value: string | undefined): string | null {
	if (!value) return null;
	return normalizeIp(value.split(',', 1)[0]);
}

const peer = (req: http.IncomingMessage) => normalizeIp(req.socket.remoteAddress ?? '') ?? '127.0.0.1';

const resolved = new WeakMap<http.IncomingMessage, string>();

export function resolveClientIp(req: http.IncomingMessage, trust: ClientIpTrust): string {
	let ip: string | null = null;
	if (trust.sbForwardedFor && sameSecret(header(req, 'apikey'), trust.secretKey)) {
		ip = parseSbForwardedFor(header(req, SB_FORWARDED_FOR));
	}
	if (!ip && sameSecret(header(req, GATEWAY_TOKEN_HEADER), trust.gatewayToken)) {
		ip = normalizeIp(header(req, 'x-forwarded-for')?.split(',', 1)[0] ?? '');
	}
	ip ??= peer(req);
	resolved.set(req, ip);
	return ip;
}

/** The address `resolveClientIp` chose for this request (the socket's peer if it never ran). */
export function clientIp(req: http.IncomingMessage): string {
	return resolved.get(req) ?? peer(req);
}
