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

-- ---------------------------------------------------------------------------------------------------
-- Indexes for the dashboard queries at national scale (tens of thousands of actions, hundreds of
-- thousands of journal entries)
-- ---------------------------------------------------------------------------------------------------
-- The progress trend reads the journal of a charter ordered by action and date, without visiting the table.
create index action_updates_charter_action_created_idx
  on public.action_updates (charter_id, action_id, created_at)
  include (progress, previous_progress);
-- The latest value of every indicator, and its values in date order.
create index indicator_values_indicator_measured_idx
  on public.indicator_values (indicator_id, measured_on desc)
  include (value);
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
-- The functions below build their statement from the filters actually set and run it with EXECUTE, so that
-- each call is planned with its real values: a statement full of "p is null or column = p" is planned for
-- any value and, at national scale, badly (nested loops over thousands of actions).

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
  p_today date
) returns setof private.action_fact
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_sql text := $q$
    select a.charter_id, a.id, a.objective_id, o.code, o.title, o.position, a.code, a.title, a.position,
      a.lead_organization_id, coalesce(org.short_name, org.name),
      a.status, a.progress, a.health, a.starts_on, a.due_on, a.last_update_at,
      case when a.last_update_at is not null then f.idle_days end,
      f.open, f.overdue, f.stale, f.behind,
      case
        when a.status = 'blocked' or f.overdue or (f.open and a.health = 'off_track') then 'red'
        when f.open and (a.health = 'at_risk' or f.behind or f.stale) then 'amber'
      end
    from public.actions a
    join public.charters ch on ch.id = a.charter_id
    join public.objectives o on o.id = a.objective_id
    left join public.organizations org on org.id = a.lead_organization_id
    cross join lateral (
      select a.status not in ('done', 'abandoned') as open,
        $6 - (coalesce(a.last_update_at, a.created_at) at time zone 'Europe/Paris')::date as idle_days
    ) b
    cross join lateral (
      select b.open, b.idle_days,
        coalesce(b.open and a.due_on < $6, false) as overdue,
        b.open and (a.starts_on is null or a.starts_on <= $6) and b.idle_days > ch.stale_after_days as stale,
        coalesce(b.open and a.due_on > a.starts_on and $6 > a.starts_on
          and a.progress + 25 < least(100, 100.0 * ($6 - a.starts_on) / (a.due_on - a.starts_on)), false) as behind
    ) f
    where a.charter_id = any ($1) and a.archived_at is null and o.archived_at is null
  $q$;
begin
  if p_objective_id is not null then
    v_sql := v_sql || ' and a.objective_id = $2';
  end if;
  if p_organization_id is not null then
    v_sql := v_sql || ' and (a.lead_organization_id = $3 or exists (select 1 from public.action_partners ap'
      || ' where ap.action_id = a.id and ap.organization_id = $3))';
  end if;
  if p_status is not null then
    v_sql := v_sql || ' and a.status = $4';
  end if;
  if p_commune_code is not null then
    v_sql := v_sql || ' and exists (select 1 from public.action_communes ac where ac.action_id = a.id and ac.commune_code = $5)';
  end if;
  return query execute v_sql
    using p_charter_ids, p_objective_id, p_organization_id, p_status, p_commune_code, private.dashboard_today(p_today);
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
  "values" jsonb
);

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
as $$
declare
  v_sql text := $q$
    select j.charter_id, j.id, j.name, j.unit, j.baseline, j.target, j.target_on, j.direction, j.note, j.position,
      j.o_id, j.o_code, j.action_id, j.a_code, j.a_title, j.value_count, j.latest_value, j.latest_on, j.reference,
      case
        when j.latest_value is null then 'no_data'
        when j.target is not null and ((j.direction = 'increase' and j.latest_value >= j.target)
          or (j.direction = 'decrease' and j.latest_value <= j.target)) then 'reached'
        when j.target_on is not null and j.target_on < $3 then 'off_track'
        when j.reference is null then 'single'
        when (j.direction = 'increase' and j.latest_value < j.reference)
          or (j.direction = 'decrease' and j.latest_value > j.reference) then 'off_track'
        else 'on_track'
      end,
      j.series
    from (
      select i.*, coalesce(i.objective_id, a.objective_id) as o_id, coalesce(o.code, ao.code) as o_code,
        a.code as a_code, a.title as a_title, last2.latest_value, last2.latest_on,
        coalesce(last2.previous_value, i.baseline) as reference, last2.value_count, series.series
      from public.indicators i
      left join public.objectives o on o.id = i.objective_id
      left join public.actions a on a.id = i.action_id
      left join public.objectives ao on ao.id = a.objective_id
      left join lateral (
        select (array_agg(v.value order by v.measured_on desc))[1] as latest_value,
          max(v.measured_on) as latest_on,
          (array_agg(v.value order by v.measured_on desc))[2] as previous_value,
          (select count(*)::integer from public.indicator_values c where c.indicator_id = i.id) as value_count
        from (
          select v.value, v.measured_on from public.indicator_values v
          where v.indicator_id = i.id order by v.measured_on desc limit 2
        ) v
      ) last2 on true
      left join lateral (
        select case when $4 then coalesce(
          jsonb_agg(jsonb_build_object('on', v.measured_on, 'value', v.value, 'note', v.note) order by v.measured_on), '[]'::jsonb)
        end as series
        from public.indicator_values v
        where $4 and v.indicator_id = i.id
      ) series on true
      where i.charter_id = any ($1) %s
    ) j
  $q$;
