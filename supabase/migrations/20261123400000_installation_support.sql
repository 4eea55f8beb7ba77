-- Installation support: the single entry door of a charter (the Vaucluse "porte d'entrée"). A health
-- professional's project (support_requests, with the communes they consider) is recorded by a coordinator or
-- sent through the charter's public form, routed need by need to partner organizations (referrals), and
-- followed in an append-only journal (support_request_events) until it ends installed, abandoned or on hold.
--
-- Who sees what (docs/domain.md, "Installation support"):
-- - coordinators read and write everything of their charter's requests, route them, erase and export a
--   person's data;
-- - a partner representative reads, through public.referred_requests(), only the requests referred to their
--   organization, and of those only what the referred need requires (the contact details once the referral is
--   accepted, the professional project only for the professional needs); they answer their referrals and add
--   to the journal;
-- - steering members and elected officials get counts only (the pipeline, in
--   20261123400200_installation_pipeline.sql), with cells under 3 withheld;
-- - anon reaches nothing: the public form posts to the app's server, which rate-limits it and calls
--   public.submit_support_request() with the service role.
--
-- Personal data (RGPD): the requester's names, e-mail, phone and project, and the journal's texts, are erased a
-- configurable time after the request is closed (24 months by default), or on request; the anonymous row stays
-- for the statistics. Aid grants keep their beneficiary's name while the commitment can still be enforced
-- (20261123400100_aids_and_events.sql).
--
-- Errors meant for users carry a PostgREST status (SQLSTATE PT4xx) and a French message.

create type public.support_channel as enum ('public_form', 'phone', 'email', 'event', 'partner');
create type public.support_status as enum ('new', 'in_progress', 'on_hold', 'installed', 'abandoned');
create type public.support_need as enum (
  'logement', 'emploi_conjoint', 'garde_enfants', 'scolarite', 'locaux', 'aides_financieres', 'stage_msu',
  'remplacement', 'information'
);
create type public.career_stage as enum ('etudiant', 'interne', 'docteur_junior', 'remplacant', 'en_exercice', 'autre');
create type public.practice_mode as enum ('liberal', 'salarie', 'mixte');
create type public.referral_status as enum ('sent', 'accepted', 'done', 'declined');
create type public.support_event_kind as enum ('note', 'routed', 'answer', 'status', 'contact');

-- ---------------------------------------------------------------------------------------------------
-- Requests
-- ---------------------------------------------------------------------------------------------------
create function private.needs_are_distinct(p_needs public.support_need[]) returns boolean
language sql immutable
set search_path = ''
as $$
  select cardinality(p_needs) = (select count(distinct n) from unnest(p_needs) n)
$$;

