/**
 * The dashboard's rules on a charter built for the purpose (tests/helpers/dashboard-fixture.ts): lateness,
 * weather, indicator trends, alerts, money, filters, exports, and who sees what (RLS through the API).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { anonClient, sql } from '../helpers/env.ts';
import { createDashboardFixture, FIXTURE_PASSWORD, type DashboardFixture } from '../helpers/dashboard-fixture.ts';
import { callDashboardLoad, expectedFigures, shown, signedIn } from '../helpers/dashboard-load.ts';
import { GET as csvExport } from '../../src/routes/(app)/chartes/[slug]/tableau-de-bord/export.csv/+server.ts';
import { GET as xlsxExport } from '../../src/routes/(app)/chartes/[slug]/tableau-de-bord/export.xlsx/+server.ts';
import { load as publicLoad } from '../../src/routes/(public)/public/[slug]/+page.server.ts';

let fx: DashboardFixture;
let coordinator: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
	fx = await createDashboardFixture('rules');
	coordinator = await signedIn(fx.coordinator.email, FIXTURE_PASSWORD);
});

async function exportResponse(handler: typeof csvExport | typeof xlsxExport, search = '') {
	const ext = handler === csvExport ? 'csv' : 'xlsx';
	return handler({
		locals: { supabase: coordinator.client, user: coordinator.user },
		params: { slug: fx.slug },
		url: new URL(`http://localhost/chartes/${fx.slug}/tableau-de-bord/export.${ext}${search}`)
	} as never);
}

const parseCsv = (text: string) =>
	Papa.parse<Record<string, string>>(text.replace(/^\ufeff/, ''), {
		header: true,
		delimiter: ';',
		skipEmptyLines: true
	}).data;
const frNumber = (value: string) => (value === '' ? null : Number(value.replace(',', '.')));

describe('dashboard rules', () => {
	it('counts lateness, progress and money as documented, equal to the SQL reference', async () => {
		const { dashboard } = await callDashboardLoad(coordinator, fx.slug);
		const s = dashboard.summary;
		expect(shown(s)).toEqual(await expectedFigures(fx.charterId, dashboard.today));
		expect({
			total: s.actions_total,
			inProgress: s.in_progress,
			done: s.done,
			blocked: s.blocked,
			abandoned: s.abandoned,
			progress: Number(s.progress),
			overdue: s.overdue,
			stale: s.stale,
			behind: s.behind,
			red: s.red,
			amber: s.amber,
			weather: s.weather
		}).toEqual({
			total: 5,
			inProgress: 2,
			done: 1,
			blocked: 1,
			abandoned: 1,
			// (20 + 50 + 100 + 10) / 4: the abandoned action does not count.
			progress: 45,
			overdue: 1,
			stale: 1,
			behind: 1,
			red: 2,
			amber: 1,
			// 2 red signals out of 4 actions: a third or more.
			weather: 'compromised'
		});
		expect([Number(s.budget_planned), Number(s.budget_committed), Number(s.budget_paid), s.fundings]).toEqual([
			3000, 500, 250, 2
		]);
		const weather = Object.fromEntries(dashboard.objectives.map((o) => [o.code, o.weather]));
		expect(weather).toEqual({ '1': 'compromised', '2': 'watch' });
	});

	it('judges each indicator from its latest values and its direction', async () => {
		const { dashboard } = await callDashboardLoad(coordinator, fx.slug);
		const state = Object.fromEntries(dashboard.indicators.map((i) => [i.id, i.state]));
		expect(state).toEqual({
			[fx.indicators.away]: 'off_track',
			[fx.indicators.improving]: 'on_track',
			[fx.indicators.reached]: 'reached',
			[fx.indicators.missed]: 'off_track',
			[fx.indicators.empty]: 'no_data',
			[fx.indicators.single]: 'single'
		});
		const away = dashboard.indicators.find((i) => i.id === fx.indicators.away)!;
		expect(away.points.value).toEqual([10, 8]);
		expect([
			dashboard.summary.indicators_on_track,
			dashboard.summary.indicators_off_track,
			dashboard.summary.indicators_no_data
		]).toEqual([2, 2, 1]);
	});

	it('surfaces the alerts a COPIL wants, each pointing to its action', async () => {
		const { dashboard } = await callDashboardLoad(coordinator, fx.slug);
		const alerts = dashboard.alerts.map((a) => [a.kind, a.action_id, a.indicator_id]);
		expect(alerts).toEqual([
			['blocked', fx.actions.a1, null],
			['overdue', fx.actions.a2, null],
			// The two indicators moving away: the missed target of a4, the falling values of a1.
			...dashboard.alerts
				.filter((a) => a.kind === 'indicator_off_track')
				.map((a) => [a.kind, a.action_id, a.indicator_id]),
			['stale', fx.actions.a4, null]
		]);
		expect(
			dashboard.alerts
				.filter((a) => a.kind === 'indicator_off_track')
				.map((a) => a.indicator_id)
				.sort()
		).toEqual([fx.indicators.away, fx.indicators.missed].sort());
		expect(dashboard.alerts.find((a) => a.kind === 'overdue')?.days).toBe(10);
		expect(dashboard.alerts.find((a) => a.kind === 'stale')?.days).toBe(100);
	});

	it('filters by objective, partner, status and commune', async () => {
		const byObjective = await callDashboardLoad(coordinator, fx.slug, `?objectif=${fx.objectives.o1}`);
		expect(byObjective.dashboard.summary.actions_total).toBe(2);
		expect(Number(byObjective.dashboard.summary.budget_planned)).toBe(1000);
		expect(byObjective.dashboard.indicators.map((i) => i.id).sort()).toEqual(
			[fx.indicators.away, fx.indicators.improving].sort()
		);

		const byPartner = await callDashboardLoad(coordinator, fx.slug, `?partenaire=${fx.organizations.partner}`);
		expect(byPartner.dashboard.summary.actions_total).toBe(1);
		expect(byPartner.dashboard.summary.overdue).toBe(1);
		// The partner's money: none on its action, 2 000 € for the charter as a whole.
		expect(Number(byPartner.dashboard.summary.budget_planned)).toBe(2000);
		expect(byPartner.dashboard.partners.find((p) => p.organization_id === fx.organizations.partner)?.contributed).toBe(
			1
		);

		const byStatus = await callDashboardLoad(coordinator, fx.slug, '?statut=blocked');
		expect([byStatus.dashboard.summary.actions_total, byStatus.dashboard.summary.blocked]).toEqual([1, 1]);
		expect(byStatus.dashboard.objectives.map((o) => o.code)).toEqual(['1']);

		const byCommune = await callDashboardLoad(coordinator, fx.slug, `?commune=${fx.commune}`);
		expect(byCommune.dashboard.summary.actions_total).toBe(1);
		expect(byCommune.dashboard.summary.stale).toBe(1);
		expect(byCommune.dashboard.options.communes.map((c) => c.value)).toEqual([fx.commune]);

		// A malformed filter is ignored rather than failing.
		const junk = await callDashboardLoad(coordinator, fx.slug, '?objectif=pas-un-id&statut=nimporte');
		expect(junk.dashboard.filters).toEqual({ objective: null, organization: null, status: null, commune: null });
		expect(junk.dashboard.summary.actions_total).toBe(5);
	});

	it('rebuilds progress month by month from the journal, ending at today’s progress', async () => {
		const { dashboard } = await callDashboardLoad(coordinator, fx.slug);
		expect(dashboard.trend.length).toBeGreaterThan(2);
		expect(Number(dashboard.trend.at(-1)!.progress)).toBe(45);
		expect(Number(dashboard.trend[0].progress)).toBe(0);
	});

	it('exports CSV and XLSX files that parse back to the same figures', async () => {
		const { dashboard } = await callDashboardLoad(coordinator, fx.slug);
		const figuresResponse = await exportResponse(csvExport, '?table=chiffres');
		expect(figuresResponse.headers.get('content-type')).toContain('text/csv');
		// Key figures under their labels (what people read), not technical keys.
		const figures = Object.fromEntries(parseCsv(await figuresResponse.text()).map((r) => [r['Chiffre clé'], r.Valeur]));
		expect(frNumber(figures['Actions au total'])).toBe(dashboard.summary.actions_total);
		expect(frNumber(figures['Avancement global (%)'])).toBe(Number(dashboard.summary.progress));
		expect(frNumber(figures["Actions dont l'échéance est dépassée"])).toBe(dashboard.summary.overdue);
		expect(frNumber(figures['Financements prévus (€)'])).toBe(3000);
		expect(figures['Météo']).toBe('Compromis');

		const actions = parseCsv(await (await exportResponse(csvExport)).text());
		expect(actions).toHaveLength(5);
		expect(actions.filter((a) => a['Échéance dépassée'] === 'oui')).toHaveLength(dashboard.summary.overdue);
		expect(actions.filter((a) => a.Statut === 'Bloquée')).toHaveLength(1);
		const counted = actions.filter((a) => a.Statut !== 'Abandonnée');
		const mean = counted.reduce((n, a) => n + Number(a['Avancement (%)']), 0) / counted.length;
		expect(mean).toBe(Number(dashboard.summary.progress));

		const xlsxResponse = await exportResponse(xlsxExport, `?objectif=${fx.objectives.o1}`);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(await xlsxResponse.arrayBuffer());
		const sheet = book.getWorksheet('Chiffres clés')!;
		const values: Record<string, unknown> = {};
		sheet.eachRow((row, n) => {
			if (n > 1) values[String(row.getCell(1).value)] = row.getCell(2).value;
		});
		expect(values['Actions au total']).toBe(2);
		expect(values['Financements prévus (€)']).toBe(1000);
		expect(book.getWorksheet('Actions')!.rowCount).toBe(3);
	});
});

describe('who sees the dashboard', () => {
	it('an outsider reads nothing through the SQL functions, and gets a 404 from the page', async () => {
		const outsider = await signedIn(fx.outsider.email, FIXTURE_PASSWORD);
		const { data } = await outsider.client.rpc('charter_dashboard', { p_charter_id: fx.charterId });
		expect(data.summary).toBeNull();
		expect(data.alerts).toEqual([]);
		expect(data.objectives).toEqual([]);
		const { data: actions } = await outsider.client.rpc('dashboard_actions', { p_charter_id: fx.charterId });
		expect(actions).toEqual([]);
		const { data: overview } = await outsider.client.rpc('charters_overview');
		expect(overview).toEqual([]);
		await expect(callDashboardLoad(outsider, fx.slug)).rejects.toMatchObject({ status: 404 });
	});

	it('the public sees a published charter’s plan and indicators, never its money or journal', async () => {
		const fixture = await createDashboardFixture('public', { isPublic: true });
		const anon = anonClient();
		const { data } = await anon.rpc('charter_dashboard', { p_charter_id: fixture.charterId });
		expect(data.summary.actions_total).toBe(5);
		// RLS hides money, the partners of actions and the journal from the public.
		expect(data.summary.fundings).toBe(0);
		expect(data.fundings).toEqual([]);
		expect(data.updates).toEqual([]);
		expect(data.partners.every((p: { contributed: number }) => p.contributed === 0)).toBe(true);
		// Member-only functions give the public nothing (no journal to rebuild a trend from, no membership).
		expect((await anon.rpc('dashboard_progress_trend', { p_charter_id: fixture.charterId })).data ?? []).toEqual([]);
		expect((await anon.rpc('charters_overview')).data ?? []).toEqual([]);

		const page = (await publicLoad({
			locals: { supabase: anon, user: null },
			params: { slug: fixture.slug }
		} as never)) as Record<string, unknown> & { actions: Record<string, unknown>[] };
		expect(page.summary).toMatchObject({ actions_total: 5, budget_planned: null });
		expect(Object.keys(page.actions[0]).sort()).toEqual(
			['code', 'due_on', 'id', 'is_overdue', 'lead_name', 'objective_id', 'progress', 'status', 'title'].sort()
		);
		expect(JSON.stringify(page)).not.toContain(fixture.coordinator.email);
		expect(JSON.stringify(page)).not.toContain('Point sur');
	});

	it('an unpublished or unknown charter is a 404 on the public page', async () => {
		const anon = anonClient();
		for (const slug of [fx.slug, 'vaucluse-sante-attractivite', 'charte-qui-n-existe-pas']) {
			await expect(
				publicLoad({ locals: { supabase: anon, user: null }, params: { slug } } as never)
			).rejects.toMatchObject({ status: 404 });
		}
	});

	it('only a coordinator publishes: RLS refuses everyone else', async () => {
		const outsider = await signedIn(fx.outsider.email, FIXTURE_PASSWORD);
		const refused = await outsider.client.from('charters').update({ is_public: true }).eq('id', fx.charterId).select();
		expect(refused.data).toEqual([]);
		const done = await coordinator.client
			.from('charters')
			.update({ is_public: true })
			.eq('id', fx.charterId)
			.select('is_public');
		expect(done.data).toEqual([{ is_public: true }]);
		await coordinator.client.from('charters').update({ is_public: false }).eq('id', fx.charterId);
		const [row] = await sql<{ is_public: boolean }>('select is_public from public.charters where id = $1', [
			fx.charterId
		]);
		expect(row.is_public).toBe(false);
	});
});