begin
  return query execute format(
    v_sql,
    case
      when p_action_ids is null then ''
      when p_objective_id is not null then 'and (i.action_id = any ($2) or i.objective_id = $5)'
      else 'and i.action_id = any ($2)'
    end
  ) using p_charter_ids, p_action_ids, private.dashboard_today(p_today), coalesce(p_with_values, false), p_objective_id;
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
  p_organization_id uuid
) returns setof private.funding_fact
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_sql text := $q$
    select f.charter_id, f.action_id, f.organization_id, coalesce(o.short_name, o.name), f.source,
      f.planned_amount, f.committed_amount, f.paid_amount
    from public.fundings f
    join public.organizations o on o.id = f.organization_id
    where f.charter_id = any ($1) %s
  $q$;
begin
  return query execute format(
    v_sql,
    case
      when p_action_ids is null then ''
      when p_charter_level then 'and (f.action_id = any ($2) or (f.action_id is null and ($3::uuid is null or f.organization_id = $3)))'
      else 'and f.action_id = any ($2)'
    end
  ) using p_charter_ids, p_action_ids, p_organization_id;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- The headline figures of one or several charters, from their facts
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
language sql
stable
security invoker
set search_path = ''
as $$
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
  where c.id = any (p_charter_ids)
$$;

grant execute on function
  private.action_facts(uuid[], uuid, uuid, public.action_status, text, date),
  private.indicator_facts(uuid[], uuid[], uuid, date, boolean),
  private.funding_facts(uuid[], uuid[], boolean, uuid),
  private.summaries(uuid[], private.action_fact[], private.indicator_fact[], private.funding_fact[], date)
to anon, authenticated, service_role;

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
) returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_today date := private.dashboard_today(p_today);
  v_filtered boolean := p_objective_id is not null or p_organization_id is not null or p_status is not null
    or p_commune_code is not null;
  v_actions private.action_fact[];
  v_ids uuid[];
  v_indicators private.indicator_fact[];
  v_fundings private.funding_fact[];
  v_updates jsonb;
