/**
 * The dashboard document computes its headline and objective figures and its trend in its own statement, for
 * speed; the cross-charter view and the meeting snapshots use private.summaries, and the report the public
 * trend function. Both ways must give the same figures, with every filter: this test holds them equal on the
 * dashboard fixture (every status, lateness, indicator state and funding kind), as the table owner.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../helpers/env.ts';
import { createDashboardFixture, type DashboardFixture } from '../helpers/dashboard-fixture.ts';

let fx: DashboardFixture;

beforeAll(async () => {
	fx = await createDashboardFixture('same-figures');
});

type Filters = { objective?: string; organization?: string; status?: string; commune?: string };

/** The document, and the same figures through private.summaries and public.dashboard_progress_trend. */
async function bothWays(filters: Filters) {
	const args = [
		fx.charterId,
		filters.objective ?? null,
		filters.organization ?? null,
		filters.status ?? null,
		filters.commune ?? null,
		fx.today
	];
	const [row] = await sql<{ doc: Record<string, unknown>; summary: Record<string, unknown>; trend: unknown }>(
		`with f as (
		   select a from private.action_facts(array[$1::uuid], $2, $3, $4::public.action_status, $5, $6::date) a
		 ),
		 filtered as (select ($2::uuid is not null or $3::uuid is not null or $4 is not null or $5 is not null) as on),
		 narrowed as (select ($3::uuid is not null or $4 is not null or $5 is not null) as on)
		 select public.charter_dashboard($1, $2, $3, $4::public.action_status, $5, $6::date, 60, 8)::jsonb as doc,
		   (select to_jsonb(s) from private.summaries(array[$1::uuid], array(select f.a from f),
		     array(select i from filtered, narrowed, private.indicator_facts(array[$1::uuid],
		       case when filtered.on then array(select (f.a).id from f) end, case when not narrowed.on then $2 end, $6::date, false) i),
		     array(select x from filtered, narrowed, private.funding_facts(array[$1::uuid],
		       case when filtered.on then array(select (f.a).id from f) end,
		       $2::uuid is null and $4 is null and $5 is null, $3) x),
		     $6::date) s) as summary,
		   (select coalesce(jsonb_agg(jsonb_build_object('month', t.month, 'progress', t.progress) order by t.month), '[]')
		    from public.dashboard_progress_trend($1, $2, $3, $4::public.action_status, $5, $6::date) t) as trend`,
		args
	);
	return row;
}

const cases: [string, () => Filters][] = [
	['no filter', () => ({})],
	['an objective', () => ({ objective: fx.objectives.o1 })],
	['a partner', () => ({ organization: fx.organizations.partner })],
	['a lead', () => ({ organization: fx.organizations.lead })],
	['a status', () => ({ status: 'blocked' })],
	['a commune', () => ({ commune: fx.commune })],
	['a status nobody has', () => ({ status: 'planned', commune: fx.commune })]
];

describe('the dashboard document and private.summaries agree', () => {
	it.each(cases)('with %s: the same headline figures and trend', async (_, filters) => {
		const { doc, summary, trend } = await bothWays(filters());
		expect(doc.summary).toEqual(summary);
		expect(doc.trend).toEqual(trend);
	});

	it('gives each objective the figures private.summaries gives its actions alone', async () => {
		const [{ doc }] = await sql<{ doc: { objectives: Record<string, unknown>[] } }>(
			`select public.charter_dashboard($1, p_today => $2::date)::jsonb as doc`,
			[fx.charterId, fx.today]
		);
		expect(doc.objectives.length).toBe(2);
		for (const objective of doc.objectives) {
			const { summary } = await bothWays({ objective: objective.id as string });
			const keys = ['actions_total', 'planned', 'in_progress', 'done', 'blocked', 'abandoned', 'progress'];
			const more = ['overdue', 'stale', 'behind', 'red', 'amber', 'weather'];
			for (const key of [...keys, ...more]) expect([key, objective[key]]).toEqual([key, summary[key]]);
		}
	});

	it('gives the cross-charter view the dashboard’s headline figures', async () => {
		const [{ doc, overview }] = await sql<{
			doc: { summary: Record<string, unknown> };
			overview: Record<string, unknown>;
		}>(
			`select public.charter_dashboard($1, p_today => $2::date)::jsonb as doc,
			   (select to_jsonb(s) from private.summaries(array[$1::uuid],
			     array(select f from private.action_facts(array[$1::uuid], null, null, null, null, $2::date, false) f),
			     array(select f from private.indicator_facts(array[$1::uuid], null, null, $2::date, false) f),
			     array(select f from private.funding_facts(array[$1::uuid], null, true, null, false) f), $2::date) s) as overview`,
			[fx.charterId, fx.today]
		);
		expect(doc.summary).toEqual(overview);
		expect(doc.summary.actions_total).toBe(5);
	});
});
