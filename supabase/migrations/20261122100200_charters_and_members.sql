-- Charters (chartes partenariales, plans d'attractivité), their partner organizations, the people who work
-- in them (profiles, memberships with a role, the communes an elected official covers), invitations, and the
-- people a platform administrator allowed to create charters.

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
  updated_at timestamptz not null default now()
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
