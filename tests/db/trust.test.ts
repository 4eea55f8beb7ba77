/**
 * Trust between partners (docs/domain.md, "Membership is by consent", "Creating a charter is a granted right",
 * small cells): the attacks an ordinary account tried through the real PostgREST, each refused with the database
 * unchanged (checked as the superuser), and the rules behind them checked on the whole API.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, demoUserId, ids, signInAll, superuserPool, tag, type DemoKey } from '../helpers/demo.ts';
import { anonClient, mailbox, testConfig } from '../helpers/env.ts';
import { drainOutbox } from '../notifications/world.ts';

const T = tag('trust');
const su = superuserPool();
const HV = ids.charter('haute-vienne');
let clients: Record<DemoKey, SupabaseClient>;
const created: string[] = [];

beforeAll(async () => {
	clients = await signInAll();
});
afterAll(async () => {
	if (created.length) await su.query('delete from public.charters where id = any($1)', [created]);
	await su.end();
});

const count = async (text: string, values: unknown[]) => Number((await su.one<{ n: string }>(text, values)).n);

describe('membership by consent and the right to create charters', () => {
	it('refuses a charter to someone who was not granted the right, and leaves no row', async () => {
		const slug = `${T}-ordre`;
		const { error } = await clients.ordre87
			.from('charters')
			.insert({ slug, title: 'Charte pirate', scope_level: 'commune', created_by: demoUserId('ordre87') });
		expect(error?.code).toBe('42501');
		expect(await count('select count(*) as n from public.charters where slug = $1', [slug])).toBe(0);
	});

	it('never lets a coordinator make someone a member, read their profile, or have the platform e-mail them', async () => {
		// The strongest attacker: a coordinator with the right to create charters, in a charter of their own.
		const attacker = clients.coordNormandie;
		const victim = demoUserId('facLimoges');
		const victimEmail = DEMO.facLimoges;
		const id = randomUUID();
		created.push(id);
		const charter = await attacker.from('charters').insert({
			id,
			slug: `${T}-piege`,
			title: 'Charte de https://exemple.invalid/piege',
			scope_level: 'commune',
			created_by: demoUserId('coordNormandie')
		});
		expect(charter.error).toBeNull();

		const member = await attacker
			.from('charter_members')
			.insert({ charter_id: id, user_id: victim, role: 'elected_official' });
		expect(member.error?.code).toBe('42501');
		const communes = await attacker
			.from('official_communes')
			.insert({ charter_id: id, user_id: victim, commune_code: '87187' });
		expect(communes.error).not.toBeNull();
		expect(await count('select count(*) as n from public.charter_members where charter_id = $1 and user_id = $2', [id, victim])).toBe(0); // prettier-ignore
		expect(await count('select count(*) as n from public.official_communes where charter_id = $1', [id])).toBe(0);

		const profile = await attacker.from('profiles').select('display_name, email').eq('id', victim);
		expect(profile.data).toEqual([]);

		// A confirmed placement in the commune, with a URL in its text, reaches nobody: there is no official.
		const host = ids.organization('msp-saint-yrieix');
		await attacker.from('charter_partners').insert({ charter_id: id, organization_id: host, role: 'contributor' });
		const placement = await attacker.from('internships').insert({
			charter_id: id,
			intern_first_name: 'https://exemple.invalid/clic',
			intern_last_name: T,
			profession: 'medecine',
			level: 'interne',
			supervisor_name: '<a href="https://exemple.invalid">Cliquez</a>',
			host_organization_id: host,
			commune_code: '87187',
			starts_on: '2027-05-03',
			ends_on: '2027-10-31',
			status: 'confirmed'
		});
		expect(placement.error).toBeNull();
		await drainOutbox({ siteUrl: testConfig.siteUrl });
		expect(await count('select count(*) as n from public.notifications where charter_id = $1', [id])).toBe(0);
		const mails = await mailbox.search(`to:${victimEmail}`);
		const detailed = await Promise.all(mails.map((m) => mailbox.message(m.ID)));
		expect(detailed.filter((m) => m.Text.includes(T) || m.Subject.includes('pirate') || m.Text.includes('exemple.invalid'))).toEqual([]); // prettier-ignore
	});

	it('accepts an invitation only for an address confirmed by a link or a code', async () => {
		const client = clients.ordre87;
		const email = DEMO.ordre87;
		const uid = demoUserId('ordre87');
		const [{ id: invitation }] = await su.query<{ id: string }>(
			`insert into public.invitations (charter_id, email, role, invited_by)
			 values ($1, $2, 'steering', $3) returning id`,
			[ids.charter('cholet'), email, demoUserId('coordHv')]
		);
		const confirmedAt = (await su.one<{ at: Date }>('select email_confirmed_at as at from auth.users where id = $1', [uid])).at; // prettier-ignore
		try {
			await su.query('update auth.users set email_confirmed_at = null where id = $1', [uid]);
			const refused = await client.rpc('accept_invitations');
			expect(refused.error?.code).toBe('PT403');
			expect(refused.error?.message).toContain('Confirmez');
			expect(await count('select count(*) as n from public.charter_members where charter_id = $1 and user_id = $2', [ids.charter('cholet'), uid])).toBe(0); // prettier-ignore
			await su.query('update auth.users set email_confirmed_at = $2 where id = $1', [uid, confirmedAt]);
			const accepted = await client.rpc('accept_invitations');
			expect(accepted.error).toBeNull();
			expect(accepted.data).toEqual([{ charter_id: ids.charter('cholet'), role: 'steering' }]);
		} finally {
			await su.query('update auth.users set email_confirmed_at = $2 where id = $1', [uid, confirmedAt]);
			await su.query('delete from public.charter_members where charter_id = $1 and user_id = $2', [ids.charter('cholet'), uid]); // prettier-ignore
			await su.query('delete from public.invitations where id = $1', [invitation]);
		}
	});
});

describe('what anon reaches', () => {
	it('never gets a user id: no column of a person’s id is granted, and the public RPCs carry none', async () => {
		const granted = await su.query<{ column: string }>(
			`select c.table_name || '.' || c.column_name as column
			 from information_schema.column_privileges c
			 join pg_attribute a on a.attrelid = ('public.' || quote_ident(c.table_name))::regclass and a.attname = c.column_name
			 join pg_constraint k on k.conrelid = a.attrelid and k.contype = 'f' and a.attnum = any (k.conkey)
			   and k.confrelid in ('auth.users'::regclass, 'public.profiles'::regclass)
			 where c.grantee = 'anon' and c.table_schema = 'public' and c.privilege_type = 'SELECT'`
		);
		expect(granted).toEqual([]);

		const anon = anonClient();
		const direct = await anon.from('actions').select('id, updated_by').eq('charter_id', HV).limit(1);
		expect(direct.error?.code).toBe('42501');
		const userIds = new Set((await su.query<{ id: string }>('select id::text from auth.users')).map((r) => r.id));
		const texts = await Promise.all([
			anon.from('actions').select('id, code, title, status, progress, updated_at').eq('charter_id', HV),
			anon.from('indicator_values').select('id, value, measured_on').eq('charter_id', HV),
			anon.from('charters').select('id, slug, title').eq('is_public', true),
			anon.rpc('charter_dashboard', { p_charter_id: HV }),
			anon.rpc('dashboard_actions', { p_charter_id: HV })
		]);
		for (const res of texts) {
			expect(res.error).toBeNull();
			const uuids =
				JSON.stringify(res.data).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
			expect(uuids.filter((u) => userIds.has(u))).toEqual([]);
		}
	});

	it('gets an OpenAPI description that lists only what anon may read', async () => {
		const res = await fetch(`${testConfig.apiUrl}/rest/v1/`, {
			headers: { apikey: testConfig.anonKey, authorization: `Bearer ${testConfig.anonKey}` }
		});
		expect(res.status).toBe(200);
		const spec = (await res.json()) as { paths: Record<string, unknown>; definitions: Record<string, { properties: Record<string, unknown> }> }; // prettier-ignore
		const paths = Object.keys(spec.paths);
		for (const hidden of [
			'/notifications',
			'/internships',
			'/profiles',
			'/charter_members',
			'/invitations',
			'/official_communes',
			'/charter_creators',
			'/notification_preferences',
			'/rpc/claim_notifications',
			'/rpc/record_action_update'
		])
			expect(paths, hidden).not.toContain(hidden);
		expect(paths).toEqual(expect.arrayContaining(['/charters', '/actions', '/rpc/charter_dashboard']));
		// PostgREST 12 lists every column of a table it lists (column grants decide what a request may select:
		// the test above); the tables of personal data are not listed at all.
		expect(spec.definitions.internships).toBeUndefined();
		expect(JSON.stringify(spec)).not.toMatch(/intern_(last_name|email)/);
	});
});

describe('what the counts reveal', () => {
	it('estimates planned counts without telling whether a name is in the table', async () => {
		await su.query('analyze public.internships');
		const planned = async (lastName: string) => {
			const res = await clients.facLimoges
				.from('internships')
				.select('id', { count: 'planned', head: true })
				.eq('intern_last_name', lastName);
			expect(res.error).toBeNull();
			return res.count;
		};
		const [existing] = await su.query<{ name: string }>(
			`select intern_last_name as name from public.internships where intern_last_name is not null
			 group by 1 order by count(*) desc limit 1`
		);
		expect(await planned(existing.name)).toBe(await planned(`Inexistant-${T}`));
	});

	it('withholds counts under 3 from a steering member, and gives them to the coordination', async () => {
		const host = ids.organization('msp-bellac');
		const [{ id }] = await su.query<{ id: string }>(
			`insert into public.internships (charter_id, intern_first_name, intern_last_name, profession, level,
			   host_organization_id, commune_code, starts_on, ends_on, status)
			 values ($1, 'Zoé', $2, 'medecine', 'externe', $3, '87011', '2031-02-02', '2031-03-30', 'planned') returning id`,
			[HV, T, host]
		);
		try {
			const cell = (rows: { commune_code: string; month: string; placements: number | null }[] | null) =>
				rows?.find((r) => r.commune_code === '87011' && r.month === '2031-02-01');
			const steering = await clients.copilHv.rpc('internship_counts', { p_charter_id: HV });
			expect(cell(steering.data)).toMatchObject({ placements: null });
			const coordination = await clients.coordHv.rpc('internship_counts', { p_charter_id: HV });
			expect(cell(coordination.data)).toMatchObject({ placements: 1 });
		} finally {
			await su.query('delete from public.internships where id = $1', [id]);
		}
	});
});

describe('who a person is', () => {
	it('refuses a display name that reads as another member’s, whatever the case or accents', async () => {
		const { display_name: coordinator } = await su.one<{ display_name: string }>(
			'select display_name from public.profiles where id = $1',
			[demoUserId('coordHv')]
		);
		const before = await su.one('select display_name from public.profiles where id = $1', [demoUserId('ordre87')]);
		const variants = [
			coordinator,
			coordinator.toUpperCase(),
			` ${coordinator.normalize('NFD').replace(/\p{M}/gu, '')}. `
		];
		for (const name of variants) {
			const { error } = await clients.ordre87
				.from('profiles')
				.update({ display_name: name })
				.eq('id', demoUserId('ordre87'));
			expect(error?.code, name).toBe('PT409');
		}
		expect(await su.one('select display_name from public.profiles where id = $1', [demoUserId('ordre87')])).toEqual(
			before
		);
		// A name nobody else bears is fine.
		const other = await clients.ordre87
			.from('profiles')
			.update({ display_name: `Dr ${T}` })
			.eq('id', demoUserId('ordre87'));
		expect(other.error).toBeNull();
		await su.query('update public.profiles set display_name = $2 where id = $1', [
			demoUserId('ordre87'),
			before.display_name
		]);
	});

	it('records the author’s role and organization with each journal entry', async () => {
		const action = randomUUID();
		await su.query(
			`insert into public.actions (id, charter_id, objective_id, code, title, lead_organization_id)
			 values ($1, $2, $3, $4, $5, $6)`,
			[
				action,
				HV,
				ids.objective('haute-vienne', '1'),
				`9${Date.now() % 100}.${Date.now() % 1000}`,
				`Action ${T}`,
				ids.organization('ars-na')
			]
		);
		const { version } = await su.one<{ version: number }>('select version from public.actions where id = $1', [action]);
		const { error } = await clients.arsNa.rpc('record_action_update', {
			p_action_id: action,
			p_expected_version: version,
			p_status: 'in_progress',
			p_progress: 40,
			p_health: 'on_track',
			p_comment: `Point ${T}`
		});
		expect(error).toBeNull();
		const entry = await su.one<{ author_role: string; organization_id: string }>(
			'select author_role, organization_id from public.action_updates where comment = $1',
			[`Point ${T}`]
		);
		expect(entry).toEqual({ author_role: 'partner_rep', organization_id: ids.organization('ars-na') });
		await su.purgeActions([action]);
	});
});
