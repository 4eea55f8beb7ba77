-- Charters (chartes partenariales, plans d'attractivité), their partner organizations, the people who work
-- in them (profiles, memberships with a role, the communes an elected official covers), invitations, and the
-- people a platform administrator allowed to create charters; the membership helpers every policy uses, the
-- policies of these tables, the creator of a charter becoming its coordinator and accepting invitations.
--
-- The helpers live in the private schema (PostgREST cannot call them), read the caller's memberships with
-- `security definer` so that a policy never recurses into the policies of charter_members, and return sets that
-- a policy compares with `in (select ...)`, which Postgres evaluates once per statement rather than once per row.
--
-- Errors meant for users carry a PostgREST status (SQLSTATE PT4xx) and a French message.

create table public.charters (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
  title text not null check (length(trim(title)) between 3 and 200),
  short_title text check (length(trim(short_title)) between 2 and 60),
  scope_level public.charter_scope not null,
  territory_code text check (territory_code ~ '^([0-9][0-9AB][0-9]{0,3}|97[1-6]|[0-9]{9})$'),
  territory_label text check (length(territory_label) <= 120),
  signed_on date,
  starts_on date,
  ends_on date,
  status public.charter_status not null default 'draft',
  summary text check (length(summary) <= 5000),
  is_public boolean not null default false,
  -- An action without an update for this many days is flagged as stale (docs/ux.md: 60 by default).
  stale_after_days integer not null default 60 check (stale_after_days between 7 and 365),
  -- Pooled envelope announced by the charter (e.g. 600 000 € over three years), when there is one.
  budget_total numeric(14, 2) check (budget_total >= 0),
  budget_note text check (length(budget_note) <= 1000),
  -- A published charter may open its installation-support form ("Vous souhaitez vous installer ?") on its
  -- public page (20261123400000_installation_support.sql).
  intake_open boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  constraint charters_dates_in_order check (ends_on is null or starts_on is null or ends_on >= starts_on)
);
create index charters_is_public_idx on public.charters (is_public) where is_public;
create index charters_created_by_idx on public.charters (created_by);
create trigger charters_updated_at before update on public.charters
  for each row execute function private.set_updated_at();

create table public.charter_partners (
  charter_id uuid not null references public.charters (id) on delete cascade,
  organization_id uuid not null references public.organizations (id) on delete restrict,
  role public.charter_partner_role not null,
  note text check (length(note) <= 500),
  created_at timestamptz not null default now(),
  primary key (charter_id, organization_id, role)
);
create index charter_partners_organization_id_idx on public.charter_partners (organization_id);

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null check (length(trim(display_name)) between 1 and 120),
  email text not null check (length(email) <= 254),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- The language of the e-mails the person receives (the sender renders them in it); the app sets it when the
  -- person picks English.
  locale text not null default 'fr' check (locale in ('fr', 'en'))
);
create index profiles_email_idx on public.profiles (lower(email));
create trigger profiles_updated_at before update on public.profiles
  for each row execute function private.set_updated_at();

-- Every account gets its profile, whether created by sign-up, invitation or a seed file.
create function private.handle_new_user() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.profiles (id, display_name, email)
  values (
    new.id,
    coalesce(nullif(trim(new.raw_user_meta_data ->> 'display_name'), ''), split_part(coalesce(new.email, ''), '@', 1), 'Utilisateur'),
    coalesce(new.email, '')
  )
  on conflict (id) do nothing;
  return new;
end;
$$;
create trigger on_auth_user_created after insert on auth.users
  for each row execute function private.handle_new_user();

-- The e-mail shown to co-members follows the account's e-mail.
create function private.handle_user_email_change() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.profiles set email = coalesce(new.email, '') where id = new.id and email is distinct from new.email;
  return new;
end;
$$;
create trigger on_auth_user_email_changed after update of email on auth.users
  for each row execute function private.handle_user_email_change();

