/**
 * The access table of the COPIL cycle (docs/domain.md, "The COPIL cycle"): meetings, attendees, agenda items,
 * snapshots and decisions, every operation, as each role, through the gateway and PostgREST with supabase-js;
 * effects checked as the superuser.
 *
 * A world of its own: a charter with its coordinator, the representatives of two partners (A owns decision DA,
 * B owns decision DB), a steering member, an elected official, the Haute-Vienne coordinator (another charter),
 * a signed-in outsider and anon. Meeting P is planned, meeting H held with its snapshot.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient } from '../helpers/env.ts';
import { DEMO, ids, signInAs, superuserPool, tag } from '../helpers/demo.ts';
import { describeCases, rlsRunners, type Case as RlsCase, type Row, type Runner } from '../helpers/rls-runners.ts';

type Who = 'coord' | 'partnerA' | 'partnerB' | 'steering' | 'official' | 'otherCoord' | 'outsider' | 'anon' | 'service';
type Case = RlsCase<Who>;
type Member = 'coord' | 'partnerA' | 'partnerB' | 'steering' | 'official' | 'outsider';

const T = tag('rls-copil');
const su = superuserPool();
const { errorOf, read, create, change, remove, put, custom } = rlsRunners(su, ['meeting_snapshots']);
const PASSWORD = 'Mot-de-passe-de-test-2026';
const CHARTER = randomUUID();
const ORG_A = ids.organization('mairie-carpentras');
const ORG_B = ids.organization('cpts-cerebellum');
const users = {} as Record<Member, string>;
const clients = {} as Record<Who, SupabaseClient>;
const fx = {
	planned: randomUUID(),
	held: randomUUID(),
	forSnapshot: randomUUID(),
	snapshot: randomUUID(),
	/** A second held meeting's snapshot, whose report path is set once. */
	storedMeeting: randomUUID(),
	stored: randomUUID(),
	attendee: randomUUID(),
	item: randomUUID(),
	decisionA: randomUUID(),
	decisionB: randomUUID(),
	objective: randomUUID(),
	action: randomUUID()
};

const c = (who: Who, op: Case['op'], table: string, what: string, expected: Case['expected'], run: Runner): Case => ({
	who,
	op,
	table,
	what,
	expected,
	run
});
const MEMBERS: Who[] = ['coord', 'partnerA', 'partnerB', 'steering', 'official'];
const NOT_COORDINATORS: Who[] = ['partnerA', 'partnerB', 'steering', 'official'];
const STRANGERS: Who[] = ['otherCoord', 'outsider'];

/** Every member reads; people from elsewhere see nothing; anon holds no privilege on these tables. */
function readCases(table: string, what: string, match: () => Row): Case[] {
	return [
		...MEMBERS.map((who) => c(who, 'select', table, what, 'ok', read(table, match))),
		...STRANGERS.map((who) => c(who, 'select', table, what, 'none', read(table, match))),
		c('anon', 'select', table, what, '42501', read(table, match))
	];
}
/** Coordinators of the charter write; everyone else is refused (insert: 42501; update, delete: no row reached). */
function writeCases(
	table: string,
	rows: {
		insert: () => Row;
		match: () => Row;
		patch: () => Row;
		fresh: () => Promise<Row>;
		restore: () => Promise<unknown>;
	}
): Case[] {
	const others: Who[] = [...NOT_COORDINATORS, ...STRANGERS];
	return [
		c('coord', 'insert', table, 'a row of their charter', 'ok', create(table, rows.insert)),
		...others.map((who) => c(who, 'insert', table, 'a row', '42501', create(table, rows.insert))),
		c('anon', 'insert', table, 'a row', '42501', create(table, rows.insert)),
		c(
			'coord',
			'update',
			table,
			'a row of their charter',
			'ok',
			change(table, rows.match, rows.patch, { restore: rows.restore })
		),
		...others.map((who) =>
			c(who, 'update', table, 'a row', 'none', change(table, rows.match, rows.patch, { restore: rows.restore }))
		),
		c('anon', 'update', table, 'a row', '42501', change(table, rows.match, rows.patch, { restore: rows.restore })),
		c('coord', 'delete', table, 'a row of their charter', 'ok', remove(table, rows.fresh)),
		...others.map((who) => c(who, 'delete', table, 'a row', 'none', remove(table, rows.fresh))),
		c('anon', 'delete', table, 'a row', '42501', remove(table, rows.fresh))
	];
}

