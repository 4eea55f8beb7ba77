-- Reference data (communes and EPCI of France, loaded by `npm run communes:load` from
-- @etalab/decoupage-administratif) and the organizations that sign charters and lead actions.
--
-- Organizations are a directory shared by every charter. Their other policies need the tables that use them:
-- adding one (coordinators) is in the charters migration, anon's read (organizations named by a published
-- charter) in the action plan's, and editing one (only when no other charter uses it) in the internships',
-- after the last table that refers to an organization.

create table public.communes (
  code text primary key check (code ~ '^[0-9][0-9AB][0-9]{3}$'),
  name text not null check (length(name) between 1 and 200),
  departement_code text not null check (departement_code ~ '^([0-9]{2}|2A|2B|9[78][0-9])$'),
  region_code text check (region_code ~ '^[0-9]{2,3}$'),
  epci_siren text check (epci_siren ~ '^[0-9]{9}$'),
  population integer check (population >= 0),
  postal_codes text[] not null default '{}',
  search_name text generated always as (private.search_text(name)) stored
);
comment on table public.communes is 'All current French communes (INSEE code), reference data from @etalab/decoupage-administratif.';
create index communes_departement_code_idx on public.communes (departement_code);
create index communes_epci_siren_idx on public.communes (epci_siren);
create index communes_search_name_trgm_idx on public.communes using gin (search_name extensions.gin_trgm_ops);

create table public.epcis (
  siren text primary key check (siren ~ '^[0-9]{9}$'),
  name text not null,
  kind text not null,
  population integer check (population >= 0)
);
comment on table public.epcis is 'French intercommunalities (EPCI à fiscalité propre), reference data.';

create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(trim(name)) between 2 and 200),
  short_name text check (length(trim(short_name)) between 1 and 40),
  kind public.organization_kind not null,
  territory_code text check (territory_code ~ '^([0-9][0-9AB][0-9]{0,3}|97[1-6]|[0-9]{9})$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null
);
comment on column public.organizations.territory_code is 'INSEE code (région, département, commune) or SIREN (EPCI) of the territory the body covers.';
create unique index organizations_name_key on public.organizations (lower(name));
create index organizations_created_by_idx on public.organizations (created_by);
create trigger organizations_updated_at before update on public.organizations
  for each row execute function private.set_updated_at();

alter table public.communes enable row level security;
alter table public.epcis enable row level security;
alter table public.organizations enable row level security;

-- ---------------------------------------------------------------------------------------------- reference
create policy "communes are public reference data" on public.communes
  for select to anon, authenticated using (true);
create policy "epcis are public reference data" on public.epcis
  for select to anon, authenticated using (true);

-- ---------------------------------------------------------------------------------------------- organizations
create policy "signed-in users read the directory of organizations" on public.organizations
  for select to authenticated using (true);
