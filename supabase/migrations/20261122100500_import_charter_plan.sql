-- Importing a charter's plan from the spreadsheet template (docs/import-template.md) in one transaction: all
-- or nothing. The app validates the file first and shows every problem; this function checks again, so that
-- a payload sent by other means is held to the same rules. It runs as the caller (security invoker): RLS
-- applies to every row it writes, after an explicit check that the caller coordinates the charter.
--
-- Merge rules, so that a plan can be imported again after edits in the spreadsheet:
-- - organizations are found by name or short name (case-insensitive); a partner unknown to the directory
--   is created when its kind is given;
-- - objectives and actions are matched by code, indicators by name and attachment, fundings by funder,
--   action, source and year: matched rows are updated, others created, nothing is deleted;
-- - an action's contributors, funders and communes are those of its row;
-- - a new action starts in the state of its row; an existing action whose state differs gets a journal
--   entry, so that its history stays complete.

-- Nothing is rounded or cut, and no date is taken that nobody means: a progress with decimals, an amount or an
-- indicator value with more than two decimals, a date outside 2000-2100 (a year typed 0202) are refused (PT400)
-- with a message, as the app's preview refuses them, instead of being rounded by a cast.

-- Lower-case, trimmed key used to find an organization by name or short name.
create function private.import_key(p_value text) returns text
language sql
immutable
set search_path = ''
as $$
  select lower(regexp_replace(trim(coalesce(p_value, '')), '\s+', ' ', 'g'))
$$;
grant execute on function private.import_key(text) to authenticated, service_role;

-- A plausible date of a plan: the app's import accepts 01/01/2000 to 31/12/2100 (src/lib/server/spreadsheet/cells.ts).
create function private.import_date_ok(p_date date) returns boolean
language sql
immutable
set search_path = ''
as $$
  select p_date is null or p_date between date '2000-01-01' and date '2100-12-31'
$$;
grant execute on function private.import_date_ok(date) to authenticated, service_role;

-- A number the column keeps as written: at most two decimals (numeric(12,2) and numeric(14,2) would round).
create function private.import_cents_ok(p_value numeric) returns boolean
language sql
immutable
set search_path = ''
as $$
  select p_value is null or p_value = round(p_value, 2)
$$;
grant execute on function private.import_cents_ok(numeric) to authenticated, service_role;

