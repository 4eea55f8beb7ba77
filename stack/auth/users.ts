/**
 * auth.users and auth.identities as GoTrue reads and writes them, and the user JSON it answers with.
 *
 * Rows may come from a seed file rather than from this emulator (NULL metadata, NULL or '' token columns,
 * NULL aud), so every read tolerates them.
 */
import { randomUUID } from 'node:crypto';
import { ApiError, validationFailed } from './http.ts';
import { NIL_UUID, type Queryable } from './context.ts';

export interface UserRow {
	id: string;
	aud: string | null;
	role: string | null;
	email: string | null;
	encrypted_password: string | null;
	email_confirmed_at: Date | null;
	invited_at: Date | null;
	confirmation_token: string | null;
	confirmation_sent_at: Date | null;
	recovery_token: string | null;
	recovery_sent_at: Date | null;
	email_change_token_new: string | null;
	email_change_token_current: string | null;
	email_change: string | null;
	email_change_sent_at: Date | null;
	last_sign_in_at: Date | null;
	raw_app_meta_data: Record<string, unknown> | null;
	raw_user_meta_data: Record<string, unknown> | null;
	created_at: Date | null;
	updated_at: Date | null;
	phone: string | null;
	phone_confirmed_at: Date | null;
	confirmed_at: Date | null;
	banned_until: Date | null;
	deleted_at: Date | null;
	is_anonymous: boolean;
	/** Computed: banned_until is in the future. */
	banned: boolean;
}

export interface IdentityRow {
	id: string;
	provider_id: string;
	user_id: string;
	identity_data: Record<string, unknown>;
	provider: string;
	last_sign_in_at: Date | null;
	created_at: Date | null;
	updated_at: Date | null;
	email: string | null;
}

const USER_COLUMNS = `u.id, u.aud, u.role, u.email, u.encrypted_password, u.email_confirmed_at, u.invited_at,
	u.confirmation_token, u.confirmation_sent_at, u.recovery_token, u.recovery_sent_at, u.email_change_token_new,
	u.email_change_token_current, u.email_change, u.email_change_sent_at, u.last_sign_in_at, u.raw_app_meta_data,
	u.raw_user_meta_data, u.created_at, u.updated_at, u.phone, u.phone_confirmed_at, u.confirmed_at, u.banned_until,
	u.deleted_at, u.is_anonymous, coalesce(u.banned_until > now(), false) as banned`;

export const DEFAULT_APP_METADATA = { provider: 'email', providers: ['email'] };

export async function findUserById(q: Queryable, id: string, forUpdate = false): Promise<UserRow | null> {
	const { rows } = await q.query<UserRow>(
		`select ${USER_COLUMNS} from auth.users u where u.id = $1 and u.deleted_at is null${forUpdate ? ' for update' : ''}`,
		[id]
	);
	return rows[0] ?? null;
}

export async function findUsersByIds(q: Queryable, ids: string[]): Promise<UserRow[]> {
	if (ids.length === 0) return [];
	const { rows } = await q.query<UserRow>(
		`select ${USER_COLUMNS} from auth.users u where u.id = any($1::uuid[]) and u.deleted_at is null`,
		[ids]
	);
	const byId = new Map(rows.map((row) => [row.id, row]));
	return ids.map((id) => byId.get(id)).filter((row): row is UserRow => row !== undefined);
}

export async function findUserByEmail(q: Queryable, email: string, forUpdate = false): Promise<UserRow | null> {
	const { rows } = await q.query<UserRow>(
		`select ${USER_COLUMNS} from auth.users u
		 where lower(u.email) = lower($1) and u.deleted_at is null and u.is_sso_user = false
		   and coalesce(u.aud, 'authenticated') = 'authenticated'
		 order by u.created_at nulls last limit 1${forUpdate ? ' for update' : ''}`,
		[email]
	);
	return rows[0] ?? null;
}

export async function identitiesOf(q: Queryable, userIds: string[]): Promise<Map<string, IdentityRow[]>> {
	const byUser = new Map<string, IdentityRow[]>();
	if (userIds.length === 0) return byUser;
	const { rows } = await q.query<IdentityRow>(
		`select id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, email
		 from auth.identities where user_id = any($1::uuid[]) order by created_at nulls first, id`,
		[userIds]
	);
	for (const row of rows) {
		const list = byUser.get(row.user_id) ?? [];
		list.push(row);
		byUser.set(row.user_id, list);
	}
	return byUser;
}

