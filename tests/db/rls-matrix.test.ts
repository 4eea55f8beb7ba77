/**
 * The access table of docs/domain.md, checked through the gateway and the real PostgREST with supabase-js,
 * signed in as each demo account (and as anon): for every table of the contract and each of select / insert /
 * update / delete, the outcome the table promises.
 *
 * Each case says who does what and what must happen:
 *   ok     the request succeeds and its effect is in the database (row visible, created, changed, deleted)
 *   none   no error, but nothing is visible or changed (RLS filtered the rows out)
 *   <code> an error with this SQLSTATE (42501 row-level security / privilege, PT403 refused by a function or
 *          trigger, PT409 conflict) and no effect
 * Effects are checked in the database as the superuser, not through the client that made the request.
 *
 * The rows a case changes are created for it (tagged with this run's tag) and removed afterwards; seeded rows
 * are only read, or targeted by refusals that leave them as they were.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient } from '../helpers/env.ts';
import {
	DEMO,
	demoUserId,
	ids,
	signInAll,
	signInAs,
	superuserPool,
	tag,
	uniqueCode,
	type DemoKey
} from '../helpers/demo.ts';
import {
	describeCases,
	rlsRunners,
	type Case as RlsCase,
	type Expected,
	type Op,
	type Row,
	type Runner
} from '../helpers/rls-runners.ts';

type Who = DemoKey | 'anon' | 'newUser' | 'outsider' | 'service';
type Case = RlsCase<Who>;

const T = tag('rls');
const su = superuserPool();

// Seeded rows (stable ids, see scripts/seed/generate.ts)
const HV = ids.charter('haute-vienne');
const NORMANDIE = ids.charter('normandie');
const VAUCLUSE = ids.charter('vaucluse');
const DROPT = ids.charter('cpts-dropt-garonne');
const CHOLET = ids.charter('cholet');
const org = {
	ars: ids.organization('ars-na'),
	cd87: ids.organization('cd87'),
	ordre87: ids.organization('ordre87'),
	fac: ids.organization('fac-limoges'),
	mspBellac: ids.organization('msp-bellac'),
	mspSaintYrieix: ids.organization('msp-saint-yrieix'),
	vpa: ids.organization('vpa')
};
const HV_ACTION_11 = ids.action('haute-vienne', '1.1');
const HV_INDICATOR_INSTALLATIONS = ids.indicator('hv-installations'); // objective-level, no action
const INTERN_SAINT_YRIEIX = ids.internship('haute-vienne', 'lea.bernard@example.org'); // 87187, a commune of maire.hv
const INTERN_SAINT_JUNIEN = ids.internship('haute-vienne', 'thomas.girard@example.org'); // 87154, not theirs
const INTERN_BELLAC_HOST = ids.internship('haute-vienne', 'ines.caron@example.org'); // hosted by MSP Bellac
const uid = (who: DemoKey) => demoUserId(who);

/** Rows this file owns, created in beforeAll (ids filled then). */
const fx = {
	objective: randomUUID(),
	normandieObjective: ids.objective('normandie', '1'),
	arsAction: randomUUID(), // led by ARS Nouvelle-Aquitaine (ars.na's organization)
	facAction: randomUUID(), // led by the Faculté de Limoges, Ordre 87 contributes
	archivedAction: randomUUID(), // led by ARS NA, archived
	journalRow: randomUUID(),
	arsIndicator: randomUUID(),
	facIndicator: randomUUID(),
	arsValue: randomUUID(),
	facValue: randomUUID(),
	arsFunding: randomUUID(),
	cd87Funding: randomUUID(),
	vauclusePrivateIndicator: randomUUID(),
	vauclusePrivateValue: randomUUID(),
	facInternship: randomUUID(),
	invitation: randomUUID(),
	newUser: { id: '', email: `${T}.elu@example.com` }, // elected official of Haute-Vienne for commune 87065
	outsider: { id: '', email: `${T}.outsider@example.com` }, // signed in, member of nothing
	password: 'Mot-de-passe-de-test-2026'
};

const clients = {} as Record<Who, SupabaseClient>;

// ------------------------------------------------------------------------------------------------ runners
const { countRows, errorOf, read, create, change, remove, put, drop, set, custom } = rlsRunners(su, ['action_updates']);
async function version(actionId: string): Promise<number> {
	return (await su.one<{ version: number }>('select version from public.actions where id = $1', [actionId])).version;
}
async function currentStatus(actionId: string): Promise<string> {
	return (await su.one<{ status: string }>('select status from public.actions where id = $1', [actionId])).status;
}
/**
 * record_action_update with the action's current version; effect = one more journal row for the action. `status`
 * 'keep' records the action's current status (what a contributor may do), otherwise the status given.
 */
function recordUpdate(actionId: () => string, status = 'in_progress'): Runner {
	return async (db) => {
		const id = actionId();
		const before = await countRows('action_updates', { action_id: id });
		const { error } = await db.rpc('record_action_update', {
			p_action_id: id,
			p_expected_version: await version(id),
			p_status: status === 'keep' ? await currentStatus(id) : status,
			p_progress: 35,
			p_health: 'at_risk',
			p_comment: `Point d’étape ${T}`
		});
		return { error: errorOf(error), effect: (await countRows('action_updates', { action_id: id })) === before + 1 };
	};
}

// Fresh rows for delete cases (and for update cases that must not reuse a fixture)
async function newObjective(charterId = HV): Promise<Row> {
	const id = randomUUID();
	await su.query('insert into public.objectives (id, charter_id, code, title) values ($1, $2, $3, $4)', [
		id,
		charterId,
		uniqueCode(),
		`Objectif ${T}`
	]);
	return { id };
}
async function newAction(options: { lead?: string; journal?: boolean } = {}): Promise<Row> {
	const id = randomUUID();
	await su.query(
		'insert into public.actions (id, charter_id, objective_id, code, title, lead_organization_id) values ($1, $2, $3, $4, $5, $6)',
		[id, HV, fx.objective, uniqueCode(), `Action ${T}`, options.lead ?? org.ars]
	);
	if (options.journal)
		await su.query(
			`insert into public.action_updates (action_id, charter_id, author_id, status, progress, health)
			 values ($1, $2, $3, 'in_progress', 5, 'on_track')`,
			[id, HV, uid('coordHv')]
		);
	return { id };
}
async function newIndicator(): Promise<Row> {
	const id = randomUUID();
	await su.query('insert into public.indicators (id, charter_id, action_id, name) values ($1, $2, $3, $4)', [
		id,
		HV,
		fx.arsAction,
		`Indicateur ${T}`
	]);
	return { id };
}
let dayCounter = 0;
/** A measurement date no other value of the indicator uses (unique per indicator and date). */
function freshDay(): string {
	dayCounter += 1;
	const d = new Date(Date.UTC(2030, 0, 1) + dayCounter * 86400000 + Math.floor(Math.random() * 3000) * 86400000);
	return d.toISOString().slice(0, 10);
}
async function newValue(indicatorId: string): Promise<Row> {
	const id = randomUUID();
	await su.query(
		'insert into public.indicator_values (id, indicator_id, charter_id, measured_on, value) values ($1, $2, $3, $4, 1)',
		[id, indicatorId, HV, freshDay()]
	);
	return { id };
}
async function newFunding(organizationId: string): Promise<Row> {
	const id = randomUUID();
	await su.query(
		'insert into public.fundings (id, charter_id, organization_id, source, year, planned_amount) values ($1, $2, $3, $4, 2026, 100)',
		[id, HV, organizationId, `Test ${T}`]
	);
	return { id };
}
async function newInternship(host: string): Promise<Row> {
	const id = randomUUID();
	await su.query(
		`insert into public.internships (id, charter_id, intern_first_name, intern_last_name, intern_email, profession, level,
		   host_organization_id, commune_code, starts_on, ends_on, status)
		 values ($1, $2, 'Zoé', $3, $4, 'medecine', 'interne', $5, '87085', '2027-05-03', '2027-10-31', 'planned')`,
		[id, HV, T, `${T}.${id.slice(0, 4)}@example.com`, host]
	);
	return { id };
}
async function newCharter(status: 'draft' | 'active', members: [DemoKey, string][]): Promise<Row> {
	const id = randomUUID();
	await su.query(
		`insert into public.charters (id, slug, title, scope_level, status) values ($1, $2, $3, 'commune', $4)`,
		[id, `${T}-${id.slice(0, 8)}`, `Charte ${T}`, status]
	);
	for (const [who, role] of members)
		await su.query('insert into public.charter_members (charter_id, user_id, role) values ($1, $2, $3)', [
			id,
			uid(who),
			role
		]);
	return { id };
}
async function ensureMembership(userId: () => string, role: string): Promise<Row> {
	await su.query(
		`insert into public.charter_members (charter_id, user_id, role) values ($1, $2, $3)
		 on conflict (charter_id, user_id) do update set role = excluded.role, organization_id = null`,
		[HV, userId(), role]
	);
	return { charter_id: HV, user_id: userId() };
}
async function restoreDemoMembership(who: DemoKey, role: string, organizationId: string | null): Promise<void> {
	await su.query(
		`insert into public.charter_members (charter_id, user_id, role, organization_id) values ($1, $2, $3, $4)
		 on conflict (charter_id, user_id) do update set role = excluded.role, organization_id = excluded.organization_id`,
		[HV, uid(who), role, organizationId]
	);
}

/** Inserts a row as the superuser unless it is there, and returns it (the key of a case's target). */

// ------------------------------------------------------------------------------------------------ rows to insert
const objectiveRow = (charterId: string) => () => ({
	id: randomUUID(),
	charter_id: charterId,
	code: uniqueCode(),
	title: `Objectif ${T}`
});
const actionRow =
	(objectiveId: () => string, charterId = HV) =>
	() => ({
		id: randomUUID(),
		charter_id: charterId,
		objective_id: objectiveId(),
		code: uniqueCode(),
		title: `Action ${T}`,
		lead_organization_id: org.ars
	});
