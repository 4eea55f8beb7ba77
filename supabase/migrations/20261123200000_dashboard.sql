-- Steering dashboards: the figures a COPIL reads (actions by status, progress, lateness, indicators, money,
-- contributions), the alerts it wants surfaced and the four-level weather of an objective, computed in SQL.
--
-- Every function here is `security invoker`: it runs as the caller, so the row-level security of the tables
-- decides what it counts (a member sees their charter, anyone sees a published charter's plan, the public
-- never sees fundings or the journal). The rules are defined once, here:
--
--   open action      status is neither `done` nor `abandoned`
--   overdue          open and `due_on` is before today
--   stale            open, already started (or with no start date), and its latest update (or its creation
--                    when it has none) is more than the charter's `stale_after_days` days old
--   behind schedule  open, with start and due dates, and its progress is more than 25 points below the share
--                    of its duration already elapsed
--   red signal       blocked, or overdue, or open with health `off_track`
--   amber signal     open with health `at_risk`, or behind schedule, or stale (and no red signal)
--   progress         mean progress of the actions that are not abandoned, each action weighing the same
--   weather          over the actions that are not abandoned (private.weather):
--                      compromised  red signals on at least a third of them
--                      watch        at least one red or amber signal
--                      secure       no signal and progress of at least 75 %
--                      good         no signal and progress below 75 %
--   indicator state  no_data (no value); reached (target met); off_track (latest value moved away from the
--                    previous value, or from the baseline when there is one value only, relative to the
--                    direction; or the target date passed without the target met); on_track (moving
--                    towards the target or steady); single (one value and no baseline: no trend yet)
--
-- "Today" is a parameter (the app passes the date in Paris) so that the page, the exports and the tests agree.
-- How it stays fast at national scale (bench/RESULTS.md):
--
-- - the facts of actions, indicators and fundings are static queries whose plans PL/pgSQL keeps for the session
--   (the optional filters are "parameter is null or ..." conditions); they read the given charters' objectives and
--   settings only, so their cost follows the charter, not the country;
-- - the dashboard document is one statement: the facts are computed once (materialized CTEs) and every part reads
--   them; the figures of the objectives and of the charter come from one aggregate (grouping sets); the statement
--   keeps one generic plan (planning it anew at each call cost more than running it), so each part is written to
--   be good whatever the parameters (lookups by key, `offset 0` where a join would read a whole table);
-- - PL/pgSQL rather than SQL for the helpers called at every view: a SQL function with `set search_path` is
--   neither inlined nor kept planned, so it was planned again at every call;
-- - the count, the last two values and the last 24 values (the series a dashboard draws) of each indicator are
--   kept in indicator_value_stats by statement triggers, so a view copies a series instead of building it;
-- - what each journal entry moved, summed per action and month, is kept in action_progress_months, refreshed in
--   the same transaction as the journal entries (a statement trigger), and the progress trend reads those sums;
-- - the dashboard document is built as json rather than jsonb: it is sent as it is, and json is built by
--   appending text, about twice as fast as jsonb, which sorts and copies its keys at every level;
-- - the communes and organizations of the filters, the partners' names and the lead of each action are looked
--   up from the charter's few keys, not by reading every commune or organization of the country; the
--   cross-charter view, which only counts, skips the names.
-- tests/dashboard/same-figures.test.ts holds the document's figures equal to private.summaries' and the public
-- trend's; tests/db/derived-figures.test.ts holds the derived tables equal to their source rows.

-- ---------------------------------------------------------------------------------------------------
-- Indexes for the dashboard queries at national scale (tens of thousands of actions, hundreds of
-- thousands of journal entries)
-- ---------------------------------------------------------------------------------------------------
-- The progress trend reads the journal of a charter ordered by action and date, without visiting the table.
create index action_updates_charter_action_created_idx
  on public.action_updates (charter_id, action_id, created_at)
  include (progress, previous_progress);
-- The charter next to the values lets the row-level check (by charter) run on the index alone.
create index indicator_values_indicator_measured_charter_idx on public.indicator_values
  (indicator_id, measured_on desc) include (value, charter_id);
-- The charters list counts each charter's actions (PostgREST's `actions(count)`): with the archived ones out of the
-- index, the count and its row-level check (by charter) read the index alone.
create index actions_charter_open_idx on public.actions (charter_id) where archived_at is null;
-- Filters by partner and commune look up an action's partners and communes by action.
create index action_partners_action_organization_idx on public.action_partners (action_id, organization_id);
create index action_communes_charter_commune_idx on public.action_communes (charter_id, commune_code);

-- ---------------------------------------------------------------------------------------------------
-- The weather rule, in one place
-- ---------------------------------------------------------------------------------------------------
create function private.weather(p_actions integer, p_red integer, p_amber integer, p_progress numeric)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case
    when coalesce(p_actions, 0) = 0 then null
    when p_red > 0 and p_red * 3 >= p_actions then 'compromised'
    when p_red > 0 or p_amber > 0 then 'watch'
    when p_progress >= 75 then 'secure'
    else 'good'
  end
$$;
comment on function private.weather(integer, integer, integer, numeric) is
  'Four-level weather of a set of actions (docs: dashboard page). Compromised when red signals reach a third of the actions that are not abandoned.';

-- "Today" in Paris, unless the caller fixes it.
create function private.dashboard_today(p_today date) returns date
language sql
stable
set search_path = ''
as $$
  select coalesce(p_today, (now() at time zone 'Europe/Paris')::date)
$$;

grant execute on function private.weather(integer, integer, integer, numeric), private.dashboard_today(date)
  to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- Facts about actions, indicators and fundings, for one charter or many at once
-- ---------------------------------------------------------------------------------------------------

create type private.action_fact as (
  charter_id uuid,
  id uuid,
  objective_id uuid,
  objective_code text,
  objective_title text,
  objective_position integer,
  code text,
  title text,
  position integer,
  lead_organization_id uuid,
  lead_name text,
  status public.action_status,
  progress smallint,
  health public.action_health,
  starts_on date,
  due_on date,
  last_update_at timestamptz,
  days_without_update integer,
  is_open boolean,
  is_overdue boolean,
  is_stale boolean,
  is_behind boolean,
  signal text
);

