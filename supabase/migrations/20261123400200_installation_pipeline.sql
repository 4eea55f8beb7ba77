-- Installation support, the pipeline: what the dashboard shows of a charter's requests (by status, need and
-- profession; installations by commune and year; the median days from first contact to installation; the
-- referrals answered on time by partner) and the indicators the database computes from them (sources
-- `installations` and `requests`, 20261122100400_indicators_and_fundings.sql).
--
-- Who sees what: members of the charter only. Coordinators read exact counts. Every other role (steering,
-- elected officials, partner representatives) reads counts with every cell of 1 or 2 withheld (null, shown
-- "< 3", the rule of private.internship_counts), so that a count never points to one person; a median is given
-- to them only when it rests on at least 3 installations. Elected officials get no referral figures
-- (docs/domain.md: referrals are not theirs to read).
--
-- Computed indicators: their values are rewritten by the database (GUC app.computing_indicators = 'on', which
-- the guard on indicator_values requires) whenever requests change — statement triggers with transition tables,
-- one refresh per statement for every charter it touched, so that a bulk insert of 50 000 rows costs one pass —
-- and whenever an indicator's source changes. The series is cumulative: one value per month that has an
-- installation (or a request received), dated the last such day of the month.
--
-- Fast at national scale (bench/RESULTS.md): the exact figures that do not depend on the day are kept per
-- charter (private.support_pipeline_figures, rewritten by statement triggers in the same transaction as the
-- rows); what depends on the day is counted from partial indexes; organization and commune names are looked up
-- by key from the charter's few.
--
-- Errors meant for users carry a PostgREST status (SQLSTATE PT4xx) and a French message.

-- ---------------------------------------------------------------------------------------------------
-- Indexes and estimates for the pipeline and the partner's referred requests at national scale
-- ---------------------------------------------------------------------------------------------------
-- The pipeline counts a charter's requests and referrals from their indexes alone (no visit of the table
-- rows, which a big charter's 5 000 requests spread over thousands of pages): a third faster (bench/README.md).
create index support_requests_pipeline_idx on public.support_requests (charter_id, status)
  include (profession, needs, installed_on, installed_commune_code, created_at);
create index referrals_pipeline_idx on public.referrals (charter_id, organization_id)
  include (status, due_on, answered_at);

-- A person represents a few organizations, not the planner's default of 1 000 rows: with that estimate,
-- public.referred_requests() (its charter filter is a parameter) read all 100 000 referrals of the national data
-- set and sorted them on disk, 100 ms instead of 15 ms for a partner with 900 referrals in 20 charters.
alter function private.represented_organizations() rows 10;

-- ---------------------------------------------------------------------------------------------------
-- The suppression rule, in one place
-- ---------------------------------------------------------------------------------------------------
-- A count as a role that sees counts only may read it: withheld (null) when it is 1 or 2.
create function private.pipeline_count(p_count bigint, p_exact boolean) returns bigint
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case when p_exact or p_count = 0 or p_count >= 3 then p_count end
$$;
comment on function private.pipeline_count(bigint, boolean) is
  'Small-cell suppression of the pipeline: a count of 1 or 2 is withheld (null, shown "< 3") unless the caller reads exact counts (coordinators).';

-- ---------------------------------------------------------------------------------------------------
-- The pipeline's figures, kept per charter
-- ---------------------------------------------------------------------------------------------------
-- Counting a big charter's 5 000 requests and 10 000 referrals on every view of its dashboard took 16 to 25 ms
-- (bench/README.md). The exact figures that do not depend on the day are kept here instead, one row per charter,
-- rewritten in the same transaction as the requests and referrals they come from (statement triggers below;
-- tests/support/pipeline-figures.test.ts compares them with the same figures computed from the rows). What
-- depends on the day (installations of this year, overdue referrals) is counted when read, from partial
-- indexes, and the small-cell rule is applied when read, for the caller's role. Nobody reads this table through
-- the API: only private.support_pipeline (security definer) does.
create table private.support_pipeline_figures (
  charter_id uuid primary key references public.charters (id) on delete cascade,
  requests_total bigint not null default 0,
  requests_open bigint not null default 0,
  -- [{status, n}] for every status, [{need, n}] for every need, [{profession, n}] for the professions present.
  by_status jsonb not null default '[]',
  by_need jsonb not null default '[]',
  by_profession jsonb not null default '[]',
  installed bigint not null default 0,
  -- Days from the first contact to the installation, the median of every installation (percentile_cont).
  median_days double precision,
  -- [{commune_code, year, n}] of the installations.
  installations jsonb not null default '[]',
  -- [{organization_id, total, answered, on_time, open_due}] of the referrals (open_due: open, with a due date).
  referrals jsonb not null default '[]'
);
alter table private.support_pipeline_figures enable row level security;
revoke all on table private.support_pipeline_figures from public, anon, authenticated;

