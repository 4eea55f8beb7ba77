-- The behaviour around the tables: the creator of a charter becomes its coordinator; the journal of action
-- updates is append-only and moves the action's current state; recording progress is one atomic call with
-- optimistic concurrency; partner representatives change only the amounts of their fundings; anonymous
-- internship counts and the officials' view of arrivals; accepting invitations.
--
-- Errors meant for users carry a PostgREST status (SQLSTATE PT4xx) and a French message.

-- ---------------------------------------------------------------------------------------------------
-- Charter creation
-- ---------------------------------------------------------------------------------------------------
create function private.handle_new_charter() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.created_by is not null then
    insert into public.charter_members (charter_id, user_id, role, created_by)
    values (new.id, new.created_by, 'coordinator', new.created_by)
    on conflict (charter_id, user_id) do nothing;
  end if;
  return new;
end;
$$;
create trigger charters_creator_coordinates after insert on public.charters
  for each row execute function private.handle_new_charter();

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

-- The action's current state is its latest update.
create function private.apply_action_update() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.actions
  set status = new.status, progress = new.progress, health = new.health, last_update_at = new.created_at,
      updated_by = new.author_id
  where id = new.action_id;
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
  p_comment text default null
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

  insert into public.action_updates (action_id, charter_id, author_id, status, progress, health, comment)
  values (p_action_id, v_current.charter_id, (select auth.uid()), p_status, p_progress, p_health, v_comment);

  return query
    select a.id, a.version, a.status, a.progress, a.health, a.last_update_at
    from public.actions a where a.id = p_action_id;
end;
$$;

-- The API's entry point: runs as the caller; only private.record_action_update holds the owner's rights.
create function public.record_action_update(p_action_id uuid, p_expected_version integer, p_status public.action_status, p_progress integer, p_health public.action_health, p_comment text default null)
returns table (id uuid, version integer, status public.action_status, progress smallint, health public.action_health, last_update_at timestamptz)
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.record_action_update(p_action_id, p_expected_version, p_status, p_progress, p_health, p_comment)
$$;
revoke execute on function public.record_action_update(uuid, integer, public.action_status, integer, public.action_health, text) from public, anon;
grant execute on function public.record_action_update(uuid, integer, public.action_status, integer, public.action_health, text) to authenticated;
revoke execute on function private.record_action_update(uuid, integer, public.action_status, integer, public.action_health, text) from public, anon;
grant execute on function private.record_action_update(uuid, integer, public.action_status, integer, public.action_health, text) to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- Fundings: partner representatives change amounts only
-- ---------------------------------------------------------------------------------------------------
create function private.guard_funding_update() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_by := coalesce((select auth.uid()), new.updated_by);
  if (select auth.uid()) is not null
     and not (old.charter_id in (select private.coordinated_charter_ids()))
     and (new.charter_id, new.action_id, new.organization_id, new.source, new.year)
         is distinct from (old.charter_id, old.action_id, old.organization_id, old.source, old.year) then
    raise exception using errcode = 'PT403',
      message = 'Un partenaire ne modifie que les montants des financements de son organisation.';
  end if;
  return new;
end;
$$;
create trigger fundings_guard before update on public.fundings
  for each row execute function private.guard_funding_update();

-- ---------------------------------------------------------------------------------------------------
-- Internships: anonymous counts for every member, welcome information for officials
-- ---------------------------------------------------------------------------------------------------
create function private.internship_counts(p_charter_id uuid)
returns table (
  commune_code text,
  commune_name text,
  month date,
  profession public.health_profession,
  placements bigint
)
language sql
stable
security definer
set search_path = ''
as $$
  -- Placements that happen (not cancelled) per commune, month of arrival and profession. Only coordinators
  -- read the rows; for everyone else a count under 3 would point to a person, so it is withheld (null, shown
  -- "< 3").
  with cells as (
    select i.commune_code, c.name, date_trunc('month', i.starts_on)::date as month, i.profession, count(*) as n
    from public.internships i
    join public.communes c on c.code = i.commune_code
    where i.charter_id = p_charter_id
      and i.status <> 'cancelled'
      and p_charter_id in (select private.member_charter_ids())
    group by 1, 2, 3, 4
  )
  select cells.commune_code, cells.name, cells.month, cells.profession,
    case when cells.n >= 3 or p_charter_id in (select private.coordinated_charter_ids()) then cells.n end
  from cells
  order by cells.month, cells.name, cells.profession
$$;

