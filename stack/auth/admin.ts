/**
 * Admin endpoints (service_role key only): users, invitations, generated links.
 */
import { randomBytes } from 'node:crypto';
import { audit } from './audit.ts';
import { transaction, UUID_PATTERN } from './context.ts';
import { issueEmailToken, referrer, sendEmailToken, verifyLink } from './email-tokens.ts';
import { ApiError, bool, obj, optionalStr, sendJson, str, validationFailed } from './http.ts';
import type { Handler } from './routes.ts';
import { logout as endSessions, requireAdmin } from './tokens.ts';
import {
	checkPasswordStrength,
	confirmUser,
	createUser,
	findUserByEmail,
	findUserById,
	findUsersByIds,
	identitiesOf,
	isConfirmed,
	loadUserJson,
	mergeMetadata,
	normalizeEmail,
	setPassword,
	type UserRow,
	userJson
} from './users.ts';

const DUPLICATE_EMAIL = 'A user with this email address has already been registered';
const emailExists = () => new ApiError(422, 'email_exists', DUPLICATE_EMAIL);
const adminActor = { id: '00000000-0000-0000-0000-000000000000', email: 'service_role' };

/** Go's time.ParseDuration subset GoTrue's `ban_duration` uses: "24h", "1h30m", "90s"... */
function parseDuration(raw: string): number {
	const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
	const parts = [...raw.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
	if (!parts.length || parts.map((p) => p[0]).join('') !== raw) {
		throw validationFailed(`invalid format for ban duration: time: invalid duration "${raw}"`);
	}
	return parts.reduce((ms, p) => ms + Number(p[1]) * units[p[2]], 0);
}

function userIdFrom(url: URL): string {
	const id = decodeURIComponent(url.pathname.split('/')[3] ?? '');
	if (!UUID_PATTERN.test(id)) throw new ApiError(404, 'validation_failed', 'user_id must be an UUID');
	return id;
}

async function existingUser(id: string, find: (id: string) => Promise<UserRow | null>): Promise<UserRow> {
	const user = await find(id);
	if (!user) throw new ApiError(404, 'user_not_found', 'User not found');
	return user;
}

// ---------------------------------------------------------------------------------------------------
// /admin/users
// ---------------------------------------------------------------------------------------------------

function pageParam(url: URL, name: string, fallback: number): number {
	const raw = url.searchParams.get(name);
	if (raw === null || raw === '') return fallback;
	if (!/^\d+$/.test(raw))
		throw validationFailed(`Bad Pagination Parameters: strconv.ParseUint: parsing "${raw}": invalid syntax`);
	return Number(raw);
}

export const listUsers: Handler = async (ctx, { req, res, url }) => {
	await requireAdmin(ctx, req);
	const page = Math.max(1, pageParam(url, 'page', 1));
	const perPage = Math.max(1, pageParam(url, 'per_page', 50));
	const filter = url.searchParams.get('filter') ?? '';
	const where = `deleted_at is null and coalesce(aud, 'authenticated') = 'authenticated'
		and ($1::text = '' or email ilike '%' || $1::text || '%'
			or coalesce(raw_user_meta_data ->> 'full_name', '') ilike '%' || $1::text || '%')`;
	const total = Number(
		(await ctx.pool.query<{ n: string }>(`select count(*) as n from auth.users where ${where}`, [filter])).rows[0].n
	);
	const { rows } = await ctx.pool.query<{ id: string }>(
		`select id from auth.users where ${where} order by created_at desc nulls last, id limit $2 offset $3`,
		[filter, perPage, (page - 1) * perPage]
	);
	const ids = rows.map((r) => r.id);
	const users = await findUsersByIds(ctx.pool, ids);
	const identities = await identitiesOf(ctx.pool, ids);

	// GoTrue's addPaginationHeaders; auth-js reads the page number right after the first `=`.
	const totalPages = Math.ceil(total / perPage);
	const link = (p: number) => {
		const query = new URLSearchParams(url.searchParams);
		query.delete('page');
		return `</admin/users?${new URLSearchParams([['page', String(p)], ...query])}>`;
	};
	let header = '';
	if (totalPages > page) header += `${link(page + 1)}; rel="next", `;
	header += `${link(totalPages)}; rel="last"`;
	sendJson(
		res,
		200,
		{ users: users.map((u) => userJson(u, identities.get(u.id) ?? [])), aud: 'authenticated' },
		{ link: header, 'x-total-count': String(total) }
	);
};

export const createUserAdmin: Handler = async (ctx, { req, res, body }) => {
	await requireAdmin(ctx, req);
	if (str(body, 'phone'))
		throw new ApiError(400, 'phone_provider_disabled', 'Phone numbers are not supported by the local auth emulator');
	if (!str(body, 'email')) throw validationFailed('Cannot create a user without either an email or phone');
	const email = normalizeEmail(str(body, 'email'));
	const password = optionalStr(body, 'password');
	const passwordHash = str(body, 'password_hash');
	if (password !== undefined && passwordHash)
		throw validationFailed('Only a password or a password hash should be provided');
	if (password !== undefined && Buffer.byteLength(password) > 72) {
		throw validationFailed('Password cannot be longer than 72 characters');
	}
	if (passwordHash && !/^\$2[abxy]\$\d\d\$/.test(passwordHash)) {
		throw validationFailed('Only bcrypt password hashes are supported by the local auth emulator');
	}
	const id = str(body, 'id');
	if (id && !UUID_PATTERN.test(id)) throw validationFailed('ID must conform to the uuid v4 format');
	if (id === '00000000-0000-0000-0000-000000000000') throw validationFailed('ID cannot be a nil uuid');
	const banDuration = str(body, 'ban_duration');
	const banMs = banDuration && banDuration !== 'none' ? parseDuration(banDuration) : 0;
	if (await findUserByEmail(ctx.pool, email)) throw emailExists();

	const user = await transaction(ctx.pool, async (client) => {
		const created = await createUser(client, {
			id: id || undefined,
			email,
			// Like GoTrue, a user created without a password gets a random one: it can sign in only by e-mail.
			password: password || (passwordHash ? undefined : randomBytes(24).toString('base64url')),
			passwordHash: passwordHash || undefined,
			userMetadata: obj(body, 'user_metadata') ?? {},
			confirmed: bool(body, 'email_confirm'),
			role: str(body, 'role') || undefined
		});
		const appMetadata = obj(body, 'app_metadata');
		if (appMetadata) await mergeMetadata(client, created.id, 'raw_app_meta_data', appMetadata);
		if (banMs > 0) {
			await client.query(`update auth.users set banned_until = now() + $2 * interval '1 millisecond' where id = $1`, [
				created.id,
				banMs
			]);
		}
		await audit(client, req, adminActor, 'user_signedup', {
			user_id: created.id,
			user_email: email,
			provider: 'email'
		});
		return loadUserJson(client, created.id);
	});
	sendJson(res, 200, user);
};

export const getUserAdmin: Handler = async (ctx, { req, res, url }) => {
	await requireAdmin(ctx, req);
	const user = await existingUser(userIdFrom(url), (id) => findUserById(ctx.pool, id));
	sendJson(res, 200, await loadUserJson(ctx.pool, user.id));
};

export const updateUserAdmin: Handler = async (ctx, { req, res, url, body }) => {
	await requireAdmin(ctx, req);
	const id = userIdFrom(url);
	await existingUser(id, (i) => findUserById(ctx.pool, i));
	if (str(body, 'phone'))
		throw new ApiError(400, 'phone_provider_disabled', 'Phone numbers are not supported by the local auth emulator');
	const rawEmail = str(body, 'email');
	const email = rawEmail ? normalizeEmail(rawEmail) : '';
	const password = optionalStr(body, 'password');
	if (password !== undefined) checkPasswordStrength(password);
	const banDuration = str(body, 'ban_duration');
	const banMs = banDuration && banDuration !== 'none' ? parseDuration(banDuration) : 0;
	const userMetadata = obj(body, 'user_metadata');
	const appMetadata = obj(body, 'app_metadata');
	const role = str(body, 'role');

	await transaction(ctx.pool, async (client) => {
		const user = await existingUser(id, (i) => findUserById(client, i, true));
		if (email && email !== (user.email ?? '').toLowerCase()) {
			const other = await findUserByEmail(client, email);
			if (other && other.id !== id) throw emailExists();
			await client.query(
				`update auth.users set email = $2, email_change = '', email_change_token_new = '', email_change_token_current = '',
					updated_at = now() where id = $1`,
				[id, email]
			);
			await client.query(
				`update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text), updated_at = now()
				 where user_id = $1 and provider = 'email'`,
				[id, email]
			);
		}
		if (password !== undefined) {
			await setPassword(client, id, password);
			// GoTrue ends every session of the user when an admin sets the password.
			await endSessions(client, id, 'global', null);
		}
		if (bool(body, 'email_confirm')) await confirmUser(client, id);
		if (userMetadata) await mergeMetadata(client, id, 'raw_user_meta_data', userMetadata);
		if (appMetadata) await mergeMetadata(client, id, 'raw_app_meta_data', appMetadata);
		if (role) await client.query('update auth.users set role = $2, updated_at = now() where id = $1', [id, role]);
		if (banDuration === 'none') {
			await client.query('update auth.users set banned_until = null, updated_at = now() where id = $1', [id]);
		} else if (banMs > 0) {
			await client.query(
				`update auth.users set banned_until = now() + $2 * interval '1 millisecond', updated_at = now() where id = $1`,
				[id, banMs]
			);
		}
		await audit(client, req, adminActor, 'user_modified', { user_id: id });
	});
	sendJson(res, 200, await loadUserJson(ctx.pool, id));
};

export const deleteUserAdmin: Handler = async (ctx, { req, res, url, body }) => {
	await requireAdmin(ctx, req);
	const id = userIdFrom(url);
	const soft = bool(body, 'should_soft_delete');
	await transaction(ctx.pool, async (client) => {
		const user = await existingUser(id, (i) => findUserById(client, i, true));
		await audit(client, req, adminActor, 'user_deleted', { user_id: id, user_email: user.email ?? '' });
		await client.query('delete from auth.flow_state where user_id = $1', [id]);
		if (soft) {
			// GoTrue keeps the row for foreign keys but makes it unusable and frees the address.
			await client.query('delete from auth.sessions where user_id = $1', [id]);
			await client.query('delete from auth.identities where user_id = $1', [id]);
			await client.query('delete from auth.one_time_tokens where user_id = $1', [id]);
			await client.query(
				`update auth.users set deleted_at = now(), email = null, phone = null, encrypted_password = '',
					confirmation_token = '', recovery_token = '', email_change = '', email_change_token_new = '',
					email_change_token_current = '', raw_user_meta_data = '{}'::jsonb, updated_at = now()
				 where id = $1`,
				[id]
			);
		} else {
			await client.query('delete from auth.users where id = $1', [id]);
		}
	});
	sendJson(res, 200, {});
};

// ---------------------------------------------------------------------------------------------------
// Invitations and generated links
// ---------------------------------------------------------------------------------------------------

export const invite: Handler = async (ctx, { req, res, url, body }) => {
	await requireAdmin(ctx, req);
	const email = normalizeEmail(str(body, 'email'));
	const data = obj(body, 'data') ?? {};
	const redirectTo = referrer(ctx, req, url, body);
	const userId = await transaction(ctx.pool, async (client) => {
		let user = await findUserByEmail(client, email, true);
		if (user && isConfirmed(user)) throw emailExists();
		if (!user) user = await createUser(client, { email, userMetadata: data, invited: true });
		await audit(client, req, adminActor, 'user_invited', { user_id: user.id, user_email: email });
		await sendEmailToken(ctx, client, { user, kind: 'invite', to: email, redirectTo, pkce: null });
		return user.id;
	});
	sendJson(res, 200, await loadUserJson(ctx.pool, userId));
};

const LINK_TYPES = ['signup', 'invite', 'magiclink', 'recovery', 'email_change_current', 'email_change_new'] as const;
type LinkType = (typeof LINK_TYPES)[number];

/** GoTrue's adminGenerateLink: creates what the e-mail would, sends nothing, returns the link and the code. */
export const generateLink: Handler = async (ctx, { req, res, url, body }) => {
	await requireAdmin(ctx, req);
	const requested = str(body, 'type');
	if (!(LINK_TYPES as readonly string[]).includes(requested)) {
		throw validationFailed(`Invalid email action link type requested: ${requested}`);
	}
	let type = requested as LinkType;
	const email = normalizeEmail(str(body, 'email'));
	const data = obj(body, 'data');
	const redirectTo = referrer(ctx, req, url, body);
	let password = str(body, 'password');

	const result = await transaction(ctx.pool, async (client) => {
		let user = await findUserByEmail(client, email, true);
		if (!user) {
			if (type === 'magiclink') {
				// A magic link for an unknown address signs up, as in GoTrue.
				type = 'signup';
				password = randomBytes(24).toString('base64url');
			} else if (type === 'recovery' || type === 'email_change_current' || type === 'email_change_new') {
				throw new ApiError(404, 'user_not_found', 'User with this email not found');
			}
		}
		let kind: 'signup' | 'invite' | 'magiclink' | 'recovery' | 'email_change';
		let address = email;
		switch (type) {
			case 'signup':
				if (user && isConfirmed(user)) throw emailExists();
				if (user) {
					if (data) await mergeMetadata(client, user.id, 'raw_user_meta_data', data);
				} else {
					if (!password) throw validationFailed('Signup requires a valid password');
					checkPasswordStrength(password);
					user = await createUser(client, { email, password, userMetadata: data ?? {} });
				}
				kind = 'signup';
				break;
			case 'invite':
				if (user && isConfirmed(user)) throw emailExists();
				if (!user) user = await createUser(client, { email, userMetadata: data ?? {}, invited: true });
				kind = 'invite';
				break;
			case 'magiclink':
			case 'recovery':
				kind = type;
				break;
			case 'email_change_current':
				throw validationFailed('Enable secure email change to generate link for current email');
			case 'email_change_new': {
				address = normalizeEmail(str(body, 'new_email'));
				const other = await findUserByEmail(client, address);
				if (other) throw emailExists();
				await client.query(`update auth.users set email_change = $2, email_change_confirm_status = 0 where id = $1`, [
					user!.id,
					address
				]);
				kind = 'email_change';
				break;
			}
		}
		const target = user!;
		const issued = await issueEmailToken(client, target.id, kind, address, null);
		return {
			...(await loadUserJson(client, target.id)),
			action_link: verifyLink(ctx, kind, issued.hash, redirectTo),
			email_otp: issued.otp,
			hashed_token: issued.hash,
			verification_type: type,
			redirect_to: redirectTo
		};
	});
	sendJson(res, 200, result);
};