-- What depends on the day is counted when read, from the few rows on the near side of the day: the overdue
-- referrals of a partner are its open ones with a due date (kept) less those not due yet (counted, the recent
-- ones); the installations of this year are this year's (kept) less those dated after today (counted, rare).
create index referrals_open_charter_due_idx on public.referrals (charter_id, due_on) include (organization_id)
  where status in ('sent', 'accepted');
create index support_requests_installed_on_idx on public.support_requests (charter_id, installed_on)
  where status = 'installed';

-- The exact figures of a charter's requests, from its rows.
create function private.pipeline_request_figures(p_charter_id uuid)
returns table (
  requests_total bigint, requests_open bigint, by_status jsonb, by_need jsonb, by_profession jsonb,
  installed bigint, median_days double precision, installations jsonb
)
language sql
stable
set search_path = ''
as $$
  with requests as materialized (
    select r.status, r.needs, r.profession, r.installed_on, r.installed_commune_code, r.created_at
    from public.support_requests r where r.charter_id = p_charter_id
  ),
  installed as materialized (
    select r.installed_on, r.installed_commune_code, r.created_at from requests r
    where r.status = 'installed' and r.installed_on is not null
  )
  select
    (select count(*) from requests),
    (select count(*) from requests r where r.status in ('new', 'in_progress', 'on_hold')),
    (
      select jsonb_agg(jsonb_build_object('status', x.status, 'n', x.n) order by x.status)
      from (
        select s.status, count(r.status) as n
        from unnest(enum_range(null::public.support_status)) as s (status)
        left join requests r on r.status = s.status
        group by s.status
      ) x
    ),
    (
      select jsonb_agg(jsonb_build_object('need', x.need, 'n', x.n) order by x.need)
      from (
        select e.need, count(n.need) as n
        from unnest(enum_range(null::public.support_need)) as e (need)
        left join (select unnest(r.needs) as need from requests r) n on n.need = e.need
        group by e.need
      ) x
    ),
    (
      select coalesce(jsonb_agg(jsonb_build_object('profession', x.profession, 'n', x.n) order by x.profession), '[]')
      from (select r.profession, count(*) as n from requests r group by r.profession) x
    ),
    (select count(*) from installed),
    (
      select percentile_cont(0.5) within group (
        order by greatest(0, i.installed_on - (i.created_at at time zone 'Europe/Paris')::date))
      from installed i
    ),
    (
      select coalesce(jsonb_agg(jsonb_build_object('commune_code', x.commune_code, 'year', x.year, 'n', x.n)
        order by x.year, x.commune_code), '[]')
      from (
        select i.installed_commune_code as commune_code, extract(year from i.installed_on)::integer as year,
          count(*) as n
        from installed i group by 1, 2
      ) x
    )
$$;

-- The exact figures of a charter's referrals per partner, from its rows (overdue ones are counted when read).
create function private.pipeline_referral_figures(p_charter_id uuid) returns jsonb
language sql
stable
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
      'organization_id', x.organization_id, 'total', x.total, 'answered', x.answered, 'on_time', x.on_time,
      'open_due', x.open_due
    ) order by x.organization_id), '[]')
  from (
    select rf.organization_id, count(*) as total,
      count(*) filter (where rf.answered_at is not null) as answered,
      count(*) filter (where rf.answered_at is not null
        and (rf.due_on is null or (rf.answered_at at time zone 'Europe/Paris')::date <= rf.due_on)) as on_time,
      count(*) filter (where rf.status in ('sent', 'accepted') and rf.due_on is not null) as open_due
    from public.referrals rf
    where rf.charter_id = p_charter_id
    group by rf.organization_id
  ) x
