-- Indicators with dated values, and fundings (who pays what), with their policies: partner representatives
-- enter the values of the indicators of their organization's actions (the server says who entered a value) and
-- change only the amounts of their organization's fundings.
--
-- Errors meant for users carry a PostgREST status (SQLSTATE PT4xx) and a French message.

-- An indicator is typed by people (manual) or computed by the database from the charter's own records: the
-- installations and requests of installation support (20261123400200_installation_pipeline.sql), or the
-- editions of an event action (20261123400100_aids_and_events.sql).
create type public.indicator_source as enum (
  'manual', 'installations', 'requests', 'occurrence_participants', 'occurrence_professionals', 'occurrence_interested'
);

create table public.indicators (
  id uuid primary key default gen_random_uuid(),
  charter_id uuid not null references public.charters (id) on delete cascade,
  objective_id uuid,
  action_id uuid,
  name text not null check (length(trim(name)) between 2 and 300),
  unit text check (length(unit) <= 40),
  baseline numeric(14, 2),
  target numeric(14, 2),
  target_on date,
  direction public.indicator_direction not null default 'increase',
  note text check (length(note) <= 2000),
  position integer not null default 0,
  source public.indicator_source not null default 'manual',
  -- Only this profession (installations, requests); every one when null.
  source_profession public.health_profession,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, charter_id),
  foreign key (objective_id, charter_id) references public.objectives (id, charter_id) on delete cascade,
  foreign key (action_id, charter_id) references public.actions (id, charter_id) on delete cascade,
  -- An event's editions belong to an action.
  constraint indicators_occurrence_source_on_action check (
    source not in ('occurrence_participants', 'occurrence_professionals', 'occurrence_interested') or action_id is not null
  )
);
create index indicators_charter_idx on public.indicators (charter_id, position);
create index indicators_objective_idx on public.indicators (objective_id, charter_id);
create index indicators_action_idx on public.indicators (action_id, charter_id);
create trigger indicators_updated_at before update on public.indicators
  for each row execute function private.set_updated_at();

create table public.indicator_values (
  id uuid primary key default gen_random_uuid(),
  indicator_id uuid not null,
  charter_id uuid not null,
  measured_on date not null,
  value numeric(14, 2) not null,
  note text check (length(note) <= 2000),
  entered_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (indicator_id, measured_on),
  foreign key (indicator_id, charter_id) references public.indicators (id, charter_id) on delete cascade
);
create index indicator_values_indicator_charter_idx on public.indicator_values (indicator_id, charter_id);
create index indicator_values_charter_idx on public.indicator_values (charter_id);
create index indicator_values_entered_by_idx on public.indicator_values (entered_by);
create trigger indicator_values_updated_at before update on public.indicator_values
  for each row execute function private.set_updated_at();