const meetingRow = (id = randomUUID()) => ({
	id,
	charter_id: CHARTER,
	kind: 'copil',
	title: `COPIL ${T}`,
	starts_at: '2027-03-12T13:00:00Z'
});
const decisionRow = (owner = ORG_A, id = randomUUID()) => ({
	id,
	charter_id: CHARTER,
	meeting_id: fx.held,
	text: `Décision ${T}`,
	owner_organization_id: owner
});
const rpc =
	(fn: string, args: () => Row, seen: (data: unknown) => boolean): Runner =>
	async (db) => {
		const { data, error } = await db.rpc(fn, args());
		return { error: errorOf(error), effect: !error && seen(data) };
	};
const resetDecision = (id: string) => () =>
	su.query(`update public.decisions set status = 'open', status_comment = null, text = $2 where id = $1`, [
		id,
		`Décision ${T}`
	]);

const cases: Case[] = [
	// ---------------------------------------------------------------------------------------------- meetings
	...readCases('meetings', 'a meeting', () => ({ id: fx.planned })),
	...writeCases('meetings', {
		insert: () => meetingRow(),
		match: () => ({ id: fx.planned }),
		patch: () => ({ place: `Salle ${T}` }),
		fresh: () => put('meetings', meetingRow()),
		restore: () => su.query('update public.meetings set place = null where id = $1', [fx.planned])
	}),
	c(
		'coord',
		'delete',
		'meetings',
		'a held meeting (cancel instead)',
		'none',
		custom(async (db) => {
			const { error } = await db.from('meetings').delete().eq('id', fx.held);
			const [row] = await su.query<{ n: string }>('select count(*) as n from public.meetings where id = $1', [fx.held]);
			return { error: errorOf(error), effect: Number(row.n) === 0 };
		})
	),
	// ------------------------------------------------------------------------------------- meeting_attendees
	...readCases('meeting_attendees', 'an attendee', () => ({ id: fx.attendee })),
	...writeCases('meeting_attendees', {
		insert: () => ({ id: randomUUID(), meeting_id: fx.planned, charter_id: CHARTER, user_id: users.steering }),
		match: () => ({ id: fx.attendee }),
		patch: () => ({ presence: 'excused' }),
		fresh: () =>
			put('meeting_attendees', {
				id: randomUUID(),
				meeting_id: fx.planned,
				charter_id: CHARTER,
				organization_id: ORG_B,
				guest_name: 'Invité',
				guest_email: `${T}.${randomUUID().slice(0, 6)}@example.com`
			}),
		restore: () => su.query(`update public.meeting_attendees set presence = 'invited' where id = $1`, [fx.attendee])
	}),
	// ----------------------------------------------------------------------------------------- meeting_items
	...readCases('meeting_items', 'an agenda item', () => ({ id: fx.item })),
	...writeCases('meeting_items', {
		insert: () => ({ id: randomUUID(), meeting_id: fx.planned, charter_id: CHARTER, position: 9, title: `Point ${T}` }),
		match: () => ({ id: fx.item }),
		patch: () => ({ notes: `Notes ${T}` }),
		fresh: () =>
			put('meeting_items', {
				id: randomUUID(),
				meeting_id: fx.planned,
				charter_id: CHARTER,
				position: 8,
				title: 'À retirer'
			}),
		restore: () => su.query('update public.meeting_items set notes = null where id = $1', [fx.item])
	}),
	// ------------------------------------------------------------------------------------- meeting_snapshots
	...readCases('meeting_snapshots', 'the frozen dashboard', () => ({ id: fx.snapshot })),
	...[...NOT_COORDINATORS, ...STRANGERS, 'anon' as const].map((who) =>
		c(
			who,
			'insert',
			'meeting_snapshots',
			'a snapshot',
			'42501',
			create('meeting_snapshots', () => snapshotRow())
		)
	),
	c(
		'coord',
		'insert',
		'meeting_snapshots',
		'a snapshot of their charter',
		'ok',
		create('meeting_snapshots', () => snapshotRow())
	),
	...(['coord', ...NOT_COORDINATORS, 'anon'] as Who[]).map((who) =>
		c(who, 'update', 'meeting_snapshots', 'a snapshot (never, even a coordinator)', '42501', snapshotChange())
	),
	c(
		'service',
		'update',
		'meeting_snapshots',
		'what a snapshot shows (the trigger binds every role)',
		'PT403',
		change(
			'meeting_snapshots',
			() => ({ id: fx.snapshot }),
			() => ({ taken_on: '2027-03-13' })
		)
	),
	c(
		'service',
		'update',
		'meeting_snapshots',
		'the path of its stored report, once',
		'ok',
		custom(async (db) => {
			const path = `${CHARTER}/reunions/${fx.forSnapshot}/rapport.pdf`;
			const { error } = await db.from('meeting_snapshots').update({ report_path: path }).eq('id', fx.stored);
			const [row] = await su.query<{ report_path: string }>(
				'select report_path from public.meeting_snapshots where id = $1',
				[fx.stored]
			);
			return { error: errorOf(error), effect: row.report_path === path };
		})
	),
	c(
		'service',
		'update',
		'meeting_snapshots',
		'the path of its stored report, a second time',
		'PT403',
		custom(async (db) => {
			await su.query(`update public.meeting_snapshots set report_path = $2 where id = $1 and report_path is null`, [
				fx.stored,
				`${CHARTER}/premier.pdf`
			]);
			const { error } = await db
				.from('meeting_snapshots')
				.update({ report_path: `${CHARTER}/autre.pdf` })
				.eq('id', fx.stored);
			const [row] = await su.query<{ report_path: string }>(
				'select report_path from public.meeting_snapshots where id = $1',
				[fx.stored]
			);
			return { error: errorOf(error), effect: row.report_path === `${CHARTER}/autre.pdf` };
		})
	),
	...(['coord', 'partnerA', 'steering', 'anon'] as Who[]).map((who) =>
		c(who, 'delete', 'meeting_snapshots', 'a snapshot', '42501', snapshotDelete())
	),
	c('service', 'delete', 'meeting_snapshots', 'a snapshot (the trigger binds every role)', 'PT403', snapshotDelete()),
	// --------------------------------------------------------------------------------------------- decisions
	...readCases('decisions', 'a decision', () => ({ id: fx.decisionA })),
	c(
		'coord',
		'insert',
		'decisions',
		'a decision of their charter',
		'ok',
		create('decisions', () => decisionRow())
	),
	...([...NOT_COORDINATORS, ...STRANGERS, 'anon'] as Who[]).map((who) =>
		c(
			who,
			'insert',
			'decisions',
			'a decision',
			'42501',
			create('decisions', () => decisionRow())
		)
	),
	c(
		'coord',
		'update',
		'decisions',
		'the wording',
		'ok',
		change(
			'decisions',
			() => ({ id: fx.decisionA }),
			() => ({ text: `Nouveau texte ${T}` }),
			{
				restore: resetDecision(fx.decisionA)
			}
		)
	),
	c(
		'partnerA',
		'update',
		'decisions',
		'marks done a decision their organization owns, with a comment',
		'ok',
		change(
			'decisions',
			() => ({ id: fx.decisionA }),
			() => ({ status: 'done', status_comment: 'Fait le 02/12' }),
			{
				restore: resetDecision(fx.decisionA)
			}
		)
	),
	c(
		'partnerA',
		'update',
		'decisions',
		'marks done without saying what was done',
		'PT400',
		change(
			'decisions',
			() => ({ id: fx.decisionA }),
			() => ({ status: 'done' }),
			{ restore: resetDecision(fx.decisionA) }
		)
	),
	c(
		'partnerA',
		'update',
		'decisions',
		'rewords a decision their organization owns',
		'PT403',
		change(
			'decisions',
			() => ({ id: fx.decisionA }),
			() => ({ text: `Réécrite ${T}` }),
			{ restore: resetDecision(fx.decisionA) }
		)
	),
	c(
		'partnerA',
		'update',
		'decisions',
		'drops a decision their organization owns',
		'PT403',
		change(
			'decisions',
			() => ({ id: fx.decisionA }),
			() => ({ status: 'dropped', status_comment: 'Sans objet' }),
			{
				restore: resetDecision(fx.decisionA)
			}
		)
	),
	...(['partnerB', 'steering', 'official', 'otherCoord', 'outsider'] as Who[]).map((who) =>
		c(
			who,
			'update',
			'decisions',
			'marks done a decision owned by another organization',
			'none',
			change(
				'decisions',
				() => ({ id: fx.decisionA }),
				() => ({ status: 'done', status_comment: 'Fait' }),
				{
					restore: resetDecision(fx.decisionA)
				}
			)
		)
	),
	c(
		'coord',
		'delete',
		'decisions',
		'a decision of their charter',
		'ok',
		remove('decisions', () => put('decisions', decisionRow()))
	),
	...(['partnerA', 'steering', 'otherCoord', 'anon'] as Who[]).map((who) =>
		c(
			who,
			'delete',
			'decisions',
			'a decision',
			who === 'anon' ? '42501' : 'none',
			remove('decisions', () => put('decisions', decisionRow()))
		)
	),
	// ------------------------------------------------------------------------------------------------ rpc
	...(['partnerA', 'steering', 'official'] as Who[]).map((who) =>
		c(
			who,
			'rpc',
			'hold_meeting',
			'holds a meeting',
			'PT403',
			rpc('hold_meeting', () => ({ p_meeting_id: fx.planned }), Boolean)
		)
	),
	c(
		'otherCoord',
		'rpc',
		'hold_meeting',
		"holds another charter's meeting",
		'PT404',
		rpc('hold_meeting', () => ({ p_meeting_id: fx.planned }), Boolean)
	),
	c(
		'anon',
		'rpc',
		'hold_meeting',
		'holds a meeting',
		'42501',
		rpc('hold_meeting', () => ({ p_meeting_id: fx.planned }), Boolean)
	),
	c(
		'coord',
		'rpc',
		'hold_meeting',
		'a meeting already held',
		'PT409',
		rpc('hold_meeting', () => ({ p_meeting_id: fx.held }), Boolean)
	),
	...MEMBERS.map((who) =>
		c(
			who,
			'rpc',
			'meeting_state',
			"the charter's state",
			'ok',
			rpc('meeting_state', () => ({ p_charter_id: CHARTER }), hasActions)
		)
	),
	...STRANGERS.map((who) =>
		c(
			who,
			'rpc',
			'meeting_state',
			"another charter's state",
			'none',
			rpc('meeting_state', () => ({ p_charter_id: CHARTER }), hasActions)
		)
	),
	c(
		'anon',
		'rpc',
		'meeting_state',
		"a charter's state",
		'42501',
		rpc('meeting_state', () => ({ p_charter_id: CHARTER }), hasActions)
	),
	...MEMBERS.map((who) =>
		c(
			who,
			'rpc',
			'meeting_lists',
			"the charter's lists",
			'ok',
			rpc('meeting_lists', () => ({ p_charter_id: CHARTER }), hasActions)
		)
	),
	...STRANGERS.map((who) =>
		c(
			who,
			'rpc',
			'meeting_lists',
			"another charter's lists",
			'none',
			rpc('meeting_lists', () => ({ p_charter_id: CHARTER }), hasActions)
		)
	),
	c(
		'anon',
		'rpc',
		'meeting_lists',
		"a charter's lists",
		'42501',
		rpc('meeting_lists', () => ({ p_charter_id: CHARTER }), hasActions)
	)
];

