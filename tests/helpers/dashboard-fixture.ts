/**
 * A small charter of its own for tests that need known lateness, indicator trends and money (the seed has
 * almost no indicator values and no amounts), or that change data (publishing). Dates are relative to
 * today in Paris, so the flags hold whatever the day the tests run.
 */
import { randomUUID } from 'node:crypto';
import { serviceClient, sql, uniqueEmail } from './env.ts';

export const FIXTURE_PASSWORD = 'tableau-de-bord-2026';

export function todayParis(now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/Paris',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(now);
}

export function shiftDays(iso: string, days: number): string {
	const date = new Date(`${iso}T12:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}

export interface DashboardFixture {
	charterId: string;
	slug: string;
	title: string;
	coordinator: { id: string; email: string };
	outsider: { id: string; email: string };
	objectives: { o1: string; o2: string };
	actions: Record<'a1' | 'a2' | 'a3' | 'a4' | 'a5', string>;
	indicators: Record<'away' | 'improving' | 'reached' | 'missed' | 'empty' | 'single', string>;
	organizations: { lead: string; partner: string };
	commune: string;
	today: string;
}

async function createUser(label: string): Promise<{ id: string; email: string }> {
	const email = uniqueEmail(label);
	const { data, error } = await serviceClient().auth.admin.createUser({
		email,
		password: FIXTURE_PASSWORD,
		email_confirm: true,
		user_metadata: { display_name: `Test ${label}` }
	});
	if (error || !data.user) throw new Error(`createUser: ${error?.message}`);
	return { id: data.user.id, email };
}

/**
 * Objective 1: a1 blocked and off track; a2 overdue (with a contributing partner).
 * Objective 2: a3 done; a4 stale and behind schedule, in a commune; a5 abandoned.
 * Indicators: away (increase, 10 then 8), improving (decrease, 50 then 40, target 30), reached (6 for a target
 * of 5), missed (target date passed, 60 for 100), empty (no value), single (one value, no baseline).
 * Fundings: 1 000 / 500 / 250 € on a1 (lead organization, ACI) and 2 000 € planned for the whole charter
 * (partner organization, FEDER).
 */
export async function createDashboardFixture(
	label = 'dashboard',
	{ isPublic = false } = {}
): Promise<DashboardFixture> {
	const tag = randomUUID().slice(0, 8);
	const today = todayParis();
	const coordinator = await createUser(`coord-${label}`);
	const outsider = await createUser(`outsider-${label}`);
	const slug = `test-${label}-${tag}`;
	const title = `Charte de test ${label} ${tag}`;
	const [org] = await sql<{ lead: string; partner: string }>(
		`with l as (insert into public.organizations (name, short_name, kind) values ($1, $2, 'agence') returning id),
		      p as (insert into public.organizations (name, short_name, kind) values ($3, $4, 'cpts') returning id)
		 select (select id from l) as lead, (select id from p) as partner`,
		[`Agence test ${tag}`, `Agence ${tag}`, `CPTS test ${tag}`, `CPTS ${tag}`]
	);
	const [charter] = await sql<{ id: string }>(
		`insert into public.charters (slug, title, scope_level, status, is_public, stale_after_days, created_by, starts_on)
		 values ($1, $2, 'departement', 'active', $3, 30, $4, $5) returning id`,
		[slug, title, isPublic, coordinator.id, shiftDays(today, -800)]
	);
	const charterId = charter.id;
	const [objectives] = await sql<{ o1: string; o2: string }>(
		`with o1 as (insert into public.objectives (charter_id, code, title, position) values ($1, '1', 'Premier objectif de test', 1) returning id),
		      o2 as (insert into public.objectives (charter_id, code, title, position) values ($1, '2', 'Second objectif de test', 2) returning id)
		 select (select id from o1) as o1, (select id from o2) as o2`,
		[charterId]
	);
	const action = async (
		objective: string,
		code: string,
		status: string,
		progress: number,
		health: string,
		startsOn: string | null,
		dueOn: string | null,
		updatedDaysAgo: number
	): Promise<string> => {
		const [row] = await sql<{ id: string }>(
			`insert into public.actions (charter_id, objective_id, code, title, lead_organization_id, starts_on, due_on, position)
			 values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
			[charterId, objective, code, `Action de test ${code}`, org.lead, startsOn, dueOn, Number(code.replace('.', ''))]
		);
		await sql(
			`insert into public.action_updates (action_id, charter_id, author_id, status, progress, health, comment, created_at)
			 values ($1, $2, $3, $4, $5, $6, $7, ($8::date + time '10:00') at time zone 'Europe/Paris')`,
			[
				row.id,
				charterId,
				coordinator.id,
				status,
				progress,
				health,
				`Point sur ${code}`,
				shiftDays(today, -updatedDaysAgo)
			]
		);
		return row.id;
	};
	const a1 = await action(
		objectives.o1,
		'1.1',
		'blocked',
		20,
		'off_track',
		shiftDays(today, -60),
		shiftDays(today, 200),
		5
	);
	const a2 = await action(objectives.o1, '1.2', 'in_progress', 50, 'on_track', null, shiftDays(today, -10), 3);
	const a3 = await action(objectives.o2, '2.1', 'done', 100, 'on_track', null, shiftDays(today, -30), 40);
	const a4 = await action(
		objectives.o2,
		'2.2',
		'in_progress',
		10,
		'at_risk',
		shiftDays(today, -700),
		shiftDays(today, 30),
		100
	);
	const a5 = await action(objectives.o2, '2.3', 'abandoned', 0, 'on_track', null, null, 2);
	await sql(
		`insert into public.action_partners (action_id, charter_id, organization_id, role) values ($1, $2, $3, 'contributor')`,
		[a2, charterId, org.partner]
	);
	const commune = '87085';
	await sql(`insert into public.action_communes (action_id, charter_id, commune_code) values ($1, $2, $3)`, [
		a4,
		charterId,
		commune
	]);
	const indicator = async (
		name: string,
		objective: string | null,
		actionId: string | null,
		direction: string,
		baseline: number | null,
		target: number | null,
		targetOn: string | null,
		values: [number, number][]
	): Promise<string> => {
		const [row] = await sql<{ id: string }>(
			`insert into public.indicators (charter_id, objective_id, action_id, name, unit, baseline, target, target_on, direction)
			 values ($1, $2, $3, $4, 'personnes', $5, $6, $7, $8) returning id`,
			[charterId, objective, actionId, name, baseline, target, targetOn, direction]
		);
		for (const [daysAgo, value] of values) {
			await sql(
				`insert into public.indicator_values (indicator_id, charter_id, measured_on, value) values ($1, $2, $3, $4)`,
				[row.id, charterId, shiftDays(today, -daysAgo), value]
			);
		}
		return row.id;
	};
	const indicators = {
		away: await indicator('Indicateur qui recule', null, a1, 'increase', null, 20, null, [
			[120, 10],
			[20, 8]
		]),
		improving: await indicator('Indicateur qui progresse', objectives.o1, null, 'decrease', 55, 30, null, [
			[200, 50],
			[15, 40]
		]),
		reached: await indicator('Indicateur atteint', objectives.o2, null, 'increase', 2, 5, null, [[10, 6]]),
		missed: await indicator('Indicateur manqué', objectives.o2, a4, 'increase', null, 100, shiftDays(today, -5), [
			[300, 50],
			[30, 60]
		]),
		empty: await indicator('Indicateur sans valeur', objectives.o2, null, 'increase', null, null, null, []),
		single: await indicator('Indicateur à une mesure', null, null, 'increase', null, null, null, [[50, 12]])
	};
	await sql(
		`insert into public.fundings (charter_id, action_id, organization_id, source, year, planned_amount, committed_amount, paid_amount)
		 values ($1, $2, $3, 'ACI', 2026, 1000, 500, 250), ($1, null, $4, 'FEDER', 2026, 2000, null, null)`,
		[charterId, a1, org.lead, org.partner]
	);
	return {
		charterId,
		slug,
		title,
		coordinator,
		outsider,
		objectives,
		actions: { a1, a2, a3, a4, a5 },
		indicators,
		organizations: org,
		commune,
		today
	};
}