begin
  v_actions := array(
    select f from private.action_facts(array[p_charter_id], p_objective_id, p_organization_id, p_status, p_commune_code, v_today) f
  );
  if v_filtered then
    v_ids := array(select a.id from unnest(v_actions) a);
  end if;
  v_indicators := array(
    select f from private.indicator_facts(
      array[p_charter_id],
      v_ids,
      case when p_organization_id is null and p_status is null and p_commune_code is null then p_objective_id end,
      v_today,
      true
    ) f
  );
  v_fundings := array(
    select f from private.funding_facts(
      array[p_charter_id],
      v_ids,
      p_objective_id is null and p_status is null and p_commune_code is null,
      p_organization_id
    ) f
  );

  -- The journal, newest first: without filter, straight from the charter's index.
  if v_filtered then
    select coalesce(jsonb_agg(to_jsonb(x) order by x.created_at desc, x.id), '[]'::jsonb) into v_updates
    from (
      select u.id, u.created_at, u.action_id, a.code as action_code, a.title as action_title, u.author_name,
        (select coalesce(o.short_name, o.name) from public.organizations o where o.id = u.organization_id) as organization_name,
        u.status, u.progress, u.health, u.previous_status, u.comment
      from public.action_updates u
      join public.actions a on a.id = u.action_id
      where u.charter_id = p_charter_id and u.action_id = any (v_ids)
      order by u.created_at desc, u.id
      limit least(greatest(coalesce(p_journal_limit, 8), 1), 50)
    ) x;
  else
    select coalesce(jsonb_agg(to_jsonb(x) order by x.created_at desc, x.id), '[]'::jsonb) into v_updates
    from (
      select u.id, u.created_at, u.action_id, a.code as action_code, a.title as action_title, u.author_name,
        (select coalesce(o.short_name, o.name) from public.organizations o where o.id = u.organization_id) as organization_name,
        u.status, u.progress, u.health, u.previous_status, u.comment
      from (
        -- The newest entries straight from the charter's journal index; a few more than shown, in case some
        -- belong to archived actions.
        select * from public.action_updates u0
        where u0.charter_id = p_charter_id
        order by u0.created_at desc
        limit 2 * least(greatest(coalesce(p_journal_limit, 8), 1), 50)
      ) u
      join public.actions a on a.id = u.action_id
      where a.archived_at is null
      order by u.created_at desc, u.id
      limit least(greatest(coalesce(p_journal_limit, 8), 1), 50)
    ) x;
  end if;

  return jsonb_build_object(
    'today', v_today,
    'summary', (
      select to_jsonb(s) - 'charter_id'
      from private.summaries(array[p_charter_id], v_actions, v_indicators, v_fundings, v_today) s
    ),
    'objectives', (
      select coalesce(jsonb_agg(to_jsonb(x) - 'position' - 'counted' order by x.position, x.code), '[]'::jsonb)
      from (
        select o.id, o.code, o.title, o.position,
          count(s.id)::integer as actions_total,
          count(s.id) filter (where s.status = 'planned')::integer as planned,
          count(s.id) filter (where s.status = 'in_progress')::integer as in_progress,
          count(s.id) filter (where s.status = 'done')::integer as done,
          count(s.id) filter (where s.status = 'blocked')::integer as blocked,
          count(s.id) filter (where s.status = 'abandoned')::integer as abandoned,
          round(avg(s.progress) filter (where s.status <> 'abandoned'), 1) as progress,
          count(s.id) filter (where s.is_overdue)::integer as overdue,
          count(s.id) filter (where s.is_stale)::integer as stale,
          count(s.id) filter (where s.is_behind)::integer as behind,
          count(s.id) filter (where s.signal = 'red' and s.status <> 'abandoned')::integer as red,
          count(s.id) filter (where s.signal = 'amber' and s.status <> 'abandoned')::integer as amber,
          private.weather(
            (count(s.id) filter (where s.status <> 'abandoned'))::integer,
            (count(s.id) filter (where s.signal = 'red' and s.status <> 'abandoned'))::integer,
            (count(s.id) filter (where s.signal = 'amber' and s.status <> 'abandoned'))::integer,
            round(avg(s.progress) filter (where s.status <> 'abandoned'), 1)
          ) as weather
        from public.objectives o
        left join unnest(v_actions) s on s.objective_id = o.id
        where o.charter_id = p_charter_id and o.archived_at is null
          and (p_objective_id is null or o.id = p_objective_id)
        group by o.id
        -- With a partner, status or commune filter, objectives without any action shown are left out.
        having count(s.id) > 0 or (p_organization_id is null and p_status is null and p_commune_code is null)
      ) x
    ),
    'indicators', (
      select coalesce(jsonb_agg(to_jsonb(i) - 'charter_id' - 'position'
        order by i.objective_code nulls first, i.action_code nulls first, i.position, i.name), '[]'::jsonb)
      from unnest(v_indicators) i
    ),
    'fundings', (
      select coalesce(jsonb_agg(to_jsonb(x) order by x.grouping_key, x.planned desc nulls last, x.organization_name, x.source), '[]'::jsonb)
      from (
        select
          case when grouping(f.organization_id) = 0 then 'funder' when grouping(f.source) = 0 then 'source' else 'total' end
            as grouping_key,
          f.organization_id, min(f.organization_name) as organization_name, f.source,
          sum(f.planned) as planned, sum(f.committed) as committed, sum(f.paid) as paid,
          count(*)::integer as fundings,
          count(*) filter (where f.planned is null and f.committed is null and f.paid is null)::integer as unknown_amounts
        from unnest(v_fundings) f
        group by grouping sets ((f.organization_id), (f.source))
      ) x
    ),
    'partners', (
      select coalesce(jsonb_agg(to_jsonb(x) order by x.led desc, x.contributed desc, x.organization_name), '[]'::jsonb)
      from (
        select r.organization_id, coalesce(o.short_name, o.name) as organization_name,
          count(*) filter (where r.role = 'lead')::integer as led,
          count(*) filter (where r.role = 'contributor')::integer as contributed,
          count(*) filter (where r.role = 'funder')::integer as funded,
          round(avg(r.progress) filter (where r.role = 'lead' and r.status <> 'abandoned'), 1) as led_progress,
          count(*) filter (where r.role = 'lead' and r.signal = 'red')::integer as led_red
        from (
          select s.lead_organization_id as organization_id, 'lead' as role, s.progress, s.status, s.signal
          from unnest(v_actions) s
          union all
          select ap.organization_id, ap.role::text, null, null, null
          from public.action_partners ap
          join unnest(v_actions) s on s.id = ap.action_id
          where ap.charter_id = p_charter_id
        ) r
        join public.organizations o on o.id = r.organization_id
        group by r.organization_id, o.short_name, o.name
      ) x
    ),
    -- At most 25 alerts of each kind (the worst first), with how many there are in all.
    'alert_counts', (
      select jsonb_build_object(
        'blocked', count(*) filter (where s.status = 'blocked'),
        'overdue', count(*) filter (where s.is_overdue),
        'stale', count(*) filter (where s.is_stale and s.status <> 'blocked' and not s.is_overdue),
        'indicator_off_track', (select count(*) from unnest(v_indicators) i where i.state = 'off_track')
      )
      from unnest(v_actions) s
    ),
    'alerts', (
      select coalesce(jsonb_agg(to_jsonb(x) - 'rank' - 'n' order by x.rank, x.n), '[]'::jsonb)
      from (
        select y.*, row_number() over (partition by y.rank order by y.days desc nulls last, y.action_code, y.indicator_name) as n
        from (
        select 1 as rank, 'blocked' as kind, s.id as action_id, s.code as action_code, s.title as action_title,
          s.lead_name, s.objective_code, s.due_on, s.last_update_at, s.days_without_update as days,
          null::uuid as indicator_id, null::text as indicator_name, null::text as unit, null::numeric as latest_value,
          null::date as latest_on, null::numeric as reference_value, null::numeric as target, null::date as target_on,
          null::public.indicator_direction as direction
        from unnest(v_actions) s where s.status = 'blocked'
        union all
        select 2, 'overdue', s.id, s.code, s.title, s.lead_name, s.objective_code, s.due_on, s.last_update_at,
          v_today - s.due_on, null, null, null, null, null, null, null, null, null
        from unnest(v_actions) s where s.is_overdue
        union all
        select 3, 'indicator_off_track', i.action_id, i.action_code, i.action_title, null, i.objective_code, null, null,
          null, i.id, i.name, i.unit, i.latest_value, i.latest_on, i.reference_value, i.target, i.target_on, i.direction
        from unnest(v_indicators) i where i.state = 'off_track'
        union all
        -- A blocked or overdue action is listed once, under that heading (its silence shows there too).
        select 4, 'stale', s.id, s.code, s.title, s.lead_name, s.objective_code, s.due_on, s.last_update_at,
          s.days_without_update, null, null, null, null, null, null, null, null, null
        from unnest(v_actions) s where s.is_stale and s.status <> 'blocked' and not s.is_overdue
        ) y
      ) x
      where x.n <= 25
    ),
    'updates', v_updates,
    -- What falls due soon: the first 30, with how many there are in all.
    'due_soon_count', (
      select count(*) from unnest(v_actions) s
      where s.is_open and s.due_on between v_today and v_today + greatest(coalesce(p_due_within_days, 60), 0)
    ),
    'due_soon', (
      select coalesce(jsonb_agg(to_jsonb(x) - 'charter_id' order by x.due_on, x.code), '[]'::jsonb)
      from (
        select s.* from unnest(v_actions) s
        where s.is_open and s.due_on between v_today and v_today + greatest(coalesce(p_due_within_days, 60), 0)
        order by s.due_on, s.code
        limit 30
      ) x
    ),
    'options', jsonb_build_object(
      'objectives', (
        select coalesce(jsonb_agg(jsonb_build_object('value', o.id, 'label', o.code || ' — ' || o.title)
          order by o.position, o.code), '[]'::jsonb)
        from public.objectives o where o.charter_id = p_charter_id and o.archived_at is null
      ),
      'organizations', (
        select coalesce(jsonb_agg(jsonb_build_object('value', org.id, 'label', coalesce(org.short_name, org.name))
          order by lower(coalesce(org.short_name, org.name))), '[]'::jsonb)
        from public.organizations org
        where org.id in (
          select a.lead_organization_id from public.actions a where a.charter_id = p_charter_id and a.archived_at is null
          union
          select ap.organization_id from public.action_partners ap where ap.charter_id = p_charter_id
        )
      ),
      'communes', (
        select coalesce(jsonb_agg(jsonb_build_object('value', c.code, 'label', c.name || ' (' || c.departement_code || ')')
          order by lower(c.name)), '[]'::jsonb)
        from public.communes c
        where c.code in (select ac.commune_code from public.action_communes ac where ac.charter_id = p_charter_id)
      )
    )
  );
