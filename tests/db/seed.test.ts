/**
 * The seed after a reset holds every case of ../shared/seeds/README.md, faithful to the five source documents:
 * names, dates, amounts and counts from the documents, nothing invented where they give no figure. Read as the
 * superuser, straight from the tables. Also: supabase/seed.sql is what scripts/seed/data.ts generates, and no
 * demo account reaches a migration.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../scripts/demo-accounts.ts';
import { ROOT_DIR } from '../../stack/config.ts';
import { superuserPool } from '../helpers/demo.ts';

const su = superuserPool();
afterAll(() => su.end());

interface Charter {
	id: string;
	slug: string;
	title: string;
	status: string;
	is_public: boolean;
	signed_on: string | null;
	starts_on: string | null;
	ends_on: string | null;
	budget_total: string | null;
	budget_note: string | null;
	summary: string;
}
const charter = (slug: string) =>
	su.one<Charter>(
		`select id, slug, title, status, is_public, signed_on::text, starts_on::text, ends_on::text, budget_total::text,
		   budget_note, summary
		 from public.charters where slug = $1`,
		[slug]
	);
const partners = (charterId: string, role: string) =>
	su.query<{
		name: string;
		kind: string;
		territory_code: string | null;
	}>(
		`select o.name, o.kind, o.territory_code from public.charter_partners cp
			 join public.organizations o on o.id = cp.organization_id
			 where cp.charter_id = $1 and cp.role = $2 order by o.name`,
		[charterId, role]
	);
const objectives = (charterId: string) =>
	su.query<{ code: string; title: string }>(
		'select code, title from public.objectives where charter_id = $1 order by position',
		[charterId]
	);
const actions = (charterId: string) =>
	su.query<{
		id: string;
		code: string;
		title: string;
		description: string | null;
		lead: string;
		lead_kind: string;
		lead_territory: string | null;
		recurrence: string;
		recurring_since: number | null;
		due_on: string | null;
		status: string;
		progress: number;
		version: number;
		last_update_at: Date | null;
	}>(
		`select a.id, a.code, a.title, a.description, o.name as lead, o.kind as lead_kind, o.territory_code as lead_territory,
		   a.recurrence, a.recurring_since, a.due_on::text, a.status, a.progress, a.version, a.last_update_at
		 from public.actions a join public.organizations o on o.id = a.lead_organization_id
		 where a.charter_id = $1 order by a.position`,
		[charterId]
	);
const indicators = (charterId: string) =>
	su.query<{ id: string; name: string; note: string | null; action_id: string | null; values: string[] }>(
		`select i.id, i.name, i.note, i.action_id,
		   coalesce(array_agg(v.value::text order by v.measured_on) filter (where v.id is not null), '{}') as values
		 from public.indicators i left join public.indicator_values v on v.indicator_id = i.id
		 where i.charter_id = $1 group by i.id order by i.position`,
		[charterId]
	);
const fundings = (charterId: string) =>
	su.query<{
		organization: string;
		source: string;
		planned_amount: string | null;
		committed_amount: string | null;
		paid_amount: string | null;
		note: string | null;
	}>(
		`select o.name as organization, f.source, f.planned_amount::text, f.committed_amount::text, f.paid_amount::text, f.note
		 from public.fundings f join public.organizations o on o.id = f.organization_id
		 where f.charter_id = $1 order by o.name`,
		[charterId]
	);

describe('seed: Haute-Vienne (003, the demo charter)', () => {
	it('was signed on 25 September 2024 by its seven signatory organizations and is published', async () => {
		const c = await charter('haute-vienne');
		expect(c).toMatchObject({ signed_on: '2024-09-25', status: 'active', is_public: true });
		expect((await partners(c.id, 'signatory')).map((p) => p.name).sort()).toEqual(
			[
				'Agence régionale de santé Nouvelle-Aquitaine',
				'Association départementale des maires de la Haute-Vienne',
				'Conseil départemental de l’Ordre des médecins de la Haute-Vienne',
				'Conseil départemental de la Haute-Vienne',
				'Faculté de médecine de Limoges',
				'Région Nouvelle-Aquitaine',
				'Union régionale des professionnels de santé Médecins libéraux Nouvelle-Aquitaine'
			].sort()
		);
		expect(c.summary).toMatch(/élus du territoire/);
	});

	it('has its three aims as objectives, and actions including informing mayors of incoming interns', async () => {
		const c = await charter('haute-vienne');
		const objs = await objectives(c.id);
		expect(objs.map((o) => o.code)).toEqual(['1', '2', '3']);
		expect(objs[0].title).toMatch(/accès à un médecin traitant/);
		expect(objs[1].title).toMatch(/installations de médecins.*maîtres de stage/);
		expect(objs[2].title).toMatch(/venue d’internes/);
		const list = await actions(c.id);
		const mayors = list.find((a) => /élus.*arrivée de stagiaires/i.test(a.title));
		expect(mayors, 'an action about informing elected officials').toBeDefined();
		expect(list.some((a) => /Service d’accès aux soins/.test(a.title))).toBe(true);
		expect(list.some((a) => /maîtres de stage universitaires/.test(a.title))).toBe(true);
		// the state of each action is its latest journal entry
		const drift = await su.query(
			`select a.code from public.actions a
			 join lateral (select * from public.action_updates u where u.action_id = a.id order by u.created_at desc limit 1) u on true
			 where a.charter_id = $1 and (a.status, a.progress, a.health) is distinct from (u.status, u.progress, u.health)`,
			[c.id]
		);
		expect(drift).toEqual([]);
	});

	it('holds the demo memberships, two official communes and a handful of internships in its communes', async () => {
		const c = await charter('haute-vienne');
		const members = await su.query<{ email: string; role: string; organization: string | null }>(
			`select p.email, m.role, o.short_name as organization from public.charter_members m
			 join public.profiles p on p.id = m.user_id left join public.organizations o on o.id = m.organization_id
			 where m.charter_id = $1 and p.email like '%@example.org' order by p.email`,
			[c.id]
		);
		expect(members).toEqual([
			{ email: 'ars.na@example.org', role: 'partner_rep', organization: 'ARS Nouvelle-Aquitaine' },
			{ email: 'coordination.hv@example.org', role: 'coordinator', organization: null },
			{ email: 'copil.hv@example.org', role: 'steering', organization: null },
			{ email: 'fac.limoges@example.org', role: 'partner_rep', organization: 'Faculté de Limoges' },
			{ email: 'maire.hv@example.org', role: 'elected_official', organization: null },
			{ email: 'ordre.87@example.org', role: 'partner_rep', organization: 'Ordre des médecins 87' }
		]);
		const communes = await su.query<{ name: string }>(
			`select co.name from public.official_communes oc join public.communes co on co.code = oc.commune_code
			 join public.profiles p on p.id = oc.user_id
			 where oc.charter_id = $1 and p.email = 'maire.hv@example.org' order by co.name`,
			[c.id]
		);
		expect(communes.map((r) => r.name)).toEqual(['Bellac', 'Saint-Yrieix-la-Perche']);
		const internships = await su.query<{ departement_code: string; email: string }>(
			`select co.departement_code, i.intern_email as email from public.internships i
			 join public.communes co on co.code = i.commune_code where i.charter_id = $1`,
			[c.id]
		);
		expect(internships.length).toBeGreaterThanOrEqual(5);
		expect(internships.every((i) => i.departement_code === '87')).toBe(true);
		expect(internships.every((i) => i.email.endsWith('@example.org'))).toBe(true);
	});
});

describe('seed: Normandie (003)', () => {
	it('has six objectives and its ten signatories, signed on 8 October 2024', async () => {
		const c = await charter('normandie-metiers-sante');
		expect(c.signed_on).toBe('2024-10-08');
		const objs = await objectives(c.id);
		expect(objs.map((o) => o.code)).toEqual(['1', '2', '3', '4', '5', '6']);
		expect(objs[0].title).toMatch(/^Informer, orienter, valoriser les métiers/);
		expect(objs[5].title).toMatch(/outils d’aide à la décision/);
		const signatories = await partners(c.id, 'signatory');
		expect(signatories).toHaveLength(10);
		const kinds = signatories.map((s) => s.kind).sort();
		expect(kinds).toEqual([
			'ars',
			'cpam',
			'departement',
			'departement',
			'departement',
			'departement',
			'departement',
			'france_travail',
			'prefecture',
			'region'
		]);
		expect(
			signatories
				.filter((s) => s.kind === 'departement')
				.map((s) => s.territory_code)
				.sort()
		).toEqual(['14', '27', '50', '61', '76']);
	});
});

describe('seed: Cholet (003)', () => {
	it('has a 600 000 € envelope over three years, ends on 31 December 2026 and holds its three aids', async () => {
		const c = await charter('cholet-attractivite-medicale');
		expect(c).toMatchObject({ budget_total: '600000.00', ends_on: '2026-12-31' });
		expect(c.budget_note).toMatch(/trois ans/);
		const aids = await actions(c.id);
		expect(aids.map((a) => a.title)).toEqual([
			'Aide forfaitaire à l’installation',
			'Aide au maintien des cabinets médicaux',
			'Indemnité d’étude et de projet professionnel'
		]);
		expect(aids.every((a) => a.due_on === '2026-12-31')).toBe(true);
		expect(aids.every((a) => /5 ans|cinq ans/.test(a.description ?? ''))).toBe(true);
		expect(aids[2].description).toMatch(/4 800 €/);
		expect(await fundings(c.id)).toEqual([
			expect.objectContaining({ organization: 'Cholet Agglomération', planned_amount: '600000.00' })
		]);
	});
});

describe('seed: Vaucluse Santé Attractivité (001)', () => {
	it('is led by the departmental attractiveness agency, unpublished, with its two named actions', async () => {
		const c = await charter('vaucluse-sante-attractivite');
		expect(c.is_public).toBe(false);
		expect(await partners(c.id, 'lead')).toEqual([
			{ name: 'Vaucluse Provence Attractivité', kind: 'agence', territory_code: '84' }
		]);
		const titles = (await actions(c.id)).map((a) => a.title);
		expect(titles.some((t) => /^Accompagnement à l’installation/.test(t))).toBe(true);
		expect(titles).toContain('Accueil des internes');
	});

	it('has a pooled budget: one contribution per partner, amounts left empty as the source gives none', async () => {
		const c = await charter('vaucluse-sante-attractivite');
		const list = await fundings(c.id);
		const kinds = await su.query<{ kind: string }>(
			`select o.kind from public.fundings f join public.organizations o on o.id = f.organization_id
			 where f.charter_id = $1 order by 1`,
			[c.id]
		);
		expect(kinds.map((k) => k.kind).sort()).toEqual(['ars', 'cpam', 'departement', 'msa', 'ordre', 'region']);
		for (const f of list) {
			expect(f.source).toBe('Contribution au budget commun');
			expect([f.planned_amount, f.committed_amount, f.paid_amount]).toEqual([null, null, null]);
		}
		expect(c.budget_total).toBeNull();
		expect(c.budget_note).toMatch(/ARS et la Région/);
	});
});

describe('seed: Cotentin (002)', () => {
	it('has a yearly welcome weekend since 2016 in a 2019-2020 plan, with "une centaine" in a note', async () => {
		const c = await charter('cotentin-attractivite-medicale');
		expect(c).toMatchObject({ starts_on: '2019-01-01', ends_on: '2020-12-31' });
		const [weekend] = await actions(c.id);
		expect(weekend).toMatchObject({ recurrence: 'yearly', recurring_since: 2016 });
		expect(weekend.title).toMatch(/Week-end d’accueil des internes/);
		const [indicator] = await indicators(c.id);
		expect(indicator.action_id).toBe(weekend.id);
		expect(indicator.note).toMatch(/une centaine/);
		// Computed from the editions (one a year since 2016, "une centaine" each), no typed value.
		expect(indicator.values).toEqual(Array(11).fill('100.00'));
		const communes = await su.query<{ name: string }>(
			`select co.name from public.action_communes ac join public.communes co on co.code = ac.commune_code
			 where ac.action_id = $1`,
			[weekend.id]
		);
		expect(communes).toEqual([{ name: 'Cherbourg-en-Cotentin' }]);
	});
});

describe('seed: CPTS Dropt Garonne (004)', () => {
	it('has its four evaluation indicators, welcome days, the co-living action and three co-financings', async () => {
		const c = await charter('cpts-dropt-garonne-accueil-internes');
		const names = (await indicators(c.id)).map((i) => i.name);
		expect(names).toEqual([
			'Nombre d’internes invités / présents lors des actions d’accueil',
			'Nombre de professionnels de santé impliqués',
			'Qualité des retours des internes (satisfaction, projection d’installation)',
			'Évolution des intentions d’installation à moyen terme'
		]);
		const titles = (await actions(c.id)).map((a) => a.title);
		expect(titles.some((t) => /co-living/i.test(t))).toBe(true);
		expect(titles.some((t) => /Journées et soirées d’accueil/.test(t))).toBe(true);
		const list = await fundings(c.id);
		const sources = list.map((f) => f.source);
		expect(sources).toHaveLength(3);
		expect(sources).toContain('ACI');
		expect(sources.some((s) => /fonds européens/i.test(s))).toBe(true);
		expect(sources.some((s) => /collectivités/i.test(s))).toBe(true);
		// the source gives no amount
		expect(list.every((f) => f.planned_amount === null && f.committed_amount === null && f.paid_amount === null)).toBe(
			true
		);
	});
});

describe('seed: Villefagnan (000), the Ain (003) and the mobile health buses (003)', () => {
	it('has the sports challenge led by the commune, with participation and interest indicators', async () => {
		const c = await charter('villefagnan-defi-sportif');
		const list = await actions(c.id);
		const challenge = list.find((a) => a.title === 'Défi sportif de Villefagnan');
		expect(challenge).toMatchObject({
			lead: 'Commune de Villefagnan',
			lead_kind: 'commune',
			lead_territory: '16409'
		});
		expect(list.some((a) => a.recurrence === 'yearly')).toBe(true);
		const inds = await indicators(c.id);
		expect(inds.map((i) => i.name)).toEqual([
			'Participants au défi sportif',
			'Professionnels de santé ayant manifesté leur intérêt pour s’installer'
		]);
		// "plusieurs professionnels": no number in the source, so none in the seed
		expect(inds.flatMap((i) => i.values)).toEqual([]);
	});

	it('has the Ain meetings with their 450 participants, an edition the indicator is computed from', async () => {
		const c = await charter('ain-rencontres-pros-sante');
		const [participants] = await indicators(c.id);
		expect(participants.name).toMatch(/Participants/);
		expect(participants.values).toEqual(['450.00']);
		expect(
			await su.query(
				`select o.held_on::text, o.participants, i.source from public.action_occurrences o
				 join public.indicators i on i.action_id = o.action_id where o.charter_id = $1`,
				[c.id]
			)
		).toEqual([{ held_on: '2024-04-30', participants: 450, source: 'occurrence_participants' }]);
	});

	it('has mobile buses, Vichy’s covering every commune of its agglomeration', async () => {
		const vichy = await charter('vichy-mobil-sante');
		const [bus] = await actions(vichy.id);
		const [{ covered, of_epci, outside }] = await su.query<{ covered: number; of_epci: number; outside: number }>(
			`select
			   (select count(*)::int from public.action_communes where action_id = $1) as covered,
			   (select count(*)::int from public.communes where epci_siren = '200071363') as of_epci,
			   (select count(*)::int from public.action_communes ac join public.communes co on co.code = ac.commune_code
			     where ac.action_id = $1 and co.epci_siren is distinct from '200071363') as outside`,
			[bus.id]
		);
		expect(of_epci).toBeGreaterThan(10);
		expect(covered).toBe(of_epci);
		expect(outside).toBe(0);
		for (const slug of ['evreux-doctobus', 'dieppe-medicobus']) {
			const c = await charter(slug);
			expect((await actions(c.id)).length, slug).toBeGreaterThan(0);
		}
	});
});

describe('seed: installation support (issue 14)', () => {
	it('gives the Cotentin weekend one edition a year since 2016', async () => {
		const c = await charter('cotentin-attractivite-medicale');
		const rows = await su.query<{ year: number; participants: number; commune: string }>(
			`select extract(year from held_on)::int as year, participants, commune_code as commune
			 from public.action_occurrences where charter_id = $1 order by held_on`,
			[c.id]
		);
		expect(rows.map((r) => r.year)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
		expect(rows.every((r) => r.participants === 100 && r.commune === '50129')).toBe(true);
	});

	it('has Cholet’s three schemes on the pooled 600 000 € envelope, with 5-year commitments', async () => {
		const c = await charter('cholet-attractivite-medicale');
		expect(c.budget_total).toBe('600000.00');
		const schemes = await su.query(
			`select name, kind, max_amount::text, max_amount_per_year, commitment_years, envelope_amount
			 from public.aid_schemes where charter_id = $1 order by position`,
			[c.id]
		);
		expect(schemes).toEqual([
			{
				name: 'Aide forfaitaire à l’installation',
				kind: 'installation',
				max_amount: null,
				max_amount_per_year: false,
				commitment_years: 5,
				envelope_amount: null
			},
			{
				name: 'Aide au maintien des cabinets médicaux',
				kind: 'maintien',
				max_amount: null,
				max_amount_per_year: false,
				commitment_years: 5,
				envelope_amount: null
			},
			{
				name: 'Indemnité d’étude et de projet professionnel',
				kind: 'etudes',
				max_amount: '4800.00',
				max_amount_per_year: true,
				commitment_years: 5,
				envelope_amount: null
			}
		]);
	});

	it('has Cholet grants with commitments to 2031 and beyond, one ending within 90 days, one broken, one from a request', async () => {
		const c = await charter('cholet-attractivite-medicale');
		const grants = await su.query<{ status: string; ends: string | null; request_id: string | null }>(
			`select status, commitment_ends_on::text as ends, request_id from public.aid_grants where charter_id = $1`,
			[c.id]
		);
		expect(grants.length).toBeGreaterThanOrEqual(5);
		expect(grants.some((g) => g.ends !== null && g.ends >= '2031-01-01')).toBe(true);
		expect(grants.some((g) => g.ends !== null && g.ends >= '2032-01-01')).toBe(true);
		expect(grants.filter((g) => g.ends !== null && g.ends > '2026-12-01' && g.ends <= '2027-03-01')).toHaveLength(1);
		expect(grants.filter((g) => g.status === 'broken')).toHaveLength(1);
		const [linked] = grants.filter((g) => g.request_id !== null);
		const request = await su.one<{ charter_id: string; status: string }>(
			'select charter_id, status from public.support_requests where id = $1',
			[linked.request_id]
		);
		expect(request).toEqual({ charter_id: c.id, status: 'installed' });
	});

	it('has Vaucluse requests in every status, routed to its partners, some overdue, with a journal', async () => {
		const c = await charter('vaucluse-sante-attractivite');
		const statuses = await su.query<{ status: string }>(
			'select distinct status::text from public.support_requests where charter_id = $1 order by 1',
			[c.id]
		);
		expect(statuses.map((s) => s.status)).toEqual(['abandoned', 'in_progress', 'installed', 'new', 'on_hold']);
		const referrals = await su.query<{ name: string; status: string; overdue: boolean }>(
			`select o.name, r.status::text, (r.status in ('sent', 'accepted') and r.due_on < date '2026-12-01') as overdue
			 from public.referrals r join public.organizations o on o.id = r.organization_id where r.charter_id = $1`,
			[c.id]
		);
		expect(new Set(referrals.map((r) => r.name))).toEqual(
			new Set([
				'Mairie de Carpentras',
				'CPTS Cerebellum',
				'Conseil départemental de l’Ordre des médecins de Vaucluse',
				'Caisse primaire d’assurance maladie de Vaucluse'
			])
		);
		expect(new Set(referrals.map((r) => r.status))).toEqual(new Set(['sent', 'accepted', 'done', 'declined']));
		expect(referrals.some((r) => r.overdue)).toBe(true);
		const [{ n }] = await su.query<{ n: number }>(
			`select count(*)::int as n from public.support_request_events where charter_id = $1 and body is not null`,
			[c.id]
		);
		expect(n).toBeGreaterThan(3);
		const communes = await su.query('select 1 from public.support_request_communes where charter_id = $1', [c.id]);
		expect(communes.length).toBeGreaterThan(8);
	});
});

describe('seed: reference data', () => {
	it('loads all French communes and EPCI', async () => {
		const [{ communes, epcis }] = await su.query<{ communes: number; epcis: number }>(
			'select (select count(*)::int from public.communes) as communes, (select count(*)::int from public.epcis) as epcis'
		);
		expect(communes).toBeGreaterThan(34000);
		expect(epcis).toBeGreaterThan(1200);
		expect(
			await su.one('select code, name, departement_code, region_code from public.communes where code = $1', ['16409'])
		).toEqual({ code: '16409', name: 'Villefagnan', departement_code: '16', region_code: '75' });
	});
});

describe('seed: provenance and safety', () => {
	it('keeps supabase/seed.sql up to date with scripts/seed/data.ts', async () => {
		const run = promisify(execFile);
		const { stdout } = await run(process.execPath, [path.join(ROOT_DIR, 'scripts/seed/generate.ts'), '--check'], {
			cwd: ROOT_DIR
		});
		expect(stdout).toMatch(/up to date/);
	});

	it('puts no demo account (e-mail, id or password) in any migration', async () => {
		const dir = path.join(ROOT_DIR, 'supabase', 'migrations');
		const files = (await readdir(dir)).filter((f) => f.endsWith('.sql'));
		expect(files.length).toBeGreaterThan(0);
		const needles = [DEMO_PASSWORD, ...DEMO_ACCOUNTS.flatMap((a) => [a.email, a.id])];
		const found: string[] = [];
		for (const file of files) {
			const text = (await readFile(path.join(dir, file), 'utf8')).toLowerCase();
			for (const needle of needles) if (text.includes(needle.toLowerCase())) found.push(`${file}: ${needle}`);
		}
		expect(found).toEqual([]);
	});

	it('marks every seeded charter with the source document it comes from', async () => {
		const seed = await readFile(path.join(ROOT_DIR, 'supabase', 'seed.sql'), 'utf8');
		const sources = [...seed.matchAll(/\(source: ([0-9]{3}_[0-9a-f]{16}\.txt)\)/g)].map((m) => m[1]);
		expect(new Set(sources)).toEqual(
			new Set([
				'000_e61ead798c21a73e.txt',
				'001_700dc8d63f06dd43.txt',
				'002_dcdc058e378cefbc.txt',
				'003_9d26ec9a4d619e61.txt',
				'004_cfb389caab0fa0d0.txt'
			])
		);
	});
});
