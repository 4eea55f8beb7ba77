/**
 * The signed-in user: `GET /user`, `PUT /user` (metadata, password, e-mail change) and `/logout`.
 */
import { audit } from './audit.ts';
import { transaction } from './context.ts';
import { pkceParams, referrer, sendEmailToken } from './email-tokens.ts';
import { ApiError, obj, optionalStr, str, validationFailed, sendJson } from './http.ts';
import { type Handler, phoneDisabled } from './routes.ts';
import { authenticate, logout as endSessions } from './tokens.ts';
import {
	checkPasswordStrength,
	findUserByEmail,
	findUserById,
	loadUserJson,
	mergeMetadata,
	normalizeEmail,
	passwordMatches,
	setPassword
} from './users.ts';

export const getUser: Handler = async (ctx, { req, res }) => {
	const { user } = await authenticate(ctx, req);
	sendJson(res, 200, await loadUserJson(ctx.pool, user.id));
};

export const updateUser: Handler = async (ctx, { req, res, url, body }) => {
	const auth = await authenticate(ctx, req);
	const rawEmail = optionalStr(body, 'email');
	const password = optionalStr(body, 'password');
	const data = obj(body, 'data');
	if (str(body, 'phone')) throw phoneDisabled();
	if (obj(body, 'app_metadata')) {
		throw new ApiError(403, 'not_admin', 'Updating app_metadata requires admin privileges');
	}
	const pkce = pkceParams(body);
	const redirectTo = referrer(ctx, req, url, body);
	let newEmail: string | null = null;
	if (rawEmail) {
		newEmail = normalizeEmail(rawEmail);
		if (newEmail === (auth.user.email ?? '').toLowerCase()) newEmail = null;
		else {
			const other = await findUserByEmail(ctx.pool, newEmail);
			if (other && other.id !== auth.user.id) {
				throw new ApiError(422, 'email_exists', 'A user with this email address has already been registered');
			}
		}
	}
	if (password !== undefined) {
		checkPasswordStrength(password);
		if (await passwordMatches(ctx.pool, auth.user.id, password)) {
			throw new ApiError(422, 'same_password', 'New password should be different from the old password.');
		}
	}
	await transaction(ctx.pool, async (client) => {
		const user = await findUserById(client, auth.user.id, true);
		if (!user) throw new ApiError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
		if (password !== undefined) {
			await setPassword(client, user.id, password);
			// As GoTrue: pending links die with the old password, and the other sessions are ended.
			await client.query(
				`update auth.users set confirmation_token = '', confirmation_sent_at = null, recovery_token = '',
					recovery_sent_at = null, email_change_token_current = '', email_change_token_new = '',
					email_change_sent_at = null, reauthentication_token = '', reauthentication_sent_at = null
				 where id = $1`,
				[user.id]
			);
			await client.query('delete from auth.one_time_tokens where user_id = $1', [user.id]);
			await endSessions(client, user.id, auth.sessionId ? 'others' : 'global', auth.sessionId);
		}
		if (data) await mergeMetadata(client, user.id, 'raw_user_meta_data', data);
		if (newEmail) {
			await client.query(`update auth.users set email_change = $2, email_change_confirm_status = 0 where id = $1`, [
				user.id,
				newEmail
			]);
			await sendEmailToken(ctx, client, { user, kind: 'email_change', to: newEmail, redirectTo, pkce });
		}
		await audit(client, req, user, 'user_modified');
	});
	sendJson(res, 200, await loadUserJson(ctx.pool, auth.user.id));
};

export const logout: Handler = async (ctx, { req, res, url }) => {
	const scope = url.searchParams.get('scope') || 'global';
	if (scope !== 'global' && scope !== 'local' && scope !== 'others') {
		throw validationFailed(`Unsupported logout scope "${scope}"`);
	}
	const auth = await authenticate(ctx, req);
	await transaction(ctx.pool, async (client) => {
		await audit(client, req, auth.user, 'logout');
		await endSessions(client, auth.user.id, scope, auth.sessionId);
	});
	res.writeHead(204);
	res.end();
};
