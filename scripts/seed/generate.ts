/**
 * `npm run seed:generate` writes supabase/seed.sql from scripts/seed/data.ts and scripts/demo-accounts.ts.
 * `--check` (run by the test suite) fails when the committed seed.sql differs from what the data gives.
 *
 * Ids are derived from stable keys (a name-based UUID), so the file is the same at every run and tests can
 * refer to rows by key.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT_DIR } from '../../stack/config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo-accounts.ts';
import { CHARTERS, ORGANIZATIONS, type CharterSeed } from './data.ts';
import { supportSql } from './support-sql.ts';
import { meetingsSql } from './meetings-sql.ts';
import { targetsSql } from './targets-data.ts';
import { lifeSql } from './life-data.ts';

const SEED_FILE = path.join(ROOT_DIR, 'supabase', 'seed.sql');

/** A name-based UUID (v5 layout over SHA-1), stable for a given key. */
export function seedId(kind: string, key: string): string {
	const hash = createHash('sha1').update(`charte-partenariale:${kind}:${key}`).digest();
	hash[6] = (hash[6] & 0x0f) | 0x50;
	hash[8] = (hash[8] & 0x3f) | 0x80;
	const hex = hash.subarray(0, 16).toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const q = (value: string | number | boolean | null | undefined): string => {
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'number') return String(value);
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	return `'${value.replace(/'/g, "''")}'`;
};
const row = (values: (string | number | boolean | null | undefined)[]) => `  (${values.map(q).join(', ')})`;
const insert = (table: string, columns: string[], rows: string[]) =>
	rows.length ? `insert into public.${table} (${columns.join(', ')}) values\n${rows.join(',\n')};\n` : '';

const userId = (email: string): string | null => {
	if (!email) return null;
	const account = DEMO_ACCOUNTS.find((a) => a.email === email);
	if (!account) throw new Error(`Unknown demo account ${email}`);
	return account.id;
};
const orgId = (key: string) => {
	if (!ORGANIZATIONS.some((o) => o.key === key)) throw new Error(`Unknown organization ${key}`);
	return seedId('organization', key);
};
const objectiveId = (c: CharterSeed, code: string) => seedId('objective', `${c.key}/${code}`);
const actionId = (c: CharterSeed, code: string) => seedId('action', `${c.key}/${code}`);