create table public.support_requests (
  id uuid primary key default gen_random_uuid(),
  charter_id uuid not null references public.charters (id) on delete cascade,
  -- Year of the request and its number in that year for the charter (2027-0042): set by the database.
  reference text not null default '0000-0000' check (reference ~ '^[0-9]{4}-[0-9]{4,6}$'),
  requester_first_name text check (length(trim(requester_first_name)) between 1 and 80),
  requester_last_name text check (length(trim(requester_last_name)) between 1 and 80),
  requester_email text check (requester_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and length(requester_email) <= 254),
  requester_phone text check (requester_phone ~ '^\+?[0-9 .()-]{6,25}$'),
  -- The language of the acknowledgement and of any e-mail to the requester.
  requester_locale text not null default 'fr' check (requester_locale in ('fr', 'en')),
  profession public.health_profession not null,
  stage public.career_stage not null,
  specialty text check (length(specialty) <= 120),
  project text check (length(project) <= 4000),
  needs public.support_need[] not null default '{}',
  channel public.support_channel not null,
  -- The event edition where the person showed interest (channel 'event'); its foreign key is added with
  -- action_occurrences (20261123400100_aids_and_events.sql).
  occurrence_id uuid,
  status public.support_status not null default 'new',
  -- The coordinator who follows the request.
  owner_id uuid references auth.users (id) on delete set null,
  consent_at timestamptz,
  wished_on date check (wished_on between date '2000-01-01' and date '2100-12-31'),
  installed_on date check (installed_on between date '2000-01-01' and date '2100-12-31'),
  installed_commune_code text references public.communes (code) on delete restrict,
  installed_mode public.practice_mode,
  outcome_note text check (length(outcome_note) <= 1000),
  closed_at timestamptz,
  erased_at timestamptz,
  version integer not null default 1 check (version >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  updated_by uuid references auth.users (id) on delete set null,
  unique (id, charter_id),
  unique (charter_id, reference),
  -- What the form states, the database holds too: a need is named once, a public request has consent, an
  -- installed one says when, where and how, an abandoned one why, and a closed one since when.
  constraint support_requests_needs_distinct check (private.needs_are_distinct(needs)),
  constraint support_requests_public_form_consent check (channel <> 'public_form' or consent_at is not null),
  constraint support_requests_installed_complete check (
    status <> 'installed' or (installed_on is not null and installed_commune_code is not null and installed_mode is not null)
  ),
  constraint support_requests_abandoned_has_reason check (status <> 'abandoned' or outcome_note is not null or erased_at is not null),
  constraint support_requests_closed_when_ended check ((closed_at is not null) = (status in ('installed', 'abandoned'))),
  constraint support_requests_reachable_unless_erased check (
    erased_at is not null or (requester_first_name is not null and (requester_email is not null or requester_phone is not null))
  ),
  constraint support_requests_erased_has_no_personal_data check (
    erased_at is null or (
      requester_first_name is null and requester_last_name is null and requester_email is null
      and requester_phone is null and project is null and outcome_note is null
    )
  )
);
create index support_requests_charter_idx on public.support_requests (charter_id, created_at desc);
create index support_requests_charter_status_idx on public.support_requests (charter_id, status);
create index support_requests_owner_idx on public.support_requests (owner_id);
create index support_requests_created_by_idx on public.support_requests (created_by);
create index support_requests_updated_by_idx on public.support_requests (updated_by);
create index support_requests_occurrence_idx on public.support_requests (occurrence_id, charter_id);
create index support_requests_installed_commune_idx on public.support_requests (installed_commune_code);
create index support_requests_retention_idx on public.support_requests (closed_at) where erased_at is null;
create trigger support_requests_updated_at before update on public.support_requests
  for each row execute function private.set_updated_at();
create trigger support_requests_version before update on public.support_requests
  for each row execute function private.bump_version();

-- The yearly numbering of each charter's requests (not exposed).
create table private.support_request_numbers (
  charter_id uuid not null references public.charters (id) on delete cascade,
  year integer not null,
  last_number integer not null,
  primary key (charter_id, year)
);

-- The database writes what a client must not choose: the reference, the author, the day it came in; it keeps
-- what must not change (charter, reference, consent, channel) and never fills an erased row again.
create function private.prepare_support_request() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_year integer;
  v_number integer;
begin
  if tg_op = 'INSERT' then
    new.created_at := now();
    new.created_by := (select auth.uid());
    new.erased_at := null;
    v_year := extract(year from (now() at time zone 'Europe/Paris'))::integer;
    insert into private.support_request_numbers as n (charter_id, year, last_number)
    values (new.charter_id, v_year, 1)
    on conflict (charter_id, year) do update set last_number = n.last_number + 1
    returning last_number into v_number;
    new.reference := v_year::text || '-' || lpad(v_number::text, 4, '0');
  else
    -- The author stays (a deleted account sets it to null through its foreign key, one trigger level deeper).
    if pg_trigger_depth() = 1 then
      new.created_by := old.created_by;
    end if;
    if new.charter_id <> old.charter_id or new.reference <> old.reference or new.created_at <> old.created_at
      or new.channel <> old.channel or new.consent_at is distinct from old.consent_at then
      raise exception using errcode = 'PT400',
        message = 'La charte, la référence, le canal, le consentement et la date d''arrivée d''une demande ne changent pas.';
    end if;
    if old.erased_at is not null and (new.erased_at is null or new.requester_first_name is not null
      or new.requester_last_name is not null or new.requester_email is not null or new.requester_phone is not null
      or new.project is not null or new.outcome_note is not null) then
      raise exception using errcode = 'PT409', message = 'Les données de cette personne ont été effacées : elles ne peuvent pas être saisies à nouveau.';
    end if;
  end if;
  -- Closing stamps the day; reopening clears it, and the outcome of an installation goes with it.
  if new.status in ('installed', 'abandoned') then
    if tg_op = 'INSERT' or old.status not in ('installed', 'abandoned') or new.closed_at is null then
      new.closed_at := coalesce(new.closed_at, now());
    end if;
  else
    new.closed_at := null;
  end if;
  if new.status <> 'installed' then
    new.installed_on := null;
    new.installed_commune_code := null;
    new.installed_mode := null;
  end if;
  return new;
end;
$$;
create trigger support_requests_prepare before insert or update on public.support_requests
  for each row execute function private.prepare_support_request();

create table public.support_request_communes (
  request_id uuid not null,
  charter_id uuid not null,
  commune_code text not null references public.communes (code) on delete restrict,
  primary key (request_id, commune_code),
  foreign key (request_id, charter_id) references public.support_requests (id, charter_id) on delete cascade
);
create index support_request_communes_request_charter_idx on public.support_request_communes (request_id, charter_id);
create index support_request_communes_charter_idx on public.support_request_communes (charter_id, commune_code);
create index support_request_communes_commune_idx on public.support_request_communes (commune_code);

-- ---------------------------------------------------------------------------------------------------
-- Referrals: a need of the request routed to a partner organization
-- ---------------------------------------------------------------------------------------------------
create table public.referrals (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null,
  charter_id uuid not null,
  organization_id uuid not null references public.organizations (id) on delete restrict,
  need public.support_need not null,
  status public.referral_status not null default 'sent',
  due_on date check (due_on between date '2000-01-01' and date '2100-12-31'),
  -- What the coordinator tells the partner (what the professional needs from them).
  note text check (length(note) <= 2000),
  routed_by uuid references auth.users (id) on delete set null,
  routed_at timestamptz not null default now(),
  answered_at timestamptz,
  unique (request_id, organization_id, need),
  foreign key (request_id, charter_id) references public.support_requests (id, charter_id) on delete cascade
);
create index referrals_request_charter_idx on public.referrals (request_id, charter_id);
create index referrals_charter_idx on public.referrals (charter_id, status);
create index referrals_organization_idx on public.referrals (organization_id, charter_id, status);
create index referrals_routed_by_idx on public.referrals (routed_by);
create index referrals_open_due_idx on public.referrals (due_on) where status in ('sent', 'accepted');

-- A coordinator routes and may change everything but the request; a partner only answers (status), and the
-- database stamps who routed it and when it was answered.
create function private.prepare_referral() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    new.routed_by := (select auth.uid());
    new.routed_at := now();
    new.answered_at := case when new.status = 'sent' then null else now() end;
    if exists (select 1 from public.support_requests r where r.id = new.request_id and r.erased_at is not null) then
      raise exception using errcode = 'PT409', message = 'Les données de cette demande ont été effacées : elle ne peut plus être orientée.';
    end if;
    return new;
  end if;
  -- Erasure blanks the note; a deleted account sets routed_by to null.
  if current_setting('app.erasing', true) = 'on' or pg_trigger_depth() > 1 then
    return new;
  end if;
  if new.request_id <> old.request_id or new.charter_id <> old.charter_id or new.routed_at <> old.routed_at
    or new.routed_by is distinct from old.routed_by then
    raise exception using errcode = 'PT400', message = 'Une orientation ne change pas de demande.';
  end if;
  -- (Server jobs and maintenance, without a user, are not a partner.)
  if (select auth.uid()) is not null and not new.charter_id in (select private.coordinated_charter_ids())
    and (new.organization_id <> old.organization_id or new.need <> old.need or new.due_on is distinct from old.due_on
      or new.note is distinct from old.note) then
    raise exception using errcode = 'PT403', message = 'Seule la coordination modifie une orientation ; vous pouvez y répondre.';
  end if;
  if new.status is distinct from old.status then
    new.answered_at := case when new.status = 'sent' then null else now() end;
  else
    new.answered_at := old.answered_at;
  end if;
  return new;
end;
$$;
create trigger referrals_prepare before insert or update on public.referrals
  for each row execute function private.prepare_referral();

-- ---------------------------------------------------------------------------------------------------
-- The request's journal: append-only
-- ---------------------------------------------------------------------------------------------------
create table public.support_request_events (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null,
  charter_id uuid not null,
  author_id uuid references auth.users (id) on delete set null,
  -- The partner the entry concerns: the one it was written by or routed to; null for the coordination's own
  -- notes, which partners do not read.
  organization_id uuid references public.organizations (id) on delete restrict,
  kind public.support_event_kind not null default 'note',
  body text check (length(trim(body)) between 1 and 4000),
  created_at timestamptz not null default now(),
  foreign key (request_id, charter_id) references public.support_requests (id, charter_id) on delete cascade
);
create index support_request_events_request_idx on public.support_request_events (request_id, charter_id, created_at);
create index support_request_events_charter_idx on public.support_request_events (charter_id);
create index support_request_events_author_idx on public.support_request_events (author_id);
create index support_request_events_organization_idx on public.support_request_events (organization_id);

-- The author and the time are the server's word: an entry is never backdated nor signed for someone else.
create function private.stamp_support_event() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.created_at := now();
  if (select auth.uid()) is not null or (select auth.role()) is distinct from 'service_role' then
    new.author_id := (select auth.uid());
  end if;
  if new.body is null and new.kind in ('note', 'answer') then
    raise exception using errcode = 'PT400', message = 'Écrivez le texte de la note.';
  end if;
  return new;
end;
$$;
create trigger support_request_events_stamp before insert on public.support_request_events
  for each row execute function private.stamp_support_event();

-- Nobody edits or deletes the journal; erasure (RGPD) alone blanks its texts (private.erase_support_requests).
create function private.forbid_support_event_changes() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' and pg_trigger_depth() > 1 then
    return old;
  end if;
  if tg_op = 'UPDATE' and current_setting('app.erasing', true) = 'on' and new.body is null
    and (to_jsonb(new) - 'body') = (to_jsonb(old) - 'body') then
    return new;
  end if;
  raise exception using errcode = 'PT403', message = 'Le suivi d''une demande ne peut être ni modifié ni supprimé.';
end;
$$;
create trigger support_request_events_append_only before update or delete on public.support_request_events
  for each row execute function private.forbid_support_event_changes();

-- ---------------------------------------------------------------------------------------------------
-- Helpers for the policies
-- ---------------------------------------------------------------------------------------------------
-- Requests referred to an organization the caller represents in the request's charter, with that organization.
create function private.referred_request_pairs() returns table (request_id uuid, organization_id uuid)
language sql stable security definer
set search_path = ''
as $$
  select distinct rf.request_id, rf.organization_id
  from public.referrals rf
  join private.represented_organizations() r on r.charter_id = rf.charter_id and r.organization_id = rf.organization_id
$$;
revoke all on function private.referred_request_pairs() from public;
grant execute on function private.referred_request_pairs() to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------------
alter table public.support_requests enable row level security;
alter table public.support_request_communes enable row level security;
alter table public.referrals enable row level security;
alter table public.support_request_events enable row level security;

-- ---------------------------------------------------------------------------------------- support_requests
-- The whole row is the coordination's; partners read their part through public.referred_requests().
create policy "coordinators read requests" on public.support_requests
  for select to authenticated using (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators record requests" on public.support_requests
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators update requests" on public.support_requests
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
-- A mistaken or unwanted entry (spam through the public form) goes; a real request is erased instead.
create policy "coordinators delete requests" on public.support_requests
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- -------------------------------------------------------------------------------- support_request_communes
create policy "coordinators read request communes" on public.support_request_communes
  for select to authenticated using (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators add request communes" on public.support_request_communes
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators remove request communes" on public.support_request_communes
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- --------------------------------------------------------------------------------------------- referrals
create policy "coordinators and the partner read referrals" on public.referrals
  for select to authenticated
  using (
    charter_id in (select private.coordinated_charter_ids())
    or (charter_id, organization_id) in (select r.charter_id, r.organization_id from private.represented_organizations() r)
  );
create policy "coordinators route requests" on public.referrals
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
-- The partner answers (the trigger keeps the rest of the row theirs to read only).
create policy "coordinators and the partner update referrals" on public.referrals
  for update to authenticated
  using (
    charter_id in (select private.coordinated_charter_ids())
    or (charter_id, organization_id) in (select r.charter_id, r.organization_id from private.represented_organizations() r)
  )
  with check (
    charter_id in (select private.coordinated_charter_ids())
    or (charter_id, organization_id) in (select r.charter_id, r.organization_id from private.represented_organizations() r)
  );
create policy "coordinators withdraw referrals" on public.referrals
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ------------------------------------------------------------------------------ support_request_events
-- A partner reads the entries about their own organization on the requests referred to it: its answers and
-- notes, and what the coordination routed to it.
create policy "coordinators and the partner read the follow-up" on public.support_request_events
  for select to authenticated
  using (
    charter_id in (select private.coordinated_charter_ids())
    or (request_id, organization_id) in (select p.request_id, p.organization_id from private.referred_request_pairs() p)
  );
create policy "coordinators and the partner add to the follow-up" on public.support_request_events
  for insert to authenticated
  with check (
    charter_id in (select private.coordinated_charter_ids())
    or (
      kind in ('note', 'answer', 'contact')
      and (request_id, organization_id) in (select p.request_id, p.organization_id from private.referred_request_pairs() p)
    )
  );

-- ---------------------------------------------------------------------------------------------------
-- What a partner reads of the requests referred to it
-- ---------------------------------------------------------------------------------------------------
-- Whether a need is about the professional's practice (premises, an MSU placement, locum work, aids,
-- information): then the partner reads the project; the family needs (housing, a spouse's job, childcare,
-- school) get the coordinator's note only.
create function private.need_reads_project(p_need public.support_need) returns boolean
language sql immutable
set search_path = ''
as $$
  select p_need in ('locaux', 'aides_financieres', 'stage_msu', 'remplacement', 'information')
$$;

-- One row per referral to an organization the caller represents. The contact details appear once the partner
-- accepted the referral (and until it is declined); the project for the needs that require it. p_limit and
-- p_offset give one page (the partner's list shows 50): limited outside, a function's rows are all computed
-- (the communes of each, 900 for a partner in 20 charters) before any is dropped.
create function private.referred_requests(
  p_charter_id uuid default null, p_limit integer default null, p_offset integer default 0
)
returns table (
  referral_id uuid,
  request_id uuid,
  charter_id uuid,
  reference text,
  organization_id uuid,
  organization_name text,
  need public.support_need,
  referral_status public.referral_status,
  due_on date,
  note text,
  routed_at timestamptz,
  answered_at timestamptz,
  requester_first_name text,
  requester_last_name text,
  requester_email text,
  requester_phone text,
  profession public.health_profession,
  stage public.career_stage,
  specialty text,
  project text,
  commune_names text[],
  request_status public.support_status,
  received_at timestamptz,
  erased boolean
)
language sql
stable
security definer
set search_path = ''
as $$
  select rf.id, r.id, r.charter_id, r.reference, rf.organization_id, o.name, rf.need, rf.status, rf.due_on, rf.note,
    rf.routed_at, rf.answered_at,
    r.requester_first_name,
    case when rf.status in ('accepted', 'done') then r.requester_last_name end,
    case when rf.status in ('accepted', 'done') then r.requester_email end,
    case when rf.status in ('accepted', 'done') then r.requester_phone end,
    r.profession, r.stage, r.specialty,
    case when private.need_reads_project(rf.need) then r.project end,
    coalesce((
      select array_agg(c.name order by c.name) from public.support_request_communes sc
      join public.communes c on c.code = sc.commune_code
      where sc.request_id = r.id
    ), '{}'),
    r.status, r.created_at, r.erased_at is not null
  from public.referrals rf
  join private.represented_organizations() m on m.charter_id = rf.charter_id and m.organization_id = rf.organization_id
  join public.support_requests r on r.id = rf.request_id
  join public.organizations o on o.id = rf.organization_id
  where p_charter_id is null or rf.charter_id = p_charter_id
  order by (rf.status in ('sent', 'accepted')) desc, rf.due_on nulls last, rf.routed_at desc, rf.id
  limit p_limit offset greatest(coalesce(p_offset, 0), 0)
$$;

-- How many referrals the caller's organizations have, and how many of them are overdue (open past their due
-- date, on a request still followed): the counts of the partner's list and of Mes actions, without its rows.
create function private.referred_counts(p_today date default null)
returns table (total bigint, overdue bigint)
language sql
stable
security definer
set search_path = ''
as $$
  select count(*),
    count(*) filter (where rf.status in ('sent', 'accepted') and r.status not in ('installed', 'abandoned')
      and rf.due_on < coalesce(p_today, private.today_paris()))
  from public.referrals rf
  join private.represented_organizations() m on m.charter_id = rf.charter_id and m.organization_id = rf.organization_id
  join public.support_requests r on r.id = rf.request_id
$$;

-- The API's entry point: runs as the caller; only private.referred_requests holds the owner's rights.
create function public.referred_requests(
  p_charter_id uuid default null, p_limit integer default null, p_offset integer default 0
)
returns table (
  referral_id uuid, request_id uuid, charter_id uuid, reference text, organization_id uuid, organization_name text,
  need public.support_need, referral_status public.referral_status, due_on date, note text, routed_at timestamptz,
  answered_at timestamptz, requester_first_name text, requester_last_name text, requester_email text,
  requester_phone text, profession public.health_profession, stage public.career_stage, specialty text, project text,
  commune_names text[], request_status public.support_status, received_at timestamptz, erased boolean
)
language sql stable security invoker set search_path = ''
as $$ select * from private.referred_requests(p_charter_id, p_limit, p_offset) $$;
revoke execute on function public.referred_requests(uuid, integer, integer), private.referred_requests(uuid, integer, integer)
  from public, anon;
grant execute on function public.referred_requests(uuid, integer, integer), private.referred_requests(uuid, integer, integer)
  to authenticated;
create function public.referred_counts(p_today date default null)
returns table (total bigint, overdue bigint)
language sql stable security invoker set search_path = ''
as $$ select * from private.referred_counts(p_today) $$;
revoke execute on function public.referred_counts(date), private.referred_counts(date) from public, anon;
grant execute on function public.referred_counts(date), private.referred_counts(date) to authenticated;
revoke all on function private.need_reads_project(public.support_need) from public;
grant execute on function private.need_reads_project(public.support_need) to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- The public form
-- ---------------------------------------------------------------------------------------------------
-- What the app's server sends after its own checks (zod, honeypot, time, per-address limit). The database
-- checks again: an open form on a published charter, consent, the communes, and at most 20 requests an hour
-- and 200 a day per charter through the form, so that a flood never fills a charter's list.
create function private.submit_support_request(p_charter_id uuid, p_request jsonb)
returns table (request_id uuid, reference text)
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_row public.support_requests;
  v_communes text[];
begin
  if not exists (select 1 from public.charters c where c.id = p_charter_id and c.is_public and c.intake_open) then
    raise exception using errcode = 'PT404', message = 'Cette charte ne reçoit pas de demandes en ligne.';
  end if;
  -- The fields are what the form sends (texts, lists of texts): a number or an object is never read as a text.
  if jsonb_typeof(p_request) is distinct from 'object'
    or exists (
      select 1 from jsonb_each(p_request) e
      where (e.key in ('first_name', 'last_name', 'email', 'phone', 'locale', 'profession', 'stage', 'specialty',
          'project', 'wished_on') and jsonb_typeof(e.value) not in ('string', 'null'))
        or (e.key in ('needs', 'communes') and case
          when jsonb_typeof(e.value) <> 'array' then true
          else exists (select 1 from jsonb_array_elements(e.value) x where jsonb_typeof(x) <> 'string')
        end)
    ) then
    raise exception using errcode = 'PT400', message = 'La demande est mal formée : chaque champ doit être un texte ou une liste de textes.';
  end if;
  -- Consent is a JSON true, nothing that merely reads as one.
  if (p_request -> 'consent') is distinct from 'true'::jsonb then
    raise exception using errcode = 'PT400', message = 'Le consentement au traitement de vos données est nécessaire pour envoyer la demande.';
  end if;
  if (select count(*) from public.support_requests r
      where r.charter_id = p_charter_id and r.channel = 'public_form' and r.created_at > now() - interval '1 hour') >= 20
    or (select count(*) from public.support_requests r
      where r.charter_id = p_charter_id and r.channel = 'public_form' and r.created_at > now() - interval '1 day') >= 200 then
    raise exception using errcode = 'PT429', message = 'Trop de demandes reçues en peu de temps : réessayez dans une heure.';
  end if;
  select coalesce(array_agg(distinct x), '{}') into v_communes
  from jsonb_array_elements_text(coalesce(p_request -> 'communes', '[]')) x;
  if cardinality(v_communes) > 10 then
    raise exception using errcode = 'PT400', message = 'Indiquez au plus 10 communes.';
  end if;
  if exists (select 1 from unnest(v_communes) x where not exists (select 1 from public.communes c where c.code = x)) then
    raise exception using errcode = 'PT400', message = 'Une des communes indiquées est inconnue.';
  end if;

  insert into public.support_requests (
    charter_id, reference, requester_first_name, requester_last_name, requester_email, requester_phone,
    requester_locale, profession, stage, specialty, project, needs, channel, consent_at, wished_on
  ) values (
    p_charter_id, '0000-0000', nullif(trim(p_request ->> 'first_name'), ''), nullif(trim(p_request ->> 'last_name'), ''),
    nullif(trim(p_request ->> 'email'), ''), nullif(trim(p_request ->> 'phone'), ''),
    coalesce(p_request ->> 'locale', 'fr'), (p_request ->> 'profession')::public.health_profession,
    (p_request ->> 'stage')::public.career_stage, nullif(trim(p_request ->> 'specialty'), ''),
    nullif(trim(p_request ->> 'project'), ''),
    coalesce((select array_agg(x::public.support_need) from jsonb_array_elements_text(coalesce(p_request -> 'needs', '[]')) x), '{}'),
    'public_form', now(), nullif(p_request ->> 'wished_on', '')::date
  )
  returning * into v_row;

  insert into public.support_request_communes (request_id, charter_id, commune_code)
  select v_row.id, p_charter_id, x from unnest(v_communes) x;

  -- In the same transaction, the outbox: the acknowledgement to the requester (transactional: no topic, no
  -- account; in the language they chose), and a notice to each coordinator who wants them (support_requests),
  -- linking to the request in the app. The sender writes both from the payload (notifications/support/intake.ts).
  insert into public.notifications (
    kind, topic, recipient_email, recipient_user_id, charter_id, support_request_id, subject, body_text, payload, dedupe_key
  )
  select 'support_acknowledgement', null, v_row.requester_email, null, c.id, v_row.id, '', '',
    jsonb_build_object(
      'reference', v_row.reference, 'charter_title', c.title, 'first_name', v_row.requester_first_name,
      'needs', to_jsonb(v_row.needs), 'locale', v_row.requester_locale, 'link_path', '/public/' || c.slug
    ),
    format('support:%s:acknowledgement', v_row.id)
  from public.charters c
  where c.id = p_charter_id and v_row.requester_email is not null
  on conflict (dedupe_key) do nothing;

  insert into public.notifications (
    kind, topic, recipient_email, recipient_user_id, charter_id, support_request_id, subject, body_text, payload, dedupe_key
  )
  select 'support_request_received', 'support_requests', p.email, m.user_id, c.id, v_row.id, '', '',
    jsonb_build_object(
      'reference', v_row.reference, 'charter_title', c.title, 'first_name', v_row.requester_first_name,
      'profession', v_row.profession, 'stage', v_row.stage, 'needs', to_jsonb(v_row.needs),
      'communes', coalesce((
        select jsonb_agg(cm.name order by cm.name) from public.communes cm where cm.code = any (v_communes)
      ), '[]'::jsonb),
      'wished_on', v_row.wished_on,
      'link_path', format('/chartes/%s/demandes/%s', c.slug, v_row.reference)
    ),
    format('support:%s:received:%s', v_row.id, m.user_id)
  from public.charter_members m
  join public.charters c on c.id = m.charter_id
  join public.profiles p on p.id = m.user_id
  where m.charter_id = p_charter_id and m.role = 'coordinator' and p.email <> ''
    and private.wants_notification(m.user_id, 'support_requests')
  on conflict (dedupe_key) do nothing;

  request_id := v_row.id;
  reference := v_row.reference;
  return next;
end;
$$;

-- The API's entry point, for the app's server only (service role): anon never writes a request directly.
create function public.submit_support_request(p_charter_id uuid, p_request jsonb)
returns table (request_id uuid, reference text)
language sql volatile security invoker set search_path = ''
as $$ select * from private.submit_support_request(p_charter_id, p_request) $$;
revoke execute on function public.submit_support_request(uuid, jsonb), private.submit_support_request(uuid, jsonb) from public, anon, authenticated;
grant execute on function public.submit_support_request(uuid, jsonb), private.submit_support_request(uuid, jsonb) to service_role;

-- ---------------------------------------------------------------------------------------------------
-- Personal data: erasure, retention, access
-- ---------------------------------------------------------------------------------------------------
-- The notifications that concern a request (acknowledgement, referral e-mails) name it here, so that erasure
-- finds them.
-- Before the first release the outbox is empty when this runs (no scan, no write to block).
-- squawk-ignore adding-foreign-key-constraint
alter table public.notifications add column support_request_id uuid references public.support_requests (id) on delete set null;
create index notifications_support_request_idx on public.notifications (support_request_id);

-- Blanks a person's data on these requests: the row, the journal's texts, and the e-mails that named them
-- (pending ones are cancelled). Counts, needs, communes, referrals and dates stay for the statistics.
create function private.erase_support_requests(p_ids uuid[]) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_count integer;
begin
  update public.support_requests
  set requester_first_name = null, requester_last_name = null, requester_email = null, requester_phone = null,
      project = null, outcome_note = null, specialty = null, erased_at = now()
  where id = any (p_ids) and erased_at is null;
  get diagnostics v_count = row_count;

  perform set_config('app.erasing', 'on', true);
  update public.support_request_events set body = null where request_id = any (p_ids) and body is not null;
  update public.referrals set note = null where request_id = any (p_ids) and note is not null;
  perform set_config('app.erasing', 'off', true);

  update public.notifications n
  set status = 'cancelled', locked_until = null,
      last_error = 'Non envoyé : les données personnelles de la personne ont été effacées.'
  where n.status = 'pending' and n.support_request_id = any (p_ids);
  update public.notifications n
  set recipient_email = 'efface@invalid',
      subject = 'Message effacé (RGPD)',
      body_text = 'Contenu effacé : ce message concernait une personne dont les données personnelles ont été supprimées (RGPD).',
      body_html = null,
      payload = jsonb_build_object('erased', true)
  where n.support_request_id = any (p_ids) and not n.payload ? 'erased';
  return v_count;
end;
$$;

-- Erasure on request (droit à l'effacement), by a coordinator of the request's charter.
create function private.erase_support_request(p_request_id uuid) returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  if not exists (
    select 1 from public.support_requests r
    where r.id = p_request_id and r.charter_id in (select private.coordinated_charter_ids())
  ) then
    raise exception using errcode = 'PT404', message = 'Demande introuvable.';
  end if;
  perform private.erase_support_requests(array[p_request_id]);
end;
$$;
create function public.erase_support_request(p_request_id uuid) returns void
language sql volatile security invoker set search_path = ''
as $$ select private.erase_support_request(p_request_id) $$;
revoke execute on function public.erase_support_request(uuid), private.erase_support_request(uuid) from public, anon;
grant execute on function public.erase_support_request(uuid), private.erase_support_request(uuid) to authenticated;

-- The retention job (service role): the data of a request closed p_months whole months ago or more is erased
-- from the next day on. Open requests (new, in progress, on hold) are kept while they are followed.
create function private.erase_expired_support_data(
  p_months integer default 24,
  p_today date default null,
  p_charter_id uuid default null
) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_today date := coalesce(p_today, private.today_paris());
  v_ids uuid[];
begin
  if p_months is null or p_months < 1 or p_months > 120 then
    raise exception using errcode = 'PT400', message = 'La durée de conservation doit être comprise entre 1 et 120 mois.';
  end if;
  select coalesce(array_agg(r.id), '{}') into v_ids
  from public.support_requests r
  where r.erased_at is null and r.closed_at is not null
    and (((r.closed_at at time zone 'Europe/Paris')::date) + make_interval(months => p_months))::date < v_today
    and (p_charter_id is null or r.charter_id = p_charter_id);
  if cardinality(v_ids) = 0 then
    return 0;
  end if;
  return private.erase_support_requests(v_ids);
end;
$$;
create function public.erase_expired_support_data(p_months integer default 24, p_today date default null, p_charter_id uuid default null)
returns integer language sql volatile security invoker set search_path = ''
as $$ select private.erase_expired_support_data(p_months, p_today, p_charter_id) $$;
revoke execute on function public.erase_expired_support_data(integer, date, uuid), private.erase_expired_support_data(integer, date, uuid) from public, anon, authenticated;
grant execute on function public.erase_expired_support_data(integer, date, uuid), private.erase_expired_support_data(integer, date, uuid) to service_role;
revoke all on function private.erase_support_requests(uuid[]) from public, anon, authenticated;
grant execute on function private.erase_support_requests(uuid[]) to service_role;

-- The right of access: everything the platform holds on the person of this request, as one document (plpgsql:
-- the aid grants it names are created by a later migration, and read when it runs). Their
-- other requests in the charter (same e-mail) are included; nobody else's data is (the journal's entries are
-- the follow-up of their request; authors are named by role, not by person).
create function private.support_request_export(p_request_id uuid) returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_request public.support_requests;
  v_ids uuid[];
begin
  select * into v_request from public.support_requests r
  where r.id = p_request_id and r.charter_id in (select private.coordinated_charter_ids());
  if not found then
    raise exception using errcode = 'PT404', message = 'Demande introuvable.';
  end if;
  select array_agg(r.id order by r.created_at) into v_ids from public.support_requests r
  where r.charter_id = v_request.charter_id
    and (r.id = p_request_id or (v_request.requester_email is not null and lower(r.requester_email) = lower(v_request.requester_email)));

  return jsonb_build_object(
    'exported_at', now(),
    'charter', (select jsonb_build_object('title', c.title, 'slug', c.slug) from public.charters c where c.id = v_request.charter_id),
    'requests', (
      select jsonb_agg(jsonb_build_object(
        'reference', r.reference, 'received_at', r.created_at, 'channel', r.channel, 'status', r.status,
        'first_name', r.requester_first_name, 'last_name', r.requester_last_name, 'email', r.requester_email,
        'phone', r.requester_phone, 'locale', r.requester_locale, 'profession', r.profession, 'stage', r.stage,
        'specialty', r.specialty, 'project', r.project, 'needs', to_jsonb(r.needs), 'wished_on', r.wished_on,
        'consent_at', r.consent_at, 'installed_on', r.installed_on, 'installed_commune', ic.name,
        'installed_mode', r.installed_mode, 'outcome_note', r.outcome_note, 'closed_at', r.closed_at,
        'erased_at', r.erased_at,
        'communes', coalesce((
          select jsonb_agg(c.name order by c.name) from public.support_request_communes sc
          join public.communes c on c.code = sc.commune_code where sc.request_id = r.id), '[]'),
        'referrals', coalesce((
          select jsonb_agg(jsonb_build_object('organization', o.name, 'need', rf.need, 'status', rf.status,
            'due_on', rf.due_on, 'note', rf.note, 'routed_at', rf.routed_at, 'answered_at', rf.answered_at) order by rf.routed_at)
          from public.referrals rf join public.organizations o on o.id = rf.organization_id where rf.request_id = r.id), '[]'),
        'follow_up', coalesce((
          select jsonb_agg(jsonb_build_object('at', e.created_at, 'kind', e.kind, 'organization', o.name, 'text', e.body)
            order by e.created_at)
          from public.support_request_events e left join public.organizations o on o.id = e.organization_id
          where e.request_id = r.id), '[]'),
        -- Aids granted on this request (20261123400100_aids_and_events.sql).
        'grants', coalesce((
          select jsonb_agg(jsonb_build_object('scheme', s.name, 'beneficiary', g.beneficiary_name, 'amount', g.amount,
            'decided_on', g.decided_on, 'paid_amount', g.paid_amount, 'commitment_starts_on', g.commitment_starts_on,
            'commitment_ends_on', g.commitment_ends_on, 'status', g.status, 'refund_amount', g.refund_amount) order by g.decided_on)
          from public.aid_grants g join public.aid_schemes s on s.id = g.scheme_id where g.request_id = r.id), '[]'),
        'emails', coalesce((
          select jsonb_agg(jsonb_build_object('at', n.created_at, 'subject', n.subject, 'status', n.status, 'sent_at', n.sent_at)
            order by n.created_at)
          from public.notifications n where n.support_request_id = r.id and n.recipient_email = r.requester_email), '[]')
      ) order by r.created_at)
      from public.support_requests r left join public.communes ic on ic.code = r.installed_commune_code
      where r.id = any (v_ids)
    )
  );
end;
$$;
create function public.support_request_export(p_request_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.support_request_export(p_request_id) $$;
revoke execute on function public.support_request_export(uuid), private.support_request_export(uuid) from public, anon;
grant execute on function public.support_request_export(uuid), private.support_request_export(uuid) to authenticated;

revoke all on function
  private.prepare_support_request(),
  private.prepare_referral(),
  private.stamp_support_event(),
  private.forbid_support_event_changes()
from public;

-- ---------------------------------------------------------------------------------------------------
-- Referral e-mails (outbox): the new referral to the partner's representatives, and a reminder two days
-- before its due date
-- ---------------------------------------------------------------------------------------------------
-- What the e-mail says of the request is what the partner reads before accepting (private.referred_requests):
-- the first name, the profession and stage, the need, the communes, the due date and the reference; never the
-- contact details, the project or the coordinator's note. The link opens the referral (/demandes/<id>), after
-- sign-in when needed (the sign-in page returns to it).
create function private.referral_payload(p_referral public.referrals) returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'referral_id', p_referral.id, 'reference', r.reference, 'need', p_referral.need, 'due_on', p_referral.due_on,
    'first_name', r.requester_first_name, 'profession', r.profession, 'stage', r.stage,
    'communes', coalesce((
      select jsonb_agg(c.name order by c.name) from public.support_request_communes sc
      join public.communes c on c.code = sc.commune_code where sc.request_id = r.id), '[]'),
    'organization_name', o.name, 'charter_title', ch.title,
    'link_path', '/demandes/' || p_referral.id
  )
  from public.support_requests r
  join public.organizations o on o.id = p_referral.organization_id
  join public.charters ch on ch.id = p_referral.charter_id
  where r.id = p_referral.request_id
$$;

-- The representatives of the referral's organization in its charter who want these e-mails.
create function private.referral_recipients(p_charter_id uuid, p_organization_id uuid)
returns table (user_id uuid, email text)
language sql stable security definer
set search_path = ''
as $$
  select mb.user_id, p.email
  from public.charter_members mb
  join public.profiles p on p.id = mb.user_id
  where mb.charter_id = p_charter_id and mb.organization_id = p_organization_id and mb.role = 'partner_rep'
    and p.email <> '' and private.wants_notification(mb.user_id, 'support_referrals')
$$;

-- Written in the same transaction as the referral.
create function private.enqueue_referral_inserted() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.notifications (
    kind, topic, recipient_email, recipient_user_id, charter_id, support_request_id, subject, body_text, payload, dedupe_key
  )
  select 'support_referral', 'support_referrals', u.email, u.user_id, new.charter_id, new.request_id, '', '',
    private.referral_payload(new), format('referral:%s:sent:%s', new.id, u.user_id)
  from private.referral_recipients(new.charter_id, new.organization_id) u
  on conflict (dedupe_key) do nothing;
  return null;
end;
$$;
create trigger referrals_enqueue_inserted after insert on public.referrals
  for each row execute function private.enqueue_referral_inserted();

-- Reminder two days before the due date of a referral still open (sent or accepted) on a request still open.
-- Run daily; a day missed is caught up (a due date tomorrow), and a representative who got the referral within
-- those two days is not reminded. Idempotent: one reminder per referral, due date and person.
create function private.enqueue_referral_reminders(p_today date default null, p_charter_id uuid default null)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_today date := coalesce(p_today, private.today_paris());
  v_count integer;
begin
  insert into public.notifications (
    kind, topic, recipient_email, recipient_user_id, charter_id, support_request_id, subject, body_text, payload, dedupe_key
  )
  select 'support_referral_reminder', 'support_referrals', u.email, u.user_id, rf.charter_id, rf.request_id, '', '',
    private.referral_payload(rf) || jsonb_build_object('status', rf.status),
    format('referral:%s:reminder:%s:%s', rf.id, rf.due_on, u.user_id)
  from public.referrals rf
  join public.support_requests r on r.id = rf.request_id
  cross join lateral private.referral_recipients(rf.charter_id, rf.organization_id) u
  where rf.status in ('sent', 'accepted') and rf.due_on > v_today and rf.due_on <= v_today + 2
    and r.erased_at is null and r.status not in ('installed', 'abandoned')
    and (p_charter_id is null or rf.charter_id = p_charter_id)
    and not exists (
      select 1 from public.notifications n
      where n.support_request_id = rf.request_id and n.recipient_user_id = u.user_id
        and n.kind = 'support_referral' and n.payload ->> 'referral_id' = rf.id::text
        and (n.created_at at time zone 'Europe/Paris')::date >= rf.due_on - 2
    )
  on conflict (dedupe_key) do nothing;
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;

-- The API's entry point, for the sender's scheduler (service role).
create function public.enqueue_referral_reminders(p_today date default null, p_charter_id uuid default null)
returns integer language sql volatile security invoker set search_path = ''
as $$ select private.enqueue_referral_reminders(p_today, p_charter_id) $$;
revoke execute on function public.enqueue_referral_reminders(date, uuid), private.enqueue_referral_reminders(date, uuid) from public, anon, authenticated;
grant execute on function public.enqueue_referral_reminders(date, uuid), private.enqueue_referral_reminders(date, uuid) to service_role;

revoke all on function
  private.referral_payload(public.referrals),
  private.referral_recipients(uuid, uuid),
  private.enqueue_referral_inserted()
from public, anon, authenticated;
