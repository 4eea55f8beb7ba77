/**
 * The gateway's request log: the last requests it answered (method, path, status, GoTrue's error code, who
 * sent them), as Supabase's API logs show them. In memory, newest last, bounded; read by the tests that count
 * the auth server's answers (`GET /_stack/requests` with the service-role or secret key).
 */

export interface LoggedRequest {
	/** ISO time the request arrived: a caller noting the time after an answer never sees that request again. */
	at: string;
	method: string;
	/** Path without the query string (a verify link's token never lands here). */
	path: string;
	status: number;
	/** `x-sb-error-code` of the answer (`over_request_rate_limit`, `invalid_credentials`…), or null. */
	errorCode: string | null;
	/** The gateway's socket peer. */
	peer: string;
	/** The `Sb-Forwarded-For` passed on to the auth server (secret key only), or null. */
	forwardedFor: string | null;
}

export class RequestLog {
	private readonly entries: LoggedRequest[] = [];
	private readonly size: number;

	constructor(size = 5000) {
		this.size = size;
	}

	add(entry: LoggedRequest): void {
		this.entries.push(entry);
		if (this.entries.length > this.size) this.entries.splice(0, this.entries.length - this.size);
	}

	/** Requests that arrived at or after `since` (epoch milliseconds). */
	since(since: number): LoggedRequest[] {
		return this.entries.filter((e) => Date.parse(e.at) >= since);
	}
}

/** `since` as epoch milliseconds or an ISO date; 0 (everything) when absent or unreadable. */
export function parseSince(raw: string | null): number {
	if (!raw) return 0;
	const value = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
	return Number.isFinite(value) ? value : 0;
}
