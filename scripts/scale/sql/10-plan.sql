-- National-scale data set, part 1: organizations, charters, their partners, objectives, actions (with their
-- partners, communes and fundings).

-- ---------------------------------------------------------------------------------------------- organizations
insert into public.organizations (id, name, short_name, kind, territory_code, created_at, updated_at)
select
  md5(p.salt || ':org:' || i)::uuid,
  'Organisation échelle ' || i,
  'Org ' || i,
  (enum_range(null::public.organization_kind))[1 + pg_temp.pick(p.salt || 'kind' || i, 17)],
  lpad((1 + pg_temp.pick(p.salt || 'dep' || i, 95))::text, 2, '0'),
  now(), now()
from scale_params p, generate_series(1, p.orgs) i;

-- ---------------------------------------------------------------------------------------------- charters
insert into public.charters (id, slug, title, short_title, scope_level, territory_code, territory_label, signed_on,
  starts_on, ends_on, status, summary, is_public, stale_after_days, budget_total, created_at, updated_at)
select
  sc.id,
  sc.slug,
  case when sc.grande then 'Charte nationale à 2 000 actions' else 'Charte à l''échelle nationale n° ' || sc.c end,
  case when sc.grande then 'Échelle grande' else 'Échelle ' || sc.c end,
  'departement',
  lpad((1 + (sc.c % 95))::text, 2, '0'),
  'Département ' || lpad((1 + (sc.c % 95))::text, 2, '0'),
  date '2024-01-01' + pg_temp.pick(p.salt || 'signed' || sc.c, 700),
  date '2024-01-01' + pg_temp.pick(p.salt || 'signed' || sc.c, 700),
  date '2028-12-31',
  'active',
  'Données générées pour mesurer le produit à l''échelle de la France.',
  sc.c % 3 = 0,
  60,
  100000 * (1 + pg_temp.pick(p.salt || 'budget' || sc.c, 50)) * case when sc.grande then 10 else 1 end,
  now(), now()
from scale_params p, scale_charter sc;

-- Each charter has np partner organizations (30; 40 for the big one); partner k of charter c is organization
-- ((c*37 + k*101) mod orgs) + 1 (101 is prime with the usual organization counts, so they are distinct).
create temporary table scale_partner as
select sc.c, k, sc.id as charter_id,
  md5(p.salt || ':org:' || (((sc.c * 37 + k * 101) % p.orgs) + 1))::uuid as organization_id
from scale_params p, scale_charter sc, generate_series(0, sc.np - 1) k;
create index on scale_partner (c, k);
analyze scale_partner;

insert into public.charter_partners (charter_id, organization_id, role, created_at)
select charter_id, organization_id, case when k = 0 then 'lead' else 'signatory' end::public.charter_partner_role, now()
from scale_partner;

-- ---------------------------------------------------------------------------------------------- objectives
insert into public.objectives (id, charter_id, code, title, position, created_at, updated_at)
select md5(p.salt || ':objective:' || sc.c || ':' || o)::uuid, sc.id, o::text,
  'Objectif ' || o || ' de la charte ' || sc.c, o, now(), now()
from scale_params p, scale_charter sc, generate_series(1, sc.nobj) o;

-- ---------------------------------------------------------------------------------------------- actions
-- Action a of a charter is in objective 1 + (a - 1) mod nobj, led by partner a mod np.
create temporary table scale_action as
select sc.c, a, md5(p.salt || ':action:' || sc.c || ':' || a)::uuid as id, sc.id as charter_id,
  1 + ((a - 1) % sc.nobj) as objective, (a % sc.np) as lead_k, sc.np, sc.nobj
from scale_params p, scale_charter sc, generate_series(1, sc.apc) a;
create index on scale_action (c, a);
analyze scale_action;

-- Codes: "objective.a" (a ≤ 999 in a charter of 200); in the big one, "objective.rank in the objective".
insert into public.actions (id, charter_id, objective_id, code, title, description, lead_organization_id, status,
  progress, health, starts_on, due_on, recurrence, position, version, created_at, updated_at)
select sa.id, sa.charter_id, md5(p.salt || ':objective:' || sa.c || ':' || sa.objective)::uuid,
  sa.objective || '.' || case when sa.nobj = 6 then sa.a else 1 + (sa.a - 1) / sa.nobj end,
  'Action ' || sa.a || ' de la charte ' || sa.c, 'Action générée pour le banc d''essai.',
  sp.organization_id, 'planned', 0, 'on_track',
  date '2024-06-01' + pg_temp.pick(p.salt || 'start' || sa.id, 365),
  date '2024-06-01' + pg_temp.pick(p.salt || 'start' || sa.id, 365) + 30 + pg_temp.pick(p.salt || 'due' || sa.id, 1000),
  case when sa.a % 10 = 0 then 'yearly' else 'none' end::public.action_recurrence,
  sa.a, 1, now(), now()
from scale_action sa
join scale_partner sp on sp.c = sa.c and sp.k = sa.lead_k
cross join scale_params p;

insert into public.action_partners (action_id, charter_id, organization_id, role)
select sa.id, sa.charter_id, sp.organization_id, case when d = 1 then 'contributor' else 'funder' end::public.action_partner_role
from scale_action sa
cross join generate_series(1, 2) d
join scale_partner sp on sp.c = sa.c and sp.k = (sa.lead_k + d) % sa.np;

insert into public.action_communes (action_id, charter_id, commune_code)
select sa.id, sa.charter_id, sc.code
from scale_action sa
cross join scale_params p
join scale_communes sc on sc.rn = 1 + pg_temp.pick(p.salt || 'commune' || sa.id, (select count(*)::int from scale_communes));

insert into public.fundings (id, charter_id, action_id, organization_id, source, year, planned_amount, committed_amount,
  paid_amount, created_at, updated_at)
select md5(p.salt || ':funding:' || sa.id)::uuid, sa.charter_id, sa.id, sp.organization_id,
  (array['ACI', 'FEDER', 'fonds propres', 'FIR', 'DETR'])[1 + pg_temp.pick(p.salt || 'source' || sa.id, 5)],
  2024 + pg_temp.pick(p.salt || 'year' || sa.id, 4),
  1000 * (1 + pg_temp.pick(p.salt || 'planned' || sa.id, 200)),
  1000 * pg_temp.pick(p.salt || 'committed' || sa.id, 150),
  1000 * pg_temp.pick(p.salt || 'paid' || sa.id, 100),
  now(), now()
from scale_action sa
cross join scale_params p
join scale_partner sp on sp.c = sa.c and sp.k = (sa.lead_k + 2) % sa.np;
