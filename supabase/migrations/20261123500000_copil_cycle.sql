-- The COPIL cycle: a steering committee's meetings (meetings), who is invited and who came
-- (meeting_attendees), the agenda (meeting_items), the dashboard as it was presented, frozen
-- (meeting_snapshots), and the register of the decisions taken (decisions, the "relevé de décisions"), each with
-- an owner organization and a due date.
--
-- Who does what (docs/domain.md, "The COPIL cycle"):
-- - coordinators plan meetings, invite, prepare the agenda, record presence, hold the meeting (which freezes
--   the dashboard), and record decisions;
-- - every member of the charter reads meetings, agendas, attendees, snapshots and decisions;
-- - a partner representative marks a decision owned by their organization done (or open again), with a
--   comment, and changes nothing else of it;
-- - a snapshot is never updated nor deleted, by anyone (a trigger, which binds the table owner too); it goes
--   only with its charter.
--
-- The invitations (iCalendar), the update campaign before a meeting, the agenda's proposals and the minutes
-- are in the migrations that follow (20261123500100 to 20261123500300).
--
-- Errors meant for users carry a PostgREST status (SQLSTATE PT4xx) and a French message.

create type public.meeting_kind as enum ('copil', 'comite_technique', 'autre');
create type public.meeting_status as enum ('planned', 'held', 'cancelled');
-- decision_review: a decision of an earlier meeting to follow up; alert: an action blocked, overdue or stale;
-- indicator: an indicator off track; arbitration: an action whose last update asks for an arbitration.
create type public.meeting_item_kind as enum ('decision_review', 'alert', 'indicator', 'arbitration', 'other');
create type public.attendee_presence as enum ('invited', 'present', 'excused', 'absent');
create type public.decision_status as enum ('open', 'done', 'dropped');

-- ---------------------------------------------------------------------------------------------------
-- Meetings
-- ---------------------------------------------------------------------------------------------------
create table public.meetings (
  id uuid primary key default gen_random_uuid(),
  charter_id uuid not null references public.charters (id) on delete cascade,
  kind public.meeting_kind not null default 'copil',
  title text not null check (length(trim(title)) between 1 and 200),
  starts_at timestamptz not null,
  duration_minutes integer not null default 120 check (duration_minutes between 15 and 720),
  place text check (length(trim(place)) between 1 and 300),
  video_url text check (video_url ~ '^https://[^\s<>"]+$' and length(video_url) <= 500),
  status public.meeting_status not null default 'planned',
  -- The update campaign: partners are asked from campaign_opens_on to update their actions by updates_due_on.
  updates_due_on date,
  campaign_opens_on date,
  minutes text check (length(minutes) <= 50000),
  -- iCalendar SEQUENCE: raised when the date, the duration or the place changes, or when the meeting is cancelled,
  -- so that calendars replace the invitation they hold.
  sequence integer not null default 0 check (sequence >= 0),
  held_at timestamptz,
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  updated_by uuid references public.profiles (id) on delete set null,
  version integer not null default 1,
  unique (id, charter_id),
  constraint meetings_campaign_before_due check (campaign_opens_on is null or updates_due_on is null or campaign_opens_on <= updates_due_on),
  constraint meetings_campaign_has_due check (campaign_opens_on is null or updates_due_on is not null),
  constraint meetings_due_before_meeting check (updates_due_on is null or updates_due_on <= (starts_at at time zone 'Europe/Paris')::date),
  constraint meetings_held_at check ((status = 'held') = (held_at is not null))
);
comment on table public.meetings is 'Steering committee meetings (COPIL, comité technique) of a charter.';
create index meetings_charter_idx on public.meetings (charter_id, starts_at desc);
create index meetings_due_idx on public.meetings (updates_due_on) where status = 'planned' and updates_due_on is not null;
create index meetings_created_by_idx on public.meetings (created_by);
create index meetings_updated_by_idx on public.meetings (updated_by);

create trigger meetings_version before update on public.meetings
  for each row execute function private.bump_version();

