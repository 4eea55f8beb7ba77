/**
 * What a refused database call means for the user. The schema raises French messages with a PostgREST
 * status (SQLSTATE PT4xx) for the rules it enforces; RLS refusals (42501) and constraint violations get a
 * plain French sentence here. Never a 500 for something the user can fix.
 */
import { m } from '#lib/paraglide/messages.js';

export interface DbError {
	code?: string;
	message?: string;
	details?: string | null;
	hint?: string | null;
}

/** The HTTP statuses a form answers with when the database refuses. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;
const KNOWN: ErrorStatus[] = [400, 401, 403, 404, 409, 413, 422, 429, 503];

export function dbErrorStatus(error: DbError): ErrorStatus {
	const code = error.code ?? '';
	if (/^PT[45]\d\d$/.test(code)) {
		const status = Number(code.slice(2)) as ErrorStatus;
		return KNOWN.includes(status) ? status : 400;
	}
	if (code === '42501') return 403;
	if (code === '23505' || code === '23503' || code === '40001') return 409;
	if (code === '23514' || code === '23502' || code.startsWith('22')) return 400;
	return 503;
}

export function dbErrorMessage(error: DbError, fallback: string = m.admin_error_unavailable()): string {
	const code = error.code ?? '';
	if (/^PT4\d\d$/.test(code) && error.message) return error.message;
	switch (code) {
		case '42501':
			return m.admin_error_forbidden();
		case '23505':
			return m.admin_error_duplicate();
		case '23503':
			return m.admin_error_in_use();
		case '23514':
		case '23502':
			return m.admin_error_rejected();
	}
	if (code.startsWith('22')) return m.admin_error_rejected();
	return fallback;
}
