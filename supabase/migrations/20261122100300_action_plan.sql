-- The action plan of a charter: numbered objectives, their actions (lead partner, contributors, funders,
-- communes) and the append-only journal of action updates, with their policies; recording progress
-- (record_action_update: one atomic call with optimistic concurrency); the work of partner representatives and
-- coordinators: what needs attention, the actions a person works on across their charters, reordering,
-- archiving and the links of an action.
-- Child rows carry charter_id so that policies can decide without joins; composite foreign keys keep that
-- copy consistent with the parent. Archived actions and objectives (archived_at) keep their history but leave
-- the plan.
--
-- Errors meant for users carry a PostgREST status (SQLSTATE PT4xx) and a French message.

create table public.objectives (
  id uuid primary key default gen_random_uuid(),
  charter_id uuid not null references public.charters (id) on delete cascade,
  code text not null check (code ~ '^[0-9]{1,3}(\.[0-9]{1,3}){0,3}$'),
  title text not null check (length(trim(title)) between 2 and 300),
  description text check (length(description) <= 5000),
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  archived_at timestamptz,
  unique (charter_id, code),
  unique (id, charter_id)
);
create index objectives_charter_position_idx on public.objectives (charter_id, position);
create trigger objectives_updated_at before update on public.objectives
  for each row execute function private.set_updated_at();

create table public.actions (
  id uuid primary key default gen_random_uuid(),
  charter_id uuid not null references public.charters (id) on delete cascade,
  objective_id uuid not null,
  code text not null check (code ~ '^[0-9]{1,3}(\.[0-9]{1,3}){0,4}$'),
  title text not null check (length(trim(title)) between 2 and 300),
  description text check (length(description) <= 10000),
  lead_organization_id uuid not null references public.organizations (id) on delete restrict,
  status public.action_status not null default 'planned',
  progress smallint not null default 0 check (progress between 0 and 100),
  health public.action_health not null default 'on_track',
  starts_on date,
  due_on date,
  recurrence public.action_recurrence not null default 'none',
  -- Since when a recurring action has run (e.g. the Cotentin weekend, yearly since 2016).
  recurring_since integer check (recurring_since between 1900 and 2100),
  position integer not null default 0,
  version integer not null default 1 check (version >= 1),
  last_update_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  updated_by uuid references auth.users (id) on delete set null,
  archived_at timestamptz,
  unique (charter_id, code),
  unique (id, charter_id),
  foreign key (objective_id, charter_id) references public.objectives (id, charter_id),
  constraint actions_dates_in_order check (due_on is null or starts_on is null or due_on >= starts_on),
  constraint actions_done_is_complete check (status <> 'done' or progress = 100)
);
create index actions_objective_idx on public.actions (objective_id, charter_id);
create index actions_charter_idx on public.actions (charter_id, position);
create index actions_lead_organization_idx on public.actions (lead_organization_id, charter_id);
create index actions_updated_by_idx on public.actions (updated_by);
create index actions_due_on_idx on public.actions (charter_id, due_on) where status not in ('done', 'abandoned');
create trigger actions_version before update on public.actions
  for each row execute function private.bump_version();

create table public.action_partners (
  action_id uuid not null,
  charter_id uuid not null,
  organization_id uuid not null references public.organizations (id) on delete restrict,
  role public.action_partner_role not null,
  primary key (action_id, organization_id, role),
  foreign key (action_id, charter_id) references public.actions (id, charter_id) on delete cascade
);
create index action_partners_organization_idx on public.action_partners (organization_id, charter_id);
create index action_partners_action_charter_idx on public.action_partners (action_id, charter_id);
create index action_partners_charter_idx on public.action_partners (charter_id);

create table public.action_communes (
  action_id uuid not null,
  charter_id uuid not null,
  commune_code text not null references public.communes (code) on delete restrict,
  primary key (action_id, commune_code),
  foreign key (action_id, charter_id) references public.actions (id, charter_id) on delete cascade
);
create index action_communes_commune_idx on public.action_communes (commune_code);
create index action_communes_action_charter_idx on public.action_communes (action_id, charter_id);
create index action_communes_charter_idx on public.action_communes (charter_id);