create function private.prepare_meeting() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    new.created_by := coalesce((select auth.uid()), new.created_by);
    new.sequence := 0;
    if new.status <> 'planned' then
      raise exception using errcode = 'PT400', message = 'Une réunion est d''abord planifiée.';
    end if;
    new.held_at := null;
  else
    if new.charter_id <> old.charter_id then
      raise exception using errcode = 'PT400', message = 'Une réunion ne change pas de charte.';
    end if;
    if old.status <> 'planned' and new.status <> old.status then
      raise exception using errcode = 'PT409', message = case old.status
        when 'held' then 'Cette réunion s''est tenue : son état ne change plus.'
        else 'Cette réunion est annulée : planifiez-en une nouvelle.' end;
    end if;
    if old.status = 'held' and (new.starts_at, new.duration_minutes, new.kind, new.updates_due_on, new.campaign_opens_on)
        is distinct from (old.starts_at, old.duration_minutes, old.kind, old.updates_due_on, old.campaign_opens_on) then
      raise exception using errcode = 'PT409',
        message = 'Cette réunion s''est tenue : seuls son titre, son lieu et son compte rendu se modifient encore.';
    end if;
    if old.status = 'cancelled' and new.minutes is distinct from old.minutes then
      raise exception using errcode = 'PT409', message = 'Une réunion annulée n''a pas de compte rendu.';
    end if;
    if new.status = 'held' and old.status = 'planned' then
      new.held_at := now();
    elsif new.status <> 'held' then
      new.held_at := null;
    else
      new.held_at := old.held_at;
    end if;
    new.sequence := old.sequence + case
      when old.status = 'planned' and (
        (new.starts_at, new.duration_minutes, new.place, new.video_url) is distinct from
        (old.starts_at, old.duration_minutes, old.place, old.video_url)
        or new.status = 'cancelled'
      ) then 1 else 0 end;
  end if;
  if new.updates_due_on is not null and new.campaign_opens_on is null then
    new.campaign_opens_on := least(private.today_in_paris(), new.updates_due_on);
  end if;
  if new.updates_due_on is null then
    new.campaign_opens_on := null;
  end if;
  return new;
end;
$$;
create trigger meetings_prepare before insert or update on public.meetings
  for each row execute function private.prepare_meeting();

-- A held meeting keeps its record: it is not deleted (a planned one is, and a cancelled one stays as such).
create function private.protect_held_meeting() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if old.status <> 'planned' and exists (select 1 from public.charters c where c.id = old.charter_id) then
    raise exception using errcode = 'PT409',
      message = 'Seule une réunion encore planifiée se supprime : annulez-la plutôt, son historique sera conservé.';
  end if;
  return old;
end;
$$;
create trigger meetings_protect before delete on public.meetings
  for each row execute function private.protect_held_meeting();

-- ---------------------------------------------------------------------------------------------------
-- Decisions (the relevé de décisions), numbered in the charter: D01, D02...
-- ---------------------------------------------------------------------------------------------------
create table public.decisions (
  id uuid primary key default gen_random_uuid(),
  charter_id uuid not null references public.charters (id) on delete cascade,
  meeting_id uuid not null,
  number integer not null default 0,
  code text not null default '',
  text text not null check (length(trim(text)) between 1 and 2000),
  owner_organization_id uuid not null references public.organizations (id) on delete restrict,
  due_on date,
  status public.decision_status not null default 'open',
  action_id uuid,
  -- What the owner said when marking it done (or a coordinator when dropping it), and when.
  status_comment text check (length(status_comment) <= 2000),
  status_changed_at timestamptz,
  status_changed_by uuid references public.profiles (id) on delete set null,
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  updated_by uuid references public.profiles (id) on delete set null,
  version integer not null default 1,
  unique (id, charter_id),
  unique (charter_id, number),
  foreign key (meeting_id, charter_id) references public.meetings (id, charter_id) on delete cascade,
  foreign key (action_id, charter_id) references public.actions (id, charter_id) on delete set null (action_id)
);
comment on table public.decisions is 'The register of decisions taken in steering meetings, each with an owner organization.';
create index decisions_charter_idx on public.decisions (charter_id, status, number);
create index decisions_meeting_idx on public.decisions (meeting_id, charter_id);
create index decisions_owner_idx on public.decisions (owner_organization_id, status);
create index decisions_action_idx on public.decisions (action_id, charter_id);
create index decisions_status_changed_by_idx on public.decisions (status_changed_by);
create index decisions_created_by_idx on public.decisions (created_by);
create index decisions_updated_by_idx on public.decisions (updated_by);