-- The actions of the given charters after the dashboard filters (objective; partner as lead or as partner of
-- the action; status; commune), with their lateness flags and their red/amber signal.
create function private.action_facts(
  p_charter_ids uuid[],
  p_objective_id uuid,
  p_organization_id uuid,
  p_status public.action_status,
  p_commune_code text,
  p_today date,
  -- The cross-charter view counts and needs neither names nor days without update: false spares a lookup
  -- and a time-zone conversion per action (null then).
  p_details boolean default true
) returns setof private.action_fact
language plpgsql
stable
security invoker
set search_path = ''
-- Its own plans (a SET clause scopes the setting to the call): the dashboard keeps one generic plan for its
-- statement, and that setting would otherwise reach this function, whose generic plan is poor for a large charter.
set plan_cache_mode = auto
as $$
declare
  v_today date := private.dashboard_today(p_today);
begin
  return query
    select a.charter_id, a.id, a.objective_id, o.code, o.title, o.position, a.code, a.title, a.position,
      a.lead_organization_id,
      -- Looked up by key, action by action: cheaper than reading every organization of the country.
      case when p_details then
        (select coalesce(org.short_name, org.name) from public.organizations org where org.id = a.lead_organization_id)
      end,
      a.status, a.progress, a.health, a.starts_on, a.due_on, a.last_update_at,
      case when p_details and a.last_update_at is not null then
        v_today - (a.last_update_at at time zone 'Europe/Paris')::date
      end,
      f.open, f.overdue, f.stale, f.behind,
      case
        when a.status = 'blocked' or f.overdue or (f.open and a.health = 'off_track') then 'red'
        when f.open and (a.health = 'at_risk' or f.behind or f.stale) then 'amber'
      end
    from public.actions a
    -- The given charters' rows only, so that the join reads a few rows whatever the size of the country.
    join (
      -- Once per charter (`offset 0` keeps it so): more than `stale_after_days` days without update means a
      -- latest update (or a creation) before the start, in Paris, of the day that many days before today.
      select c.id, (v_today - c.stale_after_days)::timestamp at time zone 'Europe/Paris' as stale_before
      from public.charters c
      where c.id = any (p_charter_ids)
      offset 0
    ) ch on ch.id = a.charter_id
    join public.objectives o on o.id = a.objective_id and o.charter_id = any (p_charter_ids)
    cross join lateral (select a.status not in ('done', 'abandoned') as open) b
    cross join lateral (
      select b.open,
        coalesce(b.open and a.due_on < v_today, false) as overdue,
        b.open and (a.starts_on is null or a.starts_on <= v_today)
          and coalesce(a.last_update_at, a.created_at) < ch.stale_before as stale,
        -- progress + 25 < least(100, 100 × elapsed / duration), in integers.
        coalesce(b.open and a.due_on > a.starts_on and v_today > a.starts_on and a.progress + 25 < 100
          and (a.progress + 25) * (a.due_on - a.starts_on) < 100 * (v_today - a.starts_on), false) as behind
    ) f
    where a.charter_id = any (p_charter_ids) and a.archived_at is null and o.archived_at is null
      and (p_objective_id is null or a.objective_id = p_objective_id)
      and (p_organization_id is null or a.lead_organization_id = p_organization_id
        or exists (select 1 from public.action_partners ap where ap.action_id = a.id and ap.organization_id = p_organization_id))
      and (p_status is null or a.status = p_status)
      and (p_commune_code is null
        or exists (select 1 from public.action_communes ac where ac.action_id = a.id and ac.commune_code = p_commune_code));
end;
$$;

create type private.indicator_fact as (
  charter_id uuid,
  id uuid,
  name text,
  unit text,
  baseline numeric,
  target numeric,
  target_on date,
  direction public.indicator_direction,
  note text,
  position integer,
  objective_id uuid,
  objective_code text,
  action_id uuid,
  action_code text,
  action_title text,
  value_count integer,
  latest_value numeric,
  latest_on date,
  reference_value numeric,
  state text,
  "values" json
);

-- How many values each indicator has and its last two, kept with the values (statement triggers): the
-- cross-charter view needs the state of hundreds of indicators, and reading all their values on every view cost
-- 40 ms for 20 charters.
create table public.indicator_value_stats (
  indicator_id uuid primary key references public.indicators (id) on delete cascade,
  charter_id uuid not null references public.charters (id) on delete cascade,
  value_count integer not null check (value_count > 0),
  latest_on date not null,
  latest_value numeric not null,
  previous_value numeric,
  -- The last 24 values, oldest first, as the dashboard sends them ({on, value, note}): built once per write
  -- rather than at every view.
  recent json not null
);
comment on table public.indicator_value_stats is
  'Number of values, latest value, the one before and the last 24 values, per indicator. Derived from indicator_values by triggers; read by the dashboards.';
create index indicator_value_stats_charter_idx on public.indicator_value_stats (charter_id);

-- Read like the values they sum up; written only by the triggers below.
alter table public.indicator_value_stats enable row level security;
create policy "anon reads indicator stats of published charters" on public.indicator_value_stats
  for select to anon using (charter_id in (select private.public_charter_ids()));
create policy "members read indicator stats" on public.indicator_value_stats
  for select to authenticated
  using (charter_id in (select private.member_charter_ids()) or charter_id in (select private.public_charter_ids()));
revoke insert, update, delete, truncate on public.indicator_value_stats from anon, authenticated;

-- Recomputes the stats of the given indicators (null: every indicator).
create function private.refresh_indicator_value_stats(p_indicator_ids uuid[])
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from public.indicator_value_stats s
  where p_indicator_ids is null or s.indicator_id = any (p_indicator_ids);
  insert into public.indicator_value_stats
    (indicator_id, charter_id, value_count, latest_on, latest_value, previous_value, recent)
  select v.indicator_id, (array_agg(v.charter_id))[1], count(*)::integer, max(v.measured_on),
    (array_agg(v.value order by v.measured_on desc))[1], (array_agg(v.value order by v.measured_on desc))[2],
    json_agg(json_build_object('on', v.measured_on, 'value', v.value, 'note', v.note) order by v.measured_on)
      filter (where v.rank <= 24)
  from (
    select i.*, row_number() over (partition by i.indicator_id order by i.measured_on desc) as rank
    from public.indicator_values i
    where p_indicator_ids is null or i.indicator_id = any (p_indicator_ids)
  ) v
  group by v.indicator_id;