create table public.charter_members (
  id uuid primary key default gen_random_uuid(),
  charter_id uuid not null references public.charters (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  organization_id uuid references public.organizations (id) on delete restrict,
  role public.member_role not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  unique (charter_id, user_id),
  constraint charter_members_partner_rep_has_organization check (role <> 'partner_rep' or organization_id is not null)
);
create index charter_members_user_id_idx on public.charter_members (user_id, charter_id);
create index charter_members_organization_id_idx on public.charter_members (organization_id);
create index charter_members_created_by_idx on public.charter_members (created_by);
create trigger charter_members_updated_at before update on public.charter_members
  for each row execute function private.set_updated_at();

create table public.official_communes (
  charter_id uuid not null,
  user_id uuid not null,
  commune_code text not null references public.communes (code) on delete restrict,
  created_at timestamptz not null default now(),
  primary key (charter_id, user_id, commune_code),
  foreign key (charter_id, user_id) references public.charter_members (charter_id, user_id) on delete cascade
);
create index official_communes_user_id_idx on public.official_communes (user_id, charter_id);
create index official_communes_commune_code_idx on public.official_communes (commune_code, charter_id);

-- Invitations to join a charter: the person receives an e-mail, signs in, and the pending invitations of
-- their address become memberships (public.accept_invitations).
create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  charter_id uuid not null references public.charters (id) on delete cascade,
  email text not null check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and length(email) <= 254),
  role public.member_role not null,
  organization_id uuid references public.organizations (id) on delete cascade,
  commune_codes text[] not null default '{}',
  status public.invitation_status not null default 'pending',
  invited_by uuid references auth.users (id) on delete set null,
  accepted_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  last_sent_at timestamptz,
  send_count integer not null default 0 check (send_count >= 0),
  accepted_at timestamptz,
  revoked_at timestamptz,
  constraint invitations_partner_rep_has_organization check (role <> 'partner_rep' or organization_id is not null),
  constraint invitations_official_has_communes check (role <> 'elected_official' or cardinality(commune_codes) > 0)
);
create unique index invitations_pending_email_key on public.invitations (charter_id, lower(email)) where status = 'pending';
create index invitations_email_idx on public.invitations (lower(email)) where status = 'pending';
create index invitations_organization_id_idx on public.invitations (organization_id);
create index invitations_invited_by_idx on public.invitations (invited_by);
create index invitations_accepted_by_idx on public.invitations (accepted_by);

-- Creating a charter is a right a platform administrator grants (the ARS, the agency that runs the partnership):
-- rows are written with the service role only (`npm run admin:creators`); a signed-in user reads their own row.
create table public.charter_creators (
  user_id uuid primary key references auth.users (id) on delete cascade,
  note text check (length(note) <= 500),
  granted_at timestamptz not null default now()
);

-- Nobody takes the name of someone they work with: a display name that reads the same (case, accents and
-- punctuation aside) as another member's of a charter the person is in is refused. Lists and the journal show
-- each person with their organization and role as well.
create function private.guard_display_name() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if exists (
    select 1
    from public.charter_members mine
    join public.charter_members other on other.charter_id = mine.charter_id and other.user_id <> new.id
    join public.profiles p on p.id = other.user_id
    where mine.user_id = new.id
      and trim(private.search_text(p.display_name)) = trim(private.search_text(new.display_name))
  ) then
    raise exception using errcode = 'PT409',
      message = 'Une autre personne d''une de vos chartes porte déjà ce nom : ajoutez par exemple votre initiale ou votre fonction.';
  end if;
  return new;
end;
$$;
create trigger profiles_guard_display_name before update of display_name on public.profiles
  for each row when (new.display_name is distinct from old.display_name)
  execute function private.guard_display_name();

-- The foreign key invitations.charter_id, beside the partial indexes of pending invitations.
create index invitations_charter_id_idx on public.invitations (charter_id);

-- ---------------------------------------------------------------------------------------------------
-- Membership helpers for the policies
-- ---------------------------------------------------------------------------------------------------
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
  private.official_commune_pairs(),
  private.coordinates_any_charter(),
  private.can_create_charters()
to anon, authenticated, service_role;

-- The e-mail shown to co-members follows the account only (private.handle_user_email_change), never the caller.
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