create trigger decisions_version before update on public.decisions
  for each row execute function private.bump_version();

-- Numbers follow each other in the charter (under a lock, so that two coordinators never get the same one); the
-- owner must be a partner of the charter; a representative of the owner changes only the status (open or done)
-- and its comment.
create function private.prepare_decision() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_coordinator boolean := new.charter_id in (select private.coordinated_charter_ids());
begin
  if tg_op = 'INSERT' then
    perform pg_advisory_xact_lock(hashtextextended('decisions:' || new.charter_id::text, 0));
    select coalesce(max(d.number), 0) + 1 into new.number from public.decisions d where d.charter_id = new.charter_id;
    new.code := 'D' || lpad(new.number::text, 2, '0');
    new.created_by := coalesce((select auth.uid()), new.created_by);
    if new.status <> 'open' then
      new.status_changed_at := now();
      new.status_changed_by := (select auth.uid());
    end if;
  else
    if (new.charter_id, new.number, new.code, new.meeting_id) is distinct from (old.charter_id, old.number, old.code, old.meeting_id) then
      raise exception using errcode = 'PT400', message = 'Le numéro, la charte et la réunion d''une décision ne changent pas.';
    end if;
    if not v_coordinator and (select auth.uid()) is not null then
      if (new.text, new.owner_organization_id, new.due_on, new.action_id) is distinct from
         (old.text, old.owner_organization_id, old.due_on, old.action_id) then
        raise exception using errcode = 'PT403',
          message = 'Vous pouvez seulement indiquer où en est cette décision ; la coordination en modifie le texte.';
      end if;
      if new.status = 'dropped' or old.status = 'dropped' then
        raise exception using errcode = 'PT403', message = 'Seule la coordination abandonne une décision ou la reprend.';
      end if;
    end if;
    if new.status is distinct from old.status or new.status_comment is distinct from old.status_comment then
      new.status_changed_at := now();
      new.status_changed_by := coalesce((select auth.uid()), new.status_changed_by);
    end if;
  end if;
  if new.status = 'done' and length(trim(coalesce(new.status_comment, ''))) = 0 and not v_coordinator
     and (select auth.uid()) is not null then
    raise exception using errcode = 'PT400', message = 'Dites en une phrase ce qui a été fait.';
  end if;
  if not exists (
    select 1 from public.charter_partners cp
    where cp.charter_id = new.charter_id and cp.organization_id = new.owner_organization_id
  ) then
    raise exception using errcode = 'PT400', message = 'Le responsable d''une décision est une organisation partenaire de la charte.';
  end if;
  return new;
end;
$$;
create trigger decisions_prepare before insert or update on public.decisions
  for each row execute function private.prepare_decision();

