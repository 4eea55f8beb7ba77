-- Multi-year targets on the dashboard and open data of published charters (issue 16).
--
-- public.dashboard_year(p_charter_id, p_year): the dashboard of a past year, called only when a year is asked
-- (`?annee=2025`), so that today's dashboard (public.charter_dashboard) stays as it is:
-- - each indicator's last value measured up to 31/12 of that year, against that year's target
--   (indicator_targets) or, when the year has none, the indicator's final target;
-- - each action's state at the end of that year as the journal says: its last entry before 1 January of the
--   next year (Paris time). Without an entry by then, the state before its first later entry (planned, 0 %, when
--   that entry does not say), and its state of today when it has no entry at all (`basis` says which).
-- It is `security invoker`: RLS decides, so a member reads the journal, and the public (who may not) gets no
-- call at all (granted to authenticated only).
--
-- public.charter_publisher(p_charter_id): the organization that publishes a published charter's open data
-- (DCAT's dct:publisher): its lead, else its first signatory. The public may read the organizations a
-- published charter names, not the charter's partner rows, so a private helper gives that one name.
--
-- Errors meant for users carry a PostgREST status (SQLSTATE PT4xx) and a French message.

create function public.dashboard_year(p_charter_id uuid, p_year integer)
returns json
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_end date;
  v_next timestamptz;
  v_result json;
begin
  if p_year is null or p_year not between 2000 and 2100 then
    raise exception using errcode = 'PT400', message = 'L''année doit être comprise entre 2000 et 2100.';
  end if;
  v_end := make_date(p_year, 12, 31);
  v_next := make_date(p_year + 1, 1, 1)::timestamp at time zone 'Europe/Paris';
  select json_build_object(
    'year', p_year,
    'ends_on', v_end,
    'indicators', coalesce((
      select json_agg(json_build_object(
        'id', i.id, 'name', i.name, 'unit', i.unit, 'direction', i.direction, 'baseline', i.baseline,
        'final_target', i.target, 'final_target_on', i.target_on,
        'year_target', t.target, 'year_target_note', t.note,
        'target', coalesce(t.target, i.target),
        'value', v.value, 'measured_on', v.measured_on,
        'state', case
          when v.value is null then 'no_data'
          when coalesce(t.target, i.target) is null then 'no_target'
          when (i.direction = 'increase' and v.value >= coalesce(t.target, i.target))
            or (i.direction = 'decrease' and v.value <= coalesce(t.target, i.target)) then 'reached'
          else 'not_reached'
        end
      ) order by i.position, i.name)
      from public.indicators i
      left join public.indicator_targets t on t.indicator_id = i.id and t.year = p_year
      left join lateral (
        select x.value, x.measured_on from public.indicator_values x
        where x.indicator_id = i.id and x.measured_on <= v_end
        order by x.measured_on desc
        limit 1
      ) v on true
      where i.charter_id = p_charter_id
    ), '[]'::json),
    'actions', coalesce((
      select json_agg(json_build_object(
        'id', a.id, 'code', a.code, 'title', a.title, 'objective_id', a.objective_id, 'objective_code', o.code,
        'status', coalesce(last.status, later.previous_status, case when later.found then 'planned'::public.action_status end, a.status),
        'progress', coalesce(last.progress, later.previous_progress, case when later.found then 0 end, a.progress),
        'basis', case when last.status is not null then 'journal' when later.found then 'before_journal' else 'today' end,
        'entry_at', last.created_at
      ) order by o.position, a.position, a.code)
      from public.actions a
      join public.objectives o on o.id = a.objective_id
      left join lateral (
        select u.status, u.progress, u.created_at from public.action_updates u
        where u.action_id = a.id and u.created_at < v_next
        order by u.created_at desc, u.id desc
        limit 1
      ) last on true
      left join lateral (
        select true as found, u.previous_status, u.previous_progress from public.action_updates u
        where u.action_id = a.id and u.created_at >= v_next
        order by u.created_at, u.id
        limit 1
      ) later on true
      where a.charter_id = p_charter_id and (a.archived_at is null or a.archived_at >= v_next)
    ), '[]'::json)
  ) into v_result;
  return v_result;
end;
$$;
comment on function public.dashboard_year(uuid, integer) is
  'The dashboard of a past year: indicators at 31/12 against the year''s target, actions as the journal says at the year''s end.';
revoke execute on function public.dashboard_year(uuid, integer) from public, anon;
grant execute on function public.dashboard_year(uuid, integer) to authenticated, service_role;

-- The publisher of a published charter's open data: its lead organization, else its first signatory.
create function private.charter_publisher(p_charter_id uuid)
returns table (organization_id uuid, name text)
language sql
stable
security definer
set search_path = ''
as $$
  select o.id, o.name
  from public.charter_partners cp
  join public.organizations o on o.id = cp.organization_id
  where cp.charter_id = p_charter_id and cp.role in ('lead', 'signatory')
    and cp.charter_id in (select private.public_charter_ids())
  order by cp.role = 'lead' desc, cp.signed_on nulls last, cp.created_at, o.name
  limit 1
$$;
revoke all on function private.charter_publisher(uuid) from public;
grant execute on function private.charter_publisher(uuid) to anon, authenticated, service_role;

create function public.charter_publisher(p_charter_id uuid)
returns table (organization_id uuid, name text)
language sql
stable
security invoker
set search_path = ''
as $$
  select p.organization_id, p.name from private.charter_publisher(p_charter_id) p
$$;
comment on function public.charter_publisher(uuid) is
  'The organization that publishes a published charter''s open data (its lead, else its first signatory); nothing for an unpublished charter.';
revoke execute on function public.charter_publisher(uuid) from public;
grant execute on function public.charter_publisher(uuid) to anon, authenticated, service_role;
