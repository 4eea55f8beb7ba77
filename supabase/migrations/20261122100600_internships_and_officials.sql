-- Internships (stages of externes and internes) placed in communes, whose elected officials are told; the
-- anonymous counts every member reads and the welcome information of officials. Which communes have an official
-- to tell is in 20261123300100_notification_outbox.sql, whose day in Paris it uses. Intern names and e-mails are
-- personal data (RGPD): they are erased a configurable time after the internship (same migration), keeping the
-- anonymous row for statistics.
--
-- Who may edit an organization reads every table that refers to one, so it is here, after the last of them.

create table public.internships (
  id uuid primary key default gen_random_uuid(),
  charter_id uuid not null references public.charters (id) on delete cascade,
  intern_first_name text check (length(trim(intern_first_name)) between 1 and 80),
  intern_last_name text check (length(trim(intern_last_name)) between 1 and 80),
  intern_email text check (intern_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and length(intern_email) <= 254),
  profession public.health_profession not null,
  level public.internship_level not null,
  specialty text check (length(specialty) <= 120),
  faculty text check (length(faculty) <= 160),
  supervisor_name text check (length(supervisor_name) <= 160),
  -- Whom the commune calls about the welcome: the host structure's contact for this placement (a secretariat's
  -- phone or address), not the intern's.
  host_contact text check (length(trim(host_contact)) between 1 and 200),
  host_organization_id uuid not null references public.organizations (id) on delete restrict,
  commune_code text not null references public.communes (code) on delete restrict,
  starts_on date not null,
  ends_on date not null,
  housing public.housing_kind,
  housing_note text check (length(housing_note) <= 300),
  status public.internship_status not null default 'planned',
  erased_at timestamptz,
  version integer not null default 1 check (version >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  updated_by uuid references auth.users (id) on delete set null,
  constraint internships_dates_in_order check (ends_on >= starts_on),
  -- The same rule as the form and the imports (#lib/domain/dates.ts): a plausible day, and at most a year.
  constraint internships_plausible_dates check (
    starts_on >= date '2000-01-01' and ends_on <= date '2100-12-31' and ends_on <= starts_on + interval '12 months'
  ),
  constraint internships_named_unless_erased check (erased_at is not null or intern_first_name is not null),
  constraint internships_erased_has_no_personal_data check (
    erased_at is null or (intern_first_name is null and intern_last_name is null and intern_email is null)
  )
);
create index internships_charter_idx on public.internships (charter_id, starts_on);
create index internships_host_idx on public.internships (host_organization_id, charter_id);
create index internships_commune_idx on public.internships (commune_code, charter_id);
create index internships_retention_idx on public.internships (ends_on) where erased_at is null;
create index internships_created_by_idx on public.internships (created_by);
create index internships_updated_by_idx on public.internships (updated_by);
create trigger internships_version before update on public.internships
  for each row execute function private.bump_version();

-- ---------------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------------
alter table public.internships enable row level security;

-- ---------------------------------------------------------------------------------------------- internships
-- Personal data: coordinators and the host organization's representatives only. Elected officials get the
-- welcome information of their communes through public.official_arrivals(); every member gets anonymous
-- counts through public.internship_counts().
create policy "coordinators and hosts read internships" on public.internships
  for select to authenticated
  using (
    charter_id in (select private.coordinated_charter_ids())
    or (charter_id, host_organization_id) in (select r.charter_id, r.organization_id from private.represented_organizations() r)
  );
create policy "coordinators and hosts add internships" on public.internships
  for insert to authenticated
  with check (
    charter_id in (select private.coordinated_charter_ids())
    or (charter_id, host_organization_id) in (select r.charter_id, r.organization_id from private.represented_organizations() r)
  );
create policy "coordinators and hosts update internships" on public.internships
  for update to authenticated
  using (
    charter_id in (select private.coordinated_charter_ids())
    or (charter_id, host_organization_id) in (select r.charter_id, r.organization_id from private.represented_organizations() r)
  )
  with check (
    charter_id in (select private.coordinated_charter_ids())
    or (charter_id, host_organization_id) in (select r.charter_id, r.organization_id from private.represented_organizations() r)
  );
create policy "coordinators and hosts delete internships" on public.internships
  for delete to authenticated
  using (
    charter_id in (select private.coordinated_charter_ids())
    or (charter_id, host_organization_id) in (select r.charter_id, r.organization_id from private.represented_organizations() r)
  );

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
language sql stable security invoker set search_path = ''
as $$ select * from private.internship_counts(p_charter_id) $$;
revoke execute on function public.internship_counts(uuid), private.internship_counts(uuid) from public, anon;
grant execute on function public.internship_counts(uuid), private.internship_counts(uuid) to authenticated;

-- What an elected official needs to welcome an intern in their commune, and nothing more: the first name, the
-- placement, the host structure with its contact and the supervisor (whom the commune calls about the welcome);
-- no last name, no e-mail of the intern's.
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
  status public.internship_status,
  supervisor_name text,
  host_contact text
)
language sql
stable
security definer
set search_path = ''
as $$
  select i.id, i.charter_id, ch.title, i.intern_first_name, i.profession, i.level, i.specialty, i.starts_on, i.ends_on,
    o.name, i.commune_code, c.name, i.housing, i.status, i.supervisor_name, i.host_contact
  from public.internships i
  join private.official_commune_pairs() p on p.charter_id = i.charter_id and p.commune_code = i.commune_code
  join public.charters ch on ch.id = i.charter_id
  join public.communes c on c.code = i.commune_code
  join public.organizations o on o.id = i.host_organization_id
  order by i.starts_on, c.name
$$;

-- The API's entry point: runs as the caller; only private.official_arrivals holds the owner's rights.
create function public.official_arrivals()
returns table (internship_id uuid, charter_id uuid, charter_title text, intern_first_name text, profession public.health_profession, level public.internship_level, specialty text, starts_on date, ends_on date, host_name text, commune_code text, commune_name text, housing public.housing_kind, status public.internship_status, supervisor_name text, host_contact text)
language sql stable security invoker set search_path = ''
as $$ select * from private.official_arrivals() $$;
revoke execute on function public.official_arrivals(), private.official_arrivals() from public, anon;
grant execute on function public.official_arrivals(), private.official_arrivals() to authenticated;


-- ---------------------------------------------------------------------------------------------------
-- Editing an organization
-- ---------------------------------------------------------------------------------------------------
-- Organizations are shared between charters: a coordinator edits one only when no charter they do not
-- coordinate uses it (so that the coordinator of one charter cannot rename a partner of another).
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

create policy "coordinators update organizations that only their charters use" on public.organizations
  for update to authenticated
  using (private.can_edit_organization(id))
  with check (private.can_edit_organization(id));
