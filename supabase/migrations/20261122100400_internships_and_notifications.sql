-- Internships (stages of externes and internes) placed in communes, whose elected officials are notified,
-- and the transactional outbox of notifications. Intern names and e-mails are personal data (RGPD): they
-- are erased a configurable time after the internship, keeping the anonymous row for statistics.

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

-- Transactional outbox: rows are written in the same transaction as the event they announce, and a worker
-- sends them. Reached with the service role only.
create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind ~ '^[a-z_]{3,40}$'),
  recipient_email text not null check (length(recipient_email) <= 254),
  recipient_user_id uuid references auth.users (id) on delete set null,
  charter_id uuid references public.charters (id) on delete cascade,
  subject text not null check (length(subject) <= 300),
  body_text text not null,
  body_html text,
  payload jsonb not null default '{}',
  dedupe_key text not null unique check (length(dedupe_key) <= 300),
  status public.notification_status not null default 'pending',
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index notifications_pending_idx on public.notifications (next_attempt_at) where status = 'pending';
create index notifications_recipient_user_idx on public.notifications (recipient_user_id);
create index notifications_charter_idx on public.notifications (charter_id, created_at desc);
