/**
 * auth.audit_log_entries rows, in GoTrue's payload shape, so that the dashboard-like tools reading them work.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { NIL_UUID, type Queryable } from './context.ts';
import { clientIp } from './client-ip.ts';

const LOG_TYPES: Record<string, string> = {
	login: 'account',
	logout: 'account',
	user_signedup: 'team',
	user_invited: 'team',
	user_deleted: 'team',
	user_modified: 'user',
	user_recovery_requested: 'user',
	user_confirmation_requested: 'user',
	token_refreshed: 'token',
	token_revoked: 'token'
};

export async function audit(
	q: Queryable,
	req: http.IncomingMessage,
	actor: { id: string; email: string | null },
	action: string,
	traits?: Record<string, unknown>
): Promise<void> {
	const payload = {
		actor_id: actor.id,
		actor_username: actor.email ?? '',
		actor_via_sso: false,
		action,
		log_type: LOG_TYPES[action] ?? 'user',
		...(traits ? { traits } : {})
	};
	await q.query(
		`insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address) values ($1, $2, $3::json, now(), $4)`,
		[NIL_UUID, randomUUID(), JSON.stringify(payload), clientIp(req).slice(0, 64)]
	);
}