function charterSql(c: CharterSeed): string {
	const charterId = seedId('charter', c.key);
	const parts: string[] = [`-- ${c.title} (source: ${c.source})`];
	parts.push(
		insert(
			'charters',
			[
				'id',
				'slug',
				'title',
				'short_title',
				'scope_level',
				'territory_code',
				'territory_label',
				'signed_on',
				'starts_on',
				'ends_on',
				'status',
				'summary',
				'is_public',
				'intake_open',
				'budget_total',
				'budget_note'
			],
			[
				row([
					charterId,
					c.slug,
					c.title,
					c.shortTitle,
					c.scope,
					c.territoryCode,
					c.territoryLabel,
					c.signedOn,
					c.startsOn,
					c.endsOn,
					c.status,
					c.summary,
					c.isPublic,
					c.intakeOpen ?? false,
					c.budgetTotal,
					c.budgetNote
				])
			]
		)
	);
	parts.push(
		insert(
			'charter_partners',
			['charter_id', 'organization_id', 'role', 'note'],
			c.partners.flatMap((p) => p.roles.map((role) => row([charterId, orgId(p.org), role, p.note])))
		)
	);
	parts.push(
		insert(
			'objectives',
			['id', 'charter_id', 'code', 'title', 'description', 'position'],
			c.objectives.map((o, i) => row([objectiveId(c, o.code), charterId, o.code, o.title, o.description, i + 1]))
		)
	);
	parts.push(
		insert(
			'actions',
			[
				'id',
				'charter_id',
				'objective_id',
				'code',
				'title',
				'description',
				'lead_organization_id',
				'status',
				'progress',
				'health',
				'starts_on',
				'due_on',
				'recurrence',
				'recurring_since',
				'position'
			],
			c.actions.map((a, i) =>
				row([
					actionId(c, a.code),
					charterId,
					objectiveId(c, a.objective),
					a.code,
					a.title,
					a.description,
					orgId(a.lead),
					a.status ?? 'planned',
					a.progress ?? 0,
					a.health ?? 'on_track',
					a.startsOn,
					a.dueOn,
					a.recurrence ?? 'none',
					a.recurringSince,
					i + 1
				])
			)
		)
	);
	parts.push(
		insert(
			'action_partners',
			['action_id', 'charter_id', 'organization_id', 'role'],
			c.actions.flatMap((a) => [
				...(a.contributors ?? []).map((o) => row([actionId(c, a.code), charterId, orgId(o), 'contributor'])),
				...(a.funders ?? []).map((o) => row([actionId(c, a.code), charterId, orgId(o), 'funder']))
			])
		)
	);
	parts.push(
		insert(
			'action_communes',
			['action_id', 'charter_id', 'commune_code'],
			c.actions.flatMap((a) => (a.communes ?? []).map((code) => row([actionId(c, a.code), charterId, code])))
		)
	);
	for (const a of c.actions.filter((a) => a.communesOfEpci)) {
		parts.push(
			`insert into public.action_communes (action_id, charter_id, commune_code)\nselect ${q(actionId(c, a.code))}, ${q(charterId)}, code from public.communes where epci_siren = ${q(a.communesOfEpci)};\n`
		);
	}
	// Members first: a journal entry records the organization its author represents.
	parts.push(
		insert(
			'charter_members',
			['charter_id', 'user_id', 'organization_id', 'role'],
			(c.members ?? []).map((m) => row([charterId, userId(m.email), m.org ? orgId(m.org) : null, m.role]))
		)
	);
	parts.push(
		insert(
			'official_communes',
			['charter_id', 'user_id', 'commune_code'],
			(c.members ?? []).flatMap((m) => (m.communes ?? []).map((code) => row([charterId, userId(m.email), code])))
		)
	);
	// Journal entries in date order: each moves the action's current state (trigger), as in real use.
	const updates = c.actions
		.flatMap((a) => (a.updates ?? []).map((u) => ({ a, u })))
		.sort((x, y) => x.u.on.localeCompare(y.u.on));
	// One statement per entry: each entry's trigger then reads the state the previous one left (within a single
	// statement, every row would see the state before the statement).
	for (const [i, { a, u }] of updates.entries()) {
		parts.push(
			insert(
				'action_updates',
				[
					'id',
					'action_id',
					'charter_id',
					'author_id',
					'author_name',
					'status',
					'progress',
					'health',
					'comment',
					'created_at'
				],
				[
					row([
						seedId('action_update', `${c.key}/${a.code}/${i}`),
						actionId(c, a.code),
						charterId,
						userId(u.by),
						u.by ? null : 'Saisie initiale (sources publiques)',
						u.status,
						u.progress,
						u.health,
						u.comment,
						`${u.on} 10:00:00+01`
					])
				]
			)
		);
	}
	parts.push(
		insert(
			'indicators',
			[
				'id',
				'charter_id',
				'objective_id',
				'action_id',
				'name',
				'unit',
				'baseline',
				'target',
				'target_on',
				'direction',
				'note',
				'position',
				'source'
			],
			(c.indicators ?? []).map((ind, i) =>
				row([
					seedId('indicator', ind.key),
					charterId,
					ind.objective ? objectiveId(c, ind.objective) : null,
					ind.action ? actionId(c, ind.action) : null,
					ind.name,
					ind.unit,
					ind.baseline,
					ind.target,
					ind.targetOn,
					ind.direction ?? 'increase',
					ind.note,
					i + 1,
					ind.source ?? 'manual'
				])
			)
		)
	);
	parts.push(
		insert(
			'indicator_values',
			['indicator_id', 'charter_id', 'measured_on', 'value', 'note'],
			(c.indicators ?? []).flatMap((ind) =>
				(ind.values ?? []).map((v) => row([seedId('indicator', ind.key), charterId, v.on, v.value, v.note]))
			)
		)
	);
	parts.push(
		insert(
			'fundings',
			[
				'id',
				'charter_id',
				'action_id',
				'organization_id',
				'source',
				'year',
				'planned_amount',
				'committed_amount',
				'paid_amount',
				'note'
			],
			(c.fundings ?? []).map((f, i) =>
				row([
					seedId('funding', `${c.key}/${i}`),
					charterId,
					f.action ? actionId(c, f.action) : null,
					orgId(f.organization),
					f.source,
					f.year,
					f.planned,
					f.committed,
					f.paid,
					f.note
				])
			)
		)
	);
	parts.push(
		insert(
			'internships',
			[
				'id',
				'charter_id',
				'intern_first_name',
				'intern_last_name',
				'intern_email',
				'profession',
				'level',
				'specialty',
				'faculty',
				'supervisor_name',
				'host_contact',
				'host_organization_id',
				'commune_code',
				'starts_on',
				'ends_on',
				'housing',
				'status'
			],
			(c.internships ?? []).map((s) =>
				row([
					seedId('internship', `${c.key}/${s.email}`),
					charterId,
					s.firstName,
					s.lastName,
					s.email,
					s.profession,
					s.level,
					s.specialty,
					s.faculty,
					s.supervisor,
					s.hostContact,
					orgId(s.host),
					s.commune,
					s.startsOn,
					s.endsOn,
					s.housing,
					s.status
				])
			)
		)
	);
	return parts.filter(Boolean).join('\n');
}