$$;

-- Rewrites the figures of these charters (null: every charter): those of their requests, of their referrals,
-- or both. A charter's row is locked before its figures are computed, so that of two transactions writing the
-- same charter's requests, the second computes (in a statement that starts after the first committed) from
-- rows that include the first's: no change is lost.
create function private.refresh_support_pipeline_figures(
  p_charter_ids uuid[], p_requests boolean default true, p_referrals boolean default true
) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_new uuid[];
begin
  with added as (
    insert into private.support_pipeline_figures (charter_id)
    select c.id from public.charters c where p_charter_ids is null or c.id = any (p_charter_ids)
    on conflict (charter_id) do nothing
    returning charter_id
  )
  select coalesce(array_agg(a.charter_id), '{}') into v_new from added a;
  perform 1 from private.support_pipeline_figures f
  where p_charter_ids is null or f.charter_id = any (p_charter_ids)
  order by f.charter_id
  for update;
  update private.support_pipeline_figures f
  set (requests_total, requests_open, by_status, by_need, by_profession, installed, median_days, installations) = (
    select x.requests_total, x.requests_open, x.by_status, x.by_need, x.by_profession, x.installed, x.median_days,
      x.installations
    from private.pipeline_request_figures(f.charter_id) x
  )
  where (p_charter_ids is null or f.charter_id = any (p_charter_ids)) and (p_requests or f.charter_id = any (v_new));
  update private.support_pipeline_figures f
  set referrals = private.pipeline_referral_figures(f.charter_id)
  where (p_charter_ids is null or f.charter_id = any (p_charter_ids)) and (p_referrals or f.charter_id = any (v_new));
end;
$$;
revoke all on function private.refresh_support_pipeline_figures(uuid[], boolean, boolean) from public, anon, authenticated;
revoke all on function private.pipeline_request_figures(uuid), private.pipeline_referral_figures(uuid)
  from public, anon, authenticated;

