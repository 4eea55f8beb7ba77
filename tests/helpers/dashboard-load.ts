/**
 * Calling the dashboard page's own `load` the way SvelteKit does (locals with a real supabase client signed in
 * as the user, params, url, parent layouts' data), and the reference figures written again in plain SQL.
 */
import { anonClient, sql } from './env.ts';
import { loadCharter } from '../../src/lib/server/charter-access.ts';
import { loadMemberships } from '../../src/lib/server/memberships.ts';
import { load as dashboardLoad } from '../../src/routes/(app)/chartes/[slug]/tableau-de-bord/+page.server.ts';
import type { DashboardView } from '../../src/lib/dashboard-view.ts';

const PASSWORD = 'charte-demo-2026';

export async function signedIn(email: string, password = PASSWORD) {
	const client = anonClient();
	const { data, error } = await client.auth.signInWithPassword({ email, password });
	if (error || !data.user) throw new Error(`sign-in ${email}: ${error?.message}`);
	return { client, user: data.user };
}

/** Calls a page's load as SvelteKit would: locals, params, url, and the parent layouts' data. */
export async function callDashboardLoad(session: Awaited<ReturnType<typeof signedIn>>, slug: string, search = '') {
	const supabase = session.client as unknown as App.Locals['supabase'];
	const memberships = await loadMemberships(supabase, session.user.id);
	const event = {
		locals: { supabase, supabaseRead: supabase, user: session.user, session: null, locale: 'fr' },
		params: { slug },
		url: new URL(`http://localhost/chartes/${slug}/tableau-de-bord${search}`),
		parent: async () => ({ memberships, ...(await loadCharter({ supabase, user: session.user }, slug, memberships)) })
	};
	return (await dashboardLoad(event as never)) as { dashboard: DashboardView; query: string };
}

export interface Expected {
	actions_total: number;
	planned: number;
	in_progress: number;
	done: number;
	blocked: number;
	abandoned: number;
	progress: number | null;
	overdue: number;
	stale: number;
	indicators_total: number;
	indicators_on_track: number;
	indicators_off_track: number;
	indicators_no_data: number;
	budget_planned: number | null;
	budget_committed: number | null;
	budget_paid: number | null;
	fundings: number;
}

/** The definitions of docs (dashboard page, migration header), written again as plain SQL. */
export async function expectedFigures(charterId: string, today: string, objectiveId: string | null = null) {
	const [row] = await sql<Record<keyof Expected, string | number | null>>(
		`with ch as (select stale_after_days from public.charters where id = $1),
		 acts as (
		   select a.* from public.actions a join public.objectives o on o.id = a.objective_id
		   where a.charter_id = $1 and a.archived_at is null and o.archived_at is null
		     and ($3::uuid is null or a.objective_id = $3)
		 ),
		 vals as (
		   select v.indicator_id, v.value, row_number() over (partition by v.indicator_id order by v.measured_on desc) as n
		   from public.indicator_values v where v.charter_id = $1
		 ),
		 inds as (
		   select i.direction, i.target, i.target_on, i.baseline,
		     (select value from vals where vals.indicator_id = i.id and n = 1) as latest,
		     coalesce((select value from vals where vals.indicator_id = i.id and n = 2), i.baseline) as reference
		   from public.indicators i
		   where i.charter_id = $1
		     and ($3::uuid is null or i.objective_id = $3 or i.action_id in (select id from acts))
		 ),
		 judged as (
		   select *, case
		     when latest is null then 'no_data'
		     when target is not null and ((direction = 'increase' and latest >= target) or (direction = 'decrease' and latest <= target)) then 'on'
		     when target_on is not null and target_on < $2::date then 'off'
		     when reference is null then 'single'
		     when (direction = 'increase' and latest < reference) or (direction = 'decrease' and latest > reference) then 'off'
		     else 'on' end as state
		   from inds
		 ),
		 money as (
		   select * from public.fundings f
		   where f.charter_id = $1 and (f.action_id in (select id from acts) or (f.action_id is null and $3::uuid is null))
		 )
		 select
		   (select count(*) from acts)::int as actions_total,
		   (select count(*) from acts where status = 'planned')::int as planned,
		   (select count(*) from acts where status = 'in_progress')::int as in_progress,
		   (select count(*) from acts where status = 'done')::int as done,
		   (select count(*) from acts where status = 'blocked')::int as blocked,
		   (select count(*) from acts where status = 'abandoned')::int as abandoned,
		   (select round(avg(progress), 1) from acts where status <> 'abandoned')::float8 as progress,
		   (select count(*) from acts where status not in ('done', 'abandoned') and due_on < $2::date)::int as overdue,
		   (select count(*) from acts, ch
		     where status not in ('done', 'abandoned') and (starts_on is null or starts_on <= $2::date)
		       and $2::date - (coalesce(last_update_at, created_at) at time zone 'Europe/Paris')::date > ch.stale_after_days)::int as stale,
		   (select count(*) from judged)::int as indicators_total,
		   (select count(*) from judged where state = 'on')::int as indicators_on_track,
		   (select count(*) from judged where state = 'off')::int as indicators_off_track,
		   (select count(*) from judged where state = 'no_data')::int as indicators_no_data,
		   (select sum(planned_amount) from money)::float8 as budget_planned,
		   (select sum(committed_amount) from money)::float8 as budget_committed,
		   (select sum(paid_amount) from money)::float8 as budget_paid,
		   (select count(*) from money)::int as fundings`,
		[charterId, today, objectiveId]
	);
	return row as unknown as Expected;
}

export function shown(figures: object): Expected {
	const summary = figures as Record<string, unknown>;
	const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
	return {
		actions_total: summary.actions_total as number,
		planned: summary.planned as number,
		in_progress: summary.in_progress as number,
		done: summary.done as number,
		blocked: summary.blocked as number,
		abandoned: summary.abandoned as number,
		progress: num(summary.progress),
		overdue: summary.overdue as number,
		stale: summary.stale as number,
		indicators_total: summary.indicators_total as number,
		indicators_on_track: summary.indicators_on_track as number,
		indicators_off_track: summary.indicators_off_track as number,
		indicators_no_data: summary.indicators_no_data as number,
		budget_planned: num(summary.budget_planned),
		budget_committed: num(summary.budget_committed),
		budget_paid: num(summary.budget_paid),
		fundings: summary.fundings as number
	};
}