end;
$$;
comment on function public.charter_dashboard(uuid, uuid, uuid, public.action_status, text, date, integer, integer) is
  'Everything the steering dashboard of a charter shows, after its filters, in one JSON document. Runs as the caller: RLS applies (the public sees no money and no journal).';

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
  v_filtered boolean := p_objective_id is not null or p_organization_id is not null or p_status is not null
    or p_commune_code is not null;
  v_ids uuid[];
  v_count integer;
  v_sum numeric;
begin
  select array_agg(f.id), count(*), sum(f.progress) into v_ids, v_count, v_sum
  from private.action_facts(array[p_charter_id], p_objective_id, p_organization_id, p_status, p_commune_code, v_today) f
  where f.status <> 'abandoned';
  if coalesce(v_count, 0) = 0 then
    return;
  end if;
  -- What each journal entry moved, against the previous entry of the same action (entries loaded together,
  -- by the seed or an import, carry no reliable previous state of their own). Today's progress minus what
  -- moved after a month gives the progress at the end of that month.
  return query execute format($q$
    with moves as (
      select date_trunc('month', u.created_at at time zone 'Europe/Paris')::date as month,
        u.progress - coalesce(lag(u.progress) over (partition by u.action_id order by u.created_at), u.previous_progress, 0) as delta
      from public.action_updates u
      where u.charter_id = $1 %s
    ),
    monthly as (select m.month, sum(m.delta) as delta from moves m group by m.month),
    bounds as (
      select (min(m.month) - interval '1 month')::date as first_month, date_trunc('month', $2)::date as last_month
      from monthly m
    )
    select g.month::date,
      round(($3 - coalesce((select sum(m.delta) from monthly m where m.month > g.month), 0)) / $4, 1)
    from bounds b
    cross join lateral generate_series(greatest(b.first_month, b.last_month - interval '59 months'), b.last_month, interval '1 month') as g(month)
    where b.first_month is not null
    order by 1
  $q$, case when v_filtered then 'and u.action_id = any ($5)' else
    'and u.action_id in (select a.id from public.actions a where a.charter_id = $1 and a.archived_at is null and a.status <> ''abandoned'')' end)
  using p_charter_id, v_today, v_sum, v_count, v_ids;
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
      array(select f from private.action_facts(v_ids, null, null, null, null, v_today) f),
      array(select f from private.indicator_facts(v_ids, null, null, v_today, false) f),
      array(select f from private.funding_facts(v_ids, null, true, null) f),
      v_today
    ) s
    join public.charters c on c.id = s.charter_id
    order by c.title;
end;
$$;

revoke execute on function
  public.charter_dashboard(uuid, uuid, uuid, public.action_status, text, date, integer, integer),
  public.dashboard_actions(uuid, uuid, uuid, public.action_status, text, date),
  public.dashboard_progress_trend(uuid, uuid, uuid, public.action_status, text, date),
  public.charters_overview(date)
from public, anon;
-- The public page of a published charter reads its figures without an account: RLS shows anon the plan and
-- the indicators of published charters only, never fundings, the partners of actions or the journal.
grant execute on function
  public.charter_dashboard(uuid, uuid, uuid, public.action_status, text, date, integer, integer),
  public.dashboard_actions(uuid, uuid, uuid, public.action_status, text, date)
to anon;
grant execute on function
  public.charter_dashboard(uuid, uuid, uuid, public.action_status, text, date, integer, integer),
  public.dashboard_actions(uuid, uuid, uuid, public.action_status, text, date),
  public.dashboard_progress_trend(uuid, uuid, uuid, public.action_status, text, date),
  public.charters_overview(date)
to authenticated, service_role;