end;
$$;
revoke execute on function private.refresh_indicator_value_stats(uuid[]) from public, anon, authenticated;

create function private.indicator_values_refresh_stats() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform private.refresh_indicator_value_stats(array(select distinct n.indicator_id from new_rows n));
  elsif tg_op = 'DELETE' then
    perform private.refresh_indicator_value_stats(array(select distinct o.indicator_id from old_rows o));
  else
    perform private.refresh_indicator_value_stats(array(
      select n.indicator_id from new_rows n union select o.indicator_id from old_rows o
    ));
  end if;
  return null;
end;
$$;
revoke execute on function private.indicator_values_refresh_stats() from public, anon, authenticated;
create trigger indicator_values_stats_insert after insert on public.indicator_values
  referencing new table as new_rows
  for each statement execute function private.indicator_values_refresh_stats();
create trigger indicator_values_stats_update after update on public.indicator_values
  referencing new table as new_rows old table as old_rows
  for each statement execute function private.indicator_values_refresh_stats();
create trigger indicator_values_stats_delete after delete on public.indicator_values
  referencing old table as old_rows
  for each statement execute function private.indicator_values_refresh_stats();

-- Indicators of the given charters with their state. `p_action_ids` null: every indicator; otherwise the
-- indicators of those actions, plus those of `p_objective_id` when given (a filter by objective only).
create function private.indicator_facts(
  p_charter_ids uuid[],
  p_action_ids uuid[],
  p_objective_id uuid,
  p_today date,
  p_with_values boolean
) returns setof private.indicator_fact
language plpgsql
stable
security invoker
set search_path = ''
-- Its own plans (a SET clause scopes the setting to the call): the dashboard keeps one generic plan for its
-- statement, and that setting would otherwise reach this function, whose generic plan is poor for a large charter.
set plan_cache_mode = auto
as $$
declare
  v_today date := private.dashboard_today(p_today);
  v_with_values boolean := coalesce(p_with_values, false);
begin
  return query
    select j.charter_id, j.id, j.name, j.unit, j.baseline, j.target, j.target_on, j.direction, j.note, j.position,
      j.o_id, j.o_code, j.action_id, j.a_code, j.a_title, j.value_count, j.latest_value, j.latest_on, j.reference,
      case
        when j.latest_value is null then 'no_data'
        when j.target is not null and ((j.direction = 'increase' and j.latest_value >= j.target)
          or (j.direction = 'decrease' and j.latest_value <= j.target)) then 'reached'
        when j.target_on is not null and j.target_on < v_today then 'off_track'
        when j.reference is null then 'single'
        when (j.direction = 'increase' and j.latest_value < j.reference)
          or (j.direction = 'decrease' and j.latest_value > j.reference) then 'off_track'
        else 'on_track'
      end,
      j.series
    from (
      select i.*, coalesce(i.objective_id, a.objective_id) as o_id, coalesce(o.code, ao.code) as o_code,
        a.code as a_code, a.title as a_title, st.latest_value, st.latest_on,
        coalesce(st.previous_value, i.baseline) as reference, coalesce(st.value_count, 0) as value_count,
        -- The most recent part of the series, when asked: a dashboard shows the last 24 measures (kept with the
        -- stats); the indicator's page has them all.
        case when v_with_values then coalesce(st.recent, '[]'::json) end as series
      from public.indicators i
      -- Looked up by key (`offset 0` keeps each a lookup): joined, the planner read every action, objective
      -- and stats row the caller may see, whatever the number of charters asked for.
      left join lateral (
        select o0.code from public.objectives o0 where o0.id = i.objective_id offset 0
      ) o on true
      left join lateral (
        select a0.code, a0.title, a0.objective_id from public.actions a0 where a0.id = i.action_id offset 0
      ) a on true
      left join lateral (
        select ao0.code from public.objectives ao0 where ao0.id = a.objective_id offset 0
      ) ao on true
      left join lateral (
        select st0.* from public.indicator_value_stats st0 where st0.indicator_id = i.id offset 0
      ) st on true
      where i.charter_id = any (p_charter_ids)
        and (p_action_ids is null or i.action_id = any (p_action_ids)
          or (p_objective_id is not null and i.objective_id = p_objective_id))
    ) j;
end;
$$;

create type private.funding_fact as (
  charter_id uuid,
  action_id uuid,
  organization_id uuid,
  organization_name text,
  source text,
  planned numeric,
  committed numeric,
  paid numeric
);