-- Who pays what: per action, or for the charter as a whole (contributions to a pooled budget).
create table public.fundings (
  id uuid primary key default gen_random_uuid(),
  charter_id uuid not null references public.charters (id) on delete cascade,
  action_id uuid,
  organization_id uuid not null references public.organizations (id) on delete restrict,
  source text not null check (length(trim(source)) between 1 and 80),
  year integer check (year between 2000 and 2100),
  planned_amount numeric(12, 2) check (planned_amount >= 0),
  committed_amount numeric(12, 2) check (committed_amount >= 0),
  paid_amount numeric(12, 2) check (paid_amount >= 0),
  note text check (length(note) <= 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  updated_by uuid references auth.users (id) on delete set null,
  foreign key (action_id, charter_id) references public.actions (id, charter_id) on delete cascade
);
create index fundings_charter_idx on public.fundings (charter_id);
create index fundings_action_idx on public.fundings (action_id, charter_id);
create index fundings_organization_idx on public.fundings (organization_id, charter_id);
create index fundings_updated_by_idx on public.fundings (updated_by);
create trigger fundings_updated_at before update on public.fundings
  for each row execute function private.set_updated_at();

-- Indicators whose values the caller may enter: all indicators of the charters they coordinate, and the
-- indicators attached to actions of their organization.
create function private.writable_indicator_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select i.id from public.indicators i
  where i.charter_id in (select private.coordinated_charter_ids())
  union
  select i.id from public.indicators i
  where i.action_id in (select private.updatable_action_ids())
$$;

revoke all on function private.writable_indicator_ids() from public;
grant execute on function private.writable_indicator_ids() to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------------
alter table public.indicators enable row level security;
alter table public.indicator_values enable row level security;
alter table public.fundings enable row level security;

-- ---------------------------------------------------------------------------------------------- indicators
create policy "anon reads indicators of published charters" on public.indicators
  for select to anon using (charter_id in (select private.public_charter_ids()));
create policy "members read indicators" on public.indicators
  for select to authenticated
  using (charter_id in (select private.member_charter_ids()) or charter_id in (select private.public_charter_ids()));
create policy "coordinators add indicators" on public.indicators
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators update indicators" on public.indicators
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators delete indicators" on public.indicators
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------- indicator_values
create policy "anon reads indicator values of published charters" on public.indicator_values
  for select to anon using (charter_id in (select private.public_charter_ids()));
create policy "members read indicator values" on public.indicator_values
  for select to authenticated
  using (charter_id in (select private.member_charter_ids()) or charter_id in (select private.public_charter_ids()));
create policy "partners and coordinators enter values" on public.indicator_values
  for insert to authenticated with check (indicator_id in (select private.writable_indicator_ids()));
create policy "partners and coordinators correct values" on public.indicator_values
  for update to authenticated
  using (indicator_id in (select private.writable_indicator_ids()))
  with check (indicator_id in (select private.writable_indicator_ids()));
create policy "coordinators delete values" on public.indicator_values
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------- fundings
-- A partner representative may change the amounts of their own organization's fundings; the trigger below
-- keeps the other columns for coordinators.
create policy "members read fundings" on public.fundings
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
create policy "coordinators add fundings" on public.fundings
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators and funders update fundings" on public.fundings
  for update to authenticated
  using (
    charter_id in (select private.coordinated_charter_ids())
    or (charter_id, organization_id) in (select r.charter_id, r.organization_id from private.represented_organizations() r)
  )
  with check (
    charter_id in (select private.coordinated_charter_ids())
    or (charter_id, organization_id) in (select r.charter_id, r.organization_id from private.represented_organizations() r)
  );
create policy "coordinators delete fundings" on public.fundings
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------------
-- Fundings: partner representatives change amounts only
-- ---------------------------------------------------------------------------------------------------
-- Every column but the amounts is compared, so that a column added later is protected too.
create function private.guard_funding_update() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_free constant text[] := array['planned_amount', 'committed_amount', 'paid_amount', 'updated_at', 'updated_by'];
begin
  new.updated_by := coalesce((select auth.uid()), new.updated_by);
  if (select auth.uid()) is not null
     and not (old.charter_id in (select private.coordinated_charter_ids()))
     and (to_jsonb(new) - v_free) is distinct from (to_jsonb(old) - v_free) then
    raise exception using errcode = 'PT403',
      message = 'Un partenaire ne modifie que les montants des financements de son organisation.';
  end if;
  return new;
end;
$$;

create trigger fundings_guard before update on public.fundings
  for each row execute function private.guard_funding_update();

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

-- On update, the author of a value stays the one who entered it.
create function private.stamp_indicator_value() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (select auth.uid()) is not null then
    if tg_op = 'INSERT' then
      new.entered_by := (select auth.uid());
    else
      new.entered_by := old.entered_by;
    end if;
  end if;
  return new;
end;
$$;
create trigger indicator_values_stamp before insert or update on public.indicator_values
  for each row execute function private.stamp_indicator_value();

-- ---------------------------------------------------------------------------------------------------
-- Computed indicators: their values are written by the database only
-- ---------------------------------------------------------------------------------------------------

create function private.guard_computed_indicator_values() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_setting('app.computing_indicators', true) = 'on' or (tg_op = 'DELETE' and pg_trigger_depth() > 1) then
    return coalesce(new, old);
  end if;
  if exists (
    select 1 from public.indicators i
    where i.id = coalesce(new.indicator_id, old.indicator_id) and i.source <> 'manual'
  ) then
    raise exception using errcode = 'PT409',
      message = 'Cet indicateur est calculé à partir des demandes ou des éditions : ses valeurs ne se saisissent pas.';
  end if;
  return coalesce(new, old);
end;
$$;
create trigger indicator_values_computed_guard before insert or update or delete on public.indicator_values
  for each row execute function private.guard_computed_indicator_values();
