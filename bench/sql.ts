/**
 * The SQL floors, over a direct connection as the table owner (no RLS, no HTTP):
 *  - the dashboard's own SQL: the function the page calls for its figures (`charter_dashboard`, its progress
 *    trend included), interleaved (A, B, A, B...) with the **bare aggregate** of the
 *    charter's actions (one plain statement: counts by status, mean progress of the actions not abandoned, late
 *    actions, the actions as json), so that the ratio of the two compares like with like;
 *  - every other call the dashboard page makes (the installation pipeline, the update campaign, the last
 *    snapshot and today's lists for "since the last meeting", the coordinator's pilot coverage), as the
 *    coordinator (claims set, for the functions that read auth.uid());
 *  - the cross-charter view's summaries over a member's 20 charters.
 */
import type pg from 'pg';
import { COORDINATOR, PARTNER, percentile, timeSql, timeSqlInterleaved } from './lib.ts';

export const DASHBOARD_SQL = `select public.charter_dashboard($1, null, null, null, null, $2::date, 60) as d`;

export const BARE_AGGREGATE_SQL = `select json_build_object(
	'planned', count(*) filter (where status = 'planned'),
	'in_progress', count(*) filter (where status = 'in_progress'),
	'done', count(*) filter (where status = 'done'),
	'blocked', count(*) filter (where status = 'blocked'),
	'abandoned', count(*) filter (where status = 'abandoned'),
	'mean_progress', avg(progress) filter (where status <> 'abandoned'),
	'late', count(*) filter (where status not in ('done', 'abandoned') and due_on < $2::date),
	'actions', json_agg(json_build_object('id', id, 'code', code, 'title', title, 'status', status,
	  'progress', progress, 'due_on', due_on, 'objective_id', objective_id) order by position)
	) from public.actions where charter_id = $1 and archived_at is null`;

/** The dashboard page's other calls, as its loaders make them (src/lib/server/*.ts), in SQL. */
export const OTHER_DASHBOARD_SQL: Record<string, string> = {
	'support pipeline': 'select private.support_pipeline($1, $2::date)',
	'campaign status': 'select * from public.campaign_status($1, $2::date)',
	'last snapshot': `select s.taken_on, s.taken_at, s.dashboard->'summary', s.dashboard->'dashboard'->'summary',
		s.dashboard->'actions', s.dashboard->'indicators', s.dashboard->'decisions',
		(select json_build_object('id', m.id, 'kind', m.kind, 'starts_at', m.starts_at) from public.meetings m where m.id = s.meeting_id)
		from public.meeting_snapshots s where s.charter_id = $1 and $2::date is not null order by s.taken_at desc limit 1`,
	'since meeting lists': 'select public.meeting_lists($1, $2::date)',
	'pilot coverage (coordinator)': `select
		(select json_agg(a) from (select a.code, a.position, a.lead_organization_id, o.name from public.actions a
		   left join public.organizations o on o.id = a.lead_organization_id
		   where a.charter_id = $1 and a.archived_at is null and a.status not in ('done', 'abandoned') order by a.position) a),
		(select json_agg(m.organization_id) from public.charter_members m where m.charter_id = $1 and m.role = 'partner_rep'),
		(select json_agg(i.organization_id) from public.invitations i where i.charter_id = $1 and i.role = 'partner_rep'
		   and i.status = 'pending' and $2::date is not null)`
};

export const overviewSql = (email: string) => `
	with ids as (select array(select m.charter_id from public.charter_members m join auth.users u on u.id = m.user_id where u.email = '${email}') as v)
	select s.* from ids, private.summaries(ids.v,
		array(select f from private.action_facts(ids.v, null, null, null, null, $1::date) f),
		array(select f from private.indicator_facts(ids.v, null, null, $1::date, false) f),
		array(select f from private.funding_facts(ids.v, null, true, null) f), $1::date) s`;

export interface SqlFloors {
	/** charter_dashboard (its trend included). */
	dashboard: number[];
	bare: number[];
	/** The page's other calls, p50 each. */
	others: Record<string, number>;
	overview: { partner: number[]; coordinator: number[] };
}

export async function measureSql(db: pg.Pool, charterId: string, today: string): Promise<SqlFloors> {
	const values = [charterId, today];
	const [dashboard, bare] = await timeSqlInterleaved(db, [
		{ text: DASHBOARD_SQL, values },
		{ text: BARE_AGGREGATE_SQL, values }
	]);
	const names = Object.keys(OTHER_DASHBOARD_SQL);
	const otherTimes = await timeSqlInterleaved(
		db,
		names.map((n) => ({ text: OTHER_DASHBOARD_SQL[n], values })),
		{ claimsOf: COORDINATOR }
	);
	const others = Object.fromEntries(names.map((n, i) => [n, percentile(otherTimes[i], 50)]));
	const overview = {
		partner: await timeSql(db, overviewSql(PARTNER), [today]),
		coordinator: await timeSql(db, overviewSql(COORDINATOR), [today])
	};
	return { dashboard, bare, others, overview };
}