-- Fundings of the given charters: those of `p_action_ids` (null: all of them), plus, when
-- `p_charter_level`, those for a charter as a whole (of `p_organization_id` only, when given).
create function private.funding_facts(
  p_charter_ids uuid[],
  p_action_ids uuid[],
  p_charter_level boolean,
  p_organization_id uuid,
  p_with_names boolean default true
) returns setof private.funding_fact
language plpgsql
stable
security invoker
set search_path = ''
-- Its own plans (a SET clause scopes the setting to the call): the dashboard keeps one generic plan for its
-- statement, and that setting would otherwise reach this function, whose generic plan is poor for a large charter.
set plan_cache_mode = auto
as $$
begin
  return query
    select f.charter_id, f.action_id, f.organization_id,
      case when p_with_names then
        (select coalesce(o.short_name, o.name) from public.organizations o where o.id = f.organization_id)
      end, f.source,
      f.planned_amount, f.committed_amount, f.paid_amount
    from public.fundings f
    where f.charter_id = any (p_charter_ids)
      and (p_action_ids is null
        or f.action_id = any (p_action_ids)
        or (p_charter_level and f.action_id is null and (p_organization_id is null or f.organization_id = p_organization_id)));
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- The headline figures of one or several charters, from their facts (PL/pgSQL so that its plan is kept for
-- the session: as a SQL function it was planned again at every call)
-- ---------------------------------------------------------------------------------------------------
create function private.summaries(
  p_charter_ids uuid[],
  p_actions private.action_fact[],
  p_indicators private.indicator_fact[],
  p_fundings private.funding_fact[],
  p_today date
) returns table (
  charter_id uuid,
  actions_total integer,
  planned integer,
  in_progress integer,
  done integer,
  blocked integer,
  abandoned integer,
  progress numeric,
  overdue integer,
  stale integer,
  behind integer,
  red integer,
  amber integer,
  weather text,
  indicators_total integer,
  indicators_on_track integer,
  indicators_off_track integer,
  indicators_no_data integer,
  indicators_single integer,
  budget_planned numeric,
  budget_committed numeric,
  budget_paid numeric,
  fundings integer,
  fundings_unknown integer,
  stale_after_days integer,
  today date
)
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  return query
  with a as (
    select s.charter_id,
      count(*)::integer as actions_total,
      count(*) filter (where s.status = 'planned')::integer as planned,
      count(*) filter (where s.status = 'in_progress')::integer as in_progress,
      count(*) filter (where s.status = 'done')::integer as done,
      count(*) filter (where s.status = 'blocked')::integer as blocked,
      count(*) filter (where s.status = 'abandoned')::integer as abandoned,
      round(avg(s.progress) filter (where s.status <> 'abandoned'), 1) as progress,
      count(*) filter (where s.is_overdue)::integer as overdue,
      count(*) filter (where s.is_stale)::integer as stale,
      count(*) filter (where s.is_behind)::integer as behind,
      count(*) filter (where s.signal = 'red' and s.status <> 'abandoned')::integer as red,
      count(*) filter (where s.signal = 'amber' and s.status <> 'abandoned')::integer as amber,
      count(*) filter (where s.status <> 'abandoned')::integer as counted
    from unnest(p_actions) s
    group by s.charter_id
  ),
  i as (
    select x.charter_id,
      count(*)::integer as total,
      count(*) filter (where x.state in ('on_track', 'reached'))::integer as on_track,
      count(*) filter (where x.state = 'off_track')::integer as off_track,
      count(*) filter (where x.state = 'no_data')::integer as no_data,
      count(*) filter (where x.state = 'single')::integer as single
    from unnest(p_indicators) x
    group by x.charter_id
  ),
  f as (
    select x.charter_id, sum(x.planned) as planned, sum(x.committed) as committed, sum(x.paid) as paid,
      count(*)::integer as fundings,
      count(*) filter (where x.planned is null and x.committed is null and x.paid is null)::integer as unknown
    from unnest(p_fundings) x
    group by x.charter_id
  )
  select c.id,
    coalesce(a.actions_total, 0), coalesce(a.planned, 0), coalesce(a.in_progress, 0), coalesce(a.done, 0),
    coalesce(a.blocked, 0), coalesce(a.abandoned, 0), a.progress, coalesce(a.overdue, 0), coalesce(a.stale, 0),
    coalesce(a.behind, 0), coalesce(a.red, 0), coalesce(a.amber, 0),
    private.weather(a.counted, a.red, a.amber, a.progress),
    coalesce(i.total, 0), coalesce(i.on_track, 0), coalesce(i.off_track, 0), coalesce(i.no_data, 0),
    coalesce(i.single, 0),
    f.planned, f.committed, f.paid, coalesce(f.fundings, 0), coalesce(f.unknown, 0),
    c.stale_after_days, private.dashboard_today(p_today)
  from public.charters c
  left join a on a.charter_id = c.id
  left join i on i.charter_id = c.id
  left join f on f.charter_id = c.id
  where c.id = any (p_charter_ids);
end;
$$;

grant execute on function
  private.action_facts(uuid[], uuid, uuid, public.action_status, text, date, boolean),
  private.indicator_facts(uuid[], uuid[], uuid, date, boolean),
  private.funding_facts(uuid[], uuid[], boolean, uuid, boolean),
  private.summaries(uuid[], private.action_fact[], private.indicator_fact[], private.funding_fact[], date)
to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- What the journal moved, per action and month
-- ---------------------------------------------------------------------------------------------------
create table public.action_progress_months (
  action_id uuid not null references public.actions (id) on delete cascade,
  charter_id uuid not null references public.charters (id) on delete cascade,
  month date not null check (extract(day from month) = 1),
  progress_delta integer not null check (progress_delta between -100 and 100),
  primary key (action_id, month)
);
comment on table public.action_progress_months is
  'Sum of the progress moved by the journal entries of an action in a month (Paris time), against the previous entry of the same action. Derived from action_updates by a trigger; read by the progress trend.';
create index action_progress_months_charter_idx on public.action_progress_months (charter_id, month)
  include (action_id, progress_delta);

-- Read like the journal it comes from; written only by the trigger below.
alter table public.action_progress_months enable row level security;
create policy "members read the progress by month" on public.action_progress_months
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
revoke all on public.action_progress_months from anon;
revoke insert, update, delete, truncate on public.action_progress_months from authenticated;

-- Recomputes the months of the given actions (null: every action) from their whole journal, so that entries
-- recorded out of order (an import of past updates) still give each entry its true move.
create function private.refresh_action_progress_months(p_action_ids uuid[])
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from public.action_progress_months p
  where p_action_ids is null or p.action_id = any (p_action_ids);
  insert into public.action_progress_months (action_id, charter_id, month, progress_delta)
  select m.action_id, m.charter_id, m.month, sum(m.delta)::integer
  from (
    select u.action_id, u.charter_id,
      date_trunc('month', u.created_at at time zone 'Europe/Paris')::date as month,
      u.progress - coalesce(lag(u.progress) over (partition by u.action_id order by u.created_at, u.id),
        u.previous_progress, 0) as delta
    from public.action_updates u
    where p_action_ids is null or u.action_id = any (p_action_ids)
  ) m
  group by m.action_id, m.charter_id, m.month;
end;
$$;
revoke execute on function private.refresh_action_progress_months(uuid[]) from public, anon, authenticated;

create function private.action_updates_refresh_months() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.refresh_action_progress_months(array(select distinct n.action_id from new_rows n));
  return null;
end;
$$;
revoke execute on function private.action_updates_refresh_months() from public, anon, authenticated;
create trigger action_updates_refresh_months after insert on public.action_updates
  referencing new table as new_rows
  for each statement execute function private.action_updates_refresh_months();