-- ---------------------------------------------------------------------------------------------------
-- Attendees: members of the charter, or, for a partner without an account, a name and an address
-- ---------------------------------------------------------------------------------------------------
create table public.meeting_attendees (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null,
  charter_id uuid not null,
  user_id uuid references public.profiles (id) on delete cascade,
  organization_id uuid references public.organizations (id) on delete restrict,
  guest_name text check (length(trim(guest_name)) between 1 and 120),
  guest_email text check (guest_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and length(guest_email) <= 254),
  presence public.attendee_presence not null default 'invited',
  presence_recorded_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (meeting_id, charter_id) references public.meetings (id, charter_id) on delete cascade,
  constraint meeting_attendees_member_or_guest check (
    (user_id is not null and guest_email is null and guest_name is null)
    or (user_id is null and guest_email is not null and guest_name is not null and organization_id is not null)
  )
);
comment on table public.meeting_attendees is 'Who is invited to a meeting, and whether they came.';
create unique index meeting_attendees_member_key on public.meeting_attendees (meeting_id, user_id) where user_id is not null;
create unique index meeting_attendees_guest_key on public.meeting_attendees (meeting_id, lower(guest_email)) where guest_email is not null;
create index meeting_attendees_meeting_idx on public.meeting_attendees (meeting_id, charter_id);
create index meeting_attendees_charter_idx on public.meeting_attendees (charter_id);
create index meeting_attendees_user_idx on public.meeting_attendees (user_id);
create index meeting_attendees_organization_idx on public.meeting_attendees (organization_id);

-- A member attends for their organization in the charter; a guest comes for a partner organization.
create function private.prepare_meeting_attendee() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and (new.meeting_id, new.charter_id, new.user_id, new.guest_email)
      is distinct from (old.meeting_id, old.charter_id, old.user_id, old.guest_email) then
    raise exception using errcode = 'PT400', message = 'Invitez la nouvelle personne plutôt que de modifier une invitation.';
  end if;
  if new.user_id is not null then
    select coalesce(new.organization_id, m.organization_id) into new.organization_id
    from public.charter_members m where m.charter_id = new.charter_id and m.user_id = new.user_id;
    if not found then
      raise exception using errcode = 'PT400', message = 'Cette personne n''est pas membre de la charte : invitez-la par son adresse.';
    end if;
  end if;
  if new.organization_id is not null and not exists (
    select 1 from public.charter_partners cp where cp.charter_id = new.charter_id and cp.organization_id = new.organization_id
  ) then
    raise exception using errcode = 'PT400', message = 'Cette organisation n''est pas partenaire de la charte.';
  end if;
  new.guest_email := lower(trim(new.guest_email));
  new.guest_name := trim(new.guest_name);
  if tg_op = 'INSERT' or new.presence is distinct from old.presence then
    new.presence_recorded_at := case when new.presence = 'invited' then null else now() end;
  end if;
  return new;
end;
$$;
create trigger meeting_attendees_prepare before insert or update on public.meeting_attendees
  for each row execute function private.prepare_meeting_attendee();

-- ---------------------------------------------------------------------------------------------------
-- The agenda
-- ---------------------------------------------------------------------------------------------------
create table public.meeting_items (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null,
  charter_id uuid not null,
  position integer not null check (position >= 0),
  kind public.meeting_item_kind not null default 'other',
  action_id uuid,
  decision_id uuid,
  indicator_id uuid references public.indicators (id) on delete cascade,
  title text not null check (length(trim(title)) between 1 and 300),
  notes text check (length(notes) <= 4000),
  created_at timestamptz not null default now(),
  foreign key (meeting_id, charter_id) references public.meetings (id, charter_id) on delete cascade,
  -- An item about an action or a decision goes with it (an action with a journal is archived, not deleted).
  foreign key (action_id, charter_id) references public.actions (id, charter_id) on delete cascade,
  foreign key (decision_id, charter_id) references public.decisions (id, charter_id) on delete cascade,
  constraint meeting_items_subject check (
    (kind <> 'decision_review' or decision_id is not null)
    and (kind not in ('alert', 'arbitration') or action_id is not null)
    and (kind <> 'indicator' or indicator_id is not null)
  )
);
comment on table public.meeting_items is 'The agenda of a meeting, pre-filled from the alerts and the open decisions.';
create index meeting_items_meeting_idx on public.meeting_items (meeting_id, position);
create index meeting_items_meeting_charter_idx on public.meeting_items (meeting_id, charter_id);
create index meeting_items_charter_idx on public.meeting_items (charter_id);
create index meeting_items_action_idx on public.meeting_items (action_id, charter_id);
create index meeting_items_decision_idx on public.meeting_items (decision_id, charter_id);
create index meeting_items_indicator_idx on public.meeting_items (indicator_id);
-- The same subject once per agenda (a proposal made twice adds nothing).
create unique index meeting_items_subject_key on public.meeting_items (meeting_id, kind, coalesce(decision_id, action_id, indicator_id))
  where kind <> 'other';