const journalRow = (actionId: () => string, author: () => string) => () => ({
	id: randomUUID(),
	action_id: actionId(),
	charter_id: HV,
	author_id: author(),
	status: 'in_progress',
	progress: 20,
	health: 'on_track',
	comment: `Saisie directe ${T}`
});
const indicatorRow = (charterId: string, actionId: () => string | null) => () => ({
	id: randomUUID(),
	charter_id: charterId,
	action_id: actionId(),
	name: `Indicateur ${T}`
});
const valueRow =
	(indicatorId: () => string, charterId = HV) =>
	() => ({
		id: randomUUID(),
		indicator_id: indicatorId(),
		charter_id: charterId,
		measured_on: freshDay(),
		value: 12
	});
const fundingRow = (charterId: string, organizationId: string) => () => ({
	id: randomUUID(),
	charter_id: charterId,
	organization_id: organizationId,
	source: `Test ${T}`,
	year: 2027,
	planned_amount: 5000
});
const internshipRow = (host: string) => () => ({
	id: randomUUID(),
	charter_id: HV,
	intern_first_name: 'Zoé',
	intern_last_name: T,
	intern_email: `${T}.${randomUUID().slice(0, 4)}@example.com`,
	profession: 'medecine',
	level: 'interne',
	host_organization_id: host,
	commune_code: '87085',
	starts_on: '2027-05-03',
	ends_on: '2027-10-31',
	status: 'planned'
});
const memberRow = (charterId: string, userId: () => string, role: string) => () => ({
	id: randomUUID(),
	charter_id: charterId,
	user_id: userId(),
	role
});
const invitationRow = (charterId: string, invitedBy: DemoKey) => () => ({
	id: randomUUID(),
	charter_id: charterId,
	email: `${T}.${randomUUID().slice(0, 4)}@example.com`,
	role: 'steering',
	invited_by: uid(invitedBy)
});
const orgRow = (createdBy: () => string) => () => ({
	id: randomUUID(),
	name: `Organisation ${T} ${randomUUID().slice(0, 4)}`,
	kind: 'autre',
	created_by: createdBy()
});

const PARTNER_KEY = ['charter_id', 'organization_id', 'role'];
const partnerRow = (charterId: string, organizationId: string, role: string) => () => ({
	charter_id: charterId,
	organization_id: organizationId,
	role
});
const charterRow = (createdBy: () => string | null) => () => ({
	id: randomUUID(),
	slug: `${T}-${randomUUID().slice(0, 8)}`,
	title: `Charte ${T}`,
	scope_level: 'commune',
	created_by: createdBy()
});
const membership = (who: DemoKey) => () => ({ charter_id: HV, user_id: uid(who) });
const outsiderMembership = () => ({ charter_id: HV, user_id: fx.outsider.id });
const OFFICIAL_KEY = ['charter_id', 'user_id', 'commune_code'];
const official = (userId: () => string, communeCode: string) => () => ({
	charter_id: HV,
	user_id: userId(),
	commune_code: communeCode
});
const ACTION_PARTNER_KEY = ['action_id', 'organization_id', 'role'];
const actionPartner = (actionId: () => string, organizationId: string, role: string) => () => ({
	action_id: actionId(),
	charter_id: HV,
	organization_id: organizationId,
	role
});
const ACTION_COMMUNE_KEY = ['action_id', 'commune_code'];
const actionCommune = (actionId: () => string, communeCode: string) => () => ({
	action_id: actionId(),
	charter_id: HV,
	commune_code: communeCode
});
const notificationRow = () => ({
	id: randomUUID(),
	kind: 'test_kind',
	recipient_email: `${T}@example.com`,
	subject: T,
	body_text: T,
	dedupe_key: `${T}-${randomUUID()}`
});

// ------------------------------------------------------------------------------------------------ the matrix
const c = (who: Who, op: Op, table: string, what: string, expected: Expected, run: Runner): Case => ({
	who,
	op,
	table,
	what,
	expected,
	run
});
const amounts = () => ({ committed_amount: Math.floor(Math.random() * 100000) + 1 });