-- After a statement on support_requests or referrals: the charters it touched, refreshed once (a bulk insert
-- of 50 000 requests costs one pass per charter). A charter being deleted takes its row with it.
create function private.support_pipeline_figures_refresh() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_charter_ids uuid[];
begin
  if tg_op = 'INSERT' then
    v_charter_ids := array(select distinct n.charter_id from new_rows n);
  elsif tg_op = 'DELETE' then
    v_charter_ids := array(select distinct o.charter_id from old_rows o);
  elsif tg_table_name = 'support_requests' then
    -- Only a change of what the figures count (a request's owner or notes move nothing).
    v_charter_ids := array(
      select n.charter_id from new_rows n join old_rows o on o.id = n.id
      where n.status is distinct from o.status or n.needs is distinct from o.needs
        or n.profession is distinct from o.profession or n.installed_on is distinct from o.installed_on
        or n.installed_commune_code is distinct from o.installed_commune_code or n.created_at is distinct from o.created_at
        or n.charter_id is distinct from o.charter_id
      union select o.charter_id from new_rows n join old_rows o on o.id = n.id where n.charter_id is distinct from o.charter_id
    );
  else
    v_charter_ids := array(
      select n.charter_id from new_rows n join old_rows o on o.id = n.id
      where n.status is distinct from o.status or n.organization_id is distinct from o.organization_id
        or n.due_on is distinct from o.due_on or n.answered_at is distinct from o.answered_at
        or n.charter_id is distinct from o.charter_id
      union select o.charter_id from new_rows n join old_rows o on o.id = n.id where n.charter_id is distinct from o.charter_id
    );
  end if;
  v_charter_ids := array(select c.id from public.charters c where c.id = any (v_charter_ids));
  if cardinality(v_charter_ids) > 0 then
    perform private.refresh_support_pipeline_figures(
      v_charter_ids, tg_table_name = 'support_requests', tg_table_name = 'referrals');
  end if;
  return null;
end;
$$;
revoke all on function private.support_pipeline_figures_refresh() from public, anon, authenticated;
create trigger support_requests_pipeline_insert after insert on public.support_requests
  referencing new table as new_rows
  for each statement execute function private.support_pipeline_figures_refresh();
create trigger support_requests_pipeline_update after update on public.support_requests
  referencing new table as new_rows old table as old_rows
  for each statement execute function private.support_pipeline_figures_refresh();
create trigger support_requests_pipeline_delete after delete on public.support_requests
  referencing old table as old_rows
  for each statement execute function private.support_pipeline_figures_refresh();
create trigger referrals_pipeline_insert after insert on public.referrals
  referencing new table as new_rows
  for each statement execute function private.support_pipeline_figures_refresh();
create trigger referrals_pipeline_update after update on public.referrals
  referencing new table as new_rows old table as old_rows
  for each statement execute function private.support_pipeline_figures_refresh();
create trigger referrals_pipeline_delete after delete on public.referrals
  referencing old table as old_rows
  for each statement execute function private.support_pipeline_figures_refresh();

-- ---------------------------------------------------------------------------------------------------
-- The pipeline of one charter
-- ---------------------------------------------------------------------------------------------------
create function private.support_pipeline(p_charter_id uuid, p_today date default null) returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_today date := coalesce(p_today, private.today_paris());
  v_role public.member_role;
  v_exact boolean;
  f private.support_pipeline_figures;
  v_year integer := extract(year from v_today)::integer;
begin
  select m.role into v_role from public.charter_members m
  where m.charter_id = p_charter_id and m.user_id = (select auth.uid());
  if v_role is null then
    raise exception using errcode = 'PT404', message = 'Charte introuvable.';
  end if;
  v_exact := v_role = 'coordinator';

  select * into f from private.support_pipeline_figures x where x.charter_id = p_charter_id;
  if not found then
    -- A charter whose figures were never written (a load with triggers off): counted from its rows.
    select p_charter_id, x.*, private.pipeline_referral_figures(p_charter_id) into f
    from private.pipeline_request_figures(p_charter_id) x;
  end if;

  return jsonb_build_object(
    'today', v_today,
    'role', v_role,
    'exact', v_exact,
    'requests_total', private.pipeline_count(f.requests_total, v_exact),
    'requests_open', private.pipeline_count(f.requests_open, v_exact),
    'by_status', (
      select jsonb_agg(jsonb_build_object('status', e.v -> 'status',
          'count', private.pipeline_count((e.v ->> 'n')::bigint, v_exact)) order by e.i)
      from jsonb_array_elements(f.by_status) with ordinality as e (v, i)
    ),
    'by_need', (
      select jsonb_agg(jsonb_build_object('need', e.v -> 'need',
          'count', private.pipeline_count((e.v ->> 'n')::bigint, v_exact)) order by e.i)
      from jsonb_array_elements(f.by_need) with ordinality as e (v, i)
    ),
    'by_profession', (
      select coalesce(jsonb_agg(jsonb_build_object('profession', x.profession, 'count', x.n)
        -- Ordered by what the caller reads: the order of withheld cells would tell which is 2 and which 1.
        order by x.n desc nulls last, x.profession), '[]'::jsonb)
      from (
        select (e.v ->> 'profession')::public.health_profession as profession,
          private.pipeline_count((e.v ->> 'n')::bigint, v_exact) as n
        from jsonb_array_elements(f.by_profession) as e (v)
      ) x
    ),
    'installations_total', private.pipeline_count(f.installed, v_exact),
    'installations_this_year', private.pipeline_count((
      select coalesce(sum((e.v ->> 'n')::bigint), 0)::bigint from jsonb_array_elements(f.installations) as e (v)
      where (e.v ->> 'year')::integer = v_year
    ) - (
      select count(*) from public.support_requests r
      where r.charter_id = p_charter_id and r.status = 'installed'
        and r.installed_on > v_today and r.installed_on < make_date(v_year + 1, 1, 1)
    ), v_exact),
    -- The median of fewer than 3 installations would be one person's (or two people's) delay.
    'median_days', case when v_exact or f.installed >= 3 then round(f.median_days::numeric, 1) end,
    'installations', (
      select coalesce(jsonb_agg(jsonb_build_object(
          'commune_code', x.commune_code,
          'commune_name', (select c.name from public.communes c where c.code = x.commune_code),
          'year', x.year,
          'count', x.n
        ) order by x.year desc, x.n desc nulls last, x.commune_code), '[]'::jsonb)
      from (
        select e.v ->> 'commune_code' as commune_code, (e.v ->> 'year')::integer as year,
          private.pipeline_count((e.v ->> 'n')::bigint, v_exact) as n
        from jsonb_array_elements(f.installations) as e (v)
      ) x
    ),
    'referrals', case when v_role <> 'elected_official' then (
      select coalesce(jsonb_agg(jsonb_build_object(
          'organization_id', x.organization_id,
          'organization_name', (
            select coalesce(o.short_name, o.name) from public.organizations o where o.id = x.organization_id),
          'total', private.pipeline_count(x.total, v_exact),
          'answered', private.pipeline_count(x.answered, v_exact),
          'on_time', private.pipeline_count(x.on_time, v_exact),
          'overdue', private.pipeline_count(x.overdue, v_exact)
        ) order by (x.overdue > 0) desc, private.pipeline_count(x.overdue, v_exact) desc nulls last,
          private.pipeline_count(x.total, v_exact) desc nulls last, x.organization_id), '[]'::jsonb)
      from (
        select (e.v ->> 'organization_id')::uuid as organization_id, (e.v ->> 'total')::bigint as total,
          (e.v ->> 'answered')::bigint as answered, (e.v ->> 'on_time')::bigint as on_time,
          (e.v ->> 'open_due')::bigint - coalesce(d.n, 0) as overdue
        from jsonb_array_elements(f.referrals) as e (v)
        left join (
          select rf.organization_id, count(*) as n from public.referrals rf
          where rf.charter_id = p_charter_id and rf.status in ('sent', 'accepted') and rf.due_on >= v_today
          group by rf.organization_id
        ) d on d.organization_id = (e.v ->> 'organization_id')::uuid
      ) x
    ) end,
    'referrals_overdue', case when v_role <> 'elected_official' then private.pipeline_count((
      select coalesce(sum((e.v ->> 'open_due')::bigint), 0)::bigint from jsonb_array_elements(f.referrals) as e (v)
    ) - (
      select count(*) from public.referrals rf
      where rf.charter_id = p_charter_id and rf.status in ('sent', 'accepted') and rf.due_on >= v_today
    ), v_exact) end
  );
