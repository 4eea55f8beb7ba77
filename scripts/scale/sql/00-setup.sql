-- National-scale data set for the benchmark (npm run seed:scale), part 0: parameters and helpers. The files of
-- this folder run in the order of their names, in one transaction and one session (their temporary tables carry
-- over). Set-based and deterministic: every "random" choice is a hash of the row number and the :salt, so the same
-- salt gives the same data. Runs as the superuser with triggers off (session_replication_role = replica) for
-- speed: check constraints still hold, foreign keys and trigger invariants are kept by construction, and the
-- derived columns and tables the triggers would maintain are computed here in set-based statements.
--
-- Parameters (psql-style placeholders replaced by scripts/scale/seed-scale.ts): :charters, :orgs,
-- :actions_per_charter, :updates, :indicators, :values_per_indicator, :internships, :users, :requests,
-- :referrals, :grande_actions, :salt, :password_hash.
--
-- Besides the :charters charters `echelle-001`..., one charter `echelle-grande` of :grande_actions actions (10
-- objectives, 40 partners), at the same densities per action, with its own people (grande-coord@...,
-- grande-partenaire@...): it measures how a charter's cost grows with the charter itself.

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
  :grande_actions::int as grande_apc,
  :salt::text as salt;

-- A deterministic number in [0, n) for a key.
create or replace function pg_temp.pick(key text, n int) returns int
language sql immutable as $$
  select (abs(hashtextextended(key, 0)) % greatest(n, 1))::int
$$;

create temporary table scale_communes as
select code, row_number() over (order by code)::int as rn from public.communes;
create index on scale_communes (rn);
analyze scale_communes;

-- Every generated charter: c in 1..:charters, and the big one as c = :charters + 1. apc: its actions, nobj: its
-- objectives, np: its partners, u0: the number of its first person (its first coordinator is user u0 + 1).
create temporary table scale_charter as
select c, md5(p.salt || ':charter:' || c)::uuid as id, 'echelle-' || lpad(c::text, 3, '0') as slug,
  p.apc, 6 as nobj, 30 as np, (c - 1) * 50 as u0, false as grande
from scale_params p, generate_series(1, p.charters) c
union all
select p.charters + 1, md5(p.salt || ':charter:grande')::uuid, 'echelle-grande',
  p.grande_apc, 10, least(40, p.orgs), p.users, true
from scale_params p;
create unique index on scale_charter (c);
analyze scale_charter;