-- The API's entry point: runs as the caller; only private.internship_counts holds the owner's rights.
create function public.internship_counts(p_charter_id uuid)
returns table (commune_code text, commune_name text, month date, profession public.health_profession, placements bigint)
language sql
stable
security invoker
set search_path = ''
as $$
  select * from private.internship_counts(p_charter_id)
$$;
revoke execute on function public.internship_counts(uuid) from public, anon;
grant execute on function public.internship_counts(uuid) to authenticated;
revoke execute on function private.internship_counts(uuid) from public, anon;
grant execute on function private.internship_counts(uuid) to authenticated;

-- What an elected official needs to welcome an intern in their commune, and nothing more: no last name,
-- no e-mail, no supervisor.
create function private.official_arrivals()
returns table (
  internship_id uuid,
  charter_id uuid,
  charter_title text,
  intern_first_name text,
  profession public.health_profession,
  level public.internship_level,
  specialty text,
  starts_on date,
  ends_on date,
  host_name text,
  commune_code text,
  commune_name text,
  housing public.housing_kind,
  status public.internship_status
)
language sql
stable
security definer
set search_path = ''
as $$
  select i.id, i.charter_id, ch.title, i.intern_first_name, i.profession, i.level, i.specialty, i.starts_on, i.ends_on,
    o.name, i.commune_code, c.name, i.housing, i.status
  from public.internships i
  join private.official_commune_pairs() p on p.charter_id = i.charter_id and p.commune_code = i.commune_code
  join public.charters ch on ch.id = i.charter_id
  join public.communes c on c.code = i.commune_code
  join public.organizations o on o.id = i.host_organization_id
  order by i.starts_on, c.name
$$;

-- The API's entry point: runs as the caller; only private.official_arrivals holds the owner's rights.
create function public.official_arrivals()
returns table (internship_id uuid, charter_id uuid, charter_title text, intern_first_name text, profession public.health_profession, level public.internship_level, specialty text, starts_on date, ends_on date, host_name text, commune_code text, commune_name text, housing public.housing_kind, status public.internship_status)
language sql
stable
security invoker
set search_path = ''
as $$
  select * from private.official_arrivals()
$$;
revoke execute on function public.official_arrivals() from public, anon;
grant execute on function public.official_arrivals() to authenticated;
revoke execute on function private.official_arrivals() from public, anon;
grant execute on function private.official_arrivals() to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- Invitations: the pending invitations of the caller's confirmed e-mail address become memberships. This is the
-- only way a charter_members row is made for someone else than a charter's creator (membership is by consent).
-- ---------------------------------------------------------------------------------------------------
create function private.accept_invitations()
returns table (charter_id uuid, role public.member_role)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_uid uuid := (select auth.uid());
  v_email text;
  v_invitation public.invitations%rowtype;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'Connectez-vous pour accepter une invitation.';
  end if;
  -- Consent needs proof that the address is the caller's: a link or a code sent to it was used. An account made
  -- with a password alone (an open sign-up) never claims the invitations of an address it cannot read.
  select lower(u.email) into v_email from auth.users u where u.id = v_uid and u.email_confirmed_at is not null;
  if v_email is null then
    raise exception using errcode = 'PT403',
      message = 'Confirmez d''abord votre adresse e-mail avec le lien ou le code qui vous a été envoyé.';
  end if;
  for v_invitation in
    select * from public.invitations i where lower(i.email) = v_email and i.status = 'pending' for update
  loop
    insert into public.charter_members (charter_id, user_id, organization_id, role, created_by)
    values (v_invitation.charter_id, v_uid, v_invitation.organization_id, v_invitation.role, v_invitation.invited_by)
    on conflict (charter_id, user_id) do update
      set role = excluded.role, organization_id = excluded.organization_id;
    insert into public.official_communes (charter_id, user_id, commune_code)
    select v_invitation.charter_id, v_uid, code from unnest(v_invitation.commune_codes) as code
    on conflict do nothing;
    update public.invitations
    set status = 'accepted', accepted_at = now(), accepted_by = v_uid
    where id = v_invitation.id;
    charter_id := v_invitation.charter_id;
    role := v_invitation.role;
    return next;
  end loop;
end;
$$;

-- The API's entry point: runs as the caller; only private.accept_invitations holds the owner's rights.
create function public.accept_invitations()
returns table (charter_id uuid, role public.member_role)
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.accept_invitations()
$$;
revoke execute on function public.accept_invitations() from public, anon;
grant execute on function public.accept_invitations() to authenticated;
revoke execute on function private.accept_invitations() from public, anon;
grant execute on function private.accept_invitations() to authenticated;