function hasActions(data: unknown): boolean {
	return (
		Array.isArray((data as { actions?: unknown[] } | null)?.actions) &&
		(data as { actions: unknown[] }).actions.length > 0
	);
}
function snapshotRow(): Row {
	return {
		id: randomUUID(),
		meeting_id: fx.forSnapshot,
		charter_id: CHARTER,
		taken_on: '2027-03-12',
		dashboard: { x: 1 }
	};
}
function snapshotChange(): Runner {
	return change(
		'meeting_snapshots',
		() => ({ id: fx.snapshot }),
		() => ({ report_path: `${CHARTER}/rapport.pdf` })
	);
}
function snapshotDelete(): Runner {
	return custom(async (db) => {
		const { error } = await db.from('meeting_snapshots').delete().eq('id', fx.snapshot);
		const [row] = await su.query<{ n: string }>('select count(*) as n from public.meeting_snapshots where id = $1', [
			fx.snapshot
		]);
		return { error: errorOf(error), effect: Number(row.n) === 0 };
	});
}

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

beforeAll(async () => {
	for (const who of ['coord', 'partnerA', 'partnerB', 'steering', 'official', 'outsider'] as const)
		users[who] = await createUser(who);
	await su.query(
		`insert into public.charters (id, slug, title, scope_level, status) values ($1, $2, $3, 'departement', 'active')`,
		[CHARTER, `${T}-charte`, `Charte ${T}`]
	);
	await su.query(
		`insert into public.charter_partners (charter_id, organization_id, role) values ($1, $2, 'signatory'), ($1, $3, 'signatory')`,
		[CHARTER, ORG_A, ORG_B]
	);
	const member = `insert into public.charter_members (charter_id, user_id, role, organization_id) values ($1, $2, $3, $4)`;
	await su.query(member, [CHARTER, users.coord, 'coordinator', null]);
	await su.query(member, [CHARTER, users.partnerA, 'partner_rep', ORG_A]);
	await su.query(member, [CHARTER, users.partnerB, 'partner_rep', ORG_B]);
	await su.query(member, [CHARTER, users.steering, 'steering', null]);
	await su.query(member, [CHARTER, users.official, 'elected_official', null]);
	await su.query(
		`insert into public.objectives (id, charter_id, code, title) values ($1, $2, '1', 'Objectif de test')`,
		[fx.objective, CHARTER]
	);
	await su.query(
		`insert into public.actions (id, charter_id, objective_id, code, title, lead_organization_id) values ($1, $2, $3, '1.1', 'Action de test', $4)`,
		[fx.action, CHARTER, fx.objective, ORG_A]
	);
	for (const id of [fx.planned, fx.held, fx.forSnapshot]) await put('meetings', meetingRow(id));
	await su.query(`update public.meetings set status = 'held' where id = $1`, [fx.held]);
	await su.query(
		`insert into public.meeting_snapshots (id, meeting_id, charter_id, taken_on, dashboard) values ($1, $2, $3, '2027-03-12', public.meeting_state($3))`,
		[fx.snapshot, fx.held, CHARTER]
	);
	await put('meetings', meetingRow(fx.storedMeeting));
	await su.query(`update public.meetings set status = 'held' where id = $1`, [fx.storedMeeting]);
	await su.query(
		`insert into public.meeting_snapshots (id, meeting_id, charter_id, taken_on, dashboard) values ($1, $2, $3, '2027-03-12', '{}')`,
		[fx.stored, fx.storedMeeting, CHARTER]
	);
	await put('meeting_attendees', {
		id: fx.attendee,
		meeting_id: fx.planned,
		charter_id: CHARTER,
		user_id: users.partnerA
	});
	await put('meeting_items', {
		id: fx.item,
		meeting_id: fx.planned,
		charter_id: CHARTER,
		position: 0,
		title: 'Point de test'
	});
	await put('decisions', decisionRow(ORG_A, fx.decisionA));
	await put('decisions', decisionRow(ORG_B, fx.decisionB));

	clients.anon = anonClient();
	clients.service = serviceClient();
	clients.otherCoord = await signInAs(DEMO.coordHv);
	for (const who of Object.keys(users) as Member[]) clients[who] = await signInAs(`${T}.${who}@example.com`, PASSWORD);
});

