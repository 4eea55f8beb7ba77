/**
 * A charter of its own for the installation pipeline's tests: one person per role, two partner organizations,
 * and requests and referrals written as the superuser with known counts (every number is chosen so that some
 * cells are under 3 and some are not). Dates are relative to today in Paris.
 */
import { randomUUID } from 'node:crypto';
import { serviceClient, sql, uniqueEmail } from '../helpers/env.ts';
import { shiftDays, todayParis } from '../helpers/dashboard-fixture.ts';

export const PIPELINE_PASSWORD = 'pipeline-demandes-2026';

export type PipelineRole = 'coordinator' | 'steering' | 'elected_official' | 'partner_rep' | 'outsider';

export interface PipelineFixture {
	charterId: string;
	slug: string;
	today: string;
	users: Record<PipelineRole, { id: string; email: string }>;
	organizations: { p1: string; p2: string };
	requests: { installed: string[]; fresh: string[]; inProgress: string[]; abandoned: string[] };
	/** Days from first contact to installation of the five installed requests. */
	delays: number[];
	installedOn: string[];
}

async function createUser(label: string): Promise<{ id: string; email: string }> {
	const email = uniqueEmail(label);
	const { data, error } = await serviceClient().auth.admin.createUser({
		email,
		password: PIPELINE_PASSWORD,
		email_confirm: true,
		user_metadata: { display_name: `Test ${label}` }
	});
	if (error || !data.user) throw new Error(`createUser: ${error?.message}`);
	return { id: data.user.id, email };
}

/** Inserts one request as the superuser and returns its id. */
export async function insertRequest(
	charterId: string,
	fields: {
		status?: string;
		profession?: string;
		needs?: string[];
		installedOn?: string;
		commune?: string;
	} = {}
): Promise<string> {
	const status = fields.status ?? 'new';
	const [row] = await sql<{ id: string }>(
		`insert into public.support_requests (charter_id, requester_first_name, requester_email, profession, stage,
		   needs, channel, status, installed_on, installed_commune_code, installed_mode, outcome_note)
		 values ($1, 'Camille', $2, $3, 'interne', $4::public.support_need[], 'phone', $5, $6, $7, $8, $9)
		 returning id`,
		[
			charterId,
			uniqueEmail('demande'),
			fields.profession ?? 'medecine',
			fields.needs ?? [],
			status,
			status === 'installed' ? fields.installedOn : null,
			status === 'installed' ? (fields.commune ?? '84031') : null,
			status === 'installed' ? 'liberal' : null,
			status === 'abandoned' ? 'Projet ailleurs' : null
		]
	);
	return row.id;
}

/**
 * Moves a request's first contact back in time (the database stamps it on insert and refuses to change it), with
 * the triggers off, then rewrites the pipeline's figures as any load with the triggers off must.
 */
export async function backdate(ids: string[], day: string): Promise<void> {
	await sql(
		`begin;
		 set local session_replication_role = replica;
		 update public.support_requests set created_at = ('${day}'::date + time '10:00') at time zone 'Europe/Paris'
		 where id = any ('{${ids.join(',')}}'::uuid[]);
		 select private.refresh_support_pipeline_figures(array(
		   select distinct charter_id from public.support_requests where id = any ('{${ids.join(',')}}'::uuid[])));
		 commit;`
	);
}

/**
 * 12 requests: 5 installed (medecine; 3 in Carpentras, 2 in Avignon), 2 new (kinesitherapie), 4 in progress
 * (medecine), 1 abandoned (pharmacie). Needs: logement ×4, locaux ×1. Referrals: P1 has 4 (3 done before their
 * due date, 1 sent and overdue); P2 has 3 (1 accepted after its due date, 2 sent and overdue).
 */