-- What a journal entry's comment is, when its author says so (PILOTE's typed comments): a highlight, an obstacle
-- to remove, or a question for the steering committee (an arbitration need goes on the next COPIL's agenda).
create type public.update_kind as enum ('fait_marquant', 'frein', 'arbitrage');

-- Append-only journal: the action's current state is its latest update. No policy allows update or delete.
create table public.action_updates (
  id uuid primary key default gen_random_uuid(),
  action_id uuid not null,
  charter_id uuid not null,
  author_id uuid references public.profiles (id) on delete set null,
  author_name text,
  -- The author's role in the charter when they wrote (shown with their organization: a name alone proves nothing).
  author_role public.member_role,
  organization_id uuid references public.organizations (id) on delete set null,
  status public.action_status not null,
  progress smallint not null check (progress between 0 and 100),
  health public.action_health not null,
  comment text check (length(comment) <= 4000),
  kind public.update_kind,
  previous_status public.action_status,
  previous_progress smallint check (previous_progress between 0 and 100),
  previous_health public.action_health,
  action_version integer,
  created_at timestamptz not null default now(),
  foreign key (action_id, charter_id) references public.actions (id, charter_id) on delete cascade,
  constraint action_updates_done_is_complete check (status <> 'done' or progress = 100),
  constraint action_updates_kind_has_comment check (kind is null or comment is not null)
);
create index action_updates_action_idx on public.action_updates (action_id, created_at desc);
create index action_updates_action_charter_idx on public.action_updates (action_id, charter_id);
create index action_updates_charter_idx on public.action_updates (charter_id, created_at desc);
create index action_updates_author_idx on public.action_updates (author_id);
create index action_updates_organization_idx on public.action_updates (organization_id);

-- ---------------------------------------------------------------------------------------------------
-- Who may record progress on which action
-- ---------------------------------------------------------------------------------------------------
-- Actions the caller may record progress on: every action of a charter they coordinate, and the actions
-- their organization leads or contributes to (or funds) in a charter where they represent it.
create function private.updatable_action_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select a.id from public.actions a
  where a.archived_at is null and a.charter_id in (select private.coordinated_charter_ids())
  union
  select a.id from public.actions a
  join private.represented_organizations() r on r.charter_id = a.charter_id and r.organization_id = a.lead_organization_id
  where a.archived_at is null
  union
  select ap.action_id from public.action_partners ap
  join private.represented_organizations() r on r.charter_id = ap.charter_id and r.organization_id = ap.organization_id
  join public.actions a on a.id = ap.action_id and a.archived_at is null
$$;

create function private.can_update_action(p_action_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.actions a
    where a.id = p_action_id
      and a.archived_at is null
      and (
        a.charter_id in (select private.coordinated_charter_ids())
        or exists (
          select 1 from private.represented_organizations() r
          where r.charter_id = a.charter_id
            and (
              r.organization_id = a.lead_organization_id
              or exists (
                select 1 from public.action_partners ap
                where ap.action_id = a.id and ap.organization_id = r.organization_id
              )
            )
        )
      )
  )
$$;

-- Who may change an action's status (start, block, finish, abandon it): the coordination of its charter and the
-- representatives of its lead organization. Contributors and funders record progress, health and comments.
create function private.can_change_action_status(p_action_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.actions a
    where a.id = p_action_id
      and (
        a.charter_id in (select private.coordinated_charter_ids())
        or exists (
          select 1 from private.represented_organizations() r
          where r.charter_id = a.charter_id and r.organization_id = a.lead_organization_id
        )
      )
  )
$$;

-- Organizations visible without an account: those named by a published charter.
create function private.public_organization_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select cp.organization_id from public.charter_partners cp where cp.charter_id in (select private.public_charter_ids())
  union
  select a.lead_organization_id from public.actions a where a.charter_id in (select private.public_charter_ids())
$$;

revoke all on function
  private.updatable_action_ids(),
  private.can_update_action(uuid),
  private.can_change_action_status(uuid),
  private.public_organization_ids()
from public;
grant execute on function
  private.updatable_action_ids(),
  private.can_update_action(uuid),
  private.can_change_action_status(uuid),
  private.public_organization_ids()
to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------------
alter table public.objectives enable row level security;
alter table public.actions enable row level security;
alter table public.action_partners enable row level security;
alter table public.action_communes enable row level security;
alter table public.action_updates enable row level security;

-- ---------------------------------------------------------------------------------------------- organizations
create policy "anon reads organizations named by published charters" on public.organizations
  for select to anon using (id in (select private.public_organization_ids()));

-- ---------------------------------------------------------------------------------------------- objectives
create policy "anon reads objectives of published charters" on public.objectives
  for select to anon using (charter_id in (select private.public_charter_ids()));
create policy "members read objectives" on public.objectives
  for select to authenticated
  using (charter_id in (select private.member_charter_ids()) or charter_id in (select private.public_charter_ids()));
create policy "coordinators add objectives" on public.objectives
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators update objectives" on public.objectives
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators delete objectives" on public.objectives
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------- actions
-- Partner representatives change an action's state through public.record_action_update only.
create policy "anon reads actions of published charters" on public.actions
  for select to anon using (charter_id in (select private.public_charter_ids()));
create policy "members read actions" on public.actions
  for select to authenticated
  using (charter_id in (select private.member_charter_ids()) or charter_id in (select private.public_charter_ids()));
create policy "coordinators add actions" on public.actions
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators update actions" on public.actions
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators delete actions" on public.actions
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------- action_partners
create policy "members read action partners" on public.action_partners
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
create policy "coordinators add action partners" on public.action_partners
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators update action partners" on public.action_partners
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators remove action partners" on public.action_partners
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------- action_communes
create policy "members read action communes" on public.action_communes
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
create policy "coordinators add action communes" on public.action_communes
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators update action communes" on public.action_communes
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators remove action communes" on public.action_communes
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------- action_updates
-- Append-only: there is no update or delete policy, for anyone.
create policy "members read the journal" on public.action_updates
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
create policy "leads, partners and coordinators record updates" on public.action_updates
  for insert to authenticated
  with check (author_id = (select auth.uid()) and action_id in (select private.updatable_action_ids()));

-- ---------------------------------------------------------------------------------------------------
-- Journal of action updates
-- ---------------------------------------------------------------------------------------------------
-- Fills what the author does not choose: the charter, the author and their organization, and the state
-- the action had before, so that the journal shows each change.
create function private.prepare_action_update() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_action public.actions%rowtype;
  v_name text;
begin
  select * into v_action from public.actions where id = new.action_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'Action introuvable.';
  end if;
  new.charter_id := v_action.charter_id;
  if (select auth.uid()) is not null then
    -- Only the lead organization and the coordination decide the status; contributors report progress.
    if new.status is distinct from v_action.status and not private.can_change_action_status(v_action.id) then
      raise exception using errcode = 'PT403',
        message = format('Seules l''organisation pilote (%s) et la coordination peuvent changer le statut de cette action. Vous pouvez mettre à jour l''avancement, la santé et écrire un commentaire.',
          (select o.name from public.organizations o where o.id = v_action.lead_organization_id));
    end if;
    -- An entry that changes nothing and says nothing would only hide that the action has no news.
    if new.status = v_action.status and new.progress = v_action.progress and new.health = v_action.health
       and nullif(trim(coalesce(new.comment, '')), '') is null then
      raise exception using errcode = 'PT400',
        message = 'Rien n''a changé : modifiez le statut, l''avancement ou la santé, ou écrivez un commentaire (par exemple « Rien de nouveau, je confirme »).';
    end if;
  end if;
  -- Through the API the date is the server's; only trusted loads (seed, imports as the owner) keep theirs.
  if (select auth.uid()) is not null then
    new.author_id := (select auth.uid());
    new.created_at := now();
  end if;
  new.previous_status := v_action.status;
  new.previous_progress := v_action.progress;
  new.previous_health := v_action.health;
  new.action_version := v_action.version + 1;
  -- An entry written without an author account (the seed's entries from public sources, an import run by the
  -- owner) keeps the author name it was given.
  select p.display_name into v_name from public.profiles p where p.id = new.author_id;
  new.author_name := coalesce(v_name, new.author_name);
  select m.role into new.author_role
  from public.charter_members m where m.charter_id = v_action.charter_id and m.user_id = new.author_id;
  -- The organization in whose name the update is made: the author's, when it leads or contributes.
  select m.organization_id into new.organization_id
  from public.charter_members m
  where m.charter_id = v_action.charter_id and m.user_id = new.author_id and m.organization_id is not null
    and (
      m.organization_id = v_action.lead_organization_id
      or exists (select 1 from public.action_partners ap where ap.action_id = v_action.id and ap.organization_id = m.organization_id)
    );
  return new;
end;
$$;
create trigger action_updates_prepare before insert on public.action_updates
  for each row execute function private.prepare_action_update();

-- The action's current state is its latest update: the latest by date, so that an entry a trusted load writes
-- with an older date (an import of past updates, out of order) joins the journal without turning the action
-- back (tests/db/derived-figures-actions.test.ts compares the state with the journal's latest entry). An entry
-- through the API is dated now() and always applies.
create function private.apply_action_update() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.actions
  set status = new.status, progress = new.progress, health = new.health, last_update_at = new.created_at,
      updated_by = new.author_id
  where id = new.action_id
    and ((select auth.uid()) is not null or last_update_at is null or last_update_at <= new.created_at);
  return null;
end;
$$;
create trigger action_updates_apply after insert on public.action_updates
  for each row execute function private.apply_action_update();

-- History is evidence: no one edits or deletes it, not even the table owner by mistake. Rows go only with
-- their charter (cascade from a deleted draft charter), which fires this trigger one level deeper.
create function private.forbid_journal_changes() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' and pg_trigger_depth() > 1 then
    return old;
  end if;
  raise exception using errcode = 'PT403', message = 'Le journal des actions ne peut être ni modifié ni supprimé.';
end;
$$;
create trigger action_updates_append_only before update or delete on public.action_updates
  for each row execute function private.forbid_journal_changes();

-- An action with history is archived, not deleted (its journal stays).
create function private.protect_action_history() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if pg_trigger_depth() = 1 and exists (select 1 from public.action_updates u where u.action_id = old.id) then
    raise exception using errcode = 'PT409',
      message = 'Cette action a un historique : archivez-la plutôt que de la supprimer, son journal sera conservé.';
  end if;
  return old;
end;
$$;
create trigger actions_protect_history before delete on public.actions
  for each row execute function private.protect_action_history();

-- ---------------------------------------------------------------------------------------------------
-- Recording progress: one atomic call with optimistic concurrency
-- ---------------------------------------------------------------------------------------------------
create function private.record_action_update(
  p_action_id uuid,
  p_expected_version integer,
  p_status public.action_status,
  p_progress integer,
  p_health public.action_health,
  p_comment text default null,
  p_kind public.update_kind default null
) returns table (
  id uuid,
  version integer,
  status public.action_status,
  progress smallint,
  health public.action_health,
  last_update_at timestamptz
)
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_current public.actions%rowtype;
  v_comment text := nullif(trim(coalesce(p_comment, '')), '');
begin
  if (select auth.uid()) is null then
    raise exception using errcode = 'PT401', message = 'Connectez-vous pour mettre à jour une action.';
  end if;
  if p_action_id is null or p_expected_version is null or p_status is null or p_progress is null or p_health is null then
    raise exception using errcode = 'PT400', message = 'Statut, avancement, santé et version sont obligatoires.';
  end if;
  if p_progress < 0 or p_progress > 100 then
    raise exception using errcode = 'PT400', message = 'L''avancement doit être compris entre 0 et 100 %.';
  end if;
  if p_status = 'done' and p_progress <> 100 then
    raise exception using errcode = 'PT400', message = 'Une action réalisée est avancée à 100 %.';
  end if;
  if p_kind is not null and v_comment is null then
    raise exception using errcode = 'PT400', message = 'Un commentaire typé (fait marquant, frein, besoin d''arbitrage) a besoin de son texte.';
  end if;
  if length(v_comment) > 4000 then
    raise exception using errcode = 'PT400', message = 'Le commentaire ne doit pas dépasser 4 000 caractères.';
  end if;
  if not private.can_update_action(p_action_id) then
    raise exception using errcode = 'PT403',
      message = 'Vous ne pouvez mettre à jour que les actions que votre organisation pilote ou auxquelles elle contribue.';
  end if;

  -- The row lock orders concurrent calls: the second one sees the version the first one wrote.
  select * into v_current from public.actions a where a.id = p_action_id for update;
  if v_current.version <> p_expected_version then
    raise exception using errcode = 'PT409',
      message = 'Cette action a été mise à jour entre-temps par quelqu''un d''autre.',
      detail = json_build_object(
        'version', v_current.version, 'status', v_current.status, 'progress', v_current.progress,
        'health', v_current.health, 'last_update_at', v_current.last_update_at
      )::text,
      hint = 'Relisez la nouvelle version puis enregistrez à nouveau votre mise à jour.';
  end if;

  insert into public.action_updates (action_id, charter_id, author_id, status, progress, health, comment, kind)
  values (p_action_id, v_current.charter_id, (select auth.uid()), p_status, p_progress, p_health, v_comment, p_kind);

  return query
    select a.id, a.version, a.status, a.progress, a.health, a.last_update_at
    from public.actions a where a.id = p_action_id;
end;
$$;

-- The API's entry point: runs as the caller; only private.record_action_update holds the owner's rights.
create function public.record_action_update(p_action_id uuid, p_expected_version integer, p_status public.action_status, p_progress integer, p_health public.action_health, p_comment text default null, p_kind public.update_kind default null)
returns table (id uuid, version integer, status public.action_status, progress smallint, health public.action_health, last_update_at timestamptz)
language sql volatile security invoker set search_path = ''
as $$ select * from private.record_action_update(p_action_id, p_expected_version, p_status, p_progress, p_health, p_comment, p_kind) $$;
revoke execute on function public.record_action_update(uuid, integer, public.action_status, integer, public.action_health, text, public.update_kind), private.record_action_update(uuid, integer, public.action_status, integer, public.action_health, text, public.update_kind) from public, anon;
grant execute on function public.record_action_update(uuid, integer, public.action_status, integer, public.action_health, text, public.update_kind), private.record_action_update(uuid, integer, public.action_status, integer, public.action_health, text, public.update_kind) to authenticated;

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

-- The attention rules, in one place: the view below and my_actions() use them.
-- Overdue: the due date has passed and the action is neither done nor abandoned.
create function private.is_overdue(p_due_on date, p_status public.action_status, p_today date) returns boolean
language sql
immutable
set search_path = ''
as $$
  select p_due_on is not null and p_due_on < p_today and p_status not in ('done', 'abandoned')
$$;
-- Stale: open, started, and no news for the charter's stale_after_days (an action not started yet cannot be late
-- with its news).
create function private.is_stale(
  p_status public.action_status, p_starts_on date, p_last_activity_at timestamptz, p_stale_after_days integer, p_today date
) returns boolean
language sql
stable
set search_path = ''
as $$
  select p_status not in ('done', 'abandoned')
    and (p_starts_on is null or p_starts_on <= p_today)
    and p_last_activity_at < now() - make_interval(days => p_stale_after_days)
$$;
grant execute on function private.is_overdue(date, public.action_status, date) to anon, authenticated, service_role;
grant execute on function private.is_stale(public.action_status, date, timestamptz, integer, date)
  to anon, authenticated, service_role;

-- security_invoker: the caller sees the flags of the actions RLS lets them read, nothing more.
create view public.action_attention with (security_invoker = true) as
select
  a.id as action_id,
  a.charter_id,
  coalesce(a.last_update_at, a.created_at) as last_activity_at,
  private.is_overdue(a.due_on, a.status, private.today_in_paris()) as is_overdue,
  private.is_stale(a.status, a.starts_on, coalesce(a.last_update_at, a.created_at), c.stale_after_days, private.today_in_paris()) as is_stale,
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
-- The caller's actions are gathered first (a few hundred for a representative in 20 charters), then read by key:
-- joined to the whole actions table, the planner scanned its 20 000 rows at national scale (bench/README.md).
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_mine uuid[];
  v_relations text[];
  v_today date;
begin
  select coalesce(array_agg(g.action_id order by g.action_id), '{}'), coalesce(array_agg(g.relations order by g.action_id), '{}')
  into v_mine, v_relations
  from (
    select m.action_id, array_to_string(array_agg(m.relation order by m.relation), ',') as relations
    from (
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
    ) m
    group by m.action_id
  ) g;

  -- The flags are action_attention's rules, applied to the rows already read (joining the view read each action
  -- and its charter a second time, through their policies).
  v_today := private.today_in_paris();
  return query
  select
    a.id, a.charter_id, c.slug, c.title, o.id, o.code, o.title, o.position, a.code, a.title,
    a.lead_organization_id, coalesce(lead.short_name, lead.name), a.status, a.progress, a.health, a.starts_on, a.due_on,
    coalesce(a.last_update_at, a.created_at), string_to_array(g.relations, ','),
    private.is_overdue(a.due_on, a.status, v_today),
    private.is_stale(a.status, a.starts_on, coalesce(a.last_update_at, a.created_at), c.stale_after_days, v_today),
    a.status = 'blocked'
  from unnest(v_mine, v_relations) as g (action_id, relations)
  join public.actions a on a.id = g.action_id
  join public.charters c on c.id = a.charter_id
  join public.objectives o on o.id = a.objective_id
  join public.organizations lead on lead.id = a.lead_organization_id
  where a.id = any (v_mine) and a.archived_at is null and o.archived_at is null
  order by c.title, o.position, string_to_array(o.code, '.')::int[], a.position, string_to_array(a.code, '.')::int[];
end;
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