-- An indicator on the agenda belongs to the meeting's charter.
create function private.check_meeting_item() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.indicator_id is not null and not exists (
    select 1 from public.indicators i where i.id = new.indicator_id and i.charter_id = new.charter_id
  ) then
    raise exception using errcode = 'PT400', message = 'Cet indicateur n''appartient pas à la charte.';
  end if;
  return new;
end;
$$;
create trigger meeting_items_check before insert or update on public.meeting_items
  for each row execute function private.check_meeting_item();

-- ---------------------------------------------------------------------------------------------------
-- Snapshots: the dashboard as it was presented, never changed
-- ---------------------------------------------------------------------------------------------------
create table public.meeting_snapshots (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null,
  charter_id uuid not null,
  taken_at timestamptz not null default now(),
  -- The day the dashboard was computed for (lateness, staleness): the meeting's day in Paris.
  taken_on date not null,
  dashboard jsonb not null check (jsonb_typeof(dashboard) = 'object'),
  -- The COPIL report PDF in Storage, once documents exist; until then the report is drawn again from `dashboard`.
  report_path text check (length(report_path) <= 500),
  taken_by uuid references public.profiles (id) on delete set null,
  unique (meeting_id),
  foreign key (meeting_id, charter_id) references public.meetings (id, charter_id) on delete cascade
);
comment on table public.meeting_snapshots is 'The dashboard as presented at a meeting, frozen: never updated nor deleted.';
create index meeting_snapshots_meeting_charter_idx on public.meeting_snapshots (meeting_id, charter_id);
create index meeting_snapshots_charter_idx on public.meeting_snapshots (charter_id, taken_at desc);
create index meeting_snapshots_taken_by_idx on public.meeting_snapshots (taken_by);

create function private.stamp_meeting_snapshot() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.taken_at := now();
  new.taken_by := (select auth.uid());
  return new;
end;
$$;
create trigger meeting_snapshots_stamp before insert on public.meeting_snapshots
  for each row execute function private.stamp_meeting_snapshot();

-- Binds every role, the table owner included. Only the deletion of the whole charter takes its snapshots along.
create function private.forbid_snapshot_changes() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' and not exists (select 1 from public.charters c where c.id = old.charter_id) then
    return old;
  end if;
  -- The frozen report's file is stored once, after the snapshot (src/lib/server/documents/frozen-report.ts).
  if tg_op = 'UPDATE' and old.report_path is null and new.report_path is not null
    and (to_jsonb(new) - 'report_path') = (to_jsonb(old) - 'report_path') then
    return new;
  end if;
  raise exception using errcode = 'PT403',
    message = 'L''instantané d''une réunion est figé : il ne peut être ni modifié ni supprimé.';
end;
$$;
create trigger meeting_snapshots_frozen before update or delete on public.meeting_snapshots
  for each row execute function private.forbid_snapshot_changes();
create trigger meeting_snapshots_no_truncate before truncate on public.meeting_snapshots
  for each statement execute function private.forbid_snapshot_changes();

-- ---------------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------------
alter table public.meetings enable row level security;
create policy "members read meetings" on public.meetings
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
create policy "coordinators plan meetings" on public.meetings
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators change meetings" on public.meetings
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators delete planned meetings" on public.meetings
  for delete to authenticated using (status = 'planned' and charter_id in (select private.coordinated_charter_ids()));

alter table public.meeting_attendees enable row level security;
create policy "members read attendees" on public.meeting_attendees
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
create policy "coordinators invite" on public.meeting_attendees
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators record presence" on public.meeting_attendees
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators remove attendees" on public.meeting_attendees
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