export async function createPipelineFixture(): Promise<PipelineFixture> {
	const tag = randomUUID().slice(0, 8);
	const today = todayParis();
	const users = {
		coordinator: await createUser(`coord-pipeline`),
		steering: await createUser(`copil-pipeline`),
		elected_official: await createUser(`elu-pipeline`),
		partner_rep: await createUser(`partenaire-pipeline`),
		outsider: await createUser(`dehors-pipeline`)
	};
	const slug = `test-pipeline-${tag}`;
	const [org] = await sql<{ p1: string; p2: string }>(
		`with a as (insert into public.organizations (name, short_name, kind) values ($1, $2, 'commune') returning id),
		      b as (insert into public.organizations (name, short_name, kind) values ($3, $4, 'cpts') returning id)
		 select (select id from a) as p1, (select id from b) as p2`,
		[`Mairie test ${tag}`, `Mairie ${tag}`, `CPTS test ${tag}`, `CPTS ${tag}`]
	);
	const [charter] = await sql<{ id: string }>(
		`insert into public.charters (slug, title, scope_level, status, created_by, starts_on)
		 values ($1, $2, 'departement', 'active', $3, $4) returning id`,
		[slug, `Charte pipeline ${tag}`, users.coordinator.id, shiftDays(today, -800)]
	);
	const charterId = charter.id;
	await sql(
		`insert into public.charter_partners (charter_id, organization_id, role) values ($1, $2, 'signatory'), ($1, $3, 'signatory')`,
		[charterId, org.p1, org.p2]
	);
	await sql(
		`insert into public.charter_members (charter_id, user_id, organization_id, role) values
		   ($1, $2, null, 'coordinator'), ($1, $3, null, 'steering'), ($1, $4, null, 'elected_official'), ($1, $5, $6, 'partner_rep')
		 on conflict (charter_id, user_id) do nothing`,
		[charterId, users.coordinator.id, users.steering.id, users.elected_official.id, users.partner_rep.id, org.p1]
	);

	const installedOn = [1, 2, 3, 4, 5].map((i) => shiftDays(today, -10 * i));
	const installed: string[] = [];
	for (let i = 0; i < 5; i++)
		installed.push(
			await insertRequest(charterId, {
				status: 'installed',
				installedOn: installedOn[i],
				commune: i < 3 ? '84031' : '84007',
				needs: i < 3 ? ['logement'] : []
			})
		);
	// First contact 100 days before today: 100 − 10(i + 1) days to each installation.
	await backdate(installed, shiftDays(today, -100));
	const fresh = [
		await insertRequest(charterId, { profession: 'kinesitherapie', needs: ['logement', 'locaux'] }),
		await insertRequest(charterId, { profession: 'kinesitherapie' })
	];
	const inProgress: string[] = [];
	for (let i = 0; i < 4; i++) inProgress.push(await insertRequest(charterId, { status: 'in_progress' }));
	const abandoned = [await insertRequest(charterId, { status: 'abandoned', profession: 'pharmacie' })];

	const referral = (request: string, organization: string, need: string, status: string, dueOn: string) =>
		sql(
			`insert into public.referrals (request_id, charter_id, organization_id, need, status, due_on) values ($1, $2, $3, $4, $5, $6)`,
			[request, charterId, organization, need, status, dueOn]
		);
	for (let i = 0; i < 3; i++) await referral(inProgress[i], org.p1, 'logement', 'done', shiftDays(today, 5));
	await referral(inProgress[3], org.p1, 'logement', 'sent', shiftDays(today, -3));
	await referral(inProgress[0], org.p2, 'garde_enfants', 'accepted', shiftDays(today, -1));
	await referral(inProgress[1], org.p2, 'garde_enfants', 'sent', shiftDays(today, -2));
	await referral(inProgress[2], org.p2, 'garde_enfants', 'sent', shiftDays(today, -2));

	return {
		charterId,
		slug,
		today,
		users,
		organizations: org,
		requests: { installed, fresh, inProgress, abandoned },
		delays: [90, 80, 70, 60, 50],
		installedOn
	};
}

export async function removePipelineFixture(fx: PipelineFixture | undefined): Promise<void> {
	if (!fx) return;
	await sql('delete from public.charters where id = $1', [fx.charterId]);
	await sql('delete from public.organizations where id = any ($1)', [[fx.organizations.p1, fx.organizations.p2]]);
	for (const user of Object.values(fx.users)) await serviceClient().auth.admin.deleteUser(user.id);
}