afterAll(async () => {
	await su.query('delete from public.charters where id = $1', [CHARTER]);
	for (const id of Object.values(users)) await serviceClient().auth.admin.deleteUser(id);
	await su.end();
});

describeCases(cases, clients);

describe('the rules behind the matrix', () => {
	it('refuses to change or delete a snapshot even to the table owner, and lets it go with its charter', async () => {
		await expect(
			su.query('update public.meeting_snapshots set dashboard = $2 where id = $1', [fx.snapshot, '{}'])
		).rejects.toThrow(/ni modifié ni supprimé/);
		await expect(su.query('delete from public.meeting_snapshots where id = $1', [fx.snapshot])).rejects.toThrow(
			/ni modifié ni supprimé/
		);
		await expect(su.query('truncate public.meeting_snapshots')).rejects.toThrow(/ni modifié ni supprimé/);
	});

	it('holds a planned meeting once: status held and the dashboard frozen in the same transaction', async () => {
		const id = randomUUID();
		await put('meetings', meetingRow(id));
		const { data, error } = await clients.coord.rpc('hold_meeting', { p_meeting_id: id });
		expect(error).toBeNull();
		const [row] = await su.query<{ status: string; actions: number; snapshot: string }>(
			`select m.status, jsonb_array_length(s.dashboard -> 'actions') as actions, s.id as snapshot
			 from public.meetings m join public.meeting_snapshots s on s.meeting_id = m.id where m.id = $1`,
			[id]
		);
		expect(row).toMatchObject({ status: 'held', actions: 1, snapshot: data });
		const again = await clients.coord.rpc('hold_meeting', { p_meeting_id: id });
		expect(again.error?.code).toBe('PT409');
	});

	it('numbers decisions in the charter whatever the client sends, and keeps the owner among the partners', async () => {
		const { data, error } = await clients.coord
			.from('decisions')
			.insert({ ...decisionRow(), number: 99, code: 'X99' })
			.select('number, code')
			.single();
		expect(error).toBeNull();
		expect(data?.code).toBe(`D${String(data?.number).padStart(2, '0')}`);
		expect(data?.number).toBeLessThan(99);
		const stranger = await clients.coord.from('decisions').insert(decisionRow(ids.organization('ars-na')));
		expect(stranger.error?.code).toBe('PT400');
		expect(stranger.error?.message).toMatch(/organisation partenaire/);
	});

	it('lets a coordinator invite only members of the charter, or guests for a partner organization', async () => {
		const outsider = await clients.coord
			.from('meeting_attendees')
			.insert({ meeting_id: fx.planned, charter_id: CHARTER, user_id: users.outsider });
		expect(outsider.error?.code).toBe('PT400');
		const guest = await clients.coord.from('meeting_attendees').insert({
			meeting_id: fx.planned,
			charter_id: CHARTER,
			guest_name: 'X',
			guest_email: 'x@example.com',
			organization_id: ids.organization('ars-na')
		});
		expect(guest.error?.code).toBe('PT400');
	});
});
