-- Helper functions for the row-level security policies. They live in the private schema (PostgREST cannot
-- call them), read the caller's memberships with `security definer` so that a policy never recurses into
-- the policies of charter_members, and return sets that a policy compares with `in (select ...)`, which
-- Postgres evaluates once per statement rather than once per row.

-- Archived actions and objectives keep their history but leave the plan.
alter table public.objectives add column archived_at timestamptz;
alter table public.actions add column archived_at timestamptz;

create function private.member_charter_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select m.charter_id from public.charter_members m where m.user_id = (select auth.uid())
$$;

create function private.coordinated_charter_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select m.charter_id from public.charter_members m
  where m.user_id = (select auth.uid()) and m.role = 'coordinator'
$$;

create function private.public_charter_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select c.id from public.charters c where c.is_public
$$;

-- (charter, organization) pairs the caller represents as a partner representative.
create function private.represented_organizations() returns table (charter_id uuid, organization_id uuid)
language sql stable security definer
set search_path = ''
as $$
  select m.charter_id, m.organization_id from public.charter_members m
  where m.user_id = (select auth.uid()) and m.role = 'partner_rep' and m.organization_id is not null
$$;

-- People who share at least one charter with the caller (their names and roles are visible to each other).
create function private.co_member_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select distinct other.user_id
  from public.charter_members mine
  join public.charter_members other on other.charter_id = mine.charter_id
  where mine.user_id = (select auth.uid())
$$;

-- Actions the caller may record progress on: every action of a charter they coordinate, and the actions
-- their organization leads or contributes to (or funds) in a charter where they represent it.
create function private.updatable_action_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select a.id from public.actions a
  where a.charter_id in (select private.coordinated_charter_ids())
  union
  select a.id from public.actions a
  join private.represented_organizations() r on r.charter_id = a.charter_id and r.organization_id = a.lead_organization_id
  union
  select ap.action_id from public.action_partners ap
  join private.represented_organizations() r on r.charter_id = ap.charter_id and r.organization_id = ap.organization_id
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

-- (charter, commune) pairs an elected official covers.
create function private.official_commune_pairs() returns table (charter_id uuid, commune_code text)
language sql stable security definer
set search_path = ''
as $$
  select oc.charter_id, oc.commune_code from public.official_communes oc
  where oc.user_id = (select auth.uid())
$$;

create function private.coordinates_any_charter() returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (select 1 from private.coordinated_charter_ids())
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

-- Whether a platform administrator granted the caller the right to create charters.
create function private.can_create_charters() returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (select 1 from public.charter_creators cc where cc.user_id = (select auth.uid()))
$$;

revoke all on all functions in schema private from public;
grant execute on function
  private.member_charter_ids(),
  private.coordinated_charter_ids(),
  private.public_charter_ids(),
  private.represented_organizations(),
  private.co_member_ids(),
  private.updatable_action_ids(),
  private.can_update_action(uuid),
  private.writable_indicator_ids(),
  private.official_commune_pairs(),
  private.coordinates_any_charter(),
  private.public_organization_ids(),
  private.can_create_charters(),
  private.search_text(text)
to anon, authenticated, service_role;