alter table public.meeting_items enable row level security;
create policy "members read agendas" on public.meeting_items
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
create policy "coordinators add agenda items" on public.meeting_items
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators change agenda items" on public.meeting_items
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators remove agenda items" on public.meeting_items
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

alter table public.meeting_snapshots enable row level security;
create policy "members read snapshots" on public.meeting_snapshots
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
create policy "coordinators take snapshots" on public.meeting_snapshots
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));

alter table public.decisions enable row level security;
create policy "members read decisions" on public.decisions
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
create policy "coordinators record decisions" on public.decisions
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
-- Coordinators change everything (the trigger keeps number and meeting); the owner's representatives change
-- the status and its comment only (prepare_decision).
create policy "coordinators and the owner update decisions" on public.decisions
  for update to authenticated
  using (
    charter_id in (select private.coordinated_charter_ids())
    or (charter_id, owner_organization_id) in (select r.charter_id, r.organization_id from private.represented_organizations() r)
  )
  with check (
    charter_id in (select private.coordinated_charter_ids())
    or (charter_id, owner_organization_id) in (select r.charter_id, r.organization_id from private.represented_organizations() r)
  );
create policy "coordinators delete decisions" on public.decisions
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------------
-- The state of a charter as a meeting sees it, and holding a meeting
-- ---------------------------------------------------------------------------------------------------
-- Each action's and indicator's state and the decisions, on a day: what "Depuis le dernier COPIL" compares
-- (src/lib/meetings/since.ts). The dashboard reads only this of today, beside its own figures; a snapshot keeps
-- it inside meeting_state. Read with the caller's rights (security invoker): a non-member gets empty lists.
create function public.meeting_lists(p_charter_id uuid, p_today date default null) returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_today date := private.dashboard_today(p_today);
  v_actions private.action_fact[] := array(
    select f from private.action_facts(array[p_charter_id], null, null, null, null, v_today) f
  );
  v_indicators private.indicator_fact[] := array(
    select f from private.indicator_facts(array[p_charter_id], null, null, v_today, false) f
  );
begin
  return jsonb_build_object(
    'taken_on', v_today,
    -- The plan's mean progress and weather, as the dashboard's summary counts them.
    'summary', (
      select jsonb_build_object('progress', s.progress, 'weather', s.weather)
      from private.summaries(array[p_charter_id], v_actions, v_indicators, array[]::private.funding_fact[], v_today) s
    ),
    'actions', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', f.id, 'code', f.code, 'title', f.title, 'objective_code', f.objective_code,
        'lead_organization_id', f.lead_organization_id, 'lead_name', f.lead_name, 'status', f.status,
        'progress', f.progress, 'health', f.health, 'due_on', f.due_on, 'is_overdue', f.is_overdue,
        'is_stale', f.is_stale, 'signal', f.signal
      ) order by f.objective_position, f.position, f.code)
      from unnest(v_actions) f
    ), '[]'::jsonb),
    'indicators', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', f.id, 'name', f.name, 'unit', f.unit, 'target', f.target, 'latest_value', f.latest_value,
        'latest_on', f.latest_on, 'state', f.state
      ) order by f.position, f.name)
      from unnest(v_indicators) f
    ), '[]'::jsonb),
    'decisions', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', d.id, 'code', d.code, 'text', d.text, 'status', d.status, 'due_on', d.due_on,
        'owner_organization_id', d.owner_organization_id, 'owner_name', coalesce(o.short_name, o.name)
      ) order by d.number)
      from public.decisions d join public.organizations o on o.id = d.owner_organization_id
      where d.charter_id = p_charter_id
    ), '[]'::jsonb)
  );
end;
$$;
revoke execute on function public.meeting_lists(uuid, date) from public, anon;
grant execute on function public.meeting_lists(uuid, date) to authenticated, service_role;

