-- National-scale data set for the benchmark (npm run seed:scale). Set-based and deterministic: every
-- "random" choice is a hash of the row number and the :salt, so the same salt gives the same data.
-- Runs as the superuser with triggers off (session_replication_role = replica) for speed; integrity is kept
-- by construction, and the derived columns the triggers would maintain (actions' current state, profiles)
-- are computed here in set-based statements.
--
-- Parameters (psql-style placeholders replaced by scripts/scale/seed-scale.ts): :charters, :orgs,
-- :actions_per_charter, :updates, :indicators, :values_per_indicator, :internships, :users, :requests,
-- :referrals, :salt,
-- :password_hash.

set local session_replication_role = replica;
set local synchronous_commit = off;

create temporary table scale_params as
select
  :charters::int as charters,
  :orgs::int as orgs,
  :actions_per_charter::int as apc,
  :updates::int as updates,
  :indicators::int as indicators,
  :values_per_indicator::int as vpi,
  :internships::int as internships,
  :users::int as users,
  :salt::text as salt;

-- A deterministic number in [0, n) for a key.
create or replace function pg_temp.pick(key text, n int) returns int
language sql immutable as $$
  select (abs(hashtextextended(key, 0)) % greatest(n, 1))::int
$$;

create temporary table scale_communes as
select code, row_number() over (order by code)::int as rn from public.communes;
create index on scale_communes (rn);

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
  md5(p.salt || ':charter:' || c)::uuid,
  'echelle-' || lpad(c::text, 3, '0'),
  'Charte à l''échelle nationale n° ' || c,
  'Échelle ' || c,
  'departement',
  lpad((1 + (c % 95))::text, 2, '0'),
  'Département ' || lpad((1 + (c % 95))::text, 2, '0'),
  date '2024-01-01' + pg_temp.pick(p.salt || 'signed' || c, 700),
  date '2024-01-01' + pg_temp.pick(p.salt || 'signed' || c, 700),
  date '2028-12-31',
  'active',
  'Données générées pour mesurer le produit à l''échelle de la France.',
  c % 3 = 0,
  60,
  100000 * (1 + pg_temp.pick(p.salt || 'budget' || c, 50)),
  now(), now()
from scale_params p, generate_series(1, p.charters) c;

-- Each charter has 30 partner organizations; partner k of charter c is organization ((c*37 + k*101) mod orgs) + 1
-- (101 is prime with the usual organization counts, so the 30 are distinct).
create temporary table scale_partner as
select c, k, md5(p.salt || ':charter:' || c)::uuid as charter_id,
  md5(p.salt || ':org:' || (((c * 37 + k * 101) % p.orgs) + 1))::uuid as organization_id
from scale_params p, generate_series(1, p.charters) c, generate_series(0, 29) k;
create index on scale_partner (c, k);

insert into public.charter_partners (charter_id, organization_id, role, created_at)
select charter_id, organization_id, case when k = 0 then 'lead' else 'signatory' end::public.charter_partner_role, now()
from scale_partner;

-- ---------------------------------------------------------------------------------------------- objectives
insert into public.objectives (id, charter_id, code, title, position, created_at, updated_at)
select md5(p.salt || ':objective:' || c || ':' || o)::uuid, md5(p.salt || ':charter:' || c)::uuid, o::text,
  'Objectif ' || o || ' de la charte ' || c, o, now(), now()
from scale_params p, generate_series(1, p.charters) c, generate_series(1, 6) o;

-- ---------------------------------------------------------------------------------------------- actions
create temporary table scale_action as
select c, a, md5(p.salt || ':action:' || c || ':' || a)::uuid as id, md5(p.salt || ':charter:' || c)::uuid as charter_id,
  1 + ((a - 1) % 6) as objective, (a % 30) as lead_k
from scale_params p, generate_series(1, p.charters) c, generate_series(1, p.apc) a;
create index on scale_action (c, a);

insert into public.actions (id, charter_id, objective_id, code, title, description, lead_organization_id, status,
  progress, health, starts_on, due_on, recurrence, position, version, created_at, updated_at)
select sa.id, sa.charter_id, md5(p.salt || ':objective:' || sa.c || ':' || sa.objective)::uuid,
  sa.objective || '.' || sa.a, 'Action ' || sa.a || ' de la charte ' || sa.c, 'Action générée pour le banc d''essai.',
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
join scale_partner sp on sp.c = sa.c and sp.k = (sa.lead_k + d) % 30;

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
join scale_partner sp on sp.c = sa.c and sp.k = (sa.lead_k + 2) % 30;

-- ---------------------------------------------------------------------------------------------- users and memberships
-- 50 people per charter: 2 coordinators, 8 steering members, 32 partner representatives, 8 elected officials.
create temporary table scale_user as
select u, md5(p.salt || ':user:' || u)::uuid as id, 'u' || u || '@echelle.example.org' as email,
  1 + ((u - 1) / 50) as c, (u - 1) % 50 as slot
from scale_params p, generate_series(1, p.users) u;

insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data,
  raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token, email_change_token_new, email_change)