create function public.import_charter_plan(p_charter_id uuid, p_payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_orgs jsonb := '{}';
  v_org_id uuid;
  v_id uuid;
  v_inserted boolean;
  v_objective_id uuid;
  v_action_id uuid;
  v_existing public.actions%rowtype;
  v_missing text;
  v_ref text;
  v_count integer;
  v_name text;
  v_short text;
  v_stats jsonb := jsonb_build_object(
    'organizations_created', 0, 'partners', 0, 'objectives_created', 0, 'objectives_updated', 0,
    'actions_created', 0, 'actions_updated', 0, 'indicators_created', 0, 'indicators_updated', 0,
    'fundings_created', 0, 'fundings_updated', 0
  );
  r record;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'Connectez-vous pour importer un plan.';
  end if;
  if p_charter_id is null or p_charter_id not in (select private.coordinated_charter_ids()) then
    raise exception using errcode = 'PT403', message = 'Seule la coordination de la charte peut importer son plan.';
  end if;
  if p_payload is null or jsonb_typeof(p_payload) <> 'object' then
    raise exception using errcode = 'PT400', message = 'Le contenu à importer est vide ou illisible.';
  end if;

  -- Organizations already tied to the charter are known by name and short name.
  for r in
    select o.id, o.name, o.short_name from public.organizations o
    where o.id in (
      select cp.organization_id from public.charter_partners cp where cp.charter_id = p_charter_id
      union select a.lead_organization_id from public.actions a where a.charter_id = p_charter_id
      union select ap.organization_id from public.action_partners ap where ap.charter_id = p_charter_id
      union select f.organization_id from public.fundings f where f.charter_id = p_charter_id
    )
  loop
    v_orgs := v_orgs || jsonb_build_object(private.import_key(r.name), r.id);
    if r.short_name is not null and not v_orgs ? private.import_key(r.short_name) then
      v_orgs := v_orgs || jsonb_build_object(private.import_key(r.short_name), r.id);
    end if;
  end loop;

  -- ------------------------------------------------------------------------------------------- partners
  for r in
    select x.*, e.ord from jsonb_array_elements(coalesce(p_payload -> 'partners', '[]')) with ordinality as e(item, ord),
      jsonb_to_record(e.item) as x(name text, short_name text, kind public.organization_kind, territory_code text, roles public.charter_partner_role[])
  loop
    if nullif(trim(coalesce(r.name, '')), '') is null then
      raise exception using errcode = 'PT400', message = format('Partenaires, ligne %s : le nom de l''organisation est obligatoire.', r.ord + 1);
    end if;
    select o.id into v_org_id from public.organizations o
    where private.import_key(o.name) = private.import_key(r.name)
    limit 1;
    if v_org_id is null then
      -- The name column may hold a short name ("ARS Nouvelle-Aquitaine"): accepted when it is unambiguous.
      select min(o.id::text)::uuid, count(*) into v_org_id, v_count from public.organizations o
      where private.import_key(o.short_name) = private.import_key(r.name);
      if v_count > 1 then
        raise exception using errcode = 'PT400',
          message = format('Partenaires, ligne %s : plusieurs organisations s''appellent « %s » ; indiquez le nom complet.', r.ord + 1, r.name);
      end if;
    end if;
    if v_org_id is null then
      if r.kind is null then
        raise exception using errcode = 'PT400',
          message = format('Partenaires, ligne %s : « %s » n''existe pas encore ; indiquez son type pour le créer.', r.ord + 1, r.name);
      end if;
      insert into public.organizations (name, short_name, kind, territory_code, created_by)
      values (trim(r.name), nullif(trim(coalesce(r.short_name, '')), ''), r.kind, nullif(trim(coalesce(r.territory_code, '')), ''), v_uid)
      returning id into v_org_id;
      v_stats := jsonb_set(v_stats, '{organizations_created}', to_jsonb((v_stats ->> 'organizations_created')::int + 1));
    end if;
    v_orgs := v_orgs || jsonb_build_object(private.import_key(r.name), v_org_id);
    -- The other sheets may name it by its directory name or short name as well.
    select o.name, o.short_name into v_name, v_short from public.organizations o where o.id = v_org_id;
    v_orgs := v_orgs || jsonb_build_object(private.import_key(v_name), v_org_id);
    if v_short is not null then
      v_orgs := v_orgs || jsonb_build_object(private.import_key(v_short), v_org_id);
    end if;
    if nullif(trim(coalesce(r.short_name, '')), '') is not null then
      v_orgs := v_orgs || jsonb_build_object(private.import_key(r.short_name), v_org_id);
    end if;
    insert into public.charter_partners (charter_id, organization_id, role)
    select p_charter_id, v_org_id, role from unnest(coalesce(r.roles, '{}')) as role
    on conflict do nothing;
    v_stats := jsonb_set(v_stats, '{partners}', to_jsonb((v_stats ->> 'partners')::int + 1));
  end loop;

  -- ----------------------------------------------------------------------------------------- objectives
  for r in
    select x.*, e.ord from jsonb_array_elements(coalesce(p_payload -> 'objectives', '[]')) with ordinality as e(item, ord),
      jsonb_to_record(e.item) as x(code text, title text, description text)
  loop
    insert into public.objectives as o (charter_id, code, title, description, position)
    values (p_charter_id, trim(r.code), trim(r.title), nullif(trim(coalesce(r.description, '')), ''), r.ord)
    on conflict (charter_id, code) do update
      set title = excluded.title, description = excluded.description, position = excluded.position, archived_at = null
    returning (o.xmax = 0) into v_inserted;
    v_stats := case when v_inserted
      then jsonb_set(v_stats, '{objectives_created}', to_jsonb((v_stats ->> 'objectives_created')::int + 1))
      else jsonb_set(v_stats, '{objectives_updated}', to_jsonb((v_stats ->> 'objectives_updated')::int + 1)) end;
  end loop;

  -- -------------------------------------------------------------------------------------------- actions
  for r in
    select x.*, e.ord from jsonb_array_elements(coalesce(p_payload -> 'actions', '[]')) with ordinality as e(item, ord),
      jsonb_to_record(e.item) as x(code text, objective text, title text, description text, lead text, contributors text[], funders text[],
           communes text[], starts_on date, due_on date, recurrence public.action_recurrence, recurring_since integer,
           status public.action_status, progress numeric, health public.action_health)
  loop
    select o.id into v_objective_id from public.objectives o where o.charter_id = p_charter_id and o.code = trim(r.objective);
    if v_objective_id is null then
      raise exception using errcode = 'PT400',
        message = format('Action %s : l''objectif « %s » n''existe pas dans la charte ni dans la feuille objectifs.', r.code, r.objective);
    end if;
    v_org_id := (v_orgs ->> private.import_key(r.lead))::uuid;
    if v_org_id is null then
      raise exception using errcode = 'PT400',
        message = format('Action %s : pilote inconnu « %s » ; ajoutez-le à la feuille partenaires.', r.code, r.lead);
    end if;
    foreach v_ref in array coalesce(r.contributors, '{}') || coalesce(r.funders, '{}') loop
      if not v_orgs ? private.import_key(v_ref) then
        raise exception using errcode = 'PT400',
          message = format('Action %s : partenaire inconnu « %s » ; ajoutez-le à la feuille partenaires.', r.code, v_ref);
      end if;
    end loop;
    select string_agg(c, ', ') into v_missing from unnest(coalesce(r.communes, '{}')) as c
    where not exists (select 1 from public.communes k where k.code = c);
    if v_missing is not null then
      raise exception using errcode = 'PT400', message = format('Action %s : commune inconnue (code INSEE %s).', r.code, v_missing);
    end if;
    if coalesce(r.status, 'planned') = 'done' and coalesce(r.progress, 0) <> 100 then
      raise exception using errcode = 'PT400', message = format('Action %s : une action réalisée est avancée à 100 %%.', r.code);
    end if;
    if r.progress is not null and r.progress <> trunc(r.progress) then
      raise exception using errcode = 'PT400',
        message = format('Action %s : l''avancement %s n''est pas un nombre entier ; rien n''est arrondi.', r.code, r.progress);
    end if;
    if not (private.import_date_ok(r.starts_on) and private.import_date_ok(r.due_on)) then
      raise exception using errcode = 'PT400',
        message = format('Action %s : une date doit être comprise entre le 01/01/2000 et le 31/12/2100.', r.code);
    end if;
    if r.progress is not null and (r.progress < 0 or r.progress > 100) then
      raise exception using errcode = 'PT400', message = format('Action %s : l''avancement doit être compris entre 0 et 100 %%.', r.code);
    end if;
    if r.starts_on is not null and r.due_on is not null and r.due_on < r.starts_on then
      raise exception using errcode = 'PT400', message = format('Action %s : l''échéance précède la date de début.', r.code);
    end if;

    select * into v_existing from public.actions a where a.charter_id = p_charter_id and a.code = trim(r.code);
    if found then
      v_action_id := v_existing.id;
      update public.actions
      set objective_id = v_objective_id, title = trim(r.title), description = nullif(trim(coalesce(r.description, '')), ''),
          lead_organization_id = v_org_id, starts_on = r.starts_on, due_on = r.due_on,
          recurrence = coalesce(r.recurrence, 'none'), recurring_since = r.recurring_since, position = r.ord,
          archived_at = null
      where id = v_action_id;
      if (coalesce(r.status, v_existing.status), coalesce(r.progress, v_existing.progress), coalesce(r.health, v_existing.health))
         is distinct from (v_existing.status, v_existing.progress::integer, v_existing.health) then
        insert into public.action_updates (action_id, charter_id, author_id, status, progress, health, comment)
        values (v_action_id, p_charter_id, v_uid, coalesce(r.status, v_existing.status),
                coalesce(r.progress, v_existing.progress), coalesce(r.health, v_existing.health),
                'Mise à jour par import du tableur.');
      end if;
      v_stats := jsonb_set(v_stats, '{actions_updated}', to_jsonb((v_stats ->> 'actions_updated')::int + 1));
    else
      insert into public.actions (
        charter_id, objective_id, code, title, description, lead_organization_id, status, progress, health,
        starts_on, due_on, recurrence, recurring_since, position
      ) values (
        p_charter_id, v_objective_id, trim(r.code), trim(r.title), nullif(trim(coalesce(r.description, '')), ''), v_org_id,
        coalesce(r.status, 'planned'), coalesce(r.progress, 0), coalesce(r.health, 'on_track'),
        r.starts_on, r.due_on, coalesce(r.recurrence, 'none'), r.recurring_since, r.ord
      ) returning id into v_action_id;
      v_stats := jsonb_set(v_stats, '{actions_created}', to_jsonb((v_stats ->> 'actions_created')::int + 1));
    end if;

    delete from public.action_partners where action_id = v_action_id;
    insert into public.action_partners (action_id, charter_id, organization_id, role)
    select distinct v_action_id, p_charter_id, (v_orgs ->> private.import_key(ref))::uuid, 'contributor'::public.action_partner_role
    from unnest(coalesce(r.contributors, '{}')) as ref
    union
    select distinct v_action_id, p_charter_id, (v_orgs ->> private.import_key(ref))::uuid, 'funder'::public.action_partner_role
    from unnest(coalesce(r.funders, '{}')) as ref;
    delete from public.action_communes where action_id = v_action_id;
    insert into public.action_communes (action_id, charter_id, commune_code)
    select distinct v_action_id, p_charter_id, c from unnest(coalesce(r.communes, '{}')) as c;
  end loop;

  -- ----------------------------------------------------------------------------------------- indicators
  for r in
    select x.*, e.ord from jsonb_array_elements(coalesce(p_payload -> 'indicators', '[]')) with ordinality as e(item, ord),
      jsonb_to_record(e.item) as x(name text, objective text, action text, unit text, baseline numeric, target numeric, target_on date,
           direction public.indicator_direction, note text)
  loop
    if not (private.import_cents_ok(r.baseline) and private.import_cents_ok(r.target)) then
      raise exception using errcode = 'PT400',
        message = format('Indicateur « %s » : deux décimales au plus ; rien n''est arrondi.', r.name);
    end if;
    if not private.import_date_ok(r.target_on) then
      raise exception using errcode = 'PT400',
        message = format('Indicateur « %s » : la date cible doit être comprise entre le 01/01/2000 et le 31/12/2100.', r.name);
    end if;
    v_objective_id := null;
    v_action_id := null;
    if nullif(trim(coalesce(r.objective, '')), '') is not null then
      select o.id into v_objective_id from public.objectives o where o.charter_id = p_charter_id and o.code = trim(r.objective);
      if v_objective_id is null then
        raise exception using errcode = 'PT400', message = format('Indicateur « %s » : objectif inconnu « %s ».', r.name, r.objective);
      end if;
    end if;
    if nullif(trim(coalesce(r.action, '')), '') is not null then
      select a.id into v_action_id from public.actions a where a.charter_id = p_charter_id and a.code = trim(r.action);
      if v_action_id is null then
        raise exception using errcode = 'PT400', message = format('Indicateur « %s » : action inconnue « %s ».', r.name, r.action);
      end if;
    end if;
    select i.id into v_id from public.indicators i
    where i.charter_id = p_charter_id and private.import_key(i.name) = private.import_key(r.name)
      and i.objective_id is not distinct from v_objective_id and i.action_id is not distinct from v_action_id
    limit 1;
    if v_id is null then
      insert into public.indicators (charter_id, objective_id, action_id, name, unit, baseline, target, target_on, direction, note, position)
      values (p_charter_id, v_objective_id, v_action_id, trim(r.name), nullif(trim(coalesce(r.unit, '')), ''), r.baseline, r.target,
              r.target_on, coalesce(r.direction, 'increase'), nullif(trim(coalesce(r.note, '')), ''), r.ord);
      v_stats := jsonb_set(v_stats, '{indicators_created}', to_jsonb((v_stats ->> 'indicators_created')::int + 1));
    else
      update public.indicators
      set unit = nullif(trim(coalesce(r.unit, '')), ''), baseline = r.baseline, target = r.target, target_on = r.target_on,
          direction = coalesce(r.direction, 'increase'), note = nullif(trim(coalesce(r.note, '')), ''), position = r.ord
      where id = v_id;
      v_stats := jsonb_set(v_stats, '{indicators_updated}', to_jsonb((v_stats ->> 'indicators_updated')::int + 1));
    end if;
  end loop;

  -- ------------------------------------------------------------------------------------------- fundings
  for r in
    select x.*, e.ord from jsonb_array_elements(coalesce(p_payload -> 'fundings', '[]')) with ordinality as e(item, ord),
      jsonb_to_record(e.item) as x(funder text, action text, source text, year integer, planned numeric, committed numeric, paid numeric,
           note text)
  loop
    if not (private.import_cents_ok(r.planned) and private.import_cents_ok(r.committed) and private.import_cents_ok(r.paid)) then
      raise exception using errcode = 'PT400',
        message = format('Financements, ligne %s : un montant a plus de deux décimales ; rien n''est arrondi.', r.ord + 1);
    end if;
    v_org_id := (v_orgs ->> private.import_key(r.funder))::uuid;
    if v_org_id is null then
      raise exception using errcode = 'PT400',
        message = format('Financements, ligne %s : financeur inconnu « %s » ; ajoutez-le à la feuille partenaires.', r.ord + 1, r.funder);
    end if;
    v_action_id := null;
    if nullif(trim(coalesce(r.action, '')), '') is not null then
      select a.id into v_action_id from public.actions a where a.charter_id = p_charter_id and a.code = trim(r.action);
      if v_action_id is null then
        raise exception using errcode = 'PT400', message = format('Financements, ligne %s : action inconnue « %s ».', r.ord + 1, r.action);
      end if;
    end if;
    select f.id into v_id from public.fundings f
    where f.charter_id = p_charter_id and f.organization_id = v_org_id and f.action_id is not distinct from v_action_id
      and private.import_key(f.source) = private.import_key(r.source) and f.year is not distinct from r.year
    limit 1;
    if v_id is null then
      insert into public.fundings (charter_id, action_id, organization_id, source, year, planned_amount, committed_amount, paid_amount, note)
      values (p_charter_id, v_action_id, v_org_id, trim(r.source), r.year, r.planned, r.committed, r.paid, nullif(trim(coalesce(r.note, '')), ''));
      v_stats := jsonb_set(v_stats, '{fundings_created}', to_jsonb((v_stats ->> 'fundings_created')::int + 1));
    else
      update public.fundings
      set planned_amount = r.planned, committed_amount = r.committed, paid_amount = r.paid, note = nullif(trim(coalesce(r.note, '')), '')
      where id = v_id;
      v_stats := jsonb_set(v_stats, '{fundings_updated}', to_jsonb((v_stats ->> 'fundings_updated')::int + 1));
    end if;
  end loop;

  return v_stats;
end;
$$;
revoke execute on function public.import_charter_plan(uuid, jsonb) from public, anon;
grant execute on function public.import_charter_plan(uuid, jsonb) to authenticated;
