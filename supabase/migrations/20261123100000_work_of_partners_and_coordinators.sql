-- Partner representatives and coordinators at work (issue 4): what needs attention in an action plan, the
-- actions a person works on across their charters, reordering and archiving the plan, who entered an
-- indicator value, and the all-or-nothing import of a charter's plan from a spreadsheet.
--
-- Errors meant for users carry a PostgREST status (SQLSTATE PT4xx) and a French message.

-- ---------------------------------------------------------------------------------------------------
-- What needs attention: overdue, stale (no update for the charter's threshold), blocked
-- ---------------------------------------------------------------------------------------------------
-- Today is the day in Paris: an action due on the 22nd is overdue from the 23rd, French time.
create function private.today_in_paris() returns date
language sql
stable
set search_path = ''
as $$
  select (now() at time zone 'Europe/Paris')::date
$$;
grant execute on function private.today_in_paris() to anon, authenticated, service_role;

-- security_invoker: the caller sees the flags of the actions RLS lets them read, nothing more.
create view public.action_attention with (security_invoker = true) as
select
  a.id as action_id,
  a.charter_id,
  coalesce(a.last_update_at, a.created_at) as last_activity_at,
  (a.due_on is not null and a.due_on < private.today_in_paris() and a.status not in ('done', 'abandoned')) as is_overdue,
  -- An action that has not started yet cannot be late with its news.
  (
    a.status not in ('done', 'abandoned')
    and (a.starts_on is null or a.starts_on <= private.today_in_paris())
    and coalesce(a.last_update_at, a.created_at) < now() - make_interval(days => c.stale_after_days)
  ) as is_stale,
  (a.status = 'blocked') as is_blocked
from public.actions a
join public.charters c on c.id = a.charter_id
where a.archived_at is null;
comment on view public.action_attention is
  'Per action of the plan: overdue (due date passed, not done or abandoned), stale (no update for the charter''s stale_after_days, once started), blocked.';

-- ---------------------------------------------------------------------------------------------------
-- My actions: what the caller's organization leads, contributes to or funds, and every action of the
-- charters they coordinate, across all their charters
-- ---------------------------------------------------------------------------------------------------
create function public.my_actions()
returns table (
  action_id uuid,
  charter_id uuid,
  charter_slug text,
  charter_title text,
  objective_id uuid,
  objective_code text,
  objective_title text,
  objective_position integer,
  code text,
  title text,
  lead_organization_id uuid,
  lead_name text,
  status public.action_status,
  progress smallint,
  health public.action_health,
  starts_on date,
  due_on date,
  last_activity_at timestamptz,
  relations text[],
  is_overdue boolean,
  is_stale boolean,
  is_blocked boolean
)
language sql
stable
security invoker
set search_path = ''
as $$
  with mine as (
    select a.id as action_id, 'coordinator'::text as relation
    from public.actions a
    where a.charter_id in (select private.coordinated_charter_ids())
    union
    select a.id, 'lead'
    from public.actions a
    join private.represented_organizations() r on r.charter_id = a.charter_id and r.organization_id = a.lead_organization_id
    union
    select ap.action_id, ap.role::text
    from public.action_partners ap
    join private.represented_organizations() r on r.charter_id = ap.charter_id and r.organization_id = ap.organization_id
  ),
  grouped as (
    select m.action_id, array_agg(m.relation order by m.relation) as relations from mine m group by m.action_id
  )
  select
    a.id, a.charter_id, c.slug, c.title, o.id, o.code, o.title, o.position, a.code, a.title,
    a.lead_organization_id, coalesce(lead.short_name, lead.name), a.status, a.progress, a.health, a.starts_on, a.due_on,
    f.last_activity_at, g.relations, f.is_overdue, f.is_stale, f.is_blocked
  from grouped g
  join public.actions a on a.id = g.action_id
  join public.action_attention f on f.action_id = a.id
  join public.charters c on c.id = a.charter_id
  join public.objectives o on o.id = a.objective_id
  join public.organizations lead on lead.id = a.lead_organization_id
  where a.archived_at is null and o.archived_at is null
  order by c.title, o.position, string_to_array(o.code, '.')::int[], a.position, string_to_array(a.code, '.')::int[]
$$;
revoke execute on function public.my_actions() from public, anon;
grant execute on function public.my_actions() to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- Reordering objectives and actions (up/down buttons): one atomic swap, as the caller (RLS decides)
-- ---------------------------------------------------------------------------------------------------
create function public.move_objective(p_objective_id uuid, p_direction text)
returns void
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_charter uuid;
  v_ids uuid[];
  v_index integer;
  v_other integer;
begin
  if p_direction not in ('up', 'down') then
    raise exception using errcode = 'PT400', message = 'Sens de déplacement inconnu.';
  end if;
  select o.charter_id into v_charter from public.objectives o
  where o.id = p_objective_id and o.charter_id in (select private.coordinated_charter_ids());
  if v_charter is null then
    raise exception using errcode = 'PT403', message = 'Seule la coordination de la charte réordonne les objectifs.';
  end if;
  -- Positions are renumbered 1..n in the current order, then the two neighbours swap.
  select array_agg(o.id order by o.position, string_to_array(o.code, '.')::int[]) into v_ids
  from public.objectives o where o.charter_id = v_charter and o.archived_at is null;
  v_index := array_position(v_ids, p_objective_id);
  v_other := case when p_direction = 'up' then v_index - 1 else v_index + 1 end;
  if v_index is null or v_other < 1 or v_other > cardinality(v_ids) then
    return;
  end if;
  v_ids[v_index] := v_ids[v_other];
  v_ids[v_other] := p_objective_id;
  update public.objectives o set position = n.ord
  from unnest(v_ids) with ordinality as n(id, ord)
  where o.id = n.id and o.position is distinct from n.ord;
end;
$$;
revoke execute on function public.move_objective(uuid, text) from public, anon;
grant execute on function public.move_objective(uuid, text) to authenticated;

create function public.move_action(p_action_id uuid, p_direction text)
returns void
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_action public.actions%rowtype;
  v_ids uuid[];
  v_index integer;
  v_other integer;
begin
  if p_direction not in ('up', 'down') then
    raise exception using errcode = 'PT400', message = 'Sens de déplacement inconnu.';
  end if;
  select * into v_action from public.actions a
  where a.id = p_action_id and a.charter_id in (select private.coordinated_charter_ids());
  if not found then
    raise exception using errcode = 'PT403', message = 'Seule la coordination de la charte réordonne les actions.';
  end if;
  select array_agg(a.id order by a.position, string_to_array(a.code, '.')::int[]) into v_ids
  from public.actions a where a.objective_id = v_action.objective_id and a.archived_at is null;
  v_index := array_position(v_ids, p_action_id);
  v_other := case when p_direction = 'up' then v_index - 1 else v_index + 1 end;
  if v_index is null or v_other < 1 or v_other > cardinality(v_ids) then
    return;
  end if;
  v_ids[v_index] := v_ids[v_other];
  v_ids[v_other] := p_action_id;
  -- Only the plan's order changes: the version (optimistic concurrency of progress updates) stays.
  update public.actions a set position = n.ord
  from unnest(v_ids) with ordinality as n(id, ord)
  where a.id = n.id and a.position is distinct from n.ord;
end;
$$;
revoke execute on function public.move_action(uuid, text) from public, anon;
grant execute on function public.move_action(uuid, text) to authenticated;

-- Moving an action in the plan, archiving or restoring it does not change what a progress form shows: a
-- form opened before keeps its version. Runs after actions_version (triggers fire in name order).
create function private.keep_version_on_plan_moves() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (to_jsonb(new) - array['position', 'archived_at', 'updated_at', 'updated_by', 'version'])
     = (to_jsonb(old) - array['position', 'archived_at', 'updated_at', 'updated_by', 'version']) then
    new.version := old.version;
  end if;
  return new;
end;
$$;
create trigger actions_version_keep before update on public.actions
  for each row execute function private.keep_version_on_plan_moves();

-- ---------------------------------------------------------------------------------------------------
-- Archiving an objective: its actions leave the plan with it, their journals stay
-- ---------------------------------------------------------------------------------------------------
create function public.archive_objective(p_objective_id uuid, p_archive boolean default true)
returns void
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if not exists (
    select 1 from public.objectives o
    where o.id = p_objective_id and o.charter_id in (select private.coordinated_charter_ids())
  ) then
    raise exception using errcode = 'PT403', message = 'Seule la coordination de la charte archive un objectif.';
  end if;
  if p_archive then
    update public.actions set archived_at = now() where objective_id = p_objective_id and archived_at is null;
    update public.objectives set archived_at = now() where id = p_objective_id;
  else
    update public.objectives set archived_at = null where id = p_objective_id;
    update public.actions set archived_at = null where objective_id = p_objective_id and archived_at is not null;
  end if;
end;
$$;
revoke execute on function public.archive_objective(uuid, boolean) from public, anon;
grant execute on function public.archive_objective(uuid, boolean) to authenticated;

-- An archived action can be neither updated nor restored into an archived objective.
create function private.guard_action_restore() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.archived_at is null and old.archived_at is not null
     and exists (select 1 from public.objectives o where o.id = new.objective_id and o.archived_at is not null) then
    raise exception using errcode = 'PT409',
      message = 'L''objectif de cette action est archivé : restaurez d''abord l''objectif.';
  end if;
  return new;
end;
$$;
create trigger actions_guard_restore before update of archived_at on public.actions
  for each row execute function private.guard_action_restore();

-- ---------------------------------------------------------------------------------------------------
-- Indicator values: who entered them is the server's word, not the form's
-- ---------------------------------------------------------------------------------------------------
create function private.set_indicator_value_author() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (select auth.uid()) is not null then
    new.entered_by := (select auth.uid());
  end if;
  return new;
end;
$$;
create trigger indicator_values_author before insert or update on public.indicator_values
  for each row execute function private.set_indicator_value_author();

-- ---------------------------------------------------------------------------------------------------
-- An action's contributors, funders and communes, replaced together (the action form saves them at once)
-- ---------------------------------------------------------------------------------------------------
create function public.set_action_links(
  p_action_id uuid,
  p_contributors uuid[],
  p_funders uuid[],
  p_communes text[]
) returns void
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_charter uuid;
  v_missing text;
begin
  select a.charter_id into v_charter from public.actions a
  where a.id = p_action_id and a.charter_id in (select private.coordinated_charter_ids());
  if v_charter is null then
    raise exception using errcode = 'PT403', message = 'Seule la coordination de la charte modifie les partenaires d''une action.';
  end if;
  select string_agg(c, ', ') into v_missing from unnest(coalesce(p_communes, '{}')) as c
  where not exists (select 1 from public.communes k where k.code = c);
  if v_missing is not null then
    raise exception using errcode = 'PT400', message = format('Commune inconnue (code INSEE %s).', v_missing);
  end if;
  delete from public.action_partners where action_id = p_action_id;
  insert into public.action_partners (action_id, charter_id, organization_id, role)
  select distinct p_action_id, v_charter, o, 'contributor'::public.action_partner_role from unnest(coalesce(p_contributors, '{}')) as o
  union
  select distinct p_action_id, v_charter, o, 'funder'::public.action_partner_role from unnest(coalesce(p_funders, '{}')) as o;
  delete from public.action_communes where action_id = p_action_id;
  insert into public.action_communes (action_id, charter_id, commune_code)
  select distinct p_action_id, v_charter, c from unnest(coalesce(p_communes, '{}')) as c;
end;
$$;
revoke execute on function public.set_action_links(uuid, uuid[], uuid[], text[]) from public, anon;
grant execute on function public.set_action_links(uuid, uuid[], uuid[], text[]) to authenticated;