// One line per case, so that the table reads as a table.
// prettier-ignore
const cases: Case[] = [
	// --------------------------------------------------------------------------------- communes, epcis
	c('anon', 'select', 'communes', 'Villefagnan (reference data)', 'ok', read('communes', () => ({ code: '16409' }))),
	c('copilHv', 'select', 'communes', 'Limoges', 'ok', read('communes', () => ({ code: '87085' }))),
	c('anon', 'insert', 'communes', 'a made-up commune', '42501', create('communes', () => ({ code: '87999', name: T, departement_code: '87' }), ['code'])),
	c('coordHv', 'insert', 'communes', 'a made-up commune', '42501', create('communes', () => ({ code: '87999', name: T, departement_code: '87' }), ['code'])),
	c('coordHv', 'update', 'communes', 'population of Limoges', '42501', change('communes', () => ({ code: '87085' }), () => ({ population: 1 }))),
	c('coordHv', 'delete', 'communes', 'a commune', '42501', remove('communes', () => put('communes', { code: '87998', name: T, departement_code: '87' }))),
	c('anon', 'select', 'epcis', 'Vichy Communauté', 'ok', read('epcis', () => ({ siren: '200071363' }))),
	c('coordHv', 'insert', 'epcis', 'a made-up EPCI', '42501', create('epcis', () => ({ siren: '999999999', name: T, kind: 'CC' }), ['siren'])),
	c('coordHv', 'update', 'epcis', 'name of Vichy Communauté', '42501', change('epcis', () => ({ siren: '200071363' }), () => ({ name: T }))),
	c('coordHv', 'delete', 'epcis', 'an EPCI', '42501', remove('epcis', () => put('epcis', { siren: '999999998', name: T, kind: 'CC' }))),

	// --------------------------------------------------------------------------------- organizations
	c('anon', 'select', 'organizations', 'ARS NA, named by the published Haute-Vienne plan', 'ok', read('organizations', () => ({ id: org.ars }))),
	c('anon', 'select', 'organizations', 'Vaucluse Provence Attractivité, named only by the unpublished VSA', 'none', read('organizations', () => ({ id: org.vpa }))),
	c('copilHv', 'select', 'organizations', 'the directory (VPA)', 'ok', read('organizations', () => ({ id: org.vpa }))),
	c('anon', 'insert', 'organizations', 'a new organization', '42501', create('organizations', orgRow(() => uid('coordHv')))),
	c('coordHv', 'insert', 'organizations', 'a new organization', 'ok', create('organizations', orgRow(() => uid('coordHv')))),
	c('copilHv', 'insert', 'organizations', 'a new organization', '42501', create('organizations', orgRow(() => uid('copilHv')))),
	c('arsNa', 'insert', 'organizations', 'a new organization', '42501', create('organizations', orgRow(() => uid('arsNa')))),
	c('coordHv', 'update', 'organizations', 'Département 87, partner of their charter only', 'ok', change('organizations', () => ({ id: org.cd87 }), () => ({ short_name: `D87 ${T}` }), { restore: () => set('organizations', { id: org.cd87 }, { short_name: 'Département 87' }) })),
	c('copilHv', 'update', 'organizations', 'Département 87', 'none', change('organizations', () => ({ id: org.cd87 }), () => ({ short_name: `D87 ${T}` }))),
	c('coordNormandie', 'update', 'organizations', 'ARS NA, an organization of another charter', 'none', change('organizations', () => ({ id: org.ars }), () => ({ short_name: `ARS ${T}` }))),
	c('coordNormandie', 'update', 'organizations', 'ARS NA after adding it as a partner of Normandie (it is also Haute-Vienne’s)', 'none', change('organizations', () => ({ id: org.ars }), () => ({ short_name: `ARS ${T}` }), {
		prepare: () => put('charter_partners', partnerRow(NORMANDIE, org.ars, 'contributor')()),
		restore: async () => {
			await drop('charter_partners', partnerRow(NORMANDIE, org.ars, 'contributor')());
			await set('organizations', { id: org.ars }, { short_name: 'ARS Nouvelle-Aquitaine' });
		}
	})),

	c('coordHv', 'update', 'organizations', 'one they created', 'ok', change('organizations', () => ({ name: `Organisation créée ${T}` }), () => ({ short_name: 'Créée' }), { prepare: () => put('organizations', { name: `Organisation créée ${T}`, kind: 'autre', created_by: uid('coordHv') }) })),

	c('coordHv', 'delete', 'organizations', 'one they created (organizations are never deleted through the API)', '42501', remove('organizations', () => put('organizations', orgRow(() => uid('coordHv'))()))),

	// --------------------------------------------------------------------------------- charters
	c('anon', 'select', 'charters', 'the published Haute-Vienne plan', 'ok', read('charters', () => ({ id: HV }))),
	c('anon', 'select', 'charters', 'the unpublished Vaucluse Santé Attractivité', 'none', read('charters', () => ({ id: VAUCLUSE }))),
	c('coordNormandie', 'select', 'charters', 'Vaucluse (unpublished, not a member)', 'none', read('charters', () => ({ id: VAUCLUSE }))),
	c('coordVaucluse', 'select', 'charters', 'their unpublished charter', 'ok', read('charters', () => ({ id: VAUCLUSE }))),
	c('copilHv', 'select', 'charters', 'their charter', 'ok', read('charters', () => ({ id: HV }))),
	c('anon', 'insert', 'charters', 'a new charter', '42501', create('charters', charterRow(() => null))),
	// creating a charter is a right a platform administrator grants (charter_creators); the demo coordinators have it
	c('outsider', 'insert', 'charters', 'a draft, without the right to create charters', '42501', create('charters', charterRow(() => fx.outsider.id))),
	c('arsNa', 'insert', 'charters', 'a draft, without the right to create charters', '42501', create('charters', charterRow(() => uid('arsNa')))),
	c('coordNormandie', 'insert', 'charters', 'a draft they create, granted the right (they become its coordinator)', 'ok', create('charters', charterRow(() => uid('coordNormandie')))),
	c('coordNormandie', 'insert', 'charters', 'a charter in someone else’s name', '42501', create('charters', charterRow(() => uid('coordHv')))),
	c('coordHv', 'update', 'charters', 'their charter', 'ok', change('charters', () => ({ id: HV }), () => ({ stale_after_days: 59 }), { restore: () => set('charters', { id: HV }, { stale_after_days: 60 }) })),
	c('copilHv', 'update', 'charters', 'their charter', 'none', change('charters', () => ({ id: HV }), () => ({ stale_after_days: 58 }))),
	c('arsNa', 'update', 'charters', 'their charter', 'none', change('charters', () => ({ id: HV }), () => ({ stale_after_days: 58 }))),
	c('maireHv', 'update', 'charters', 'their charter', 'none', change('charters', () => ({ id: HV }), () => ({ stale_after_days: 58 }))),
	c('coordNormandie', 'update', 'charters', 'another charter', 'none', change('charters', () => ({ id: HV }), () => ({ stale_after_days: 58 }))),
	c('anon', 'update', 'charters', 'a published charter', '42501', change('charters', () => ({ id: HV }), () => ({ stale_after_days: 58 }))),
	c('coordHv', 'delete', 'charters', 'a draft charter they coordinate', 'ok', remove('charters', () => newCharter('draft', [['coordHv', 'coordinator']]))),
	c('coordHv', 'delete', 'charters', 'an active charter they coordinate', 'none', remove('charters', () => newCharter('active', [['coordHv', 'coordinator']]))),
	c('copilHv', 'delete', 'charters', 'a draft charter they steer', 'none', remove('charters', () => newCharter('draft', [['copilHv', 'steering']]))),

	// --------------------------------------------------------------------------------- charter_partners
	c('anon', 'select', 'charter_partners', 'partners of the published Haute-Vienne plan', '42501', read('charter_partners', () => ({ charter_id: HV, organization_id: org.ars }))),
	c('copilHv', 'select', 'charter_partners', 'partners of their charter', 'ok', read('charter_partners', () => ({ charter_id: HV, organization_id: org.ars }))),
	c('maireHv', 'select', 'charter_partners', 'partners of their charter', 'ok', read('charter_partners', () => ({ charter_id: HV, organization_id: org.ars }))),
	c('coordNormandie', 'select', 'charter_partners', 'partners of Vaucluse (unpublished)', 'none', read('charter_partners', () => ({ charter_id: VAUCLUSE, organization_id: org.vpa }))),
	c('coordHv', 'insert', 'charter_partners', 'a partner of their charter', 'ok', create('charter_partners', partnerRow(HV, org.mspBellac, 'contributor'), PARTNER_KEY)),
	c('coordHv', 'insert', 'charter_partners', 'a partner of Normandie', '42501', create('charter_partners', partnerRow(NORMANDIE, org.mspBellac, 'contributor'), PARTNER_KEY)),
	c('coordNormandie', 'insert', 'charter_partners', 'a partner of their charter', 'ok', create('charter_partners', partnerRow(NORMANDIE, org.mspBellac, 'contributor'), PARTNER_KEY)),
	c('copilHv', 'insert', 'charter_partners', 'a partner of their charter', '42501', create('charter_partners', partnerRow(HV, org.mspBellac, 'contributor'), PARTNER_KEY)),
	c('arsNa', 'insert', 'charter_partners', 'a partner of their charter', '42501', create('charter_partners', partnerRow(HV, org.mspBellac, 'contributor'), PARTNER_KEY)),
	c('coordHv', 'update', 'charter_partners', 'the note of a partner', 'ok', change('charter_partners', partnerRow(HV, org.mspSaintYrieix, 'contributor'), () => ({ note: `Note ${T} ${randomUUID()}` }))),
	c('copilHv', 'update', 'charter_partners', 'the note of a partner', 'none', change('charter_partners', partnerRow(HV, org.mspSaintYrieix, 'contributor'), () => ({ note: `Note ${T} ${randomUUID()}` }))),
	c('arsNa', 'update', 'charter_partners', 'the role of their own organization', 'none', change('charter_partners', () => ({ charter_id: HV, organization_id: org.ars, role: 'signatory' }), () => ({ role: 'lead' }))),
	c('coordHv', 'delete', 'charter_partners', 'a partner of their charter', 'ok', remove('charter_partners', () => put('charter_partners', partnerRow(HV, org.mspBellac, 'funder')()))),
	c('copilHv', 'delete', 'charter_partners', 'a partner of their charter', 'none', remove('charter_partners', () => put('charter_partners', partnerRow(HV, org.mspBellac, 'funder')()))),

	// --------------------------------------------------------------------------------- profiles
	c('coordHv', 'select', 'profiles', 'a co-member (copil.hv)', 'ok', read('profiles', () => ({ id: uid('copilHv') }))),
	c('arsNa', 'select', 'profiles', 'a co-member of another of their charters (cpts.dropt)', 'ok', read('profiles', () => ({ id: uid('cptsDropt') }))),
	c('ordre87', 'select', 'profiles', 'someone they share no charter with (cpts.dropt)', 'none', read('profiles', () => ({ id: uid('cptsDropt') }))),
	c('coordNormandie', 'select', 'profiles', 'someone they share no charter with (copil.hv)', 'none', read('profiles', () => ({ id: uid('copilHv') }))),
	c('anon', 'select', 'profiles', 'anyone', '42501', read('profiles', () => ({ id: uid('copilHv') }))),
	c('outsider', 'select', 'profiles', 'their own', 'ok', read('profiles', () => ({ id: fx.outsider.id }))),
	c('copilHv', 'insert', 'profiles', 'a profile', '42501', create('profiles', () => ({ id: randomUUID(), display_name: T, email: `${T}@example.com` }))),
	c('outsider', 'update', 'profiles', 'their own name', 'ok', change('profiles', () => ({ id: fx.outsider.id }), () => ({ display_name: `Nom ${randomUUID().slice(0, 6)}` }))),
	c('outsider', 'update', 'profiles', 'their own e-mail (it follows the account)', 'PT403', change('profiles', () => ({ id: fx.outsider.id }), () => ({ email: 'coordination.hv@example.org' }))),
	c('coordHv', 'update', 'profiles', 'a co-member’s name', 'none', change('profiles', () => ({ id: uid('copilHv') }), () => ({ display_name: `Nom ${T}` }))),
	c('outsider', 'delete', 'profiles', 'their own', '42501', remove('profiles', async () => ({ id: fx.outsider.id }), { restore: async () => undefined })),

	// --------------------------------------------------------------------------------- charter_members
	c('copilHv', 'select', 'charter_members', 'members of their charter', 'ok', read('charter_members', () => ({ charter_id: HV, user_id: uid('arsNa') }))),
	c('maireHv', 'select', 'charter_members', 'members of their charter', 'ok', read('charter_members', () => ({ charter_id: HV, user_id: uid('coordHv') }))),
	c('coordNormandie', 'select', 'charter_members', 'members of Haute-Vienne', 'none', read('charter_members', () => ({ charter_id: HV, user_id: uid('coordHv') }))),
	c('anon', 'select', 'charter_members', 'members of a published charter', '42501', read('charter_members', () => ({ charter_id: HV, user_id: uid('coordHv') }))),
	// membership is by consent: nobody inserts another person's id, not even a coordinator (accept_invitations does)
	c('coordHv', 'insert', 'charter_members', 'someone who never accepted an invitation', '42501', create('charter_members', memberRow(HV, () => fx.outsider.id, 'steering'))),
	c('coordHv', 'update', 'charter_members', 'a membership moved to another person', '42501', change('charter_members', outsiderMembership, () => ({ user_id: uid('coordNormandie') }), { prepare: () => ensureMembership(() => fx.outsider.id, 'steering'), restore: () => drop('charter_members', outsiderMembership()) })),
	c('copilHv', 'insert', 'charter_members', 'a new member of their charter', '42501', create('charter_members', memberRow(HV, () => fx.outsider.id, 'steering'))),
	c('outsider', 'insert', 'charter_members', 'themselves as coordinator of Haute-Vienne', '42501', create('charter_members', memberRow(HV, () => fx.outsider.id, 'coordinator'))),
	c('coordNormandie', 'insert', 'charter_members', 'themselves as coordinator of Haute-Vienne', '42501', create('charter_members', memberRow(HV, () => uid('coordNormandie'), 'coordinator'))),
	c('coordHv', 'insert', 'charter_members', 'a member of Normandie', '42501', create('charter_members', memberRow(NORMANDIE, () => fx.outsider.id, 'steering'))),
	c('arsNa', 'update', 'charter_members', 'their own role (to coordinator)', 'none', change('charter_members', membership('arsNa'), () => ({ role: 'coordinator' }), { restore: () => restoreDemoMembership('arsNa', 'partner_rep', org.ars) })),
	c('copilHv', 'update', 'charter_members', 'their own role (to coordinator)', 'none', change('charter_members', membership('copilHv'), () => ({ role: 'coordinator' }), { restore: () => restoreDemoMembership('copilHv', 'steering', null) })),
	c('coordHv', 'update', 'charter_members', 'their own role', 'none', change('charter_members', membership('coordHv'), () => ({ role: 'steering' }), { restore: () => restoreDemoMembership('coordHv', 'coordinator', null) })),
	c('coordHv', 'update', 'charter_members', 'another member’s role', 'ok', change('charter_members', outsiderMembership, () => ({ role: 'elected_official' }), { prepare: () => ensureMembership(() => fx.outsider.id, 'steering'), restore: () => drop('charter_members', outsiderMembership()) })),
	c('copilHv', 'update', 'charter_members', 'another member’s role', 'none', change('charter_members', outsiderMembership, () => ({ role: 'coordinator' }), { prepare: () => ensureMembership(() => fx.outsider.id, 'steering'), restore: () => drop('charter_members', outsiderMembership()) })),
	c('newUser', 'delete', 'charter_members', 'their own membership', 'none', remove('charter_members', () => ensureMembership(() => fx.newUser.id, 'elected_official'), { restore: () => ensureMembership(() => fx.newUser.id, 'elected_official') })),
	c('arsNa', 'delete', 'charter_members', 'their own membership', 'none', remove('charter_members', async () => membership('arsNa')(), { restore: () => restoreDemoMembership('arsNa', 'partner_rep', org.ars) })),
	c('coordHv', 'delete', 'charter_members', 'another member', 'ok', remove('charter_members', () => ensureMembership(() => fx.outsider.id, 'steering'))),
	c('copilHv', 'delete', 'charter_members', 'another member', 'none', remove('charter_members', () => ensureMembership(() => fx.outsider.id, 'steering'))),

	// --------------------------------------------------------------------------------- charter_creators
	// written by the service role only (a platform administrator); a person reads whether they have the right
	c('coordHv', 'select', 'charter_creators', 'their own right to create charters', 'ok', read('charter_creators', () => ({ user_id: uid('coordHv') }))),
	c('coordHv', 'select', 'charter_creators', 'another coordinator’s right', 'none', read('charter_creators', () => ({ user_id: uid('coordNormandie') }))),
	c('anon', 'select', 'charter_creators', 'who may create charters', '42501', read('charter_creators', () => ({ user_id: uid('coordHv') }))),
	c('outsider', 'insert', 'charter_creators', 'the right for themselves', '42501', create('charter_creators', () => ({ user_id: fx.outsider.id }), ['user_id'])),
	c('coordHv', 'insert', 'charter_creators', 'the right for a partner', '42501', create('charter_creators', () => ({ user_id: uid('arsNa') }), ['user_id'])),
	c('coordHv', 'update', 'charter_creators', 'their own right, given to a partner', '42501', change('charter_creators', () => ({ user_id: uid('coordHv') }), () => ({ user_id: uid('arsNa') }))),
	c('coordHv', 'delete', 'charter_creators', 'another coordinator’s right', '42501', remove('charter_creators', async () => ({ user_id: uid('coordNormandie') }), { restore: async () => void (await put('charter_creators', { user_id: uid('coordNormandie') })) })),

	// --------------------------------------------------------------------------------- official_communes
	c('copilHv', 'select', 'official_communes', 'communes of their charter’s officials', 'ok', read('official_communes', () => ({ charter_id: HV, user_id: uid('maireHv') }))),
	c('coordNormandie', 'select', 'official_communes', 'communes of Haute-Vienne officials', 'none', read('official_communes', () => ({ charter_id: HV, user_id: uid('maireHv') }))),
	c('anon', 'select', 'official_communes', 'communes of officials', '42501', read('official_communes', () => ({ charter_id: HV, user_id: uid('maireHv') }))),
	c('coordHv', 'insert', 'official_communes', 'a commune for an official of their charter', 'ok', create('official_communes', official(() => fx.newUser.id, '87085'), OFFICIAL_KEY)),
	c('coordHv', 'insert', 'official_communes', 'a commune for a member who is no elected official', '42501', create('official_communes', official(() => uid('copilHv'), '87085'), OFFICIAL_KEY)),
	c('copilHv', 'insert', 'official_communes', 'a commune for an official', '42501', create('official_communes', official(() => fx.newUser.id, '87085'), OFFICIAL_KEY)),
	c('maireHv', 'insert', 'official_communes', 'another commune for themselves', '42501', create('official_communes', official(() => uid('maireHv'), '87154'), OFFICIAL_KEY)),
	c('maireHv', 'update', 'official_communes', 'one of their own communes', 'none', change('official_communes', official(() => uid('maireHv'), '87187'), () => ({ commune_code: '87154' }), { restore: async () => { await drop('official_communes', official(() => uid('maireHv'), '87154')()); await put('official_communes', official(() => uid('maireHv'), '87187')()); } })),
	c('coordHv', 'update', 'official_communes', 'the commune of an official', 'ok', change('official_communes', official(() => fx.newUser.id, '87020'), () => ({ commune_code: '87050' }), { prepare: () => put('official_communes', official(() => fx.newUser.id, '87020')()), restore: () => drop('official_communes', official(() => fx.newUser.id, '87050')()) })),
	c('maireHv', 'delete', 'official_communes', 'one of their own communes', 'none', remove('official_communes', async () => official(() => uid('maireHv'), '87187')(), { restore: async () => void (await put('official_communes', official(() => uid('maireHv'), '87187')())) })),
	c('coordHv', 'delete', 'official_communes', 'the commune of an official', 'ok', remove('official_communes', () => put('official_communes', official(() => fx.newUser.id, '87020')()))),
	c('copilHv', 'delete', 'official_communes', 'the commune of an official', 'none', remove('official_communes', () => put('official_communes', official(() => fx.newUser.id, '87020')()))),

	// --------------------------------------------------------------------------------- invitations
	c('coordHv', 'select', 'invitations', 'invitations of their charter', 'ok', read('invitations', () => ({ id: fx.invitation }))),
	c('copilHv', 'select', 'invitations', 'invitations of their charter', 'none', read('invitations', () => ({ id: fx.invitation }))),
	c('arsNa', 'select', 'invitations', 'invitations of their charter', 'none', read('invitations', () => ({ id: fx.invitation }))),
	c('anon', 'select', 'invitations', 'invitations', '42501', read('invitations', () => ({ id: fx.invitation }))),
	c('coordHv', 'insert', 'invitations', 'an invitation to their charter', 'ok', create('invitations', invitationRow(HV, 'coordHv'))),
	c('copilHv', 'insert', 'invitations', 'an invitation to their charter', '42501', create('invitations', invitationRow(HV, 'copilHv'))),
	c('coordNormandie', 'insert', 'invitations', 'an invitation to Haute-Vienne', '42501', create('invitations', invitationRow(HV, 'coordNormandie'))),
	c('coordHv', 'update', 'invitations', 'revoke an invitation', 'ok', change('invitations', () => ({ id: fx.invitation }), () => ({ status: 'revoked' }), { restore: () => set('invitations', { id: fx.invitation }, { status: 'pending' }) })),
	c('copilHv', 'update', 'invitations', 'revoke an invitation', 'none', change('invitations', () => ({ id: fx.invitation }), () => ({ status: 'revoked' }))),
	c('coordHv', 'delete', 'invitations', 'an invitation', 'ok', remove('invitations', () => put('invitations', invitationRow(HV, 'coordHv')()))),
	c('copilHv', 'delete', 'invitations', 'an invitation', 'none', remove('invitations', () => put('invitations', invitationRow(HV, 'coordHv')()))),

	// --------------------------------------------------------------------------------- objectives
	c('anon', 'select', 'objectives', 'objectives of the published Haute-Vienne plan', 'ok', read('objectives', () => ({ id: ids.objective('haute-vienne', '1') }))),
	c('anon', 'select', 'objectives', 'objectives of the unpublished Vaucluse', 'none', read('objectives', () => ({ id: ids.objective('vaucluse', '1') }))),
	c('coordNormandie', 'select', 'objectives', 'objectives of Vaucluse', 'none', read('objectives', () => ({ id: ids.objective('vaucluse', '1') }))),
	c('coordVaucluse', 'select', 'objectives', 'objectives of their charter', 'ok', read('objectives', () => ({ id: ids.objective('vaucluse', '1') }))),
	c('coordHv', 'insert', 'objectives', 'an objective of their charter', 'ok', create('objectives', objectiveRow(HV))),
	c('coordHv', 'insert', 'objectives', 'an objective of Normandie', '42501', create('objectives', objectiveRow(NORMANDIE))),
	c('cptsDropt', 'insert', 'objectives', 'an objective of Haute-Vienne', '42501', create('objectives', objectiveRow(HV))),
	c('coordNormandie', 'insert', 'objectives', 'an objective of their charter', 'ok', create('objectives', objectiveRow(NORMANDIE))),
	c('copilHv', 'insert', 'objectives', 'an objective of their charter', '42501', create('objectives', objectiveRow(HV))),
	c('arsNa', 'insert', 'objectives', 'an objective of their charter', '42501', create('objectives', objectiveRow(HV))),
	c('maireHv', 'insert', 'objectives', 'an objective of their charter', '42501', create('objectives', objectiveRow(HV))),
	c('anon', 'insert', 'objectives', 'an objective', '42501', create('objectives', objectiveRow(HV))),
	c('coordHv', 'update', 'objectives', 'an objective of their charter', 'ok', change('objectives', () => ({ id: fx.objective }), () => ({ description: `Description ${randomUUID()}` }))),
	c('copilHv', 'update', 'objectives', 'an objective of their charter', 'none', change('objectives', () => ({ id: fx.objective }), () => ({ description: `Description ${randomUUID()}` }))),
	c('arsNa', 'update', 'objectives', 'an objective of their charter', 'none', change('objectives', () => ({ id: fx.objective }), () => ({ description: `Description ${randomUUID()}` }))),
	c('coordNormandie', 'update', 'objectives', 'an objective of Haute-Vienne', 'none', change('objectives', () => ({ id: fx.objective }), () => ({ description: `Description ${randomUUID()}` }))),
	c('coordHv', 'delete', 'objectives', 'an objective of their charter', 'ok', remove('objectives', () => newObjective())),
	c('copilHv', 'delete', 'objectives', 'an objective of their charter', 'none', remove('objectives', () => newObjective())),
	c('coordNormandie', 'delete', 'objectives', 'an objective of Haute-Vienne', 'none', remove('objectives', () => newObjective())),

	// --------------------------------------------------------------------------------- actions
	c('anon', 'select', 'actions', 'action 1.1 of the published Haute-Vienne plan', 'ok', read('actions', () => ({ id: HV_ACTION_11 }))),
	c('anon', 'select', 'actions', 'actions of the unpublished Vaucluse', 'none', read('actions', () => ({ id: ids.action('vaucluse', '1.1') }))),
	c('coordNormandie', 'select', 'actions', 'actions of Vaucluse', 'none', read('actions', () => ({ id: ids.action('vaucluse', '1.1') }))),
	c('maireHv', 'select', 'actions', 'actions of their charter', 'ok', read('actions', () => ({ id: HV_ACTION_11 }))),
	c('coordHv', 'insert', 'actions', 'an action of their charter', 'ok', create('actions', actionRow(() => fx.objective))),
	c('coordNormandie', 'insert', 'actions', 'an action of their charter', 'ok', create('actions', actionRow(() => fx.normandieObjective, NORMANDIE))),
	c('coordNormandie', 'insert', 'actions', 'an action of Haute-Vienne', '42501', create('actions', actionRow(() => fx.objective))),
	c('copilHv', 'insert', 'actions', 'an action of their charter', '42501', create('actions', actionRow(() => fx.objective))),
	c('arsNa', 'insert', 'actions', 'an action led by their organization', '42501', create('actions', actionRow(() => fx.objective))),
	c('coordHv', 'update', 'actions', 'an action of their charter', 'ok', change('actions', () => ({ id: fx.arsAction }), () => ({ description: `Description ${randomUUID()}` }))),
	c('arsNa', 'update', 'actions', 'PATCH of an action their organization leads (progress goes through record_action_update)', 'none', change('actions', () => ({ id: fx.arsAction }), () => ({ progress: 99 }))),
	c('arsNa', 'update', 'actions', 'PATCH of another partner’s action', 'none', change('actions', () => ({ id: fx.facAction }), () => ({ progress: 99 }))),
	c('ordre87', 'update', 'actions', 'PATCH of an action their organization contributes to', 'none', change('actions', () => ({ id: fx.facAction }), () => ({ status: 'blocked' }))),
	c('copilHv', 'update', 'actions', 'an action of their charter', 'none', change('actions', () => ({ id: fx.arsAction }), () => ({ status: 'blocked' }))),
	c('maireHv', 'update', 'actions', 'an action of their charter', 'none', change('actions', () => ({ id: fx.arsAction }), () => ({ status: 'blocked' }))),
	c('coordNormandie', 'update', 'actions', 'an action of Haute-Vienne', 'none', change('actions', () => ({ id: fx.arsAction }), () => ({ status: 'blocked' }))),
	c('coordHv', 'delete', 'actions', 'an action without history', 'ok', remove('actions', () => newAction())),
	c('coordHv', 'delete', 'actions', 'an action with a journal (archive it instead)', 'PT409', remove('actions', () => newAction({ journal: true }), { restore: async () => undefined })),
	c('copilHv', 'delete', 'actions', 'an action of their charter', 'none', remove('actions', () => newAction())),
	c('arsNa', 'delete', 'actions', 'an action their organization leads', 'none', remove('actions', () => newAction())),

	// --------------------------------------------------------------------------------- action_partners
	c('anon', 'select', 'action_partners', 'partners of a published action', 'none', read('action_partners', () => ({ action_id: HV_ACTION_11 }))),
	c('copilHv', 'select', 'action_partners', 'partners of their charter’s actions', 'ok', read('action_partners', () => ({ action_id: HV_ACTION_11 }))),
	c('coordNormandie', 'select', 'action_partners', 'partners of Haute-Vienne actions', 'none', read('action_partners', () => ({ action_id: HV_ACTION_11 }))),
	c('coordHv', 'insert', 'action_partners', 'a contributor to an action of their charter', 'ok', create('action_partners', actionPartner(() => fx.arsAction, org.cd87, 'contributor'), ACTION_PARTNER_KEY)),
	c('copilHv', 'insert', 'action_partners', 'a contributor', '42501', create('action_partners', actionPartner(() => fx.arsAction, org.cd87, 'contributor'), ACTION_PARTNER_KEY)),
	c('arsNa', 'insert', 'action_partners', 'a contributor to the action they lead', '42501', create('action_partners', actionPartner(() => fx.arsAction, org.cd87, 'contributor'), ACTION_PARTNER_KEY)),
	c('coordHv', 'update', 'action_partners', 'the role of a partner of an action', 'ok', change('action_partners', actionPartner(() => fx.arsAction, org.mspBellac, 'contributor'), () => ({ role: 'funder' }), { prepare: () => put('action_partners', actionPartner(() => fx.arsAction, org.mspBellac, 'contributor')()), restore: () => drop('action_partners', { action_id: fx.arsAction, organization_id: org.mspBellac }) })),
	c('copilHv', 'update', 'action_partners', 'the role of a partner of an action', 'none', change('action_partners', actionPartner(() => fx.facAction, org.ordre87, 'contributor'), () => ({ role: 'funder' }))),
	c('coordHv', 'delete', 'action_partners', 'a partner of an action', 'ok', remove('action_partners', () => put('action_partners', actionPartner(() => fx.arsAction, org.mspBellac, 'funder')()))),
	c('arsNa', 'delete', 'action_partners', 'a partner of the action they lead', 'none', remove('action_partners', () => put('action_partners', actionPartner(() => fx.arsAction, org.mspBellac, 'funder')()))),

	// --------------------------------------------------------------------------------- action_communes
	c('anon', 'select', 'action_communes', 'communes of the published Vichy bus', 'none', read('action_communes', () => ({ action_id: ids.action('vichy', '1.1'), commune_code: '03310' }))),
	c('copilHv', 'select', 'action_communes', 'communes of their charter’s actions', 'ok', read('action_communes', () => ({ action_id: fx.arsAction }))),
	c('coordNormandie', 'select', 'action_communes', 'communes of Haute-Vienne actions', 'none', read('action_communes', () => ({ action_id: fx.arsAction }))),
	c('coordHv', 'insert', 'action_communes', 'a commune of an action of their charter', 'ok', create('action_communes', actionCommune(() => fx.arsAction, '87154'), ACTION_COMMUNE_KEY)),
	c('copilHv', 'insert', 'action_communes', 'a commune of an action', '42501', create('action_communes', actionCommune(() => fx.arsAction, '87154'), ACTION_COMMUNE_KEY)),
	c('arsNa', 'insert', 'action_communes', 'a commune of the action they lead', '42501', create('action_communes', actionCommune(() => fx.arsAction, '87154'), ACTION_COMMUNE_KEY)),
	c('coordHv', 'update', 'action_communes', 'a commune of an action', 'ok', change('action_communes', actionCommune(() => fx.arsAction, '87020'), () => ({ commune_code: '87050' }), { prepare: () => put('action_communes', actionCommune(() => fx.arsAction, '87020')()), restore: () => drop('action_communes', actionCommune(() => fx.arsAction, '87050')()) })),
	c('copilHv', 'update', 'action_communes', 'a commune of an action', 'none', change('action_communes', actionCommune(() => fx.arsAction, '87085'), () => ({ commune_code: '87065' }))),
	c('coordHv', 'delete', 'action_communes', 'a commune of an action', 'ok', remove('action_communes', () => put('action_communes', actionCommune(() => fx.arsAction, '87066')()))),
	c('copilHv', 'delete', 'action_communes', 'a commune of an action', 'none', remove('action_communes', () => put('action_communes', actionCommune(() => fx.arsAction, '87066')()))),

	// --------------------------------------------------------------------------------- action_updates (journal)
	c('anon', 'select', 'action_updates', 'the journal of a published charter', 'none', read('action_updates', () => ({ action_id: HV_ACTION_11 }))),
	c('copilHv', 'select', 'action_updates', 'the journal of their charter', 'ok', read('action_updates', () => ({ action_id: HV_ACTION_11 }))),
	c('maireHv', 'select', 'action_updates', 'the journal of their charter', 'ok', read('action_updates', () => ({ action_id: HV_ACTION_11 }))),
	c('coordNormandie', 'select', 'action_updates', 'the journal of Haute-Vienne', 'none', read('action_updates', () => ({ action_id: HV_ACTION_11 }))),
	c('arsNa', 'insert', 'action_updates', 'an entry for the action their organization leads', 'ok', create('action_updates', journalRow(() => fx.arsAction, () => uid('arsNa')))),
	c('ordre87', 'insert', 'action_updates', 'an entry (same status) for an action their organization contributes to', 'ok', custom(async (db) => {
		const row = { ...journalRow(() => fx.facAction, () => uid('ordre87'))(), status: await currentStatus(fx.facAction) };
		const { error } = await db.from('action_updates').insert(row);
		return { error: errorOf(error), effect: (await countRows('action_updates', { id: row.id })) === 1 };
	})),
	c('ordre87', 'insert', 'action_updates', 'an entry that changes the status of an action another organization leads', 'PT403', create('action_updates', () => ({ ...journalRow(() => fx.facAction, () => uid('ordre87'))(), status: 'abandoned' }))),
	c('coordHv', 'insert', 'action_updates', 'an entry for any action of their charter', 'ok', create('action_updates', journalRow(() => fx.facAction, () => uid('coordHv')))),
	c('arsNa', 'insert', 'action_updates', 'an entry for another partner’s action', '42501', create('action_updates', journalRow(() => fx.facAction, () => uid('arsNa')))),
	c('arsNa', 'insert', 'action_updates', 'an entry in someone else’s name: recorded in their own', 'ok', custom(async (db) => {
		const row = journalRow(() => fx.arsAction, () => uid('coordHv'))();
		const { error } = await db.from('action_updates').insert(row);
		const saved = await su.query<{ author_id: string; organization_id: string }>('select author_id, organization_id from public.action_updates where id = $1', [row.id]);
		if (saved.length) expect(saved[0]).toEqual({ author_id: uid('arsNa'), organization_id: org.ars });
		return { error: errorOf(error), effect: saved.length === 1 };
	})),
	c('arsNa', 'insert', 'action_updates', 'an entry for an archived action their organization leads', '42501', create('action_updates', journalRow(() => fx.archivedAction, () => uid('arsNa')))),
	c('copilHv', 'insert', 'action_updates', 'an entry', '42501', create('action_updates', journalRow(() => fx.arsAction, () => uid('copilHv')))),
	c('maireHv', 'insert', 'action_updates', 'an entry', '42501', create('action_updates', journalRow(() => fx.arsAction, () => uid('maireHv')))),
	c('anon', 'insert', 'action_updates', 'an entry', '42501', create('action_updates', journalRow(() => fx.arsAction, () => uid('arsNa')))),
	c('coordHv', 'update', 'action_updates', 'an entry of their charter', '42501', change('action_updates', () => ({ id: fx.journalRow }), () => ({ comment: `Réécrit ${T}` }))),
	c('arsNa', 'update', 'action_updates', 'their own entry', '42501', change('action_updates', () => ({ id: fx.journalRow }), () => ({ progress: 90 }))),
	c('service', 'update', 'action_updates', 'an entry (not even the service role)', 'PT403', change('action_updates', () => ({ id: fx.journalRow }), () => ({ comment: `Réécrit ${T}` }))),
	c('coordHv', 'delete', 'action_updates', 'an entry of their charter', '42501', remove('action_updates', async () => ({ id: fx.journalRow }), { restore: async () => undefined })),
	c('arsNa', 'delete', 'action_updates', 'their own entry', '42501', remove('action_updates', async () => ({ id: fx.journalRow }), { restore: async () => undefined })),
	c('service', 'delete', 'action_updates', 'an entry (not even the service role)', 'PT403', remove('action_updates', async () => ({ id: fx.journalRow }), { restore: async () => undefined })),

	// --------------------------------------------------------------------------------- record_action_update
	c('arsNa', 'rpc', 'record_action_update', 'on the action their organization leads', 'ok', recordUpdate(() => fx.arsAction)),
	c('ordre87', 'rpc', 'record_action_update', 'progress on an action their organization contributes to', 'ok', recordUpdate(() => fx.facAction, 'keep')),
	c('ordre87', 'rpc', 'record_action_update', 'abandoning an action another organization leads', 'PT403', recordUpdate(() => fx.facAction, 'abandoned')),
	c('arsNa', 'rpc', 'record_action_update', 'abandoning the action their organization leads', 'ok', recordUpdate(() => fx.arsAction, 'abandoned')),
	c('arsNa', 'rpc', 'record_action_update', 'on the action their organization leads, back in progress', 'ok', recordUpdate(() => fx.arsAction)),
	c('coordHv', 'rpc', 'record_action_update', 'on any action of their charter', 'ok', recordUpdate(() => fx.arsAction)),
	c('arsNa', 'rpc', 'record_action_update', 'on an action their organization neither leads nor contributes to', 'PT403', recordUpdate(() => fx.facAction)),
	c('arsNa', 'rpc', 'record_action_update', 'on an archived action', 'PT403', recordUpdate(() => fx.archivedAction)),
	c('copilHv', 'rpc', 'record_action_update', 'on an action of their charter', 'PT403', recordUpdate(() => fx.arsAction)),
	c('maireHv', 'rpc', 'record_action_update', 'on an action of their charter', 'PT403', recordUpdate(() => fx.arsAction)),
	c('coordNormandie', 'rpc', 'record_action_update', 'on an action of Haute-Vienne', 'PT403', recordUpdate(() => fx.arsAction)),
	c('anon', 'rpc', 'record_action_update', 'on a published action', '42501', recordUpdate(() => fx.arsAction)),

	// --------------------------------------------------------------------------------- indicators
	c('anon', 'select', 'indicators', 'indicators of the published Haute-Vienne plan', 'ok', read('indicators', () => ({ id: HV_INDICATOR_INSTALLATIONS }))),
	c('anon', 'select', 'indicators', 'indicators of the unpublished Vaucluse', 'none', read('indicators', () => ({ id: fx.vauclusePrivateIndicator }))),
	c('coordNormandie', 'select', 'indicators', 'indicators of Vaucluse', 'none', read('indicators', () => ({ id: fx.vauclusePrivateIndicator }))),
	c('coordHv', 'insert', 'indicators', 'an indicator of their charter', 'ok', create('indicators', indicatorRow(HV, () => fx.arsAction))),
	c('coordHv', 'insert', 'indicators', 'an indicator of Vaucluse', '42501', create('indicators', indicatorRow(VAUCLUSE, () => null))),
	c('copilHv', 'insert', 'indicators', 'an indicator of their charter', '42501', create('indicators', indicatorRow(HV, () => fx.arsAction))),
	c('arsNa', 'insert', 'indicators', 'an indicator of the action they lead', '42501', create('indicators', indicatorRow(HV, () => fx.arsAction))),
	c('coordHv', 'update', 'indicators', 'an indicator of their charter', 'ok', change('indicators', () => ({ id: fx.arsIndicator }), () => ({ target: Math.floor(Math.random() * 1000) + 1 }))),
	c('arsNa', 'update', 'indicators', 'the target of an indicator of their action', 'none', change('indicators', () => ({ id: fx.arsIndicator }), () => ({ target: 5000 }))),
	c('copilHv', 'update', 'indicators', 'an indicator of their charter', 'none', change('indicators', () => ({ id: fx.arsIndicator }), () => ({ target: 5000 }))),
	c('coordHv', 'delete', 'indicators', 'an indicator of their charter', 'ok', remove('indicators', () => newIndicator())),
	c('copilHv', 'delete', 'indicators', 'an indicator of their charter', 'none', remove('indicators', () => newIndicator())),
	c('arsNa', 'delete', 'indicators', 'an indicator of the action they lead', 'none', remove('indicators', () => newIndicator())),

	// --------------------------------------------------------------------------------- indicator_values
	c('anon', 'select', 'indicator_values', 'the 450 participants of the Ain (published)', 'ok', read('indicator_values', () => ({ indicator_id: ids.indicator('ain-participants') }))),
	c('anon', 'select', 'indicator_values', 'values of the unpublished Vaucluse', 'none', read('indicator_values', () => ({ id: fx.vauclusePrivateValue }))),
	c('copilHv', 'select', 'indicator_values', 'values of their charter', 'ok', read('indicator_values', () => ({ id: fx.arsValue }))),
	c('coordNormandie', 'select', 'indicator_values', 'values of Vaucluse', 'none', read('indicator_values', () => ({ id: fx.vauclusePrivateValue }))),
	c('arsNa', 'insert', 'indicator_values', 'a value of an indicator of their organization’s action', 'ok', create('indicator_values', valueRow(() => fx.arsIndicator))),
	c('ordre87', 'insert', 'indicator_values', 'a value of an indicator of an action their organization contributes to', 'ok', create('indicator_values', valueRow(() => fx.facIndicator))),
	c('facLimoges', 'insert', 'indicator_values', 'a value of an indicator of the action their organization leads', 'ok', create('indicator_values', valueRow(() => fx.facIndicator))),
	c('coordHv', 'insert', 'indicator_values', 'a value of an objective-level indicator', 'ok', create('indicator_values', valueRow(() => HV_INDICATOR_INSTALLATIONS))),
	c('arsNa', 'insert', 'indicator_values', 'a value of an indicator of another partner’s action', '42501', create('indicator_values', valueRow(() => fx.facIndicator))),
	c('arsNa', 'insert', 'indicator_values', 'a value of an objective-level indicator', '42501', create('indicator_values', valueRow(() => HV_INDICATOR_INSTALLATIONS))),
	c('copilHv', 'insert', 'indicator_values', 'a value', '42501', create('indicator_values', valueRow(() => fx.arsIndicator))),
	c('maireHv', 'insert', 'indicator_values', 'a value', '42501', create('indicator_values', valueRow(() => fx.arsIndicator))),
	c('coordNormandie', 'insert', 'indicator_values', 'a value of a Haute-Vienne indicator', '42501', create('indicator_values', valueRow(() => fx.arsIndicator))),
	c('arsNa', 'insert', 'indicator_values', 'a value in someone else’s name: recorded in their own', 'ok', custom(async (db) => {
		const row = { ...valueRow(() => fx.arsIndicator)(), entered_by: uid('coordHv') };
		try {
			const { error } = await db.from('indicator_values').insert(row);
			const saved = await su.query<{ entered_by: string }>('select entered_by from public.indicator_values where id = $1', [row.id]);
			if (saved.length) expect(saved[0].entered_by).toBe(uid('arsNa'));
			return { error: errorOf(error), effect: saved.length === 1 };
		} finally {
			await su.query('delete from public.indicator_values where id = $1', [row.id]);
		}
	})),
	c('arsNa', 'update', 'indicator_values', 'a value of their organization’s indicator', 'ok', change('indicator_values', () => ({ id: fx.arsValue }), () => ({ value: Math.floor(Math.random() * 1000) + 2 }))),
	c('arsNa', 'update', 'indicator_values', 'a value of another partner’s indicator', 'none', change('indicator_values', () => ({ id: fx.facValue }), () => ({ value: 777 }))),
	c('arsNa', 'update', 'indicator_values', 'move their value to another partner’s indicator', '42501', change('indicator_values', () => ({ id: fx.arsValue }), () => ({ indicator_id: fx.facIndicator }))),
	c('copilHv', 'update', 'indicator_values', 'a value of their charter', 'none', change('indicator_values', () => ({ id: fx.arsValue }), () => ({ value: 777 }))),
	c('coordHv', 'update', 'indicator_values', 'a value of their charter', 'ok', change('indicator_values', () => ({ id: fx.facValue }), () => ({ value: Math.floor(Math.random() * 1000) + 2 }))),
	c('arsNa', 'delete', 'indicator_values', 'a value of their organization’s indicator', 'none', remove('indicator_values', () => newValue(fx.arsIndicator))),
	c('coordHv', 'delete', 'indicator_values', 'a value of their charter', 'ok', remove('indicator_values', () => newValue(fx.arsIndicator))),

	// --------------------------------------------------------------------------------- fundings
	c('anon', 'select', 'fundings', 'the Cholet envelope (published charter)', 'none', read('fundings', () => ({ charter_id: CHOLET }))),
	c('copilHv', 'select', 'fundings', 'fundings of their charter', 'ok', read('fundings', () => ({ id: fx.cd87Funding }))),
	c('arsNa', 'select', 'fundings', 'fundings of other organizations of their charter', 'ok', read('fundings', () => ({ id: fx.cd87Funding }))),
	c('coordNormandie', 'select', 'fundings', 'fundings of Haute-Vienne', 'none', read('fundings', () => ({ id: fx.cd87Funding }))),
	c('coordHv', 'insert', 'fundings', 'a funding of their charter', 'ok', create('fundings', fundingRow(HV, org.cd87))),
	c('coordHv', 'insert', 'fundings', 'a funding of Normandie', '42501', create('fundings', fundingRow(NORMANDIE, org.cd87))),
	c('arsNa', 'insert', 'fundings', 'a funding of their own organization', '42501', create('fundings', fundingRow(HV, org.ars))),
	c('copilHv', 'insert', 'fundings', 'a funding', '42501', create('fundings', fundingRow(HV, org.cd87))),
	c('cptsDropt', 'select', 'fundings', 'the three co-financings of their charter', 'ok', read('fundings', () => ({ charter_id: DROPT }))),
	c('cptsDropt', 'select', 'fundings', 'fundings of Haute-Vienne', 'none', read('fundings', () => ({ id: fx.cd87Funding }))),
	c('cptsDropt', 'insert', 'fundings', 'a funding of Haute-Vienne', '42501', create('fundings', fundingRow(HV, org.cd87))),
	c('arsNa', 'update', 'fundings', 'the amounts of their own organization’s funding', 'ok', change('fundings', () => ({ id: fx.arsFunding }), amounts)),
	c('arsNa', 'update', 'fundings', 'the amounts of another organization’s funding', 'none', change('fundings', () => ({ id: fx.cd87Funding }), amounts)),
	c('arsNa', 'update', 'fundings', 'the source of their own organization’s funding', 'PT403', change('fundings', () => ({ id: fx.arsFunding }), () => ({ source: `Autre ${T}` }))),
	c('arsNa', 'update', 'fundings', 'the note of their own organization’s funding (not an amount)', 'PT403', change('fundings', () => ({ id: fx.arsFunding }), () => ({ note: `Note ${randomUUID()}` }))),
	c('arsNa', 'update', 'fundings', 'the year of their own organization’s funding', 'PT403', change('fundings', () => ({ id: fx.arsFunding }), () => ({ year: 2031 }))),
	c('arsNa', 'update', 'fundings', 'hand their funding over to another organization', 'PT403', change('fundings', () => ({ id: fx.arsFunding }), () => ({ organization_id: org.cd87 }))),
	c('coordHv', 'update', 'fundings', 'the source of a funding of their charter', 'ok', change('fundings', () => ({ id: fx.cd87Funding }), () => ({ source: `Source ${T} ${randomUUID().slice(0, 8)}` }))),
	c('copilHv', 'update', 'fundings', 'amounts', 'none', change('fundings', () => ({ id: fx.arsFunding }), amounts)),
	c('coordNormandie', 'update', 'fundings', 'amounts of a Haute-Vienne funding', 'none', change('fundings', () => ({ id: fx.arsFunding }), amounts)),
	c('arsNa', 'delete', 'fundings', 'their own organization’s funding', 'none', remove('fundings', () => newFunding(org.ars))),
	c('coordHv', 'delete', 'fundings', 'a funding of their charter', 'ok', remove('fundings', () => newFunding(org.ars))),

	// --------------------------------------------------------------------------------- internships (personal data)
	c('coordHv', 'select', 'internships', 'an intern of their charter', 'ok', read('internships', () => ({ id: INTERN_SAINT_JUNIEN }))),
	c('copilHv', 'select', 'internships', 'an intern of their charter (counts only)', 'none', read('internships', () => ({ charter_id: HV }))),
	c('arsNa', 'select', 'internships', 'interns hosted by other organizations', 'none', read('internships', () => ({ charter_id: HV }))),
	c('maireHv', 'select', 'internships', 'an intern in another commune (Saint-Junien)', 'none', read('internships', () => ({ id: INTERN_SAINT_JUNIEN }))),
	c('maireHv', 'select', 'internships', 'the full row of an intern in their commune (they get official_arrivals())', 'none', read('internships', () => ({ id: INTERN_SAINT_YRIEIX }))),
	c('facLimoges', 'select', 'internships', 'an intern hosted by their faculty', 'ok', read('internships', () => ({ id: fx.facInternship }))),
	c('facLimoges', 'select', 'internships', 'an intern hosted by MSP Bellac', 'none', read('internships', () => ({ id: INTERN_BELLAC_HOST }))),
	c('ordre87', 'select', 'internships', 'an intern hosted by the faculty', 'none', read('internships', () => ({ id: fx.facInternship }))),
	c('coordNormandie', 'select', 'internships', 'interns of Haute-Vienne', 'none', read('internships', () => ({ charter_id: HV }))),
	c('anon', 'select', 'internships', 'interns', '42501', read('internships', () => ({ charter_id: HV }))),
	c('facLimoges', 'insert', 'internships', 'an intern hosted by their faculty', 'ok', create('internships', internshipRow(org.fac))),
	c('facLimoges', 'insert', 'internships', 'an intern hosted by MSP Bellac', '42501', create('internships', internshipRow(org.mspBellac))),
	c('ordre87', 'insert', 'internships', 'an intern hosted by the faculty', '42501', create('internships', internshipRow(org.fac))),
	c('coordHv', 'insert', 'internships', 'an intern of their charter', 'ok', create('internships', internshipRow(org.mspBellac))),
	c('copilHv', 'insert', 'internships', 'an intern', '42501', create('internships', internshipRow(org.mspBellac))),
	c('maireHv', 'insert', 'internships', 'an intern', '42501', create('internships', internshipRow(org.mspBellac))),
	c('facLimoges', 'update', 'internships', 'an intern hosted by their faculty', 'ok', change('internships', () => ({ id: fx.facInternship }), () => ({ housing_note: `Note ${randomUUID().slice(0, 8)}` }))),
	c('facLimoges', 'update', 'internships', 'hand their intern over to MSP Bellac', '42501', change('internships', () => ({ id: fx.facInternship }), () => ({ host_organization_id: org.mspBellac }))),
	c('ordre87', 'update', 'internships', 'an intern hosted by the faculty', 'none', change('internships', () => ({ id: fx.facInternship }), () => ({ housing_note: `Note ${T}` }))),
	c('maireHv', 'update', 'internships', 'an intern in their commune', 'none', change('internships', () => ({ id: INTERN_SAINT_YRIEIX }), () => ({ housing_note: `Note ${T}` }))),
	c('copilHv', 'update', 'internships', 'an intern', 'none', change('internships', () => ({ id: fx.facInternship }), () => ({ housing_note: `Note ${T}` }))),
	c('coordHv', 'update', 'internships', 'an intern of their charter', 'ok', change('internships', () => ({ id: fx.facInternship }), () => ({ status: 'confirmed' }), { restore: () => set('internships', { id: fx.facInternship }, { status: 'planned' }) })),
	c('facLimoges', 'delete', 'internships', 'an intern hosted by their faculty', 'ok', remove('internships', () => newInternship(org.fac))),
	c('ordre87', 'delete', 'internships', 'an intern hosted by the faculty', 'none', remove('internships', () => newInternship(org.fac))),
	c('copilHv', 'delete', 'internships', 'an intern', 'none', remove('internships', () => newInternship(org.fac))),
	c('coordHv', 'delete', 'internships', 'an intern of their charter', 'ok', remove('internships', () => newInternship(org.mspBellac))),

	// --------------------------------------------------------------------------------- internship aggregates
	...(['copilHv', 'maireHv', 'arsNa', 'coordHv'] as const).map((who) =>
		c(who, 'rpc', 'internship_counts', 'anonymous counts of their charter', 'ok', custom(async (db) => {
			const { data, error } = await db.rpc('internship_counts', { p_charter_id: HV });
			const rows = (data ?? []) as Row[];
			for (const row of rows)
				expect(Object.keys(row).sort()).toEqual(['commune_code', 'commune_name', 'month', 'placements', 'profession']);
			// the same cells as the rows give; a cell under 3 is withheld (null) from everyone but the coordination
			const cells = await su.query<{ n: string }>(
				`select count(*) as n from public.internships where charter_id = $1 and status <> 'cancelled'
				 group by commune_code, date_trunc('month', starts_on), profession`,
				[HV]
			);
			if (!error) {
				expect(rows.length).toBe(cells.length);
				const shown = (r: Row) => (r.placements === null ? null : Number(r.placements));
				if (who === 'coordHv') expect(rows.map(shown).sort()).toEqual(cells.map((c) => Number(c.n)).sort());
				else {
					expect(rows.every((r) => shown(r) === null || shown(r)! >= 3)).toBe(true);
					expect(rows.filter((r) => shown(r) === null).length).toBe(cells.filter((c) => Number(c.n) < 3).length);
				}
			}
			return { error: errorOf(error), effect: rows.length > 0 };
		}))
	),
	c('coordNormandie', 'rpc', 'internship_counts', 'counts of Haute-Vienne', 'none', custom(async (db) => {
		const { data, error } = await db.rpc('internship_counts', { p_charter_id: HV });
		return { error: errorOf(error), effect: ((data ?? []) as Row[]).length > 0 };
	})),
	c('anon', 'rpc', 'internship_counts', 'counts of a published charter', '42501', custom(async (db) => {
		const { data, error } = await db.rpc('internship_counts', { p_charter_id: HV });
		return { error: errorOf(error), effect: ((data ?? []) as Row[]).length > 0 };
	})),
	c('maireHv', 'rpc', 'official_arrivals', 'arrivals in their two communes only, with the supervisor and the host contact, without last name or e-mail', 'ok', custom(async (db) => {
		const { data, error } = await db.rpc('official_arrivals');
		const rows = (data ?? []) as Row[];
		const expected = await su.query<{ id: string }>(`select id from public.internships where charter_id = $1 and commune_code in ('87187', '87011') order by id`, [HV]);
		expect(rows.map((r) => r.internship_id).sort()).toEqual(expected.map((r) => r.id));
		expect(new Set(rows.map((r) => r.commune_code))).toEqual(new Set(['87187', '87011']));
		for (const row of rows) {
			expect(row).not.toHaveProperty('intern_last_name');
			expect(row).not.toHaveProperty('intern_email');
			// Whom the commune calls about the welcome: the supervisor and the host structure's contact (issue 13).
			expect(row).toHaveProperty('supervisor_name');
			expect(row).toHaveProperty('host_contact');
			expect(row.intern_first_name).toBeTruthy();
		}
		return { error: errorOf(error), effect: rows.length > 0 };
	})),
	...(['copilHv', 'coordHv', 'facLimoges'] as const).map((who) =>
		c(who, 'rpc', 'official_arrivals', 'arrivals (they cover no commune)', 'none', custom(async (db) => {
			const { data, error } = await db.rpc('official_arrivals');
			return { error: errorOf(error), effect: ((data ?? []) as Row[]).length > 0 };
		}))
	),
	c('anon', 'rpc', 'official_arrivals', 'arrivals', '42501', custom(async (db) => {
		const { data, error } = await db.rpc('official_arrivals');
		return { error: errorOf(error), effect: ((data ?? []) as Row[]).length > 0 };
	})),

	// --------------------------------------------------------------------------------- notifications (service role only)
	...(['anon', 'coordHv', 'copilHv', 'arsNa', 'maireHv'] as const).map((who) =>
		c(who, 'select', 'notifications', 'the outbox', '42501', custom(async (db) => {
			const { data, error } = await db.from('notifications').select('id').limit(1);
			return { error: errorOf(error), effect: (data?.length ?? 0) > 0 };
		}))
	),
	c('service', 'select', 'notifications', 'the outbox', 'ok', read('notifications', () => ({ dedupe_key: `${T}-fixture` }))),
	c('coordHv', 'insert', 'notifications', 'a message to send', '42501', create('notifications', notificationRow)),
	c('anon', 'insert', 'notifications', 'a message to send', '42501', create('notifications', notificationRow)),
	c('coordHv', 'update', 'notifications', 'a pending message', '42501', change('notifications', () => ({ dedupe_key: `${T}-fixture` }), () => ({ status: 'sent' }))),
	c('coordHv', 'delete', 'notifications', 'a message', '42501', remove('notifications', () => put('notifications', notificationRow()))),
];

