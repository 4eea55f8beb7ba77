-- National-scale data set, part 8: financial aids and the editions of event actions.
-- - Three aid schemes per charter (an installation lump sum of at most 50 000 € for 5 years of practice, an aid
--   to keep a practice of at most 10 000 € for 3 years, a study allowance of at most 4 800 € a year for 5
--   years), funded by the charter's second partner, drawing on the charter's pooled envelope.
-- - 15 grants per charter, in every status but "broken" (a broken commitment announces itself through the outbox,
--   which this data set leaves empty), the installation ones given to installed requests of the charter when it
--   has them; commitment ends as the trigger computes them (start + the scheme's years).
-- - Two editions (2024, 2025) of each yearly action, in its commune.

insert into public.aid_schemes (id, charter_id, action_id, name, kind, funder_organization_id, max_amount,
  max_amount_per_year, commitment_years, envelope_amount, note, position, created_at, updated_at)
select md5(p.salt || ':scheme:' || sc.c || ':' || s.n)::uuid, sc.id,
  case when s.n = 1 then md5(p.salt || ':action:' || sc.c || ':5')::uuid end,
  s.name, s.kind::public.aid_kind, sp.organization_id, s.max_amount, s.per_year, s.years, null, null, s.n, now(), now()
from scale_params p
cross join scale_charter sc
join scale_partner sp on sp.c = sc.c and sp.k = 1
cross join (values
  (1, 'Aide forfaitaire à l''installation', 'installation', 50000, false, 5),
  (2, 'Aide au maintien d''activité', 'maintien', 10000, false, 3),
  (3, 'Allocation d''études', 'etudes', 4800, true, 5)
) as s (n, name, kind, max_amount, per_year, years);

insert into public.aid_grants (id, charter_id, scheme_id, request_id, beneficiary_name, amount, decided_on, paid_amount,
  commitment_starts_on, commitment_ends_on, status, refund_amount, note, created_at, updated_at, created_by)
select md5(p.salt || ':grant:' || sc.c || ':' || g)::uuid, sc.id, md5(p.salt || ':scheme:' || sc.c || ':' || x.scheme)::uuid,
  r.id, coalesce(r.requester_first_name || ' ' || r.requester_last_name, 'Bénéficiaire ' || sc.c || '-' || g),
  x.amount, x.decided_on,
  case when x.status = 'granted' then 0 else x.amount end,
  case when x.status in ('in_commitment', 'fulfilled', 'refunded') then x.decided_on + 30 end,
  case when x.status in ('in_commitment', 'fulfilled', 'refunded')
    then (x.decided_on + 30 + make_interval(years => x.years))::date end,
  x.status,
  case when x.status = 'refunded' then round(x.amount / 2, 2) end,
  null,
  x.decided_on::timestamp at time zone 'Europe/Paris', x.decided_on::timestamp at time zone 'Europe/Paris',
  md5(p.salt || ':user:' || (sc.u0 + 1))::uuid
from scale_params p
cross join scale_charter sc
cross join generate_series(1, 15) g
cross join lateral (
  select 1 + g % 3 as scheme,
    (array['granted', 'paid', 'in_commitment', 'in_commitment', 'fulfilled', 'refunded'])[1 + g % 6]::public.aid_grant_status as status
) st
cross join lateral (
  select st.scheme, st.status,
    case st.scheme when 1 then 10000 * (1 + pg_temp.pick(p.salt || 'gamount' || sc.c || g, 5))
      when 2 then 2000 * (1 + pg_temp.pick(p.salt || 'gamount' || sc.c || g, 5))
      else 4800 * (1 + pg_temp.pick(p.salt || 'gamount' || sc.c || g, 5)) end::numeric(12, 2) as amount,
    case st.scheme when 2 then 3 else 5 end as years,
    -- a fulfilled commitment has ended: decided more than its years ago
    case when st.status = 'fulfilled' then private.today_in_paris() - (case st.scheme when 2 then 3 else 5 end) * 366 - 60
        - pg_temp.pick(p.salt || 'gdecided' || sc.c || g, 200)
      else private.today_in_paris() - 30 - pg_temp.pick(p.salt || 'gdecided' || sc.c || g, 900) end as decided_on
) x
left join lateral (
  select sr.id, sr.requester_first_name, sr.requester_last_name from public.support_requests sr
  where sr.charter_id = sc.id and sr.status = 'installed' and x.scheme = 1
  order by sr.id offset g limit 1
) r on true;

insert into public.action_occurrences (id, action_id, charter_id, held_on, commune_code, participants, professionals,
  interested, note, created_at, updated_at, created_by)
select md5(p.salt || ':occurrence:' || sa.id || ':' || y)::uuid, sa.id, sa.charter_id,
  make_date(y, 9, 1) + pg_temp.pick(p.salt || 'oday' || sa.id || y, 60), ac.commune_code,
  x.participants, x.participants / 4, x.participants / 10, null,
  make_date(y, 11, 1)::timestamp at time zone 'Europe/Paris', make_date(y, 11, 1)::timestamp at time zone 'Europe/Paris',
  a.updated_by
from scale_params p
join scale_action sa on sa.a % 10 = 0
join public.actions a on a.id = sa.id
join public.action_communes ac on ac.action_id = sa.id
cross join generate_series(2024, 2025) y
cross join lateral (select 20 + pg_temp.pick(p.salt || 'oparticipants' || sa.id || y, 400) as participants) x;