select '00000000-0000-0000-0000-000000000000', su.id, 'authenticated', 'authenticated', su.email, :password_hash, now(),
  '{"provider": "email", "providers": ["email"]}', jsonb_build_object('display_name', 'Personne ' || su.u), now(), now(),
  '', '', '', ''
from scale_user su;

insert into auth.identities (id, user_id, provider_id, provider, identity_data, created_at, updated_at)
select md5('identity' || su.id)::uuid, su.id, su.id::text, 'email',
  jsonb_build_object('sub', su.id::text, 'email', su.email, 'email_verified', true), now(), now()
from scale_user su;

insert into public.profiles (id, display_name, email, created_at, updated_at)
select su.id, 'Personne ' || su.u, su.email, now(), now() from scale_user su;

insert into public.charter_members (id, charter_id, user_id, organization_id, role, created_at, updated_at)
select md5('member' || su.id)::uuid, md5(p.salt || ':charter:' || su.c)::uuid, su.id,
  case when su.slot between 10 and 41 then sp.organization_id end,
  case
    when su.slot < 2 then 'coordinator'
    when su.slot < 10 then 'steering'
    when su.slot < 42 then 'partner_rep'
    else 'elected_official'
  end::public.member_role,
  now(), now()
from scale_user su
cross join scale_params p
left join scale_partner sp on sp.c = su.c and sp.k = (su.slot - 10) % 30
where su.c <= p.charters;

-- People in many charters, as an ARS is: the first coordinator (u1) also coordinates charters 2 to 20, and
-- the first partner representative (u11) represents, in each of those charters, its lead partner.
insert into public.charter_members (id, charter_id, user_id, organization_id, role, created_at, updated_at)
select md5('member-multi' || su.u || ':' || g.n)::uuid, md5(p.salt || ':charter:' || g.n)::uuid, su.id,
  case when su.u = 11 then sp.organization_id end,
  case when su.u = 1 then 'coordinator' else 'partner_rep' end::public.member_role, now(), now()
from scale_params p
cross join generate_series(2, least(20, p.charters)) as g(n)
join scale_user su on su.u in (1, 11)
join scale_partner sp on sp.c = g.n and sp.k = 0;

insert into public.official_communes (charter_id, user_id, commune_code, created_at)
select distinct md5(p.salt || ':charter:' || su.c)::uuid, su.id, sc.code, now()
from scale_user su
cross join scale_params p
cross join generate_series(1, 2) n
join scale_communes sc on sc.rn = 1 + pg_temp.pick(p.salt || 'official' || su.id || n, (select count(*)::int from scale_communes))
where su.slot >= 42 and su.c <= p.charters;

-- ---------------------------------------------------------------------------------------------- journal
-- :updates entries spread over the actions, the last two years, written by a representative of the lead.
insert into public.action_updates (id, action_id, charter_id, author_id, author_name, organization_id, status, progress,
  health, comment, created_at)