// ------------------------------------------------------------------------------------------------ fixtures
async function createUser(email: string): Promise<string> {
	const { data, error } = await serviceClient().auth.admin.createUser({
		email,
		password: fx.password,
		email_confirm: true,
		user_metadata: { display_name: `Test ${T}` }
	});
	if (error || !data.user) throw new Error(`createUser ${email}: ${error?.message}`);
	return data.user.id;
}

beforeAll(async () => {
	fx.newUser.id = await createUser(fx.newUser.email);
	fx.outsider.id = await createUser(fx.outsider.email);
	const q = (text: string, values: unknown[]) => su.query(text, values);
	await q('insert into public.objectives (id, charter_id, code, title, position) values ($1, $2, $3, $4, 999)', [
		fx.objective,
		HV,
		uniqueCode(),
		`Objectif de test ${T}`
	]);
	const action =
		'insert into public.actions (id, charter_id, objective_id, code, title, lead_organization_id, archived_at) values ($1, $2, $3, $4, $5, $6, $7)';
	await q(action, [fx.arsAction, HV, fx.objective, uniqueCode(), `Action ARS ${T}`, org.ars, null]);
	await q(action, [fx.facAction, HV, fx.objective, uniqueCode(), `Action Faculté ${T}`, org.fac, null]);
	await q(action, [fx.archivedAction, HV, fx.objective, uniqueCode(), `Action archivée ${T}`, org.ars, new Date()]);
	await q(
		`insert into public.action_partners (action_id, charter_id, organization_id, role) values ($1, $2, $3, 'contributor')`,
		[fx.facAction, HV, org.ordre87]
	);
	await q(`insert into public.action_communes (action_id, charter_id, commune_code) values ($1, $2, '87085')`, [
		fx.arsAction,
		HV
	]);
	await q(
		`insert into public.action_updates (id, action_id, charter_id, author_id, status, progress, health, comment)
		 values ($1, $2, $3, $4, 'in_progress', 10, 'on_track', $5)`,
		[fx.journalRow, fx.arsAction, HV, uid('arsNa'), `Première entrée ${T}`]
	);
	const indicator = 'insert into public.indicators (id, charter_id, action_id, name) values ($1, $2, $3, $4)';
	await q(indicator, [fx.arsIndicator, HV, fx.arsAction, `Indicateur ARS ${T}`]);
	await q(indicator, [fx.facIndicator, HV, fx.facAction, `Indicateur Faculté ${T}`]);
	await q(indicator, [fx.vauclusePrivateIndicator, VAUCLUSE, null, `Indicateur VSA ${T}`]);
	const value =
		'insert into public.indicator_values (id, indicator_id, charter_id, measured_on, value) values ($1, $2, $3, $4, 1)';
	await q(value, [fx.arsValue, fx.arsIndicator, HV, '2026-01-01']);
	await q(value, [fx.facValue, fx.facIndicator, HV, '2026-01-01']);
	await q(value, [fx.vauclusePrivateValue, fx.vauclusePrivateIndicator, VAUCLUSE, '2026-01-01']);
	const funding =
		'insert into public.fundings (id, charter_id, action_id, organization_id, source, year, planned_amount) values ($1, $2, $3, $4, $5, 2026, $6)';
	await q(funding, [fx.arsFunding, HV, fx.arsAction, org.ars, `Test ${T}`, 1000]);
	await q(funding, [fx.cd87Funding, HV, null, org.cd87, `Test ${T}`, 2000]);
	await q(
		`insert into public.internships (id, charter_id, intern_first_name, intern_last_name, intern_email, profession, level,
		   host_organization_id, commune_code, starts_on, ends_on, status)
		 values ($1, $2, 'Zoé', $3, $4, 'medecine', 'externe', $5, '87085', '2027-01-04', '2027-03-26', 'planned')`,
		[fx.facInternship, HV, T, `${T}.fixture@example.com`, org.fac]
	);
	await q(
		`insert into public.invitations (id, charter_id, email, role, invited_by) values ($1, $2, $3, 'steering', $4)`,
		[fx.invitation, HV, `${T}.invite@example.com`, uid('coordHv')]
	);
	await q(`insert into public.charter_partners (charter_id, organization_id, role) values ($1, $2, 'contributor')`, [
		HV,
		org.mspSaintYrieix
	]);
	await ensureMembership(() => fx.newUser.id, 'elected_official');
	await q(`insert into public.official_communes (charter_id, user_id, commune_code) values ($1, $2, '87065')`, [
		HV,
		fx.newUser.id
	]);
	await q(
		`insert into public.notifications (kind, recipient_email, subject, body_text, dedupe_key) values ('test_kind', $1, 'x', 'x', $2)`,
		[`${T}@example.com`, `${T}-fixture`]
	);

	Object.assign(clients, await signInAll());
	clients.anon = anonClient();
	clients.service = serviceClient();
	clients.newUser = await signInAs(fx.newUser.email, fx.password);
	clients.outsider = await signInAs(fx.outsider.email, fx.password);
});

