-- Fixes found by the RLS matrix and the schema lint of issue 3 (tests/db/rls-matrix.test.ts,
-- tests/db/schema-lint.test.ts). Each part says what was wrong.
--
-- 1. Organizations are shared between charters, but any coordinator could rename an organization as soon as it
--    was a partner of one of their charters, and anyone may create a charter: the Normandie coordinator added
--    ARS Nouvelle-Aquitaine as a Normandie partner and renamed it for Haute-Vienne too. A coordinator now edits
--    an organization only when no charter they do not coordinate uses it.
-- 2. A journal entry inserted directly (the access table allows partners to insert into action_updates) was
--    accepted for an archived action, which record_action_update refuses: private.updatable_action_ids() now
--    leaves archived actions out, as private.can_update_action() does.
-- 3. A partner representative could change the note of their organization's funding (and any column added
--    later): the access table lets them update the amounts only. The guard now compares every other column.
-- 4. indicator_values.entered_by and profiles.email could be set by the caller to anything: a partner could
--    enter a value in a coordinator's name, and a user could show co-members someone else's e-mail address.
--    The author of a value is now the caller; the profile e-mail follows the account only.
-- 5. The foreign key invitations.charter_id was covered only by a partial index (pending invitations), so
--    deleting a charter scanned all invitations.
-- 6. The local stack's bootstrap used to grant everything in public to the API roles at every start, giving
--    back what the migrations revoke (fixed in stack/bootstrap.sql); the revokes are repeated here so that a
--    database started with the old bootstrap is repaired too. Idempotent.

-- ---------------------------------------------------------------------------------------------------------- 1
-- Every charter that uses the organization (as partner, lead, contributor, funder, member's or host
-- organization, or in an invitation): the caller may edit it when they coordinate all of them, and at least
-- one of them or created the organization.
create function private.can_edit_organization(p_organization_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  with uses as (
    select cp.charter_id from public.charter_partners cp where cp.organization_id = p_organization_id
    union select a.charter_id from public.actions a where a.lead_organization_id = p_organization_id
    union select ap.charter_id from public.action_partners ap where ap.organization_id = p_organization_id
    union select f.charter_id from public.fundings f where f.organization_id = p_organization_id
    union select m.charter_id from public.charter_members m where m.organization_id = p_organization_id
    union select i.charter_id from public.internships i where i.host_organization_id = p_organization_id
    union select v.charter_id from public.invitations v where v.organization_id = p_organization_id
  ),
  mine as (select private.coordinated_charter_ids() as charter_id)
  select
    (
      exists (select 1 from public.organizations o where o.id = p_organization_id and o.created_by = (select auth.uid()))
      or exists (select 1 from uses u join mine on mine.charter_id = u.charter_id)
    )
    and not exists (select 1 from uses u where u.charter_id not in (select charter_id from mine))
$$;
revoke all on function private.can_edit_organization(uuid) from public;
grant execute on function private.can_edit_organization(uuid) to authenticated, service_role;

drop policy "coordinators update the organizations of their charters" on public.organizations;
create policy "coordinators update organizations that only their charters use" on public.organizations
  for update to authenticated
  using (private.can_edit_organization(id))
  with check (private.can_edit_organization(id));

-- ---------------------------------------------------------------------------------------------------------- 2
create or replace function private.updatable_action_ids() returns setof uuid
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

-- ---------------------------------------------------------------------------------------------------------- 3
create or replace function private.guard_funding_update() returns trigger
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

-- ---------------------------------------------------------------------------------------------------------- 4
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

create function private.guard_profile_email() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (select auth.uid()) is not null and new.email is distinct from old.email then
    raise exception using errcode = 'PT403',
      message = 'L''adresse e-mail se modifie depuis les paramètres de votre compte.';
  end if;
  return new;
end;
$$;
create trigger profiles_guard_email before update on public.profiles
  for each row execute function private.guard_profile_email();

-- ---------------------------------------------------------------------------------------------------------- 5
create index invitations_charter_id_idx on public.invitations (charter_id);

-- ---------------------------------------------------------------------------------------------------------- 6
revoke all on public.notifications from anon, authenticated;