-- ---------------------------------------------------------------------------------------------------
-- The dashboard of one charter, in one call: figures, objectives, indicators, money, partners, alerts,
-- journal, what falls due soon and what the filters offer
-- ---------------------------------------------------------------------------------------------------
create function public.charter_dashboard(
  p_charter_id uuid,
  p_objective_id uuid default null,
  p_organization_id uuid default null,
  p_status public.action_status default null,
  p_commune_code text default null,
  p_today date default null,
  p_due_within_days integer default 60,
  p_journal_limit integer default 8
) returns json
language plpgsql
stable
security invoker
set search_path = ''
-- One plan for the session: planning this statement anew at each call (a custom plan) cost more than running it.
set plan_cache_mode = force_generic_plan
as $$
declare
  v_today date := private.dashboard_today(p_today);
  -- A partner, status or commune filter narrows the indicators and fundings to the actions shown.
  v_narrowed boolean := p_organization_id is not null or p_status is not null or p_commune_code is not null;
  v_filtered boolean := v_narrowed or p_objective_id is not null;
  v_journal_limit integer := least(greatest(coalesce(p_journal_limit, 8), 1), 50);
  v_due_until date := v_today + greatest(coalesce(p_due_within_days, 60), 0);
  v_document json;
begin
  with acts as materialized (
    select f.* from private.action_facts(array[p_charter_id], p_objective_id, p_organization_id, p_status, p_commune_code, v_today) f
  ),
  shown as (
    select case when v_filtered then array(select a.id from acts a) end as ids
  ),
  inds as materialized (
    select f.* from shown, private.indicator_facts(array[p_charter_id], shown.ids,
      case when not v_narrowed then p_objective_id end, v_today, true) f
  ),
  funds as materialized (
    -- The charter-level fundings count without an objective, status or commune filter (a partner's own ones
    -- with a partner filter).
    select f.* from shown, private.funding_facts(array[p_charter_id], shown.ids,
      p_objective_id is null and p_status is null and p_commune_code is null, p_organization_id) f
  ),
  -- The figures of each objective and of the whole charter in one pass: the same counts as private.summaries
  -- (which the cross-charter view and the meeting snapshots use; a test holds the two equal), without copying
  -- the facts into arrays.
  figures as materialized (
    select s.objective_id, grouping(s.objective_id) = 1 as is_total,
      count(*)::integer as actions_total,
      count(*) filter (where s.status = 'planned')::integer as planned,
      count(*) filter (where s.status = 'in_progress')::integer as in_progress,
      count(*) filter (where s.status = 'done')::integer as done,
      count(*) filter (where s.status = 'blocked')::integer as blocked,
      count(*) filter (where s.status = 'abandoned')::integer as abandoned,
      round(avg(s.progress) filter (where s.status <> 'abandoned'), 1) as progress,
      count(*) filter (where s.is_overdue)::integer as overdue,
      count(*) filter (where s.is_stale)::integer as stale,
      count(*) filter (where s.is_behind)::integer as behind,
      count(*) filter (where s.signal = 'red' and s.status <> 'abandoned')::integer as red,
      count(*) filter (where s.signal = 'amber' and s.status <> 'abandoned')::integer as amber,
      count(*) filter (where s.status <> 'abandoned')::integer as counted
    from acts s
    group by grouping sets ((s.objective_id), ())
  )
  select json_build_object(
    'today', v_today,
    'summary', (
      select json_build_object('charter_id', c.id,
        'actions_total', coalesce(a.actions_total, 0), 'planned', coalesce(a.planned, 0),
        'in_progress', coalesce(a.in_progress, 0), 'done', coalesce(a.done, 0), 'blocked', coalesce(a.blocked, 0),
        'abandoned', coalesce(a.abandoned, 0), 'progress', a.progress, 'overdue', coalesce(a.overdue, 0),
        'stale', coalesce(a.stale, 0), 'behind', coalesce(a.behind, 0), 'red', coalesce(a.red, 0),
        'amber', coalesce(a.amber, 0), 'weather', private.weather(a.counted, a.red, a.amber, a.progress),
        'indicators_total', i.total, 'indicators_on_track', i.on_track, 'indicators_off_track', i.off_track,
        'indicators_no_data', i.no_data, 'indicators_single', i.single,
        'budget_planned', f.planned, 'budget_committed', f.committed, 'budget_paid', f.paid,
        'fundings', f.fundings, 'fundings_unknown', f.unknown,
        'stale_after_days', c.stale_after_days, 'today', v_today)
      from public.charters c
      left join figures a on a.is_total
      cross join (
        select count(*)::integer as total,
          count(*) filter (where x.state in ('on_track', 'reached'))::integer as on_track,
          count(*) filter (where x.state = 'off_track')::integer as off_track,
          count(*) filter (where x.state = 'no_data')::integer as no_data,
          count(*) filter (where x.state = 'single')::integer as single
        from inds x
      ) i
      cross join (
        select sum(x.planned) as planned, sum(x.committed) as committed, sum(x.paid) as paid,
          count(*)::integer as fundings,
          count(*) filter (where x.planned is null and x.committed is null and x.paid is null)::integer as unknown
        from funds x
      ) f
      where c.id = p_charter_id
    ),
    'objectives', (
      select coalesce(json_agg(json_build_object('id', o.id, 'code', o.code, 'title', o.title, 'position', o.position,
          'actions_total', coalesce(s.actions_total, 0), 'planned', coalesce(s.planned, 0),
          'in_progress', coalesce(s.in_progress, 0), 'done', coalesce(s.done, 0), 'blocked', coalesce(s.blocked, 0),
          'abandoned', coalesce(s.abandoned, 0), 'progress', s.progress, 'overdue', coalesce(s.overdue, 0),
          'stale', coalesce(s.stale, 0), 'behind', coalesce(s.behind, 0), 'red', coalesce(s.red, 0),
          'amber', coalesce(s.amber, 0), 'weather', private.weather(coalesce(s.counted, 0), s.red, s.amber, s.progress))
        order by o.position, o.code), '[]'::json)
      from public.objectives o
      left join figures s on s.objective_id = o.id and not s.is_total
      where o.charter_id = p_charter_id and o.archived_at is null
        and (p_objective_id is null or o.id = p_objective_id)
        -- With a partner, status or commune filter, objectives without any action shown are left out.
        and (s.actions_total > 0 or not v_narrowed)
    ),
    'indicators', (
      select coalesce(json_agg(to_json(i)
        order by i.objective_code nulls first, i.action_code nulls first, i.position, i.name), '[]'::json)
      from inds i
    ),
    'fundings', (
      select coalesce(json_agg(to_json(x) order by x.grouping_key, x.planned desc nulls last, x.organization_name, x.source), '[]'::json)
      from (
        select
          case when grouping(f.organization_id) = 0 then 'funder' when grouping(f.source) = 0 then 'source' else 'total' end
            as grouping_key,
          f.organization_id, min(f.organization_name) as organization_name, f.source,
          sum(f.planned) as planned, sum(f.committed) as committed, sum(f.paid) as paid,
          count(*)::integer as fundings,
          count(*) filter (where f.planned is null and f.committed is null and f.paid is null)::integer as unknown_amounts
        from funds f
        group by grouping sets ((f.organization_id), (f.source))
      ) x
    ),
    'partners', (
      select coalesce(json_agg(to_json(x) order by x.led desc, x.contributed desc, x.organization_name), '[]'::json)
      from (
        select r.organization_id,
          (select coalesce(o.short_name, o.name) from public.organizations o where o.id = r.organization_id)
            as organization_name,
          count(*) filter (where r.role = 'lead')::integer as led,
          count(*) filter (where r.role = 'contributor')::integer as contributed,
          count(*) filter (where r.role = 'funder')::integer as funded,
          round(avg(r.progress) filter (where r.role = 'lead' and r.status <> 'abandoned'), 1) as led_progress,
          count(*) filter (where r.role = 'lead' and r.signal = 'red')::integer as led_red
        from (
          select s.lead_organization_id as organization_id, 'lead' as role, s.progress, s.status, s.signal
          from acts s
          union all
          select ap.organization_id, ap.role::text, null, null, null
          from public.action_partners ap
          join acts s on s.id = ap.action_id
          where ap.charter_id = p_charter_id
        ) r
        where r.organization_id is not null
        group by r.organization_id
      ) x
      -- An organization the caller may not read is left out, as the join used to do.
      where x.organization_name is not null
    ),
    'alert_counts', (
      select json_build_object(
        'blocked', count(*) filter (where s.status = 'blocked'),
        'overdue', count(*) filter (where s.is_overdue),
        'stale', count(*) filter (where s.is_stale and s.status <> 'blocked' and not s.is_overdue),
        'indicator_off_track', (select count(*) from inds i where i.state = 'off_track')
      )
      from acts s
    ),
    'alerts', (
      select coalesce(json_agg(to_json(x) order by x.rank, x.n), '[]'::json)
      from (
        select y.*, row_number() over (partition by y.rank order by y.days desc nulls last, y.action_code, y.indicator_name) as n
        from (
        select 1 as rank, 'blocked' as kind, s.id as action_id, s.code as action_code, s.title as action_title,
          s.lead_name, s.objective_code, s.due_on, s.last_update_at, s.days_without_update as days,
          null::uuid as indicator_id, null::text as indicator_name, null::text as unit, null::numeric as latest_value,
          null::date as latest_on, null::numeric as reference_value, null::numeric as target, null::date as target_on,
          null::public.indicator_direction as direction
        from acts s where s.status = 'blocked'
        union all
        select 2, 'overdue', s.id, s.code, s.title, s.lead_name, s.objective_code, s.due_on, s.last_update_at,
          v_today - s.due_on, null, null, null, null, null, null, null, null, null
        from acts s where s.is_overdue
        union all
        select 3, 'indicator_off_track', i.action_id, i.action_code, i.action_title, null, i.objective_code, null, null,
          null, i.id, i.name, i.unit, i.latest_value, i.latest_on, i.reference_value, i.target, i.target_on, i.direction
        from inds i where i.state = 'off_track'
        union all
        -- A blocked or overdue action is listed once, under that heading (its silence shows there too).
        select 4, 'stale', s.id, s.code, s.title, s.lead_name, s.objective_code, s.due_on, s.last_update_at,
          s.days_without_update, null, null, null, null, null, null, null, null, null
        from acts s where s.is_stale and s.status <> 'blocked' and not s.is_overdue
        ) y
      ) x
      where x.n <= 25
    ),
    -- The journal, newest first: without filter, straight from the charter's index (a few more entries than
    -- shown, in case some belong to archived actions).
    'updates', (
      select coalesce(json_agg(to_json(x) order by x.created_at desc, x.id), '[]'::json)
      from (
        select u.id, u.created_at, u.action_id, a.code as action_code, a.title as action_title, u.author_name,
          u.author_role,
          (select coalesce(o.short_name, o.name) from public.organizations o where o.id = u.organization_id)
            as organization_name,
          u.status, u.progress, u.health, u.previous_status, u.comment, u.kind
        from (
          -- Named columns: the public may read some of the journal's columns only (and RLS shows it no row).
          select u0.id, u0.created_at, u0.action_id, u0.author_name, u0.author_role, u0.organization_id, u0.status,
            u0.progress, u0.health, u0.previous_status, u0.comment, u0.kind
          from public.action_updates u0
          where not v_filtered and u0.charter_id = p_charter_id
          order by u0.created_at desc
          limit 2 * v_journal_limit
        ) u
        cross join lateral (
          select a0.code, a0.title from public.actions a0 where a0.id = u.action_id and a0.archived_at is null offset 0
        ) a
        union all
        select u.id, u.created_at, u.action_id, s.code, s.title, u.author_name, u.author_role,
          (select coalesce(o.short_name, o.name) from public.organizations o where o.id = u.organization_id),
          u.status, u.progress, u.health, u.previous_status, u.comment, u.kind
        from public.action_updates u
        join acts s on s.id = u.action_id
        where v_filtered and u.charter_id = p_charter_id
        order by 2 desc, 1
        limit v_journal_limit
      ) x
    ),
    -- What falls due soon: the first 30, with how many there are in all.
    'due_soon_count', (
      select count(*) from acts s where s.is_open and s.due_on between v_today and v_due_until
    ),
    'due_soon', (
      select coalesce(json_agg(to_json(x) order by x.due_on, x.code), '[]'::json)
      from (
        select s.* from acts s
        where s.is_open and s.due_on between v_today and v_due_until
        order by s.due_on, s.code
        limit 30
      ) x
    ),
    -- The progress at the end of each month of the actions shown today (not abandoned).
    -- Read from the journal's monthly sums, which the public may not read at all: no trend for it.
    'trend', case when has_table_privilege('public.action_progress_months', 'select') then (
      select coalesce(json_agg(json_build_object('month', t.month, 'progress', t.progress) order by t.month), '[]'::json)
      from private.progress_trend(p_charter_id,
        array(select s.id from acts s where s.status <> 'abandoned'),
        (select sum(s.progress) from acts s where s.status <> 'abandoned'), v_today) t
    ) else '[]'::json end,
    'options', json_build_object(
      'objectives', (
        select coalesce(json_agg(json_build_object('value', o.id, 'label', o.code || ' — ' || o.title)
          order by o.position, o.code), '[]'::json)
        from public.objectives o where o.charter_id = p_charter_id and o.archived_at is null
      ),
      -- The charter's few organizations and communes, looked up by key (`offset 0` keeps the lookup a lookup,
      -- rather than a scan of every organization or commune of the country).
      'organizations', (
        select coalesce(json_agg(json_build_object('value', org.id, 'label', org.label)
          order by lower(org.label)), '[]'::json)
        from (
          -- Without a filter, the actions shown are all of them.
          select s.lead_organization_id as id from acts s where not v_filtered and s.lead_organization_id is not null
          union
          select a.lead_organization_id from public.actions a
          where v_filtered and a.charter_id = p_charter_id and a.archived_at is null and a.lead_organization_id is not null
          union
          select ap.organization_id from public.action_partners ap where ap.charter_id = p_charter_id
        ) used
        cross join lateral (
          select o.id, coalesce(o.short_name, o.name) as label from public.organizations o where o.id = used.id offset 0
        ) org
      ),
      'communes', (
        select coalesce(json_agg(json_build_object('value', c.code, 'label', c.name || ' (' || c.departement_code || ')')
          order by lower(c.name)), '[]'::json)
        from (select distinct ac.commune_code from public.action_communes ac where ac.charter_id = p_charter_id) used
        cross join lateral (
          select c.code, c.name, c.departement_code from public.communes c where c.code = used.commune_code offset 0
        ) c
      )
    )
  ) into v_document;
  return v_document;
