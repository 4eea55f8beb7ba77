/**
 * The access table of aids and events (docs/domain.md, "Second round": action_occurrences, aid_schemes,
 * aid_grants), every table × operation × role, checked like tests/db/rls-matrix-support.test.ts: through the
 * gateway and PostgREST with supabase-js, effects checked as the superuser.
 *
 * A world of its own on a published charter: its coordinator, the representative of the partner that leads the
 * event action and to which a request is referred (and so reads the grant linked to that request), the
 * representative of another partner, a steering member, an elected official, a signed-in outsider and anon.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient } from '../helpers/env.ts';
import { signInAs, superuserPool, tag } from '../helpers/demo.ts';
import { describeCases, rlsRunners, type Case as RlsCase, type Row, type Runner } from '../helpers/rls-runners.ts';

type Who = 'coord' | 'partner' | 'other' | 'steering' | 'official' | 'outsider' | 'anon';
type Case = RlsCase<Who>;

const T = tag('rls-aids');
const su = superuserPool();
const { errorOf, read, create, change, remove, put } = rlsRunners(su);
const PASSWORD = 'Mot-de-passe-de-test-2026';
const CHARTER = randomUUID();
const OBJECTIVE = randomUUID();
const ACTION = randomUUID();
const PARTNER_ORG = randomUUID();
const OTHER_ORG = randomUUID();
const fx = { request: randomUUID(), occurrence: randomUUID(), scheme: randomUUID(), grant: randomUUID() };
const users = {} as Record<Exclude<Who, 'anon'>, string>;
const clients = {} as Record<Who, SupabaseClient>;

async function createUser(label: string): Promise<string> {
	const { data, error } = await serviceClient().auth.admin.createUser({
		email: `${T}.${label}@example.com`,
		password: PASSWORD,
		email_confirm: true,
		user_metadata: { display_name: `Test ${label} ${T}` }
	});
	if (error || !data.user) throw new Error(`createUser ${label}: ${error?.message}`);
	return data.user.id;
}

const occurrence = (held_on = '2020-07-01') => ({
	id: randomUUID(),
	action_id: ACTION,
	charter_id: CHARTER,
	held_on,
	participants: 10
});
const scheme = () => ({
	id: randomUUID(),
	charter_id: CHARTER,
	name: `Aide ${randomUUID().slice(0, 6)}`,
	kind: 'autre'
});
const grant = () => ({
	id: randomUUID(),
	charter_id: CHARTER,
	scheme_id: fx.scheme,
	beneficiary_name: 'Dr Matrice',
	amount: 1000,
	decided_on: '2026-11-01'
});
let day = 0;
const freshOccurrence = async () => {
	day += 1;
	const row = occurrence(`2001-01-${String(day).padStart(2, '0')}`);
	await put('action_occurrences', row);
	return { id: row.id };
};
const freshScheme = async () => ({ id: (await put('aid_schemes', scheme())).id });
const freshGrant = async () => ({ id: (await put('aid_grants', grant())).id });

const c = (who: Who, op: Case['op'], table: string, what: string, expected: Case['expected'], run: Runner): Case => ({
	who,
	op,
	table,
	what,
	expected,
	run
});
const everyone: Who[] = ['coord', 'partner', 'other', 'steering', 'official', 'outsider', 'anon'];
const notCoordinator = everyone.filter((w) => w !== 'coord');
const signedIn = (list: Who[]) => list.filter((w) => w !== 'anon');
// anon holds no write privilege on these tables (20261124100000_api_privileges.sql): refused outright.
const anonWrite = (table: string, op: 'insert' | 'update' | 'delete', run: Runner) =>
	c('anon', op, table, 'anything', '42501', run);

const cases: Case[] = [
	// ------------------------------------------------------------------------------------ action_occurrences
	...everyone.map((w) =>
		c(
			w,
			'select',
			'action_occurrences',
			'an edition (published charter)',
			'ok',
			read('action_occurrences', () => ({ id: fx.occurrence }))
		)
	),
	...(['coord', 'partner'] as Who[]).map((w) =>
		c(
			w,
			'insert',
			'action_occurrences',
			'an edition of the action',
			'ok',
			create('action_occurrences', () => occurrence())
		)
	),
	...signedIn(['other', 'steering', 'official', 'outsider']).map((w) =>
		c(
			w,
			'insert',
			'action_occurrences',
			'an edition of another organization’s action',
			'42501',
			create('action_occurrences', () => occurrence())
		)
	),
	anonWrite(
		'action_occurrences',
		'insert',
		create('action_occurrences', () => occurrence())
	),
	...(['coord', 'partner'] as Who[]).map((w) =>
		c(
			w,
			'update',
			'action_occurrences',
			'the figures of an edition',
			'ok',
			change(
				'action_occurrences',
				() => ({ id: fx.occurrence }),
				() => ({ participants: 77 }),
				{
					restore: () =>
						su.query('update public.action_occurrences set participants = 10 where id = $1', [fx.occurrence])
				}
			)
		)
	),
	...signedIn(['other', 'steering', 'official', 'outsider']).map((w) =>
		c(
			w,
			'update',
			'action_occurrences',
			'the figures of an edition',
			'none',
			change(
				'action_occurrences',
				() => ({ id: fx.occurrence }),
				() => ({ participants: 77 })
			)
		)
	),
	anonWrite(
		'action_occurrences',
		'update',
		change(
			'action_occurrences',
			() => ({ id: fx.occurrence }),
			() => ({ participants: 77 })
		)
	),
	...(['coord', 'partner'] as Who[]).map((w) =>
		c(w, 'delete', 'action_occurrences', 'an edition', 'ok', remove('action_occurrences', freshOccurrence))
	),
	...signedIn(['other', 'steering', 'official', 'outsider']).map((w) =>
		c(w, 'delete', 'action_occurrences', 'an edition', 'none', remove('action_occurrences', freshOccurrence))
	),
	anonWrite('action_occurrences', 'delete', remove('action_occurrences', freshOccurrence)),

	// ------------------------------------------------------------------------------------------- aid_schemes
	...everyone.map((w) =>
		c(
			w,
			'select',
			'aid_schemes',
			'a scheme (published charter)',
			'ok',
			read('aid_schemes', () => ({ id: fx.scheme }))
		)
	),
	c('coord', 'insert', 'aid_schemes', 'a scheme', 'ok', create('aid_schemes', scheme)),
	...signedIn(notCoordinator).map((w) =>
		c(w, 'insert', 'aid_schemes', 'a scheme', '42501', create('aid_schemes', scheme))
	),
	anonWrite('aid_schemes', 'insert', create('aid_schemes', scheme)),
	c(
		'coord',
		'update',
		'aid_schemes',
		'a ceiling',
		'ok',
		change(
			'aid_schemes',
			() => ({ id: fx.scheme }),
			() => ({ max_amount: 9000 }),
			{
				restore: () => su.query('update public.aid_schemes set max_amount = 5000 where id = $1', [fx.scheme])
			}
		)
	),
	...signedIn(notCoordinator).map((w) =>
		c(
			w,
			'update',
			'aid_schemes',
			'a ceiling',
			'none',
			change(
				'aid_schemes',
				() => ({ id: fx.scheme }),
				() => ({ max_amount: 9000 })
			)
		)
	),
	anonWrite(
		'aid_schemes',
		'update',
		change(
			'aid_schemes',
			() => ({ id: fx.scheme }),
			() => ({ max_amount: 9000 })
		)
	),
	c('coord', 'delete', 'aid_schemes', 'a scheme', 'ok', remove('aid_schemes', freshScheme)),
	...signedIn(notCoordinator).map((w) =>
		c(w, 'delete', 'aid_schemes', 'a scheme', 'none', remove('aid_schemes', freshScheme))
	),
	anonWrite('aid_schemes', 'delete', remove('aid_schemes', freshScheme)),

	// -------------------------------------------------------------------------------------------- aid_grants
	c(
		'coord',
		'select',
		'aid_grants',
		'a beneficiary',
		'ok',
		read('aid_grants', () => ({ id: fx.grant }))
	),
	c(
		'partner',
		'select',
		'aid_grants',
		'the grant of a request referred to them',
		'ok',
		read('aid_grants', () => ({ id: fx.grant }))
	),
	...signedIn(['other', 'steering', 'official', 'outsider']).map((w) =>
		c(
			w,
			'select',
			'aid_grants',
			'a beneficiary (totals only)',
			'none',
			read('aid_grants', () => ({ id: fx.grant }))
		)
	),
	c(
		'anon',
		'select',
		'aid_grants',
		'a beneficiary (totals only)',
		'42501',
		read('aid_grants', () => ({ id: fx.grant }))
	),
	c('coord', 'insert', 'aid_grants', 'a grant', 'ok', create('aid_grants', grant)),
	...signedIn(notCoordinator).map((w) => c(w, 'insert', 'aid_grants', 'a grant', '42501', create('aid_grants', grant))),
	anonWrite('aid_grants', 'insert', create('aid_grants', grant)),
	c(
		'coord',
		'update',
		'aid_grants',
		'an amount paid',
		'ok',
		change(
			'aid_grants',
			() => ({ id: fx.grant }),
			() => ({ paid_amount: 500, status: 'paid' }),
			{
				restore: () =>
					su.query(`update public.aid_grants set paid_amount = 0, status = 'granted' where id = $1`, [fx.grant])
			}
		)
	),
	...signedIn(notCoordinator).map((w) =>
		c(
			w,
			'update',
			'aid_grants',
			'an amount paid',
			'none',
			change(
				'aid_grants',
				() => ({ id: fx.grant }),
				() => ({ paid_amount: 500, status: 'paid' })
			)
		)
	),
	anonWrite(
		'aid_grants',
		'update',
		change(
			'aid_grants',
			() => ({ id: fx.grant }),
			() => ({ paid_amount: 500, status: 'paid' })
		)
	),
	c('coord', 'delete', 'aid_grants', 'a grant', 'ok', remove('aid_grants', freshGrant)),
	...signedIn(notCoordinator).map((w) =>
		c(w, 'delete', 'aid_grants', 'a grant', 'none', remove('aid_grants', freshGrant))
	),
	anonWrite('aid_grants', 'delete', remove('aid_grants', freshGrant))
];

beforeAll(async () => {
	for (const label of ['coord', 'partner', 'other', 'steering', 'official', 'outsider'] as const)
		users[label] = await createUser(label);
	await su.query(`insert into public.organizations (id, name, kind) values ($1, $2, 'cpts'), ($3, $4, 'commune')`, [
		PARTNER_ORG,
		`CPTS ${T}`,
		OTHER_ORG,
		`Mairie ${T}`
	]);
	await su.query(
		`insert into public.charters (id, slug, title, scope_level, status, is_public, created_by)
		 values ($1, $2, $3, 'departement', 'active', true, $4)`,
		[CHARTER, T, `Charte ${T}`, users.coord]
	);
	await su.query(
		`insert into public.charter_members (charter_id, user_id, role, organization_id) values
		 ($1, $2, 'partner_rep', $3), ($1, $4, 'partner_rep', $5), ($1, $6, 'steering', null), ($1, $7, 'elected_official', null)`,
		[CHARTER, users.partner, PARTNER_ORG, users.other, OTHER_ORG, users.steering, users.official]
	);
	await put('objectives', { id: OBJECTIVE, charter_id: CHARTER, code: '1', title: 'Objectif de la matrice' });
	await put('actions', {
		id: ACTION,
		charter_id: CHARTER,
		objective_id: OBJECTIVE,
		code: '1.1',
		title: 'Événement de la matrice',
		lead_organization_id: PARTNER_ORG
	});
	await put('action_occurrences', {
		id: fx.occurrence,
		action_id: ACTION,
		charter_id: CHARTER,
		held_on: '2016-07-01',
		participants: 10
	});
	await su.query(
		`insert into public.support_requests (id, charter_id, requester_first_name, requester_email, profession, stage, needs, channel)
		 values ($1, $2, 'Alex', $3, 'medecine', 'interne', '{aides_financieres}', 'phone')`,
		[fx.request, CHARTER, `${T}.alex@example.com`]
	);
	await su.query(
		`insert into public.referrals (request_id, charter_id, organization_id, need) values ($1, $2, $3, 'aides_financieres')`,
		[fx.request, CHARTER, PARTNER_ORG]
	);
	await put('aid_schemes', {
		id: fx.scheme,
		charter_id: CHARTER,
		name: 'Aide de la matrice',
		kind: 'installation',
		max_amount: 5000
	});
	await put('aid_grants', { ...grant(), id: fx.grant, request_id: fx.request });
	for (const label of Object.keys(users) as (keyof typeof users)[])
		clients[label] = await signInAs(`${T}.${label}@example.com`, PASSWORD);
	clients.anon = anonClient();
});

afterAll(async () => {
	await su.query('delete from public.notifications where charter_id = $1', [CHARTER]);
	await su.query('delete from public.charters where id = $1', [CHARTER]);
	await su.query('delete from public.organizations where id = any($1)', [[PARTNER_ORG, OTHER_ORG]]);
	await su.query('delete from auth.users where id = any($1)', [Object.values(users)]);
	await su.end();
});

describeCases(cases, clients);

describe('public.aid_overview', () => {
	const run = async (who: Who) => {
		const { data, error } = await clients[who].rpc('aid_overview', { p_charter_id: CHARTER });
		return { rows: (data ?? []) as Row[], error: errorOf(error) };
	};
	it('gives the coordinator the count and amounts of a scheme with one grant', async () => {
		const { rows, error } = await run('coord');
		expect(error).toBeNull();
		expect(rows.find((r) => r.scheme_id === fx.scheme)).toMatchObject({
			grants_count: 1,
			decided_amount: 1000,
			withheld: false
		});
	});
	it.each(['partner', 'other', 'steering', 'official', 'outsider', 'anon'] as Who[])(
		'withholds a count under 3 and its amounts from %s',
		async (who) => {
			const { rows, error } = await run(who);
			expect(error).toBeNull();
			expect(rows.find((r) => r.scheme_id === fx.scheme)).toMatchObject({
				grants_count: null,
				decided_amount: null,
				paid_amount: null,
				envelope_left: null,
				withheld: true
			});
		}
	);
});