export function seedSql(): string {
	const users = DEMO_ACCOUNTS.map((a) => row([a.id, a.email, a.displayName])).join(',\n');
	return `-- Demo data for the local stack and tests only, generated by \`npm run seed:generate\` from
-- scripts/seed/data.ts (built from the five source documents in ../shared/seeds). Do not edit by hand.
--
-- \`supabase db push\` never applies this file, so the demo accounts below never reach a production
-- database. Every demo password is \`${DEMO_PASSWORD}\`.

-- Demo accounts, created the way Supabase's seed files create users: a row in auth.users with a bcrypt
-- password (pgcrypto's crypt) and its e-mail identity in auth.identities. The profile follows by trigger.
with demo (id, email, display_name) as (
  values
${users}
)
insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change
)
select
  '00000000-0000-0000-0000-000000000000', id::uuid, 'authenticated', 'authenticated', email,
  extensions.crypt(${q(DEMO_PASSWORD)}, extensions.gen_salt('bf')), now(),
  '{"provider": "email", "providers": ["email"]}'::jsonb,
  jsonb_build_object('display_name', display_name), now(), now(),
  '', '', '', ''
from demo;

insert into auth.identities (id, user_id, provider_id, provider, identity_data, last_sign_in_at, created_at, updated_at)
select extensions.gen_random_uuid(), u.id, u.id::text, 'email',
  jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true), now(), now(), now()
from auth.users u
where u.id in (${DEMO_ACCOUNTS.map((a) => q(a.id)).join(', ')});

-- The right to create charters, granted by a platform administrator: the demo coordinators have it.
${insert(
	'charter_creators',
	['user_id', 'note'],
	[
		...new Set(CHARTERS.flatMap((c) => (c.members ?? []).filter((m) => m.role === 'coordinator').map((m) => m.email)))
	].map((email) => row([userId(email), 'Compte de démonstration']))
)}
-- Organizations (partners, funders and hosts named by the source documents)
${insert(
	'organizations',
	['id', 'name', 'short_name', 'kind', 'territory_code'],
	ORGANIZATIONS.map((o) => row([orgId(o.key), o.name, o.shortName, o.kind, o.territoryCode]))
)}
${CHARTERS.map(charterSql).join('\n')}
${supportSql({ seedId, row, insert, orgId, actionId: (charter, code) => seedId('action', `${charter}/${code}`) })}
${meetingsSql({ seedId, row, insert, orgId, actionId: (charter, code) => seedId('action', `${charter}/${code}`) }, userId)}
${targetsSql({ seedId, row, insert })}
${lifeSql({ seedId, orgId }, CHARTERS, userId)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const sql = seedSql();
	if (process.argv.includes('--check')) {
		const current = await readFile(SEED_FILE, 'utf8').catch(() => '');
		if (current !== sql) {
			console.error('supabase/seed.sql is out of date with scripts/seed/data.ts: run `npm run seed:generate`.');
			process.exit(1);
		}
		console.log('supabase/seed.sql is up to date.');
	} else {
		await writeFile(SEED_FILE, sql);
		console.log(`Wrote supabase/seed.sql (${CHARTERS.length} charters, ${ORGANIZATIONS.length} organizations).`);
	}
}