end;
$$;
comment on function public.charter_dashboard(uuid, uuid, uuid, public.action_status, text, date, integer, integer) is
  'Everything the steering dashboard of a charter shows, after its filters, in one JSON document. Runs as the caller: RLS applies (the public sees no money and no journal).';
revoke execute on function public.charter_dashboard(uuid, uuid, uuid, public.action_status, text, date, integer, integer)
  from public;
grant execute on function public.charter_dashboard(uuid, uuid, uuid, public.action_status, text, date, integer, integer)
  to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- The actions shown by the dashboard, as rows (report, exports, public page)
-- ---------------------------------------------------------------------------------------------------
create function public.dashboard_actions(
  p_charter_id uuid,
  p_objective_id uuid default null,
  p_organization_id uuid default null,
  p_status public.action_status default null,
  p_commune_code text default null,
  p_today date default null
) returns table (
  id uuid,
  objective_id uuid,
  objective_code text,
  objective_title text,
  code text,
  title text,
  lead_organization_id uuid,
  lead_name text,
  status public.action_status,
  progress smallint,
  health public.action_health,
  starts_on date,
  due_on date,
  last_update_at timestamptz,
  days_without_update integer,
  is_open boolean,
  is_overdue boolean,
  is_stale boolean,
  is_behind boolean,
  signal text
)
language sql
stable
security invoker
set search_path = ''
as $$
  select f.id, f.objective_id, f.objective_code, f.objective_title, f.code, f.title, f.lead_organization_id,
    f.lead_name, f.status, f.progress, f.health, f.starts_on, f.due_on, f.last_update_at, f.days_without_update,
    f.is_open, f.is_overdue, f.is_stale, f.is_behind, f.signal
  from private.action_facts(array[p_charter_id], p_objective_id, p_organization_id, p_status, p_commune_code, p_today) f
  order by f.objective_position, f.objective_code, f.position, f.code