afterAll(async () => {
	const like = `%${T}%`;
	const actions = await su.query<{ id: string }>(
		'select id from public.actions where objective_id = $1 or title like $2',
		[fx.objective, like]
	);
	await su.purgeActions([fx.arsAction, fx.facAction, fx.archivedAction, ...actions.map((a) => a.id)]);
	await su.query('delete from public.objectives where id = $1 or title like $2', [fx.objective, like]);
	await su.query('delete from public.indicators where name like $1', [like]);
	await su.query('delete from public.fundings where id = any($1) or source like $2', [
		[fx.arsFunding, fx.cd87Funding],
		like
	]);
	await su.query('delete from public.internships where intern_last_name = $1', [T]);
	await su.query('delete from public.invitations where email like $1', [like]);
	await su.query('delete from public.charter_partners where charter_id = $1 and organization_id = $2', [
		HV,
		org.mspSaintYrieix
	]);
	await su.query('delete from public.organizations where name like $1', [like]);
	await su.query('delete from public.charters where title like $1', [like]);
	await su.query('delete from public.notifications where dedupe_key like $1', [like]);
	for (const user of [fx.newUser, fx.outsider]) if (user.id) await serviceClient().auth.admin.deleteUser(user.id);
	await su.end();
});

// ------------------------------------------------------------------------------------------------ the tests
describe('access table of docs/domain.md, through PostgREST', () => {
	it('covers every table of the contract for select, insert, update and delete', () => {
		const tables = [
			'organizations',
			'communes',
			'epcis',
			'charters',
			'charter_partners',
			'profiles',
			'charter_members',
			'official_communes',
			'invitations',
			'objectives',
			'actions',
			'action_partners',
			'action_communes',
			'action_updates',
			'indicators',
			'indicator_values',
			'fundings',
			'internships',
			'notifications'
		];
		for (const table of tables)
			for (const op of ['select', 'insert', 'update', 'delete'] as const)
				expect(
					cases.some((k) => k.table === table && k.op === op),
					`${table} ${op}`
				).toBe(true);
		// and each demo role appears, plus anon
		for (const who of ['anon', ...Object.keys(DEMO)])
			expect(
				cases.some((k) => k.who === who),
				who
			).toBe(true);
	});

	describeCases(cases, clients);
});