export const isConfirmed = (user: UserRow) => user.email_confirmed_at !== null || user.phone_confirmed_at !== null;
export const hasPassword = (user: UserRow) => !!user.encrypted_password;

const iso = (value: Date | null) => (value ? value.toISOString() : undefined);

/** GoTrue's user JSON: `omitempty` fields are left out when empty, exactly like its Go struct tags. */
export function userJson(user: UserRow, identities: IdentityRow[]): Record<string, unknown> {
	const json: Record<string, unknown> = {
		id: user.id,
		aud: user.aud ?? 'authenticated',
		role: user.role ?? 'authenticated',
		email: user.email ?? '',
		email_confirmed_at: iso(user.email_confirmed_at),
		invited_at: iso(user.invited_at),
		phone: user.phone ?? '',
		phone_confirmed_at: iso(user.phone_confirmed_at),
		confirmation_sent_at: iso(user.confirmation_sent_at),
		confirmed_at: iso(user.confirmed_at),
		recovery_sent_at: iso(user.recovery_sent_at),
		new_email: user.email_change || undefined,
		email_change_sent_at: iso(user.email_change_sent_at),
		last_sign_in_at: iso(user.last_sign_in_at),
		app_metadata: user.raw_app_meta_data ?? { ...DEFAULT_APP_METADATA },
		user_metadata: user.raw_user_meta_data ?? {},
		identities: identities.map(identityJson),
		created_at: iso(user.created_at) ?? new Date(0).toISOString(),
		updated_at: iso(user.updated_at) ?? iso(user.created_at) ?? new Date(0).toISOString(),
		banned_until: iso(user.banned_until),
		deleted_at: iso(user.deleted_at),
		is_anonymous: user.is_anonymous
	};
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	return json;
}

function identityJson(identity: IdentityRow): Record<string, unknown> {
	const json: Record<string, unknown> = {
		identity_id: identity.id,
		id: identity.provider_id,
		user_id: identity.user_id,
		identity_data: identity.identity_data,
		provider: identity.provider,
		last_sign_in_at: iso(identity.last_sign_in_at),
		created_at: iso(identity.created_at) ?? new Date(0).toISOString(),
		updated_at: iso(identity.updated_at) ?? new Date(0).toISOString(),
		email: identity.email || undefined
	};
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	return json;
}

/** The user and its identities, as JSON; throws when the row vanished (deleted meanwhile). */
export async function loadUserJson(q: Queryable, id: string): Promise<Record<string, unknown>> {
	const user = await findUserById(q, id);
	if (!user) throw new ApiError(404, 'user_not_found', 'User not found');
	const identities = await identitiesOf(q, [id]);
	return userJson(user, identities.get(id) ?? []);
}

export interface NewUser {
	email: string;
	/** Plain password, hashed by pgcrypto's bcrypt; '' for none (invited and OTP-only users). */
	password?: string;
	/** An existing bcrypt hash (admin `password_hash`). */
	passwordHash?: string;
	userMetadata?: Record<string, unknown>;
	appMetadata?: Record<string, unknown>;
	confirmed?: boolean;
	invited?: boolean;
	id?: string;
	role?: string;
}

