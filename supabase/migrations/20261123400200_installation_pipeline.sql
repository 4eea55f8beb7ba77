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
-- Fast at national scale (bench/RESULTS.md): every figure is read from the charter's rows through the indexes
-- by charter (support_requests_charter_status_idx, referrals_charter_idx), organization and commune names are
-- looked up by key from the charter's few, and the document is built by static queries whose plans PL/pgSQL
-- keeps for the session.
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
  v_installed bigint;
  v_median numeric;
  v_result jsonb;
begin
  select m.role into v_role from public.charter_members m
  where m.charter_id = p_charter_id and m.user_id = (select auth.uid());
  if v_role is null then
    raise exception using errcode = 'PT404', message = 'Charte introuvable.';
  end if;
  v_exact := v_role = 'coordinator';

  select count(*), percentile_cont(0.5) within group (
      order by greatest(0, r.installed_on - (r.created_at at time zone 'Europe/Paris')::date))
  into v_installed, v_median
  from public.support_requests r
  where r.charter_id = p_charter_id and r.status = 'installed' and r.installed_on is not null;

  with requests as (
    select r.status, r.needs, r.profession from public.support_requests r where r.charter_id = p_charter_id
  ),
  statuses as (
    select s.status, count(r.status) as n
    from unnest(enum_range(null::public.support_status)) with ordinality as s (status, position)
    left join requests r on r.status = s.status
    group by s.status, s.position
  )
  select jsonb_build_object(
    'today', v_today,
    'role', v_role,
    'exact', v_exact,
    'requests_total', private.pipeline_count((select count(*) from requests), v_exact),
    'requests_open', private.pipeline_count(
      (select count(*) from requests r where r.status in ('new', 'in_progress', 'on_hold')), v_exact),
    'by_status', (
      select jsonb_agg(jsonb_build_object('status', s.status, 'count', private.pipeline_count(s.n, v_exact))
        order by s.status)
      from statuses s
    ),
    'by_need', (
      select jsonb_agg(jsonb_build_object('need', x.need, 'count', private.pipeline_count(x.n, v_exact)) order by x.need)
      from (
        select e.need, count(n.need) as n
        from unnest(enum_range(null::public.support_need)) as e (need)
        left join (select unnest(r.needs) as need from requests r) n on n.need = e.need
        group by e.need
      ) x
    ),
    'by_profession', (
      select coalesce(jsonb_agg(jsonb_build_object('profession', x.profession, 'count', private.pipeline_count(x.n, v_exact))
        -- Ordered by what the caller reads: the order of withheld cells would tell which is 2 and which 1.
        order by private.pipeline_count(x.n, v_exact) desc nulls last, x.profession), '[]'::jsonb)
      from (select r.profession, count(*) as n from requests r group by r.profession) x
    )
  ) into v_result;

  return v_result || jsonb_build_object(
    'installations_total', private.pipeline_count(v_installed, v_exact),
    'installations_this_year', private.pipeline_count((
      select count(*) from public.support_requests r
      where r.charter_id = p_charter_id and r.status = 'installed'
        and r.installed_on >= make_date(extract(year from v_today)::integer, 1, 1)
        and r.installed_on <= v_today
    ), v_exact),
    -- The median of fewer than 3 installations would be one person's (or two people's) delay.
    'median_days', case when v_exact or v_installed >= 3 then round(v_median::numeric, 1) end,
    'installations', (
      select coalesce(jsonb_agg(jsonb_build_object(
          'commune_code', x.commune_code,
          'commune_name', (select c.name from public.communes c where c.code = x.commune_code),
          'year', x.year,
          'count', private.pipeline_count(x.n, v_exact)
        ) order by x.year desc, private.pipeline_count(x.n, v_exact) desc nulls last, x.commune_code), '[]'::jsonb)
      from (
        select r.installed_commune_code as commune_code, extract(year from r.installed_on)::integer as year, count(*) as n
        from public.support_requests r
        where r.charter_id = p_charter_id and r.status = 'installed' and r.installed_on is not null
        group by 1, 2
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
        select rf.organization_id, count(*) as total,
          count(*) filter (where rf.answered_at is not null) as answered,
          count(*) filter (where rf.answered_at is not null
            and (rf.due_on is null or (rf.answered_at at time zone 'Europe/Paris')::date <= rf.due_on)) as on_time,
          count(*) filter (where rf.status in ('sent', 'accepted') and rf.due_on < v_today) as overdue
        from public.referrals rf
        where rf.charter_id = p_charter_id
        group by rf.organization_id
      ) x
    ) end,
    'referrals_overdue', case when v_role <> 'elected_official' then private.pipeline_count((
      select count(*) from public.referrals rf
      where rf.charter_id = p_charter_id and rf.status in ('sent', 'accepted') and rf.due_on < v_today
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
