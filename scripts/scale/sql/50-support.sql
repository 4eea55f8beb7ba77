-- National-scale data set, part 5: internships, installation support requests and their referrals (the :charters
-- charters; the big charter has none, only its computed indicator).

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
analyze scale_request;

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
select md5(p.salt || ':installations:' || sc.c)::uuid, sc.id,
  'Professionnels installés', 'professionnels', 'increase', 10000, 'installations', now(), now()
from scale_params p, scale_charter sc;
select private.refresh_pipeline_indicators(array(select id from scale_charter));
select private.refresh_indicator_value_stats(array(select id from public.indicators where source = 'installations'));
-- The pipeline's figures per charter (private.support_pipeline_figures), in bulk too.
select private.refresh_support_pipeline_figures(array(select id from scale_charter));