end;
$$;
comment on function private.support_pipeline(uuid, date) is
  'The installation pipeline of a charter for its dashboard: members only; exact counts for coordinators, cells under 3 withheld for everyone else.';

-- The API's entry point: runs as the caller; only private.support_pipeline holds the owner's rights.
create function public.support_pipeline(p_charter_id uuid, p_today date default null) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.support_pipeline(p_charter_id, p_today) $$;
revoke execute on function public.support_pipeline(uuid, date), private.support_pipeline(uuid, date) from public, anon;
grant execute on function public.support_pipeline(uuid, date), private.support_pipeline(uuid, date) to authenticated;
revoke all on function private.pipeline_count(bigint, boolean) from public;
grant execute on function private.pipeline_count(bigint, boolean) to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- Indicators computed from the requests
-- ---------------------------------------------------------------------------------------------------
create type private.indicator_point as (indicator_id uuid, charter_id uuid, measured_on date, value numeric);

-- Rewrites the values of the computed indicators `installations` and `requests` of these charters (null: all)
-- or of these indicators (null: all of those charters). Only what changed is written: a value that stays
-- is not touched, so its history and the stats triggers see no churn.
create function private.refresh_pipeline_indicators(p_charter_ids uuid[], p_indicator_ids uuid[] default null)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_previous text := coalesce(current_setting('app.computing_indicators', true), '');
  v_ids uuid[];
  v_series private.indicator_point[];
  v_claims text;
  v_sub text;
