/**
 * A charter of its own for the notification tests: a coordinator, elected officials with their communes, a host
 * organization, all with unique names, created as the superuser and removed afterwards. Accounts are created the
 * way the seed creates them (auth.users with a bcrypt password), so that they can sign in through the gateway.
 */
import { randomUUID } from 'node:crypto';
import { configFromEnv } from '../../src/lib/server/notifications/config.ts';
import { createSender, type SendReport } from '../../src/lib/server/notifications/worker.ts';
import type { SuperuserPool } from '../helpers/demo.ts';
import { testConfig } from '../helpers/env.ts';

export const WORLD_PASSWORD = 'charte-test-2026';

export interface Official {
	id: string;
	email: string;
	communes: string[];
}

export interface World {
	tag: string;
	charterId: string;
	slug: string;
	title: string;
	hostId: string;
	hostName: string;
	coordinator: { id: string; email: string };
	officials: Official[];
	remove(): Promise<void>;
}

export async function createUser(su: SuperuserPool, email: string, displayName: string): Promise<string> {
	const id = randomUUID();
	await su.query(
		`insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
		   raw_app_meta_data, raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token,
		   email_change_token_new, email_change)
		 values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2,
		   extensions.crypt($3, extensions.gen_salt('bf', 4)), now(),
		   '{"provider": "email", "providers": ["email"]}', jsonb_build_object('display_name', $4::text), now(), now(),
		   '', '', '', '')`,
		[id, email, WORLD_PASSWORD, displayName]
	);
	await su.query(
		`insert into auth.identities (id, user_id, provider_id, provider, identity_data, last_sign_in_at, created_at, updated_at)
		 values (gen_random_uuid(), $1::uuid, $3::text, 'email', jsonb_build_object('sub', $3::text, 'email', $2::text, 'email_verified', true), now(), now(), now())`,
		[id, email, id]
	);
	return id;
}

/** `officials`: the communes of each official (INSEE codes). */
export async function createWorld(su: SuperuserPool, officials: string[][]): Promise<World> {
	const tag = randomUUID().slice(0, 8);
	const slug = `test-stages-${tag}`;
	const title = `Charte de test des stages ${tag}`;
	const hostName = `Maison de santé de test ${tag}`;
	const [{ id: charterId }] = await su.query<{ id: string }>(
		`insert into public.charters (slug, title, short_title, scope_level, status) values ($1, $2, $3, 'departement', 'active') returning id`,
		[slug, title, `Test ${tag}`]
	);
	const [{ id: hostId }] = await su.query<{ id: string }>(
		`insert into public.organizations (name, short_name, kind) values ($1, $2, 'etablissement_sante') returning id`,
		[hostName, `MSP ${tag}`]
	);
	const coordinatorEmail = `coord.${tag}@example.com`;
	const coordinatorId = await createUser(su, coordinatorEmail, `Coordinatrice ${tag}`);
	await su.query(`insert into public.charter_members (charter_id, user_id, role) values ($1, $2, 'coordinator')`, [
		charterId,
		coordinatorId
	]);
	const created: Official[] = [];
	for (const [i, communes] of officials.entries()) {
		const email = `elu${i + 1}.${tag}@example.com`;
		const id = await createUser(su, email, `Élu ${i + 1} ${tag}`);
		await su.query(
			`insert into public.charter_members (charter_id, user_id, role) values ($1, $2, 'elected_official')`,
			[charterId, id]
		);
		await su.query(
			`insert into public.official_communes (charter_id, user_id, commune_code) select $1, $2, unnest($3::text[])`,
			[charterId, id, communes]
		);
		created.push({ id, email, communes });
	}
	return {
		tag,
		charterId,
		slug,
		title,
		hostId,
		hostName,
		coordinator: { id: coordinatorId, email: coordinatorEmail },
		officials: created,
		async remove() {
			await su.query('delete from public.charters where id = $1', [charterId]);
			await su.query('delete from public.notifications where recipient_user_id = any($1)', [
				[coordinatorId, ...created.map((o) => o.id)]
			]);
			await su.query('delete from public.organizations where id = $1', [hostId]);
			await su.query('delete from auth.users where id = any($1)', [[coordinatorId, ...created.map((o) => o.id)]]);
		}
	};
}

/** Inserts `count` planned placements in one statement, spread over `communes` in turn; returns their ids. */
export async function insertPlacements(
	su: SuperuserPool,
	world: World,
	communes: string[],
	count: number,
	options: { startsOn?: string; endsOn?: string; status?: string } = {}
): Promise<string[]> {
	const rows = await su.query<{ id: string }>(
		`insert into public.internships (charter_id, intern_first_name, intern_last_name, intern_email, profession, level,
		   host_organization_id, commune_code, starts_on, ends_on, housing, status)
		 select $1, 'Prénom' || g, 'Nom' || g, 'stagiaire' || g || '.${world.tag}@example.com', 'medecine', 'interne', $2,
		   ($3::text[])[1 + (g - 1) % cardinality($3::text[])], $4::date, $5::date, 'internat', $6::public.internship_status
		 from generate_series(1, $7::int) g
		 returning id`,
		[
			world.charterId,
			world.hostId,
			communes,
			options.startsOn ?? '2027-05-03',
			options.endsOn ?? '2027-10-31',
			options.status ?? 'planned',
			count
		]
	);
	return rows.map((r) => r.id);
}

/**
 * Sends what the outbox holds for one charter (or all) through the real sender to the stack's SMTP sink, then
 * stops it: the way the tests read what a person receives in the dev mailbox.
 */
export async function drainOutbox(options: { charterId?: string; siteUrl: string }): Promise<SendReport> {
	const sender = createSender(
		configFromEnv({
			PUBLIC_SUPABASE_URL: testConfig.apiUrl,
			SUPABASE_SERVICE_ROLE_KEY: testConfig.serviceRoleKey,
			UNSUBSCRIBE_SECRET: process.env.UNSUBSCRIBE_SECRET,
			SMTP_URL: `smtp://127.0.0.1:${testConfig.ports.smtp}`,
			SITE_URL: options.siteUrl,
			...(options.charterId ? { NOTIFICATION_CHARTER_ID: options.charterId } : {}),
			NOTIFICATION_JOBS: 'off'
		}),
		{ log: () => {} }
	);
	try {
		return await sender.drain();
	} finally {
		await sender.stop();
	}
}