$$;

-- ---------------------------------------------------------------------------------------------------
-- Progress over time, month by month, from the journal (the actions shown today, at constant scope)
-- ---------------------------------------------------------------------------------------------------
-- Today's progress minus what moved after a month gives the progress at the end of that month, for the given
-- actions (those shown, not abandoned), over five years at most. Called by the dashboard document and by
-- public.dashboard_progress_trend.
create function private.progress_trend(
  p_charter_id uuid,
  p_action_ids uuid[],
  p_progress_sum numeric,
  p_today date
) returns table (month date, progress numeric)
language plpgsql
stable
security invoker
set search_path = ''
-- Its own plans (a SET clause scopes the setting to the call): the dashboard keeps one generic plan for its
-- statement, and that setting would otherwise reach this function, whose generic plan is poor for a large charter.
set plan_cache_mode = auto
as $$
declare
  v_count integer := coalesce(cardinality(p_action_ids), 0);
  v_last_month date := date_trunc('month', p_today)::date;
begin
  if v_count = 0 then
    return;
  end if;
  return query
    with monthly as (
      select p.month, sum(p.progress_delta) as delta
      from public.action_progress_months p
      join unnest(p_action_ids) as shown(id) on shown.id = p.action_id
      where p.charter_id = p_charter_id
      group by p.month
    ),
    bounds as (
      select (min(m.month) - interval '1 month')::date as first_month from monthly m
    )
    select g.month::date,
      round((p_progress_sum - coalesce((select sum(m.delta) from monthly m where m.month > g.month), 0)) / v_count, 1)
    from bounds b
    cross join lateral generate_series(greatest(b.first_month, v_last_month - interval '59 months'), v_last_month,
      interval '1 month') as g(month)
    where b.first_month is not null
    order by 1;