begin
  v_ids := array(
    select i.id from public.indicators i
    where i.source in ('installations', 'requests')
      and (p_charter_ids is null or i.charter_id = any (p_charter_ids))
      and (p_indicator_ids is null or i.id = any (p_indicator_ids))
  );
  if cardinality(v_ids) = 0 then
    return;
  end if;

  -- Cumulative count, one point per month with an event, dated its last such day.
  v_series := array(
    select row(s.indicator_id, s.charter_id, s.measured_on,
      sum(s.n) over (partition by s.indicator_id order by s.measured_on))::private.indicator_point
    from (
      select i.id as indicator_id, i.charter_id, max(x.d) as measured_on, count(*) as n
      from public.indicators i
      cross join lateral (
        select case when i.source = 'installations' then r.installed_on
          else (r.created_at at time zone 'Europe/Paris')::date end as d
        from public.support_requests r
        where r.charter_id = i.charter_id
          and (i.source_profession is null or r.profession = i.source_profession)
          and (i.source = 'requests' or (r.status = 'installed' and r.installed_on is not null))
      ) x
      where i.id = any (v_ids)
      group by i.id, i.charter_id, date_trunc('month', x.d)
    ) s
  );

  -- The database writes these values: no person is their author (the values' trigger names the caller as
  -- author when there is one, so the caller's identity is set aside while they are written).
  v_claims := coalesce(current_setting('request.jwt.claims', true), '');
  v_sub := coalesce(current_setting('request.jwt.claim.sub', true), '');
  perform set_config('request.jwt.claims', '', true);
  perform set_config('request.jwt.claim.sub', '', true);
  perform set_config('app.computing_indicators', 'on', true);
  delete from public.indicator_values v
  where v.indicator_id = any (v_ids)
    and (v.indicator_id, v.measured_on) not in (select p.indicator_id, p.measured_on from unnest(v_series) p);
  insert into public.indicator_values as v (indicator_id, charter_id, measured_on, value)
  select p.indicator_id, p.charter_id, p.measured_on, p.value from unnest(v_series) p
  on conflict (indicator_id, measured_on) do update set value = excluded.value, note = null
  where v.value is distinct from excluded.value or v.note is not null;
  perform set_config('app.computing_indicators', v_previous, true);
  perform set_config('request.jwt.claims', v_claims, true);
  perform set_config('request.jwt.claim.sub', v_sub, true);
end;
$$;
revoke all on function private.refresh_pipeline_indicators(uuid[], uuid[]) from public, anon, authenticated;

-- After a statement on support_requests: the charters whose figures moved (a new or removed request; a change
-- of status, installation day or profession), refreshed once.
create function private.support_requests_refresh_indicators() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_charter_ids uuid[];
begin
  if tg_op = 'INSERT' then
    v_charter_ids := array(select distinct n.charter_id from new_rows n);
  elsif tg_op = 'DELETE' then
    -- A charter being deleted takes its indicators with it: nothing to refresh.
    v_charter_ids := array(
      select distinct o.charter_id from old_rows o
      where exists (select 1 from public.charters c where c.id = o.charter_id)
    );
  else
    v_charter_ids := array(
      select distinct n.charter_id from new_rows n join old_rows o on o.id = n.id
      where n.status is distinct from o.status or n.installed_on is distinct from o.installed_on
        or n.profession is distinct from o.profession
    );
  end if;
  if cardinality(v_charter_ids) > 0 and exists (
    select 1 from public.indicators i
    where i.charter_id = any (v_charter_ids) and i.source in ('installations', 'requests')
  ) then
    perform private.refresh_pipeline_indicators(v_charter_ids, null);
  end if;
  return null;
end;
$$;
revoke all on function private.support_requests_refresh_indicators() from public, anon, authenticated;
create trigger support_requests_indicators_insert after insert on public.support_requests
  referencing new table as new_rows
  for each statement execute function private.support_requests_refresh_indicators();
create trigger support_requests_indicators_update after update on public.support_requests
  referencing new table as new_rows old table as old_rows
  for each statement execute function private.support_requests_refresh_indicators();
create trigger support_requests_indicators_delete after delete on public.support_requests
  referencing old table as old_rows
  for each statement execute function private.support_requests_refresh_indicators();

-- An indicator that becomes computed from the requests (or changes profession) gets its series at once; typed
-- values it had are replaced. One that becomes manual keeps its values, to be corrected by hand.
create function private.indicators_refresh_pipeline() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.source in ('installations', 'requests') and (tg_op = 'INSERT' or new.source is distinct from old.source
    or new.source_profession is distinct from old.source_profession) then
    perform private.refresh_pipeline_indicators(null, array[new.id]);
  end if;
  return null;
end;
$$;
revoke all on function private.indicators_refresh_pipeline() from public, anon, authenticated;
create trigger indicators_pipeline_source after insert or update of source, source_profession on public.indicators
  for each row execute function private.indicators_refresh_pipeline();