-- ---------------------------------------------------------------------------------------------------
-- Row-level security, one policy per operation and role (docs/domain.md). No policy = refused.
-- ---------------------------------------------------------------------------------------------------
alter table public.charters enable row level security;
alter table public.charter_partners enable row level security;
alter table public.profiles enable row level security;
alter table public.charter_members enable row level security;
alter table public.charter_creators enable row level security;
alter table public.official_communes enable row level security;
alter table public.invitations enable row level security;

-- ---------------------------------------------------------------------------------------------- organizations
create policy "coordinators add organizations" on public.organizations
  for insert to authenticated with check ((select private.coordinates_any_charter()) and created_by = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------- charters
create policy "anon reads published charters" on public.charters
  for select to anon using (is_public);
create policy "members read their charters, everyone reads published ones" on public.charters
  for select to authenticated using (is_public or id in (select private.member_charter_ids()));
create policy "granted creators create charters they will coordinate" on public.charters
  for insert to authenticated
  with check (created_by = (select auth.uid()) and (select private.can_create_charters()));
create policy "coordinators update their charters" on public.charters
  for update to authenticated
  using (id in (select private.coordinated_charter_ids()))
  with check (id in (select private.coordinated_charter_ids()));
create policy "coordinators delete their draft charters" on public.charters
  for delete to authenticated using (status = 'draft' and id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------- charter_partners
create policy "members read the partners of their charters" on public.charter_partners
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
create policy "coordinators add partners" on public.charter_partners
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators update partners" on public.charter_partners
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators remove partners" on public.charter_partners
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------- profiles
create policy "users read their own profile and their co-members'" on public.profiles
  for select to authenticated using (id = (select auth.uid()) or id in (select private.co_member_ids()));
create policy "users update their own profile" on public.profiles
  for update to authenticated using (id = (select auth.uid())) with check (id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------- charter_members
-- Nobody changes their own membership (no self-promotion, no self-removal of the last coordinator).
create policy "members read the members of their charters" on public.charter_members
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
-- Membership is by consent: no insert policy. A row is made only when its person accepts an invitation
-- (public.accept_invitations) or creates the charter (private.handle_new_charter). Coordinators change a member's
-- role and organization (column grants: never the person or the charter) and remove members.
create policy "coordinators change members, never themselves" on public.charter_members
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()) and user_id <> (select auth.uid()))
  with check (charter_id in (select private.coordinated_charter_ids()) and user_id <> (select auth.uid()));
create policy "coordinators remove members, never themselves" on public.charter_members
  for delete to authenticated
  using (charter_id in (select private.coordinated_charter_ids()) and user_id <> (select auth.uid()));

-- ---------------------------------------------------------------------------------------------- charter_creators
-- Written by the service role only (no insert, update or delete policy).
create policy "users read whether they may create charters" on public.charter_creators
  for select to authenticated using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------- official_communes
create policy "members read which communes officials cover" on public.official_communes
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
create policy "coordinators assign communes to officials" on public.official_communes
  for insert to authenticated
  with check (
    charter_id in (select private.coordinated_charter_ids()) and user_id <> (select auth.uid())
    and exists (
      select 1 from public.charter_members m
      where m.charter_id = official_communes.charter_id and m.user_id = official_communes.user_id
        and m.role = 'elected_official'
    )
  );
create policy "coordinators change communes of officials" on public.official_communes
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()) and user_id <> (select auth.uid()))
  with check (charter_id in (select private.coordinated_charter_ids()) and user_id <> (select auth.uid()));
create policy "coordinators remove communes of officials" on public.official_communes
  for delete to authenticated
  using (charter_id in (select private.coordinated_charter_ids()) and user_id <> (select auth.uid()));

-- ---------------------------------------------------------------------------------------------- invitations
create policy "coordinators read invitations" on public.invitations
  for select to authenticated using (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators invite" on public.invitations
  for insert to authenticated
  with check (charter_id in (select private.coordinated_charter_ids()) and invited_by = (select auth.uid()));
create policy "coordinators resend or revoke invitations" on public.invitations
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators delete invitations" on public.invitations
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

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
language sql volatile security invoker set search_path = ''
as $$ select * from private.accept_invitations() $$;
revoke execute on function public.accept_invitations(), private.accept_invitations() from public, anon;
grant execute on function public.accept_invitations(), private.accept_invitations() to authenticated;