select md5(p.salt || ':update:' || n)::uuid, sa.id, sa.charter_id, su.id, 'Personne ' || su.u,
  (select organization_id from scale_partner sp where sp.c = sa.c and sp.k = sa.lead_k),
  case
    when n % 10 = 0 then 'done'
    when n % 17 = 0 then 'blocked'
    when n % 29 = 0 then 'abandoned'
    when n % 3 = 0 then 'planned'
    else 'in_progress'
  end::public.action_status,
  case when n % 10 = 0 then 100 else pg_temp.pick(p.salt || 'progress' || n, 100) end,
  (array['on_track', 'on_track', 'at_risk', 'off_track'])[1 + pg_temp.pick(p.salt || 'health' || n, 4)]::public.action_health,
  'Point d''avancement n° ' || n,
  now() - make_interval(mins => pg_temp.pick(p.salt || 'when' || n, 2 * 365 * 24 * 60))
from scale_params p
cross join generate_series(1, p.updates) n
join scale_action sa on sa.c = 1 + ((n - 1) % p.charters) and sa.a = 1 + (((n - 1) / p.charters) % p.apc)
-- the representative of the lead organization (slot 10 + lead_k of the charter's 50 people)
join scale_user su on su.u = (sa.c - 1) * 50 + 11 + sa.lead_k;

-- The current state of each action is its latest journal entry (what the triggers do one row at a time).
update public.actions a
set status = u.status, progress = u.progress, health = u.health, last_update_at = u.created_at,
  updated_by = u.author_id, version = 1 + u.entries
from (
  select distinct on (action_id) action_id, status, progress, health, created_at, author_id,
    count(*) over (partition by action_id) as entries
  from public.action_updates
  where action_id in (select id from scale_action)
  order by action_id, created_at desc
) u
where a.id = u.action_id;

-- What each entry moved, per action and month (the journal's statement trigger is off here).
select private.refresh_action_progress_months(array(select id from scale_action));

-- ---------------------------------------------------------------------------------------------- indicators
insert into public.indicators (id, charter_id, objective_id, action_id, name, unit, baseline, target, target_on,
  direction, position, created_at, updated_at)
select md5(p.salt || ':indicator:' || i)::uuid, sa.charter_id, null, sa.id, 'Indicateur ' || i, 'unités',
  10 * pg_temp.pick(p.salt || 'baseline' || i, 10), 100 + 10 * pg_temp.pick(p.salt || 'target' || i, 10),
  date '2027-12-31', case when i % 5 = 0 then 'decrease' else 'increase' end::public.indicator_direction, i, now(), now()
from scale_params p
cross join generate_series(1, p.indicators) i
join scale_action sa on sa.c = 1 + ((i - 1) % p.charters) and sa.a = 1 + ((i - 1) / p.charters);

insert into public.indicator_values (id, indicator_id, charter_id, measured_on, value, created_at, updated_at)
select md5(p.salt || ':value:' || i || ':' || v)::uuid, md5(p.salt || ':indicator:' || i)::uuid,
  md5(p.salt || ':charter:' || (1 + ((i - 1) % p.charters)))::uuid,
  (date '2021-12-01' + make_interval(months => v))::date,
  v * 2 + pg_temp.pick(p.salt || 'value' || i || v, 20), now(), now()
from scale_params p, generate_series(1, p.indicators) i, generate_series(1, p.vpi) v;

-- Count and last values of each indicator (the statement triggers are off here).
select private.refresh_indicator_value_stats(array(select id from public.indicators where charter_id in (select id from public.charters where slug like 'echelle-%')));

-- ---------------------------------------------------------------------------------------------- internships
insert into public.internships (id, charter_id, intern_first_name, intern_last_name, intern_email, profession, level,
  faculty, supervisor_name, host_organization_id, commune_code, starts_on, ends_on, housing, status, version,
  created_at, updated_at)
select md5(p.salt || ':internship:' || n)::uuid, md5(p.salt || ':charter:' || cc.c)::uuid,
  'Prénom' || n, 'Nom' || n, 'interne' || n || '@echelle.example.org',
  (enum_range(null::public.health_profession))[1 + pg_temp.pick(p.salt || 'prof' || n, 7)],
  (enum_range(null::public.internship_level))[1 + pg_temp.pick(p.salt || 'level' || n, 3)],
  'Faculté de médecine', 'Dr Maître ' || n,
  sp.organization_id, sc.code,
  date '2025-05-01' + 182 * pg_temp.pick(p.salt || 'sem' || n, 5),
  date '2025-05-01' + 182 * pg_temp.pick(p.salt || 'sem' || n, 5) + 180,
  (enum_range(null::public.housing_kind))[1 + pg_temp.pick(p.salt || 'housing' || n, 6)],
  (enum_range(null::public.internship_status))[1 + pg_temp.pick(p.salt || 'istatus' || n, 4)],
  1, now(), now()
from scale_params p
cross join generate_series(1, p.internships) n
cross join lateral (select 1 + ((n - 1) % p.charters) as c) cc
join scale_partner sp on sp.c = cc.c and sp.k = pg_temp.pick(p.salt || 'host' || n, 30)
join scale_communes sc on sc.rn = 1 + pg_temp.pick(p.salt || 'icommune' || n, (select count(*)::int from scale_communes));


-- ---------------------------------------------------------------------------------------------- installation support
-- :requests requests (support_requests), one in ten in charter 1 (a big "porte d'entrée": about 5 000) and the
-- rest spread over every charter, received over the last three years, in every status, with their needs and
-- the communes they consider; the installed ones say when (30 days to a year after the first contact, never
-- after today), where (one of 25 communes per charter) and how. :referrals referrals route them, need by need,
-- to the charter's partner organizations (all of which have partner representatives): done or declined for a
-- closed request; sent, accepted or done for an open one, due 2 to 6 weeks after routing, so that the old open
-- ones are overdue; some answered after their due date.
create temporary table scale_request as
select n, cc.c, md5(p.salt || ':request:' || n)::uuid as id, md5(p.salt || ':charter:' || cc.c)::uuid as charter_id,
  pg_temp.pick(p.salt || 'rstatus' || n, 10) as s,
  now() - make_interval(mins => pg_temp.pick(p.salt || 'rwhen' || n, 3 * 365 * 24 * 60)) as created_at
from scale_params p
cross join generate_series(1, :requests) n
cross join lateral (select case when n % 10 = 0 then 1 else 1 + (n % p.charters) end as c) cc;
create index on scale_request (n);

insert into public.support_requests (id, charter_id, reference, requester_first_name, requester_last_name,
  requester_email, requester_phone, profession, stage, project, needs, channel, status, consent_at, installed_on,
  installed_commune_code, installed_mode, outcome_note, closed_at, version, created_at, updated_at)
select sr.id, sr.charter_id,
  to_char(sr.created_at at time zone 'Europe/Paris', 'YYYY') || '-' || lpad(sr.n::text, 6, '0'),
  'Prénom' || sr.n, 'Nom' || sr.n, 'demande' || sr.n || '@echelle.example.org', '06 00 00 00 00',
  (enum_range(null::public.health_profession))[1 + pg_temp.pick(p.salt || 'rprof' || sr.n, 7)],
  (enum_range(null::public.career_stage))[1 + pg_temp.pick(p.salt || 'rstage' || sr.n, 6)],
  'Projet d''installation n° ' || sr.n,
  array(
    select e.need from unnest(enum_range(null::public.support_need)) with ordinality as e (need, i)
    where pg_temp.pick(p.salt || 'rneed' || sr.n || ':' || e.i, 4) = 0
  ),
  (enum_range(null::public.support_channel))[1 + pg_temp.pick(p.salt || 'rchannel' || sr.n, 5)],
  st.status, sr.created_at,
  case when st.status = 'installed' then d.installed_on end,
  case when st.status = 'installed' then sc.code end,
  case when st.status = 'installed' then (enum_range(null::public.practice_mode))[1 + pg_temp.pick(p.salt || 'rmode' || sr.n, 3)] end,
  case when st.status = 'abandoned' then 'Projet abandonné' end,
  case when st.status in ('installed', 'abandoned') then greatest(sr.created_at, least(now(), d.installed_on + time '12:00')) end,
  1, sr.created_at, sr.created_at
from scale_request sr
cross join scale_params p
cross join lateral (
  select (case
    when sr.s < 2 then 'new' when sr.s < 5 then 'in_progress' when sr.s = 5 then 'on_hold'
    when sr.s < 9 then 'installed' else 'abandoned'
  end)::public.support_status as status
) st
cross join lateral (
  select least((now() at time zone 'Europe/Paris')::date,
    (sr.created_at at time zone 'Europe/Paris')::date + 30 + pg_temp.pick(p.salt || 'rdelay' || sr.n, 335)) as installed_on
) d
join scale_communes sc on sc.rn = 1 + pg_temp.pick(
  p.salt || 'rcommune' || sr.c || ':' || pg_temp.pick(p.salt || 'rk' || sr.n, 25), (select count(*)::int from scale_communes));

insert into public.support_request_communes (request_id, charter_id, commune_code)
select distinct sr.id, sr.charter_id, sc.code
from scale_request sr
cross join scale_params p
cross join generate_series(1, 2) k
join scale_communes sc on sc.rn = 1 + pg_temp.pick(
  p.salt || 'rcommune' || sr.c || ':' || pg_temp.pick(p.salt || 'rconsider' || sr.n || ':' || k, 25), (select count(*)::int from scale_communes))
where k = 1 or sr.n % 3 = 0;

-- Referral r routes request 1 + (r - 1) mod :requests; its rounds go to distinct partners of the charter.
insert into public.referrals (id, request_id, charter_id, organization_id, need, status, due_on, note, routed_at, answered_at)
select md5(p.salt || ':referral:' || r)::uuid, sr.id, sr.charter_id, sp.organization_id,
  coalesce(req.needs[1], 'information'), rs.status, (x.routed_at at time zone 'Europe/Paris')::date + 14 + pg_temp.pick(p.salt || 'rdue' || r, 29),
  'Orientation générée n° ' || r, x.routed_at,
  case when rs.status <> 'sent' then least(now(), x.routed_at + make_interval(days => pg_temp.pick(p.salt || 'ranswer' || r, 50))) end
from scale_params p
cross join generate_series(1, :referrals) r
join scale_request sr on sr.n = 1 + ((r - 1) % :requests)
join public.support_requests req on req.id = sr.id
join scale_partner sp on sp.c = sr.c
  and sp.k = (pg_temp.pick(p.salt || 'rorg' || sr.n, 30) + 7 * ((r - 1) / :requests)) % 30
cross join lateral (select least(now(), sr.created_at + interval '1 day') as routed_at) x
cross join lateral (
  select (case
    when req.status in ('installed', 'abandoned') then (array['done', 'done', 'done', 'declined'])[1 + pg_temp.pick(p.salt || 'rref' || r, 4)]
    else (array['sent', 'sent', 'accepted', 'done'])[1 + pg_temp.pick(p.salt || 'rref' || r, 4)]
  end)::public.referral_status as status
) rs;

-- Each charter counts its installations in a computed indicator (the triggers are off: refreshed in bulk).
insert into public.indicators (id, charter_id, name, unit, direction, position, source, created_at, updated_at)
select md5(p.salt || ':installations:' || c)::uuid, md5(p.salt || ':charter:' || c)::uuid,
  'Professionnels installés', 'professionnels', 'increase', 10000, 'installations', now(), now()
from scale_params p, generate_series(1, p.charters) c;
select private.refresh_pipeline_indicators(array(select id from public.charters where slug like 'echelle-%'));
select private.refresh_indicator_value_stats(array(select id from public.indicators where source = 'installations'));
-- The pipeline's figures per charter (private.support_pipeline_figures), in bulk too.
select private.refresh_support_pipeline_figures(array(select id from public.charters where slug like 'echelle-%'));