end;
$$;
-- Granted to anon as well: the public dashboard's statement holds the call (functions are checked when a plan
-- starts), though it never makes it (the public may not read the monthly sums).
revoke execute on function private.progress_trend(uuid, uuid[], numeric, date) from public;
grant execute on function private.progress_trend(uuid, uuid[], numeric, date) to anon, authenticated, service_role;

create function public.dashboard_progress_trend(
  p_charter_id uuid,
  p_objective_id uuid default null,
  p_organization_id uuid default null,
  p_status public.action_status default null,
  p_commune_code text default null,
  p_today date default null
) returns table (month date, progress numeric)
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_today date := private.dashboard_today(p_today);
  v_ids uuid[];
  v_sum numeric;
begin
  select array_agg(f.id), sum(f.progress) into v_ids, v_sum
  from private.action_facts(array[p_charter_id], p_objective_id, p_organization_id, p_status, p_commune_code, v_today) f
  where f.status <> 'abandoned';
  return query select t.month, t.progress from private.progress_trend(p_charter_id, v_ids, v_sum, v_today) t;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- The cross-charter view: the headline figures of every charter the caller is a member of, in one pass
-- ---------------------------------------------------------------------------------------------------
create function public.charters_overview(p_today date default null)
returns table (
  charter_id uuid,
  slug text,
  title text,
  short_title text,
  status public.charter_status,
  actions_total integer,
  planned integer,
  in_progress integer,
  done integer,
  blocked integer,
  abandoned integer,
  progress numeric,
  overdue integer,
  stale integer,
  indicators_on_track integer,
  indicators_off_track integer,
  indicators_total integer,
  budget_planned numeric,
  budget_committed numeric,
  budget_paid numeric,
  weather text
)
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_today date := private.dashboard_today(p_today);
  v_ids uuid[] := array(select private.member_charter_ids());
begin
  return query
    select c.id, c.slug, c.title, c.short_title, c.status, s.actions_total, s.planned, s.in_progress, s.done,
      s.blocked, s.abandoned, s.progress, s.overdue, s.stale, s.indicators_on_track, s.indicators_off_track,
      s.indicators_total, s.budget_planned, s.budget_committed, s.budget_paid, s.weather
    from private.summaries(
      v_ids,
      array(select f from private.action_facts(v_ids, null, null, null, null, v_today, false) f),
      array(select f from private.indicator_facts(v_ids, null, null, v_today, false) f),
      array(select f from private.funding_facts(v_ids, null, true, null, false) f),
      v_today
    ) s
    join public.charters c on c.id = s.charter_id
    order by c.title;
end;
$$;

revoke execute on function
  public.dashboard_actions(uuid, uuid, uuid, public.action_status, text, date),
  public.dashboard_progress_trend(uuid, uuid, uuid, public.action_status, text, date),
  public.charters_overview(date)
from public, anon;
-- The public page of a published charter reads its figures without an account: RLS shows anon the plan and
-- the indicators of published charters only, never fundings, the partners of actions or the journal.
grant execute on function
  public.dashboard_actions(uuid, uuid, uuid, public.action_status, text, date)
to anon;
grant execute on function
  public.dashboard_actions(uuid, uuid, uuid, public.action_status, text, date),
  public.dashboard_progress_trend(uuid, uuid, uuid, public.action_status, text, date),
  public.charters_overview(date)
to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- The COPIL report and the action export: each action's contributors, its latest comment and, from a date
-- on (the previous report), how many journal entries it received and the state it was in on that date
-- ---------------------------------------------------------------------------------------------------
create function public.report_action_details(p_charter_id uuid, p_since date default null)
returns table (
  action_id uuid,
  contributors text[],
  latest_comment text,
  latest_comment_at timestamptz,
  latest_comment_author text,
  updates_since integer,
  status_before public.action_status,
  progress_before smallint
)
language sql
stable
security invoker
set search_path = ''
as $$
  -- The day starts at midnight in Paris, like the dashboard's "today".
  with bounds as (select (p_since::timestamp at time zone 'Europe/Paris') as since)
  select a.id,
    array(
      select coalesce(o.short_name, o.name)
      from public.action_partners ap
      join public.organizations o on o.id = ap.organization_id
      where ap.action_id = a.id and ap.charter_id = a.charter_id and ap.role = 'contributor'
      order by lower(coalesce(o.short_name, o.name))
    ),
    c.comment, c.created_at, c.author_name,
    case when b.since is not null then (
      select count(*)::integer from public.action_updates u
      where u.action_id = a.id and u.charter_id = a.charter_id and u.created_at >= b.since
    ) end,
    coalesce(before.status, after.previous_status),
    coalesce(before.progress, after.previous_progress)
  from public.actions a
  cross join bounds b
  left join lateral (
    select u.comment, u.created_at, u.author_name from public.action_updates u
    where u.action_id = a.id and u.charter_id = a.charter_id and nullif(btrim(u.comment), '') is not null
    order by u.created_at desc, u.id desc
    limit 1
  ) c on true
  -- The state on the date: the last entry before it or, when the action had none, where the first one after it
  -- started from.
  left join lateral (
    select u.status, u.progress from public.action_updates u
    where b.since is not null and u.action_id = a.id and u.charter_id = a.charter_id and u.created_at < b.since
    order by u.created_at desc, u.id desc
    limit 1
  ) before on true
  left join lateral (
    select u.previous_status, u.previous_progress from public.action_updates u
    where b.since is not null and u.action_id = a.id and u.charter_id = a.charter_id and u.created_at >= b.since
    order by u.created_at, u.id
    limit 1
  ) after on true
  where a.charter_id = p_charter_id and a.archived_at is null
  order by a.position, a.code
$$;
comment on function public.report_action_details(uuid, date) is
  'Per action of a charter: contributors, latest comment, and the journal since a date (COPIL report, exports). Runs as the caller: RLS applies.';
revoke execute on function public.report_action_details(uuid, date) from public, anon;
grant execute on function public.report_action_details(uuid, date) to authenticated, service_role;
