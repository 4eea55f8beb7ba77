-- The action plan of a charter: numbered objectives, their actions (lead partner, contributors, funders,
-- communes), the append-only journal of action updates, indicators with dated values, and fundings.
-- Child rows carry charter_id so that policies can decide without joins; composite foreign keys keep that
-- copy consistent with the parent.

create table public.objectives (
  id uuid primary key default gen_random_uuid(),
  charter_id uuid not null references public.charters (id) on delete cascade,
  code text not null check (code ~ '^[0-9]{1,3}(\.[0-9]{1,3}){0,3}$'),
  title text not null check (length(trim(title)) between 2 and 300),
  description text check (length(description) <= 5000),
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
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
  previous_status public.action_status,
  previous_progress smallint check (previous_progress between 0 and 100),
  previous_health public.action_health,
  action_version integer,
  created_at timestamptz not null default now(),
  foreign key (action_id, charter_id) references public.actions (id, charter_id) on delete cascade,
  constraint action_updates_done_is_complete check (status <> 'done' or progress = 100)
);
create index action_updates_action_idx on public.action_updates (action_id, created_at desc);
create index action_updates_action_charter_idx on public.action_updates (action_id, charter_id);
create index action_updates_charter_idx on public.action_updates (charter_id, created_at desc);
create index action_updates_author_idx on public.action_updates (author_id);
create index action_updates_organization_idx on public.action_updates (organization_id);

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
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, charter_id),
  foreign key (objective_id, charter_id) references public.objectives (id, charter_id) on delete cascade,
  foreign key (action_id, charter_id) references public.actions (id, charter_id) on delete cascade
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
