/**
 * The access table of installation support (docs/domain.md, "Installation support"), checked like
 * rls-matrix.test.ts: through the gateway and PostgREST with supabase-js, as each role, every table × operation,
 * effects checked as the superuser.
 *
 * A world of its own, so that no seeded count moves: a published charter with its form open, its coordinator,
 * the representatives of two partners (Mairie de Carpentras, CPTS Cerebellum), a steering member, an elected
 * official, and people from elsewhere (the Haute-Vienne coordinator, a signed-in outsider, anon). Request A is
 * referred to the mairie (housing), request B to the CPTS (premises).
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient } from '../helpers/env.ts';
import { DEMO, ids, signInAs, superuserPool, tag } from '../helpers/demo.ts';
import { describeCases, rlsRunners, type Case as RlsCase, type Row, type Runner } from '../helpers/rls-runners.ts';

type Who = 'coord' | 'mairie' | 'cpts' | 'steering' | 'official' | 'otherCoord' | 'outsider' | 'anon' | 'service';
type Case = RlsCase<Who>;

const T = tag('rls-support');
const su = superuserPool();
const { countRows, errorOf, read, create, change, remove, put, custom } = rlsRunners(su, ['support_request_events']);
const PASSWORD = 'Mot-de-passe-de-test-2026';
const CHARTER = randomUUID();
const MAIRIE = ids.organization('mairie-carpentras');
const CPTS = ids.organization('cpts-cerebellum');
const users = {} as Record<'coord' | 'mairie' | 'cpts' | 'steering' | 'official' | 'outsider', string>;
const fx = {
	requestA: randomUUID(),
	requestB: randomUUID(),
	referralA: randomUUID(),
	referralB: randomUUID(),
	coordNote: randomUUID(),
	routedA: randomUUID(),
	cptsNote: randomUUID()
};
const clients = {} as Record<Who, SupabaseClient>;

async function createUser(label: string): Promise<string> {
	const { data, error } = await serviceClient().auth.admin.createUser({
		email: `${T}.${label}@example.com`,
		password: PASSWORD,
		email_confirm: true,
		user_metadata: { display_name: `Test ${label}` }
	});
	if (error || !data.user) throw new Error(`createUser ${label}: ${error?.message}`);
	return data.user.id;
}

const requestRow = (id = randomUUID(), email = `${T}.${id.slice(0, 6)}@example.com`) => ({
	id,
	charter_id: CHARTER,
	requester_first_name: 'Camille',
	requester_last_name: `Test-${T}`,
	requester_email: email,
	profession: 'medecine',
	stage: 'interne',
	project: 'Installation en maison de santé',
	needs: ['logement', 'locaux'],
	channel: 'phone'
});
async function newRequest(): Promise<Row> {
	const row = requestRow();
	await su.query(
		`insert into public.support_requests (id, charter_id, requester_first_name, requester_email, profession, stage, needs, channel)
		 values ($1, $2, 'Alex', $3, 'medecine', 'interne', '{logement}', 'email')`,
		[row.id, CHARTER, row.requester_email]
	);
	return { id: row.id };
}
async function newReferral(organizationId: string, need = 'information'): Promise<Row> {
	const id = randomUUID();
	await su.query(
		`insert into public.referrals (id, request_id, charter_id, organization_id, need) values ($1, $2, $3, $4, $5)`,
		[id, fx.requestA, CHARTER, organizationId, need]
	);
	return { id };
}
const rpc =
	(fn: string, args: () => Row, seen: (data: unknown) => boolean): Runner =>
	async (db) => {
		const { data, error } = await db.rpc(fn, args());
		return { error: errorOf(error), effect: !error && seen(data) };
	};
const rows = (data: unknown) => (Array.isArray(data) ? (data as Row[]) : []);
const resetReferral = (id: string) => () =>
	su.query(`update public.referrals set status = 'sent', due_on = null where id = $1`, [id]);

const c = (who: Who, op: Case['op'], table: string, what: string, expected: Case['expected'], run: Runner): Case => ({
	who,
	op,
	table,
	what,
	expected,
	run
});
const A = () => ({ id: fx.requestA });

const cases: Case[] = [
	// ------------------------------------------------------------------------------------- support_requests
	c('coord', 'select', 'support_requests', 'a request of their charter', 'ok', read('support_requests', A)),
	c(
		'mairie',
		'select',
		'support_requests',
		'the row of a request referred to them (only through referred_requests)',
		'none',
		read('support_requests', A)
	),
	c('cpts', 'select', 'support_requests', 'a request referred to another partner', 'none', read('support_requests', A)),
	c(
		'steering',
		'select',
		'support_requests',
		'a name (steering sees counts only)',
		'none',
		read('support_requests', A)
	),
	c(
		'official',
		'select',
		'support_requests',
		'a name (officials see counts only)',
		'none',
		read('support_requests', A)
	),
	c(
		'otherCoord',
		'select',
		'support_requests',
		'a request of a charter they do not coordinate',
		'none',
		read('support_requests', A)
	),
	c('outsider', 'select', 'support_requests', 'a request', 'none', read('support_requests', A)),
	c(
		'anon',
		'select',
		'support_requests',
		'a request of a published charter with its form open',
		'42501',
		read('support_requests', A)
	),
	c(
		'coord',
		'insert',
		'support_requests',
		'a request taken by phone',
		'ok',
		create('support_requests', () => requestRow())
	),
	c(
		'mairie',
		'insert',
		'support_requests',
		'a request',
		'42501',
		create('support_requests', () => requestRow())
	),
	c(
		'steering',
		'insert',
		'support_requests',
		'a request',
		'42501',
		create('support_requests', () => requestRow())
	),
	c(
		'otherCoord',
		'insert',
		'support_requests',
		'a request in a charter they do not coordinate',
		'42501',
		create('support_requests', () => requestRow())
	),
	c(
		'anon',
		'insert',
		'support_requests',
		'a request straight into the table',
		'42501',
		create('support_requests', () => ({
			...requestRow(),
			channel: 'public_form',
			consent_at: new Date().toISOString()
		}))
	),
	c(
		'coord',
		'update',
		'support_requests',
		'the status',
		'ok',
		change('support_requests', A, () => ({ status: 'on_hold' }), {
			restore: () => su.query(`update public.support_requests set status = 'in_progress' where id = $1`, [fx.requestA])
		})
	),
	c(
		'mairie',
		'update',
		'support_requests',
		'a request referred to them',
		'none',
		change('support_requests', A, () => ({ status: 'abandoned', outcome_note: 'x' }))
	),
	c(
		'steering',
		'update',
		'support_requests',
		'a request',
		'none',
		change('support_requests', A, () => ({ status: 'on_hold' }))
	),
	c(
		'anon',
		'update',
		'support_requests',
		'a request',
		'42501',
		change('support_requests', A, () => ({ status: 'on_hold' }))
	),
	c('coord', 'delete', 'support_requests', 'an unwanted entry', 'ok', remove('support_requests', newRequest)),
	c('mairie', 'delete', 'support_requests', 'a request', 'none', remove('support_requests', newRequest)),
	c(
		'otherCoord',
		'delete',
		'support_requests',
		'a request of another charter',
		'none',
		remove('support_requests', newRequest)
	),
	c('anon', 'delete', 'support_requests', 'a request', '42501', remove('support_requests', newRequest)),
	c(
		'anon',
		'rpc',
		'support_requests',
		'submit_support_request straight through the API (the app’s server only)',
		'42501',
		rpc(
			'submit_support_request',
			() => ({
				p_charter_id: CHARTER,
				p_request: {
					first_name: 'Bot',
					email: 'bot@example.com',
					profession: 'medecine',
					stage: 'interne',
					consent: true
				}
			}),
			() => true
		)
	),
	c(
		'coord',
		'rpc',
		'support_requests',
		'submit_support_request with a user token',
		'42501',
		rpc(
			'submit_support_request',
			() => ({ p_charter_id: CHARTER, p_request: {} }),
			() => true
		)
	),
	// ----------------------------------------------------------------------------- support_request_communes
	c(
		'coord',
		'select',
		'support_request_communes',
		'the communes considered',
		'ok',
		read('support_request_communes', () => ({ request_id: fx.requestA }))
	),
	c(
		'mairie',
		'select',
		'support_request_communes',
		'the rows (names come through referred_requests)',
		'none',
		read('support_request_communes', () => ({ request_id: fx.requestA }))
	),
	c(
		'anon',
		'select',
		'support_request_communes',
		'communes of a request',
		'42501',
		read('support_request_communes', () => ({ request_id: fx.requestA }))
	),
	c(
		'coord',
		'insert',
		'support_request_communes',
		'a commune',
		'ok',
		create(
			'support_request_communes',
			() => ({ request_id: fx.requestA, charter_id: CHARTER, commune_code: '84087' }),
			['request_id', 'commune_code']
		)
	),
	c(
		'mairie',
		'insert',
		'support_request_communes',
		'a commune',
		'42501',
		create(
			'support_request_communes',
			() => ({ request_id: fx.requestA, charter_id: CHARTER, commune_code: '84087' }),
			['request_id', 'commune_code']
		)
	),
	c(
		'coord',
		'update',
		'support_request_communes',
		'a commune (remove and add instead)',
		'42501',
		change(
			'support_request_communes',
			() => ({ request_id: fx.requestA, commune_code: '84031' }),
			() => ({ commune_code: '84087' })
		)
	),
	c(
		'coord',
		'delete',
		'support_request_communes',
		'a commune',
		'ok',
		remove('support_request_communes', () =>
			put('support_request_communes', { request_id: fx.requestA, charter_id: CHARTER, commune_code: '84007' })
		)
	),
	c(
		'mairie',
		'delete',
		'support_request_communes',
		'a commune',
		'none',
		remove('support_request_communes', () =>
			put('support_request_communes', { request_id: fx.requestA, charter_id: CHARTER, commune_code: '84007' })
		)
	),
	// ------------------------------------------------------------------------------------------- referrals
	c(
		'coord',
		'select',
		'referrals',
		'the referrals of a request',
		'ok',
		read('referrals', () => ({ id: fx.referralA }))
	),
	c(
		'mairie',
		'select',
		'referrals',
		'their own referral',
		'ok',
		read('referrals', () => ({ id: fx.referralA }))
	),
	c(
		'mairie',
		'select',
		'referrals',
		'a referral to another partner',
		'none',
		read('referrals', () => ({ id: fx.referralB }))
	),
	c(
		'steering',
		'select',
		'referrals',
		'a referral (counts only)',
		'none',
		read('referrals', () => ({ id: fx.referralA }))
	),
	c(
		'official',
		'select',
		'referrals',
		'a referral',
		'none',
		read('referrals', () => ({ id: fx.referralA }))
	),
	c(
		'anon',
		'select',
		'referrals',
		'a referral',
		'42501',
		read('referrals', () => ({ id: fx.referralA }))
	),
	c(
		'coord',
		'insert',
		'referrals',
		'routing a need to a partner',
		'ok',
		create('referrals', () => ({
			id: randomUUID(),
			request_id: fx.requestA,
			charter_id: CHARTER,
			organization_id: CPTS,
			need: 'information'
		}))
	),
	c(
		'mairie',
		'insert',
		'referrals',
		'a partner routing a request',
		'42501',
		create('referrals', () => ({
			id: randomUUID(),
			request_id: fx.requestA,
			charter_id: CHARTER,
			organization_id: CPTS,
			need: 'information'
		}))
	),
	c(
		'steering',
		'insert',
		'referrals',
		'routing',
		'42501',
		create('referrals', () => ({
			id: randomUUID(),
			request_id: fx.requestA,
			charter_id: CHARTER,
			organization_id: MAIRIE,
			need: 'information'
		}))
	),
	c(
		'mairie',
		'update',
		'referrals',
		'accepting their referral',
		'ok',
		change(
			'referrals',
			() => ({ id: fx.referralA }),
			() => ({ status: 'accepted' }),
			{ restore: resetReferral(fx.referralA) }
		)
	),
	c(
		'mairie',
		'update',
		'referrals',
		'moving their own due date',
		'PT403',
		change(
			'referrals',
			() => ({ id: fx.referralA }),
			() => ({ due_on: '2030-01-01' }),
			{ restore: resetReferral(fx.referralA) }
		)
	),
	c(
		'mairie',
		'update',
		'referrals',
		'answering a referral to another partner',
		'none',
		change(
			'referrals',
			() => ({ id: fx.referralB }),
			() => ({ status: 'declined' }),
			{ restore: resetReferral(fx.referralB) }
		)
	),
	c(
		'coord',
		'update',
		'referrals',
		'the due date',
		'ok',
		change(
			'referrals',
			() => ({ id: fx.referralB }),
			() => ({ due_on: '2030-01-01' }),
			{ restore: resetReferral(fx.referralB) }
		)
	),
	c(
		'steering',
		'update',
		'referrals',
		'a referral',
		'none',
		change(
			'referrals',
			() => ({ id: fx.referralA }),
			() => ({ status: 'done' }),
			{ restore: resetReferral(fx.referralA) }
		)
	),
	c(
		'coord',
		'delete',
		'referrals',
		'withdrawing a referral',
		'ok',
		remove('referrals', () => newReferral(CPTS))
	),
	c(
		'mairie',
		'delete',
		'referrals',
		'their own referral',
		'none',
		remove('referrals', () => newReferral(MAIRIE))
	),
	c(
		'anon',
		'delete',
		'referrals',
		'a referral',
		'42501',
		remove('referrals', () => newReferral(MAIRIE))
	),
	// ------------------------------------------------------------------------------ support_request_events
	c(
		'coord',
		'select',
		'support_request_events',
		'the coordination’s own note',
		'ok',
		read('support_request_events', () => ({ id: fx.coordNote }))
	),
	c(
		'mairie',
		'select',
		'support_request_events',
		'what was routed to them',
		'ok',
		read('support_request_events', () => ({ id: fx.routedA }))
	),
	c(
		'mairie',
		'select',
		'support_request_events',
		'the coordination’s own note',
		'none',
		read('support_request_events', () => ({ id: fx.coordNote }))
	),
	c(
		'mairie',
		'select',
		'support_request_events',
		'another partner’s note',
		'none',
		read('support_request_events', () => ({ id: fx.cptsNote }))
	),
	c(
		'steering',
		'select',
		'support_request_events',
		'the follow-up',
		'none',
		read('support_request_events', () => ({ id: fx.routedA }))
	),
	c(
		'anon',
		'select',
		'support_request_events',
		'the follow-up',
		'42501',
		read('support_request_events', () => ({ id: fx.routedA }))
	),
	c(
		'coord',
		'insert',
		'support_request_events',
		'a note',
		'ok',
		create('support_request_events', () => ({
			id: randomUUID(),
			request_id: fx.requestA,
			charter_id: CHARTER,
			body: `Appel ${T}`
		}))
	),
	c(
		'mairie',
		'insert',
		'support_request_events',
		'an answer on a request referred to them',
		'ok',
		create('support_request_events', () => ({
			id: randomUUID(),
			request_id: fx.requestA,
			charter_id: CHARTER,
			organization_id: MAIRIE,
			kind: 'answer',
			body: `Logement trouvé ${T}`
		}))
	),
	c(
		'mairie',
		'insert',
		'support_request_events',
		'a note on a request not referred to them',
		'42501',
		create('support_request_events', () => ({
			id: randomUUID(),
			request_id: fx.requestB,
			charter_id: CHARTER,
			organization_id: MAIRIE,
			body: `Note ${T}`
		}))
	),
	c(
		'mairie',
		'insert',
		'support_request_events',
		'a note signed as another partner',
		'42501',
		create('support_request_events', () => ({
			id: randomUUID(),
			request_id: fx.requestA,
			charter_id: CHARTER,
			organization_id: CPTS,
			body: `Note ${T}`
		}))
	),
	c(
		'mairie',
		'insert',
		'support_request_events',
		'a "routed" entry (routing is the coordination’s)',
		'42501',
		create('support_request_events', () => ({
			id: randomUUID(),
			request_id: fx.requestA,
			charter_id: CHARTER,
			organization_id: MAIRIE,
			kind: 'routed',
			body: `Orientation ${T}`
		}))
	),
	c(
		'steering',
		'insert',
		'support_request_events',
		'a note',
		'42501',
		create('support_request_events', () => ({
			id: randomUUID(),
			request_id: fx.requestA,
			charter_id: CHARTER,
			body: `Note ${T}`
		}))
	),
	c(
		'coord',
		'update',
		'support_request_events',
		'writing to the journal after the fact',
		'42501',
		change(
			'support_request_events',
			() => ({ id: fx.coordNote }),
			() => ({ body: 'Réécrit après coup' })
		)
	),
	c(
		'mairie',
		'update',
		'support_request_events',
		'rewriting what was routed to them',
		'42501',
		change(
			'support_request_events',
			() => ({ id: fx.routedA }),
			() => ({ body: 'Réécrit' })
		)
	),
	c(
		'coord',
		'delete',
		'support_request_events',
		'a journal entry',
		'42501',
		custom(async (db) => {
			const { error } = await db.from('support_request_events').delete().eq('id', fx.coordNote);
			return { error: errorOf(error), effect: (await countRows('support_request_events', { id: fx.coordNote })) === 0 };
		})
	),
	// ------------------------------------------------------------------------------- the partner's view
	c(
		'mairie',
		'rpc',
		'support_requests',
		'referred_requests: the referral, with the first name but no contact before accepting, no project for housing',
		'ok',
		rpc(
			'referred_requests',
			() => ({ p_charter_id: CHARTER }),
			(data) => {
				const list = rows(data);
				return (
					list.length === 1 &&
					list[0].request_id === fx.requestA &&
					list[0].requester_first_name === 'Camille' &&
					list[0].requester_email === null &&
					list[0].requester_last_name === null &&
					list[0].project === null
				);
			}
		)
	),
	c(
		'cpts',
		'rpc',
		'support_requests',
		'referred_requests: only their own referral, with the project (premises)',
		'ok',
		rpc(
			'referred_requests',
			() => ({ p_charter_id: CHARTER }),
			(data) => {
				const list = rows(data);
				return (
					list.length === 1 &&
					list[0].request_id === fx.requestB &&
					list[0].project === 'Installation en maison de santé'
				);
			}
		)
	),
	c(
		'steering',
		'rpc',
		'support_requests',
		'referred_requests: nothing',
		'none',
		rpc(
			'referred_requests',
			() => ({ p_charter_id: CHARTER }),
			(data) => rows(data).length > 0
		)
	),
	c(
		'anon',
		'rpc',
		'support_requests',
		'referred_requests',
		'42501',
		rpc(
			'referred_requests',
			() => ({}),
			() => true
		)
	),
	c(
		'coord',
		'rpc',
		'support_requests',
		'support_request_export of a request of their charter',
		'ok',
		rpc(
			'support_request_export',
			() => ({ p_request_id: fx.requestA }),
			(data) => JSON.stringify(data).includes(`Test-${T}`)
		)
	),
	c(
		'mairie',
		'rpc',
		'support_requests',
		'support_request_export of a request referred to them',
		'PT404',
		rpc(
			'support_request_export',
			() => ({ p_request_id: fx.requestA }),
			() => true
		)
	),
	c(
		'otherCoord',
		'rpc',
		'support_requests',
		'erase_support_request of another charter',
		'PT404',
		rpc(
			'erase_support_request',
			() => ({ p_request_id: fx.requestB }),
			() => true
		)
	)
];

beforeAll(async () => {
	for (const who of ['coord', 'mairie', 'cpts', 'steering', 'official', 'outsider'] as const)
		users[who] = await createUser(who);
	await su.query(
		`insert into public.charters (id, slug, title, scope_level, status, is_public, intake_open)
		 values ($1, $2, $3, 'departement', 'active', true, true)`,
		[CHARTER, `${T}-charte`, `Charte ${T}`]
	);
	const member = `insert into public.charter_members (charter_id, user_id, role, organization_id) values ($1, $2, $3, $4)`;
	await su.query(member, [CHARTER, users.coord, 'coordinator', null]);
	await su.query(member, [CHARTER, users.mairie, 'partner_rep', MAIRIE]);
	await su.query(member, [CHARTER, users.cpts, 'partner_rep', CPTS]);
	await su.query(member, [CHARTER, users.steering, 'steering', null]);
	await su.query(member, [CHARTER, users.official, 'elected_official', null]);
	await su.query(`insert into public.official_communes (charter_id, user_id, commune_code) values ($1, $2, '84031')`, [
		CHARTER,
		users.official
	]);
	for (const id of [fx.requestA, fx.requestB]) {
		const r = requestRow(id);
		await su.query(
			`insert into public.support_requests (id, charter_id, requester_first_name, requester_last_name, requester_email, profession, stage, project, needs, channel, status)
			 values ($1, $2, $3, $4, $5, 'medecine', 'interne', $6, '{logement,locaux}', 'phone', 'in_progress')`,
			[id, CHARTER, r.requester_first_name, r.requester_last_name, r.requester_email, r.project]
		);
		await su.query(
			`insert into public.support_request_communes (request_id, charter_id, commune_code) values ($1, $2, '84031')`,
			[id, CHARTER]
		);
	}
	await su.query(
		`insert into public.referrals (id, request_id, charter_id, organization_id, need) values ($1, $2, $3, $4, 'logement'), ($5, $6, $3, $7, 'locaux')`,
		[fx.referralA, fx.requestA, CHARTER, MAIRIE, fx.referralB, fx.requestB, CPTS]
	);
	const event = `insert into public.support_request_events (id, request_id, charter_id, organization_id, kind, body) values ($1, $2, $3, $4, $5, $6)`;
	await su.query(event, [fx.coordNote, fx.requestA, CHARTER, null, 'note', 'Premier appel : souhaite un logement']);
	await su.query(event, [fx.routedA, fx.requestA, CHARTER, MAIRIE, 'routed', 'Cherche un logement à Carpentras']);
	await su.query(event, [fx.cptsNote, fx.requestB, CHARTER, CPTS, 'note', 'Rencontre prévue']);

	clients.anon = anonClient();
	clients.service = serviceClient();
	clients.otherCoord = await signInAs(DEMO.coordHv);
	for (const who of Object.keys(users) as (keyof typeof users)[])
		clients[who] = await signInAs(`${T}.${who}@example.com`, PASSWORD);
});

afterAll(async () => {
	await su.query('delete from public.charters where id = $1', [CHARTER]);
	for (const id of Object.values(users)) await serviceClient().auth.admin.deleteUser(id);
	await su.end();
});

describe('RLS matrix of installation support', () => {
	it('covers every table × operation and every role', () => {
		for (const table of ['support_requests', 'support_request_communes', 'referrals', 'support_request_events'])
			for (const op of ['select', 'insert', 'update', 'delete'] as const)
				expect(
					cases.some((k) => k.table === table && k.op === op),
					`${table} ${op}`
				).toBe(true);
		for (const who of ['coord', 'mairie', 'cpts', 'steering', 'official', 'otherCoord', 'outsider', 'anon'])
			expect(
				cases.some((k) => k.who === who),
				who
			).toBe(true);
	});
	describeCases(cases, clients);
});

describe('installation support rules', () => {
	it('shows the contact details to a partner once the referral is accepted, and never to the other partner', async () => {
		try {
			expect(
				(await clients.mairie.from('referrals').update({ status: 'accepted' }).eq('id', fx.referralA)).error
			).toBeNull();
			const mine = rows((await clients.mairie.rpc('referred_requests', { p_charter_id: CHARTER })).data);
			expect(mine[0].requester_email).toBe(requestRow(fx.requestA).requester_email);
			expect(mine[0].answered_at).not.toBeNull();
			const theirs = rows((await clients.cpts.rpc('referred_requests', { p_charter_id: CHARTER })).data);
			expect(theirs.map((r) => r.request_id)).toEqual([fx.requestB]);
			expect(theirs[0].requester_email).toBeNull();
		} finally {
			await resetReferral(fx.referralA)();
		}
	});

	it('stamps the journal with the server’s time and author: no backdating, no signing for someone else', async () => {
		const id = randomUUID();
		const { error } = await clients.coord.from('support_request_events').insert({
			id,
			request_id: fx.requestA,
			charter_id: CHARTER,
			body: `Antidaté ${T}`,
			created_at: '2020-01-01T00:00:00Z',
			author_id: users.mairie
		});
		expect(error).toBeNull();
		const row = await su.one<{ created_at: Date; author_id: string }>(
			'select created_at, author_id from public.support_request_events where id = $1',
			[id]
		);
		expect(Date.now() - row.created_at.getTime()).toBeLessThan(60_000);
		expect(row.author_id).toBe(users.coord);
		await expect(
			su.query('update public.support_request_events set body = $2 where id = $1', [id, 'x'])
		).rejects.toThrow(/ni modifié ni supprimé/);
	});

	it('numbers requests per charter and year, whatever the client sends', async () => {
		const row = { ...requestRow(), reference: '1999-9999' };
		const { data, error } = await clients.coord.from('support_requests').insert(row).select('reference').single();
		expect(error).toBeNull();
		const year = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date());
		expect(data?.reference).toMatch(new RegExp(`^${year}-\\d{4}$`));
		await su.query('delete from public.support_requests where id = $1', [row.id]);
	});
});