describe('scenarios across several tables', () => {
	it('an intern hosted by the faculty: created by fac.limoges, seen by the coordinator, not by Ordre 87 nor the mayor', async () => {
		const row = internshipRow(org.fac)();
		const { data, error } = await clients.facLimoges.from('internships').insert(row).select('id, intern_last_name');
		expect(error).toBeNull();
		expect(data).toEqual([{ id: row.id, intern_last_name: T }]);
		try {
			const seen = async (who: Who) =>
				(await clients[who].from('internships').select('id').eq('id', row.id)).data?.length ?? 0;
			expect(await seen('facLimoges')).toBe(1);
			expect(await seen('coordHv')).toBe(1);
			expect(await seen('ordre87')).toBe(0);
			expect(await seen('maireHv')).toBe(0);
			expect(await seen('copilHv')).toBe(0);
			// Limoges is not a commune of maire.hv: not in their arrivals either
			const arrivals = (await clients.maireHv.rpc('official_arrivals')).data as Row[];
			expect(arrivals.some((a) => a.internship_id === row.id)).toBe(false);
			// the steering member sees it counted, anonymously
			const counts = (await clients.copilHv.rpc('internship_counts', { p_charter_id: HV })).data as Row[];
			expect(counts.some((r) => r.commune_code === '87085' && r.month === '2027-05-01')).toBe(true);
		} finally {
			await su.query('delete from public.internships where id = $1', [row.id]);
		}
	});

	it('a new charter makes its creator its coordinator, who may then shape it, and nobody else', async () => {
		const id = randomUUID();
		// the right to create charters, as a platform administrator grants it
		await su.query('insert into public.charter_creators (user_id) values ($1) on conflict do nothing', [
			fx.outsider.id
		]);
		const insert = await clients.outsider
			.from('charters')
			.insert({ id, slug: `${T}-scenario`, title: `Charte ${T}`, scope_level: 'commune', created_by: fx.outsider.id });
		expect(insert.error).toBeNull();
		try {
			const members = await clients.outsider.from('charter_members').select('user_id, role').eq('charter_id', id);
			expect(members.data).toEqual([{ user_id: fx.outsider.id, role: 'coordinator' }]);
			const objective = await clients.outsider
				.from('objectives')
				.insert({ charter_id: id, code: '1', title: `Objectif ${T}` });
			expect(objective.error).toBeNull();
			// a draft is private: another signed-in user sees neither it nor its plan
			expect((await clients.coordHv.from('charters').select('id').eq('id', id)).data).toEqual([]);
			expect((await clients.coordHv.from('objectives').select('id').eq('charter_id', id)).data).toEqual([]);
			const removed = await clients.outsider.from('charters').delete({ count: 'exact' }).eq('id', id);
			expect(removed.count).toBe(1);
		} finally {
			await su.query('delete from public.charters where id = $1', [id]);
			await su.query('delete from public.charter_creators where user_id = $1', [fx.outsider.id]);
		}
	});
});
