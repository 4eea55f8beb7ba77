/**
 * Acceptance: the seed charters' headline figures, computed here directly in SQL (as the database superuser,
 * independently of the dashboard's SQL functions), equal what the dashboard page shows, through the page's
 * own `load` called with a real supabase client signed in as a coordinator and as a partner representative.
 */
import { describe, expect, it } from 'vitest';
import { sql } from '../helpers/env.ts';
import { callDashboardLoad, expectedFigures, shown, signedIn } from '../helpers/dashboard-load.ts';
import { loadMemberships } from '../../src/lib/server/memberships.ts';
import { load as overviewLoad } from '../../src/routes/(app)/chartes/+page.server.ts';

const charterId = async (slug: string) =>
	(await sql<{ id: string }>('select id from public.charters where slug = $1', [slug]))[0].id;

describe('dashboard headline figures match SQL on the seed', () => {
	const cases = [
		{ who: 'coordinator', email: 'coordination.hv@example.org', slug: 'haute-vienne' },
		{ who: 'partner representative', email: 'ars.na@example.org', slug: 'haute-vienne' },
		{ who: 'steering member', email: 'copil.hv@example.org', slug: 'haute-vienne' },
		{ who: 'coordinator', email: 'cpts.dropt@example.org', slug: 'cpts-dropt-garonne-accueil-internes' },
		{ who: 'partner representative', email: 'ars.na@example.org', slug: 'cpts-dropt-garonne-accueil-internes' },
		{ who: 'coordinator', email: 'coordination.vaucluse@example.org', slug: 'vaucluse-sante-attractivite' },
		{ who: 'coordinator', email: 'coordination.normandie@example.org', slug: 'normandie-metiers-sante' }
	];

	for (const { who, email, slug } of cases) {
		it(`${slug}, seen by a ${who} (${email})`, async () => {
			const session = await signedIn(email);
			const data = await callDashboardLoad(session, slug);
			const expected = await expectedFigures(await charterId(slug), data.dashboard.today);
			expect(shown(data.dashboard.summary)).toEqual(expected);

			// Per objective too: the counts and progress of each objective add up the same way.
			for (const objective of data.dashboard.objectives) {
				const own = await expectedFigures(await charterId(slug), data.dashboard.today, objective.id);
				expect({
					total: objective.actions_total,
					progress: objective.progress === null ? null : Number(objective.progress),
					overdue: objective.overdue,
					blocked: objective.blocked
				}).toEqual({ total: own.actions_total, progress: own.progress, overdue: own.overdue, blocked: own.blocked });
			}
		});
	}

	it('the Haute-Vienne figures are the ones the seed implies (a sanity check of the SQL above)', async () => {
		const session = await signedIn('coordination.hv@example.org');
		const { dashboard } = await callDashboardLoad(session, 'haute-vienne');
		expect(dashboard.summary.actions_total).toBe(7);
		expect(dashboard.summary.done).toBe(1);
		expect(dashboard.summary.blocked).toBe(1);
		expect(Number(dashboard.summary.progress)).toBeCloseTo((40 + 30 + 65 + 25 + 100 + 60 + 0) / 7, 1);
		// Other test files add indicators to Haute-Vienne while this one runs (their names end with a test tag):
		// the seed's own are 3, without values.
		const [{ tagged }] = await sql<{ tagged: number }>(
			`select count(*)::int as tagged from public.indicators i join public.charters c on c.id = i.charter_id
			 where c.slug = 'haute-vienne' and i.name ~ '-[0-9a-f]{8}$'`
		);
		expect(dashboard.summary.indicators_total - tagged).toBe(3);
		expect(dashboard.indicators.filter((i) => !/-[0-9a-f]{8}$/.test(i.name) && i.state === 'no_data')).toHaveLength(3);
		expect(dashboard.alerts.some((a) => a.kind === 'blocked' && a.action_code === '1.2')).toBe(true);
	});

	it('a filter by objective changes the figures to that objective’s, still equal to SQL', async () => {
		const session = await signedIn('ars.na@example.org');
		const id = await charterId('haute-vienne');
		const [objective] = await sql<{ id: string }>(
			"select id from public.objectives where charter_id = $1 and code = '2'",
			[id]
		);
		const data = await callDashboardLoad(session, 'haute-vienne', `?objectif=${objective.id}`);
		expect(data.dashboard.filters.objective).toBe(objective.id);
		expect(shown(data.dashboard.summary)).toEqual(await expectedFigures(id, data.dashboard.today, objective.id));
		expect(data.dashboard.summary.actions_total).toBe(2);
		expect(data.dashboard.objectives.map((o) => o.code)).toEqual(['2']);
	});

	it('the cross-charter view shows each charter with the same figures as its dashboard', async () => {
		const session = await signedIn('ars.na@example.org');
		const supabase = session.client as unknown as App.Locals['supabase'];
		const memberships = await loadMemberships(supabase, session.user.id);
		const overview = (await overviewLoad({
			locals: { supabase, user: session.user },
			url: new URL('http://localhost/chartes?tri=avancement&ordre=desc'),
			parent: async () => ({ memberships })
		} as never)) as { overview: { slug: string; progress: number; overdue: number; actions_total: number }[] };
		expect(overview.overview.map((r) => r.slug).sort()).toEqual(
			['cpts-dropt-garonne-accueil-internes', 'haute-vienne'].sort()
		);
		// Sorted by progress, highest first.
		expect(Number(overview.overview[0].progress)).toBeGreaterThanOrEqual(Number(overview.overview[1].progress));
		for (const row of overview.overview) {
			const expected = await expectedFigures(
				await charterId(row.slug),
				(await callDashboardLoad(session, row.slug)).dashboard.today
			);
			expect({ total: row.actions_total, progress: Number(row.progress), overdue: row.overdue }).toEqual({
				total: expected.actions_total,
				progress: expected.progress,
				overdue: expected.overdue
			});
		}
	});

	it('a member of another charter gets a 404, not the figures', async () => {
		const session = await signedIn('ars.na@example.org');
		await expect(callDashboardLoad(session, 'vaucluse-sante-attractivite')).rejects.toMatchObject({ status: 404 });
	});

	it('a signed-in visitor of a published charter is sent to its public page', async () => {
		const session = await signedIn('coordination.vaucluse@example.org');
		await expect(callDashboardLoad(session, 'haute-vienne')).rejects.toMatchObject({
			status: 303,
			location: '/public/haute-vienne'
		});
	});
});