-- What a snapshot keeps: the dashboard as the page shows it, plus each action's and indicator's state and the
-- decisions, which "Depuis le dernier COPIL" compares with the state of the day (src/lib/meetings/since.ts), and
-- what the COPIL report draws besides the dashboard (`report`: every action's row, the progress trend, and each
-- action's contributors, latest comment and journal since the previous held meeting, 90 days back without one),
-- so that the report of a held meeting is drawn again from the snapshot alone.
-- Read with the caller's rights (security invoker): a non-member gets an empty state.
create function public.meeting_state(p_charter_id uuid, p_today date default null) returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_today date := private.dashboard_today(p_today);
  v_since date := coalesce((
    select max(s.taken_on) from public.meeting_snapshots s where s.charter_id = p_charter_id and s.taken_on <= v_today
  ), v_today - 90);
begin
  return jsonb_build_object(
    'report', jsonb_build_object(
      'since', v_since,
      'actions', coalesce((
        select jsonb_agg(to_jsonb(a)) from public.dashboard_actions(p_charter_id, p_today => v_today) a
      ), '[]'::jsonb),
      'trend', coalesce((
        select jsonb_agg(to_jsonb(t) order by t.month) from public.dashboard_progress_trend(p_charter_id, p_today => v_today) t
      ), '[]'::jsonb),
      'details', coalesce((
        select jsonb_agg(to_jsonb(d)) from public.report_action_details(p_charter_id, v_since) d
      ), '[]'::jsonb)
    ),
    'dashboard', public.charter_dashboard(p_charter_id, p_today => v_today, p_due_within_days => 60)::jsonb
  ) || public.meeting_lists(p_charter_id, v_today);
end;
$$;
revoke execute on function public.meeting_state(uuid, date) from public, anon;
grant execute on function public.meeting_state(uuid, date) to authenticated, service_role;

-- Holding a meeting: its status becomes held and the dashboard of its day is frozen, in one transaction.
-- Coordinators only (the policies of meetings and meeting_snapshots decide). p_today: the day the dashboard is
-- computed for, the meeting's day by default (tests move it).
create function public.hold_meeting(p_meeting_id uuid, p_today date default null) returns uuid
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_meeting public.meetings%rowtype;
  v_day date;
  v_id uuid;
begin
  select * into v_meeting from public.meetings m where m.id = p_meeting_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'Réunion introuvable.';
  end if;
  if v_meeting.charter_id not in (select private.coordinated_charter_ids()) then
    raise exception using errcode = 'PT403', message = 'Seule la coordination de la charte tient une réunion.';
  end if;
  -- Two coordinators holding it at once: the second one waits, then finds it held.
  select * into v_meeting from public.meetings m where m.id = p_meeting_id for update;
  if v_meeting.status <> 'planned' then
    raise exception using errcode = 'PT409', message = case v_meeting.status
      when 'held' then 'Cette réunion s''est déjà tenue : son instantané est pris.'
      else 'Cette réunion est annulée.' end;
  end if;
  v_day := coalesce(p_today, least((v_meeting.starts_at at time zone 'Europe/Paris')::date, private.today_in_paris()));
  update public.meetings set status = 'held' where id = p_meeting_id;
  insert into public.meeting_snapshots (meeting_id, charter_id, taken_on, dashboard)
  values (p_meeting_id, v_meeting.charter_id, v_day, public.meeting_state(v_meeting.charter_id, v_day))
  returning id into v_id;
  return v_id;
end;
$$;
revoke execute on function public.hold_meeting(uuid, date) from public, anon;
grant execute on function public.hold_meeting(uuid, date) to authenticated;

-- The outbox names the meeting its messages are about (invitations, campaign, minutes).
-- Before the first release the outbox is empty when this runs (no scan, no write to block).
-- squawk-ignore adding-foreign-key-constraint
alter table public.notifications add column meeting_id uuid references public.meetings (id) on delete set null;
create index notifications_meeting_idx on public.notifications (meeting_id);