function isUniqueViolation(error: unknown): boolean {
	return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/** Inserts the user and its `email` identity, like GoTrue's sign-up (identity_data: sub, email, *_verified). */
export async function createUser(q: Queryable, input: NewUser): Promise<UserRow> {
	const id = input.id ?? randomUUID();
	const userMetadata = { ...input.userMetadata };
	if (input.confirmed) userMetadata.email_verified = true;
	const appMetadata = { ...DEFAULT_APP_METADATA, ...input.appMetadata };
	try {
		await q.query(
			`insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, invited_at,
				raw_app_meta_data, raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token,
				email_change_token_new, email_change_token_current, email_change, phone_change, phone_change_token,
				reauthentication_token, is_sso_user, is_anonymous)
			 values ($1, $2, 'authenticated', $3, $4,
				case when $5::text <> '' then $5::text
				     when $6::text <> '' then extensions.crypt($6::text, extensions.gen_salt('bf'))
				     else '' end,
				case when $7 then now() end, case when $8 then now() end,
				$9::jsonb, $10::jsonb, now(), now(), '', '', '', '', '', '', '', '', false, false)`,
			[
				NIL_UUID,
				id,
				input.role ?? 'authenticated',
				input.email,
				input.passwordHash ?? '',
				input.password ?? '',
				!!input.confirmed,
				!!input.invited,
				JSON.stringify(appMetadata),
				JSON.stringify(userMetadata)
			]
		);
	} catch (error) {
		if (isUniqueViolation(error)) {
			throw new ApiError(422, 'email_exists', 'A user with this email address has already been registered');
		}
		throw error;
	}
	const identityData: Record<string, unknown> = {
		sub: id,
		email: input.email,
		email_verified: !!input.confirmed,
		phone_verified: false
	};
	for (const [key, value] of Object.entries(input.userMetadata ?? {}))
		if (!(key in identityData)) identityData[key] = value;
	await q.query(
		`insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
		 values ($1, $2::text, $2::uuid, $3::jsonb, 'email', now(), now(), now())`,
		[randomUUID(), id, JSON.stringify(identityData)]
	);
	const user = await findUserById(q, id);
	if (!user) throw new Error('user vanished right after insert');
	return user;
}

/** GoTrue's User.Confirm: email confirmed, confirmation token cleared, `email_verified` set everywhere. */
export async function confirmUser(q: Queryable, userId: string): Promise<void> {
	await q.query(
		`update auth.users set confirmation_token = '', email_confirmed_at = coalesce(email_confirmed_at, now()),
			raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || '{"email_verified": true}'::jsonb,
			updated_at = now()
		 where id = $1`,
		[userId]
	);
	await q.query(
		`update auth.identities set identity_data = identity_data || '{"email_verified": true}'::jsonb, updated_at = now()
		 where user_id = $1 and provider = 'email'`,
		[userId]
	);
	await q.query('delete from auth.one_time_tokens where user_id = $1', [userId]);
}

/** Merges like GoTrue's UpdateUserMetaData: keys are replaced, a `null` value removes the key. */
export async function mergeMetadata(
	q: Queryable,
	userId: string,
	column: 'raw_user_meta_data' | 'raw_app_meta_data',
	patch: Record<string, unknown>
): Promise<void> {
	const removed = Object.entries(patch)
		.filter(([, value]) => value === null)
		.map(([key]) => key);
	const kept = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== null));
	const fallback = column === 'raw_app_meta_data' ? JSON.stringify(DEFAULT_APP_METADATA) : '{}';
	await q.query(
		`update auth.users set ${column} = (coalesce(${column}, $4::jsonb) || $2::jsonb) - $3::text[], updated_at = now()
		 where id = $1`,
		[userId, JSON.stringify(kept), removed, fallback]
	);
}

/** Password check with pgcrypto, so hashes written by seed files (`crypt(..., gen_salt('bf'))`) work. */
export async function passwordMatches(q: Queryable, userId: string, password: string): Promise<boolean> {
	try {
		const { rows } = await q.query<{ ok: boolean }>(
			`select coalesce(encrypted_password like '$2%' and encrypted_password = extensions.crypt($2, encrypted_password), false) as ok
			 from auth.users where id = $1`,
			[userId, password]
		);
		return rows[0]?.ok ?? false;
	} catch {
		// A malformed hash makes crypt() throw: it simply does not match.
		return false;
	}
}

export async function setPassword(q: Queryable, userId: string, password: string): Promise<void> {
	await q.query(
		`update auth.users set encrypted_password = extensions.crypt($2, extensions.gen_salt('bf')), updated_at = now()
		 where id = $1`,
		[userId, password]
	);
}

const MIN_PASSWORD_LENGTH = 6;

/** GoTrue's default password policy: at least 6 characters, at most 72 bytes (bcrypt's limit). */
export function checkPasswordStrength(password: string): void {
	if (Buffer.byteLength(password) > 72) {
		throw validationFailed('Password cannot be longer than 72 characters');
	}
	if ([...password].length < MIN_PASSWORD_LENGTH) {
		const message = `Password should be at least ${MIN_PASSWORD_LENGTH} characters.`;
		throw new ApiError(422, 'weak_password', message, { weak_password: { message, reasons: ['length'] } });
	}
}

const EMAIL_PATTERN = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;

/** GoTrue's validateEmail: required, at most 255 characters, a plausible address; lowercased. */
export function normalizeEmail(raw: string): string {
	const email = raw.trim();
	if (email === '') throw validationFailed('An email address is required');
	if (email.length > 255) throw validationFailed('An email address is too long');
	if (!EMAIL_PATTERN.test(email)) throw validationFailed('Unable to validate email address: invalid format');
	return email.toLowerCase();
}
