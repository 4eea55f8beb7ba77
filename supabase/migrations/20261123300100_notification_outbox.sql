-- Notifications by e-mail through the transactional outbox (public.notifications):
--
-- - what each person wants to receive (notification_preferences: one row per topic turned off or on again);
-- - placement events: a statement trigger on internships writes, in the same transaction as the change, one
--   notification per elected official of the commune (confirmed, changed, cancelled), each with a dedupe_key
--   so that the same event never produces two e-mails;
-- - the periodic jobs, idempotent through their dedupe keys: the reminder seven days before an arrival and the
--   weekly digests (officials, steering members, partner representatives);
-- - what the sender (service role only) calls: claim with `for update skip locked`, complete with retries and
--   exponential backoff;
-- - what a coordinator sees and does: the messages of their charter, resend.
--
-- - the retention of the intern's personal data (RGPD), which the e-mails that named the intern follow;
--
-- An outbox row keeps the event and its data (kind, payload). The sender (src/lib/server/notifications/) writes
-- the e-mails about placements from the payload, in the recipient's language (profiles.locale), adds the link to
-- the app, the unsubscribe link and the HTML version, and records the subject and text it sent in the row
-- (complete_notification), for the coordinators' list of messages.
--
-- A notification that must not go out any more (its recipient turned that kind of message off, or the
-- intern's personal data was erased before it left) is cancelled rather than deleted, so that the outbox keeps
-- its history.

-- ---------------------------------------------------------------------------------------------------
-- Preferences
-- ---------------------------------------------------------------------------------------------------
create type public.notification_topic as enum (
  'internship_events', 'internship_reminder', 'digest_official', 'digest_steering', 'digest_partner',
  -- Installation support (20261123400000_installation_support.sql): a new request for the coordination, a
  -- request routed to a partner and the reminder before its due date, the end of an aid's commitment.
  'support_requests', 'support_referrals', 'aid_commitments',
  -- The COPIL cycle (20261123500000_copil_cycle.sql): invitations to meetings, their changes and minutes; the
  -- update campaign before a meeting and its reminders.
  'meetings', 'update_campaigns'
);

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
  sent_at timestamptz,
  topic public.notification_topic,
  internship_id uuid references public.internships (id) on delete set null,
  resent_from uuid references public.notifications (id) on delete set null,
  locked_by text check (length(locked_by) <= 100)
);
create index notifications_pending_idx on public.notifications (next_attempt_at) where status = 'pending';
create index notifications_recipient_user_idx on public.notifications (recipient_user_id);
create index notifications_charter_idx on public.notifications (charter_id, created_at desc);
create index notifications_internship_idx on public.notifications (internship_id);
create index notifications_resent_from_idx on public.notifications (resent_from);
create index notifications_recipient_topic_pending_idx on public.notifications (recipient_user_id, topic)
  where status = 'pending';
create index notifications_charter_status_idx on public.notifications (charter_id, status, created_at desc);
-- No policy: only the service role (server jobs) reaches the outbox. Privileges are withdrawn as well.
alter table public.notifications enable row level security;
revoke all on public.notifications from anon, authenticated;

-- No row means the default: the topic is on. Unsubscribing writes enabled = false.
create table public.notification_preferences (
  user_id uuid not null references public.profiles (id) on delete cascade,
  topic public.notification_topic not null,
  enabled boolean not null,
  updated_at timestamptz not null default now(),
  primary key (user_id, topic)
);
comment on table public.notification_preferences is 'Kinds of e-mail a person turned off (or on again); no row = on.';
create trigger notification_preferences_updated_at before update on public.notification_preferences
  for each row execute function private.set_updated_at();

alter table public.notification_preferences enable row level security;
create policy "users read their own preferences" on public.notification_preferences
  for select to authenticated using (user_id = (select auth.uid()));
create policy "users add their own preferences" on public.notification_preferences
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "users change their own preferences" on public.notification_preferences
  for update to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "users remove their own preferences" on public.notification_preferences
  for delete to authenticated using (user_id = (select auth.uid()));
revoke all on public.notification_preferences from anon;

create function private.wants_notification(p_user_id uuid, p_topic public.notification_topic) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select not exists (
    select 1 from public.notification_preferences np
    where np.user_id = p_user_id and np.topic = p_topic and not np.enabled
  )
$$;


-- Turning a topic off also stops what is still waiting in the outbox for that person.
create function private.cancel_unwanted_notifications() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if not new.enabled then
    update public.notifications n
    set status = 'cancelled', locked_until = null,
        last_error = 'Non envoyé : le destinataire a désactivé ce type de message.'
    where n.recipient_user_id = new.user_id and n.topic = new.topic and n.status = 'pending';
  end if;
  return null;
end;
$$;
create trigger notification_preferences_cancel_pending after insert or update of enabled on public.notification_preferences
  for each row execute function private.cancel_unwanted_notifications();

-- ---------------------------------------------------------------------------------------------------
-- Placements the officials are told about
-- ---------------------------------------------------------------------------------------------------
-- Today in Paris: the day the charters' users live in.
create function private.today_paris() returns date
language sql stable
set search_path = ''
as $$
  select (now() at time zone 'Europe/Paris')::date
$$;

-- Whether the officials of the commune are told about this placement: confirmed (or already arrived), not over,
-- and not anonymised.
create function private.internship_is_announced(p_row public.internships) returns boolean
language sql stable
set search_path = ''
as $$
  select p_row.status in ('confirmed', 'arrived') and p_row.erased_at is null and p_row.ends_on >= private.today_paris()
$$;

-- The elected officials of a commune in a charter who want this topic, with their address.
create function private.commune_officials(p_charter_id uuid, p_commune_code text, p_topic public.notification_topic)
returns table (user_id uuid, email text)
language sql stable security definer
set search_path = ''
as $$
  select oc.user_id, p.email
  from public.official_communes oc
  join public.charter_members m on m.charter_id = oc.charter_id and m.user_id = oc.user_id and m.role = 'elected_official'
  join public.profiles p on p.id = oc.user_id
  where oc.charter_id = p_charter_id and oc.commune_code = p_commune_code and p.email <> ''
    and private.wants_notification(oc.user_id, p_topic)
$$;

-- What the e-mail about one placement tells an elected official: exactly what they need to welcome the intern
-- (first name, profession and level, dates, host, commune, housing) and nothing more (no last name, no e-mail,
-- no supervisor). `p_row` is the placement described; `p_previous` its state before a change. The sender
-- (src/lib/server/notifications/templates.ts) writes the e-mail from it, in the recipient's language.
create function private.internship_payload(p_event text, p_row public.internships, p_previous public.internships)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'event', p_event,
    'internship_id', p_row.id,
    'version', p_row.version,
    'commune_code', p_row.commune_code,
    'starts_on', p_row.starts_on,
    'link_path', '/ma-commune',
    'charter_title', (select ch.title from public.charters ch where ch.id = p_row.charter_id),
    'commune_name', (select c.name from public.communes c where c.code = p_row.commune_code),
    'host_name', (select o.name from public.organizations o where o.id = p_row.host_organization_id),
    'intern_first_name', p_row.intern_first_name,
    'profession', p_row.profession,
    'level', p_row.level,
    'specialty', nullif(trim(p_row.specialty), ''),
    'ends_on', p_row.ends_on,
    'housing', p_row.housing,
    'housing_note', nullif(trim(p_row.housing_note), '')
  ) || case when p_event = 'changed' and p_previous.id is not null then jsonb_build_object('previous', jsonb_strip_nulls(
    jsonb_build_object(
      'starts_on', case when (p_previous.starts_on, p_previous.ends_on) is distinct from (p_row.starts_on, p_row.ends_on)
        then p_previous.starts_on end,
      'ends_on', case when (p_previous.starts_on, p_previous.ends_on) is distinct from (p_row.starts_on, p_row.ends_on)
        then p_previous.ends_on end,
      'host_name', case when p_previous.host_organization_id is distinct from p_row.host_organization_id
        then (select o.name from public.organizations o where o.id = p_previous.host_organization_id) end,
      'commune_name', case when p_previous.commune_code is distinct from p_row.commune_code
        then (select c.name from public.communes c where c.code = p_previous.commune_code) end,
      'housing_changed', (p_previous.housing, p_previous.housing_note) is distinct from (p_row.housing, p_row.housing_note),
      'housing', p_previous.housing,
      'housing_note', nullif(trim(p_previous.housing_note), ''),
      'intern_corrected', (p_previous.intern_first_name, p_previous.profession, p_previous.level, p_previous.specialty)
        is distinct from (p_row.intern_first_name, p_row.profession, p_row.level, p_row.specialty)
    ))) else '{}'::jsonb end
$$;

-- ---------------------------------------------------------------------------------------------------
-- Placement events: written in the same transaction as the change
-- ---------------------------------------------------------------------------------------------------
-- Statement triggers with transition tables: confirming 1 000 placements in one statement writes the
-- notifications in one set-based insert.
create function private.enqueue_internship_inserted() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.notifications (
    kind, topic, recipient_email, recipient_user_id, charter_id, internship_id, subject, body_text, payload, dedupe_key
  )
  select 'internship_confirmed', 'internship_events', r.email, r.user_id, n.charter_id, n.id, '', '',
    private.internship_payload('confirmed', n::public.internships, null::public.internships),
    format('internship:%s:confirmed:v%s:%s', n.id, n.version, r.user_id)
  from new_rows n
  cross join lateral private.commune_officials(n.charter_id, n.commune_code, 'internship_events') r
  where private.internship_is_announced(n::public.internships)
  on conflict (dedupe_key) do nothing;
  return null;
end;
$$;

-- For each official concerned before or after the change: told about the placement before only → cancelled;
-- after only → confirmed; both → changed, when something they were told about changed. Erasing an intern's
-- personal data is not an event for the officials.
create function private.enqueue_internship_updated() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  with pairs as (
    select n::public.internships as new_row, o::public.internships as old_row, n.id,
      private.internship_is_announced(n::public.internships) as new_on,
      private.internship_is_announced(o::public.internships) as old_on,
      (n.starts_on, n.ends_on, n.commune_code, n.host_organization_id, n.housing, n.housing_note,
        n.intern_first_name, n.profession, n.level, n.specialty)
        is distinct from
      (o.starts_on, o.ends_on, o.commune_code, o.host_organization_id, o.housing, o.housing_note,
        o.intern_first_name, o.profession, o.level, o.specialty) as details_changed
    from new_rows n
    join old_rows o on o.id = n.id
    where not (n.erased_at is not null and o.erased_at is null)
  ),
  recipients as (
    select p.id, r.user_id, r.email, true as is_new
    from pairs p
    cross join lateral private.commune_officials((p.new_row).charter_id, (p.new_row).commune_code, 'internship_events') r
    where p.new_on
    union all
    select p.id, r.user_id, r.email, false
    from pairs p
    cross join lateral private.commune_officials((p.old_row).charter_id, (p.old_row).commune_code, 'internship_events') r
    where p.old_on
  ),
  events as (
    select r.id, r.user_id, min(r.email) as email,
      case
        when bool_or(r.is_new) and bool_or(not r.is_new) then 'changed'
        when bool_or(r.is_new) then 'confirmed'
        else 'cancelled'
      end as event
    from recipients r
    group by r.id, r.user_id
  )
  insert into public.notifications (
    kind, topic, recipient_email, recipient_user_id, charter_id, internship_id, subject, body_text, payload, dedupe_key
  )
  select 'internship_' || e.event, 'internship_events', e.email, e.user_id, (p.new_row).charter_id, p.id,
    '', '', private.internship_payload(e.event, case when e.event = 'cancelled' then p.old_row else p.new_row end, p.old_row),
    format('internship:%s:%s:v%s:%s', p.id, e.event, (p.new_row).version, e.user_id)
  from events e
  join pairs p on p.id = e.id
  where e.event <> 'changed' or p.details_changed
  on conflict (dedupe_key) do nothing;
  return null;
end;
$$;

-- A deleted placement that had been announced is a cancellation for its officials.
create function private.enqueue_internship_deleted() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.notifications (
    kind, topic, recipient_email, recipient_user_id, charter_id, internship_id, subject, body_text, payload, dedupe_key
  )
  select 'internship_cancelled', 'internship_events', r.email, r.user_id, o.charter_id, null, '', '',
    private.internship_payload('cancelled', o::public.internships, null::public.internships),
    format('internship:%s:deleted:%s', o.id, r.user_id)
  from old_rows o
  join public.charters ch on ch.id = o.charter_id
  cross join lateral private.commune_officials(o.charter_id, o.commune_code, 'internship_events') r
  where private.internship_is_announced(o::public.internships)
  on conflict (dedupe_key) do nothing;
  return null;
end;
$$;

create trigger internships_notify_insert after insert on public.internships
  referencing new table as new_rows
  for each statement execute function private.enqueue_internship_inserted();
create trigger internships_notify_update after update on public.internships
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.enqueue_internship_updated();
create trigger internships_notify_delete after delete on public.internships
  referencing old table as old_rows
  for each statement execute function private.enqueue_internship_deleted();

-- ---------------------------------------------------------------------------------------------------
-- Periodic jobs (called by the sender's scheduler with the service role; idempotent through dedupe_key)
-- ---------------------------------------------------------------------------------------------------
-- Reminder seven days before an arrival. Run daily; a day missed is caught up (any arrival in the next seven
-- days), and an official who was told about the placement within that window already is not reminded.
create function private.enqueue_internship_reminders(p_today date default null, p_charter_id uuid default null)
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
    kind, topic, recipient_email, recipient_user_id, charter_id, internship_id, subject, body_text, payload, dedupe_key
  )
  select 'internship_reminder', 'internship_reminder', r.email, r.user_id, i.charter_id, i.id, '', '',
    private.internship_payload('reminder', i, null::public.internships),
    format('internship:%s:reminder:%s:%s', i.id, i.starts_on, r.user_id)
  from public.internships i
  cross join lateral private.commune_officials(i.charter_id, i.commune_code, 'internship_reminder') r
  where i.status = 'confirmed' and i.erased_at is null
    and i.starts_on > v_today and i.starts_on <= v_today + 7
    and (p_charter_id is null or i.charter_id = p_charter_id)
    and not exists (
      select 1 from public.notifications n
      where n.internship_id = i.id and n.recipient_user_id = r.user_id
        and n.kind in ('internship_confirmed', 'internship_changed')
        and (n.created_at at time zone 'Europe/Paris')::date >= i.starts_on - 7
    )
  on conflict (dedupe_key) do nothing;
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;

-- The API's entry point: runs as the caller; only private.enqueue_internship_reminders holds the owner's rights.
create function public.enqueue_internship_reminders(p_today date default null, p_charter_id uuid default null)
returns integer language sql volatile security invoker set search_path = ''
as $$ select private.enqueue_internship_reminders(p_today, p_charter_id) $$;
revoke execute on function public.enqueue_internship_reminders(date, uuid), private.enqueue_internship_reminders(date, uuid) from public, anon, authenticated;
grant execute on function public.enqueue_internship_reminders(date, uuid), private.enqueue_internship_reminders(date, uuid) to service_role;

-- Weekly digests, one per person and charter and ISO week, only when there is something to say:
-- - officials: arrivals in their communes in the next four weeks;
-- - steering members: what changed in the charter in the last seven days (action updates, indicator values);
-- - partner representatives: their organization's overdue actions and actions without news for longer than the
--   charter's stale_after_days, the requests referred to it past their due date, and the open decisions it
--   owns (overdue first). Steering members also get the count of open and overdue decisions.
-- (public.decisions is created by a later migration, 20261123500000; plpgsql resolves it when the function runs.)
create function private.enqueue_weekly_digests(p_now timestamptz default null, p_charter_id uuid default null)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_now timestamptz := coalesce(p_now, now());
  v_today date := (v_now at time zone 'Europe/Paris')::date;
  v_week text := to_char(v_today, 'IYYY-"W"IW');
  v_total integer := 0;
  v_count integer;
begin
  -- Officials
  with arrivals as (
    select oc.charter_id, oc.user_id, i.id, i.starts_on,
      jsonb_build_object('starts_on', i.starts_on, 'intern_first_name', i.intern_first_name,
        'profession', i.profession, 'level', i.level, 'host_name', o.name, 'commune_name', c.name,
        'housing', i.housing) as arrival
    from public.official_communes oc
    join public.charter_members mb on mb.charter_id = oc.charter_id and mb.user_id = oc.user_id and mb.role = 'elected_official'
    join public.internships i on i.charter_id = oc.charter_id and i.commune_code = oc.commune_code
    join public.organizations o on o.id = i.host_organization_id
    join public.communes c on c.code = i.commune_code
    where i.status in ('confirmed', 'arrived') and i.erased_at is null
      and i.starts_on >= v_today and i.starts_on < v_today + 28
      and (p_charter_id is null or oc.charter_id = p_charter_id)
  )
  insert into public.notifications (
    kind, topic, recipient_email, recipient_user_id, charter_id, subject, body_text, payload, dedupe_key
  )
  select 'digest_official', 'digest_official', p.email, a.user_id, a.charter_id, '', '',
    jsonb_build_object('week', v_week, 'link_path', '/ma-commune', 'internship_ids', jsonb_agg(a.id),
      'charter_title', ch.title, 'until', v_today + 27,
      'arrivals', jsonb_agg(a.arrival order by a.starts_on, a.arrival ->> 'commune_name', a.id)),
    format('digest:official:%s:%s:%s', v_week, a.charter_id, a.user_id)
  from arrivals a
  join public.profiles p on p.id = a.user_id
  join public.charters ch on ch.id = a.charter_id
  where p.email <> '' and private.wants_notification(a.user_id, 'digest_official')
  group by a.charter_id, a.user_id, p.email, ch.title
  on conflict (dedupe_key) do nothing;
  get diagnostics v_count = row_count;
  v_total := v_total + v_count;

  -- Steering members
  with changes as (
    select u.charter_id, count(*) as update_count,
      jsonb_agg(
        jsonb_build_object('code', a.code, 'title', a.title, 'status', u.status, 'progress', u.progress,
          'health', u.health, 'on', (u.created_at at time zone 'Europe/Paris')::date)
        order by u.created_at desc
      ) as updates
    from public.action_updates u
    join public.actions a on a.id = u.action_id
    where u.created_at >= v_now - interval '7 days' and u.created_at < v_now
      and (p_charter_id is null or u.charter_id = p_charter_id)
    group by u.charter_id
  ),
  values_entered as (
    select v.charter_id, count(*) as value_count
    from public.indicator_values v
    where v.created_at >= v_now - interval '7 days' and v.created_at < v_now
      and (p_charter_id is null or v.charter_id = p_charter_id)
    group by v.charter_id
  ),
  charters_changed as (
    select ch.id as charter_id, ch.title, ch.slug, coalesce(c.update_count, 0) as update_count, c.updates,
      coalesce(v.value_count, 0) as value_count
    from public.charters ch
    left join changes c on c.charter_id = ch.id
    left join values_entered v on v.charter_id = ch.id
    where c.charter_id is not null or v.charter_id is not null
  ),
  decision_counts as (
    select d.charter_id, count(*) filter (where d.status = 'open') as open_count,
      count(*) filter (where d.status = 'open' and d.due_on < v_today) as overdue_count
    from public.decisions d
    where p_charter_id is null or d.charter_id = p_charter_id
    group by d.charter_id
  )
  insert into public.notifications (
    kind, topic, recipient_email, recipient_user_id, charter_id, subject, body_text, payload, dedupe_key
  )
  select 'digest_steering', 'digest_steering', p.email, mb.user_id, cc.charter_id, '', '',
    jsonb_build_object('week', v_week, 'link_path', '/chartes/' || cc.slug || '/tableau-de-bord',
      'charter_title', cc.title, 'update_count', cc.update_count, 'value_count', cc.value_count,
      'updates', coalesce(cc.updates, '[]'::jsonb),
      'open_decision_count', coalesce(dc.open_count, 0), 'overdue_decision_count', coalesce(dc.overdue_count, 0)),
    format('digest:steering:%s:%s:%s', v_week, cc.charter_id, mb.user_id)
  from charters_changed cc
  left join decision_counts dc on dc.charter_id = cc.charter_id
  join public.charter_members mb on mb.charter_id = cc.charter_id and mb.role = 'steering'
  join public.profiles p on p.id = mb.user_id
  where p.email <> '' and private.wants_notification(mb.user_id, 'digest_steering')
  on conflict (dedupe_key) do nothing;
  get diagnostics v_count = row_count;
  v_total := v_total + v_count;

  -- Partner representatives
  with organization_actions as (
    select a.id, a.charter_id, a.lead_organization_id as organization_id from public.actions a
    union
    select ap.action_id, ap.charter_id, ap.organization_id from public.action_partners ap
  ),
  late as (
    -- Each action with the way to its update form (id), whether the recipient's organization leads it (the
    -- pilot's representatives are asked first, contributors are told what is expected of them) and its pilot.
    select oa.charter_id, oa.organization_id, a.code, a.position, a.lead_organization_id = oa.organization_id as leads,
      jsonb_build_object('id', a.id, 'code', a.code, 'title', a.title, 'leads', a.lead_organization_id = oa.organization_id,
        'lead_name', lo.name)
      || case
        when a.due_on < v_today then jsonb_build_object('reason', 'overdue', 'on', a.due_on)
        when a.last_update_at is null then jsonb_build_object('reason', 'never')
        else jsonb_build_object('reason', 'stale', 'on', (a.last_update_at at time zone 'Europe/Paris')::date)
      end as late_action
    from organization_actions oa
    join public.actions a on a.id = oa.id
    join public.organizations lo on lo.id = a.lead_organization_id
    join public.charters ch on ch.id = a.charter_id
    where a.archived_at is null and a.status not in ('done', 'abandoned')
      and (p_charter_id is null or a.charter_id = p_charter_id)
      and (
        a.due_on < v_today
        or coalesce(a.last_update_at, a.created_at) < v_now - make_interval(days => ch.stale_after_days)
      )
  ),
  late_by_organization as (
    select l.charter_id, l.organization_id,
      jsonb_agg(l.late_action order by not l.leads, l.position, l.code) as actions
    from late l
    group by l.charter_id, l.organization_id
  ),
  -- The requests referred to the organization (installation support) still open past their due date: the
  -- reference, need and due date only (public.referrals is created by a later migration; plpgsql resolves it
  -- when the function runs).
  overdue_referrals as (
    select rf.charter_id, rf.organization_id,
      jsonb_agg(jsonb_build_object('id', rf.id, 'reference', r.reference, 'need', rf.need, 'due_on', rf.due_on)
        order by rf.due_on, r.reference) as referrals
    from public.referrals rf
    join public.support_requests r on r.id = rf.request_id
    where rf.status in ('sent', 'accepted') and rf.due_on < v_today
      and r.erased_at is null and r.status not in ('installed', 'abandoned')
      and (p_charter_id is null or rf.charter_id = p_charter_id)
    group by rf.charter_id, rf.organization_id
  ),
  -- The decisions of the steering committee the organization owns and has not done yet, overdue first.
  open_decisions as (
    select d.charter_id, d.owner_organization_id as organization_id,
      jsonb_agg(jsonb_build_object('id', d.id, 'code', d.code, 'text', d.text, 'due_on', d.due_on,
          'overdue', coalesce(d.due_on < v_today, false))
        order by coalesce(d.due_on < v_today, false) desc, d.due_on nulls last, d.number) as decisions
    from public.decisions d
    where d.status = 'open' and (p_charter_id is null or d.charter_id = p_charter_id)
    group by d.charter_id, d.owner_organization_id
  ),
  actions_and_referrals as (
    select coalesce(lo.charter_id, orf.charter_id) as charter_id,
      coalesce(lo.organization_id, orf.organization_id) as organization_id,
      coalesce(lo.actions, '[]'::jsonb) as actions, coalesce(orf.referrals, '[]'::jsonb) as referrals
    from late_by_organization lo
    full join overdue_referrals orf on orf.charter_id = lo.charter_id and orf.organization_id = lo.organization_id
  ),
  partner_news as (
    select coalesce(ar.charter_id, od.charter_id) as charter_id,
      coalesce(ar.organization_id, od.organization_id) as organization_id,
      coalesce(ar.actions, '[]'::jsonb) as actions, coalesce(ar.referrals, '[]'::jsonb) as referrals,
      coalesce(od.decisions, '[]'::jsonb) as decisions
    from actions_and_referrals ar
    full join open_decisions od on od.charter_id = ar.charter_id and od.organization_id = ar.organization_id
  )
  insert into public.notifications (
    kind, topic, recipient_email, recipient_user_id, charter_id, subject, body_text, payload, dedupe_key
  )
  select 'digest_partner', 'digest_partner', p.email, mb.user_id, pn.charter_id, '', '',
    jsonb_build_object('week', v_week, 'link_path', '/mes-actions', 'charter_title', ch.title,
      'charter_slug', ch.slug, 'charter_short_title', coalesce(ch.short_title, ch.title), 'organization_name', o.name,
      'actions', pn.actions, 'referrals', pn.referrals, 'decisions', pn.decisions),
    format('digest:partner:%s:%s:%s', v_week, pn.charter_id, mb.user_id)
  from partner_news pn
  join public.charter_members mb
    on mb.charter_id = pn.charter_id and mb.organization_id = pn.organization_id and mb.role = 'partner_rep'
  join public.profiles p on p.id = mb.user_id
  join public.charters ch on ch.id = pn.charter_id
  join public.organizations o on o.id = pn.organization_id
  where p.email <> '' and private.wants_notification(mb.user_id, 'digest_partner')
  on conflict (dedupe_key) do nothing;
  get diagnostics v_count = row_count;
  v_total := v_total + v_count;

  return v_total;
end;
$$;

-- The API's entry point: runs as the caller; only private.enqueue_weekly_digests holds the owner's rights.
create function public.enqueue_weekly_digests(p_now timestamptz default null, p_charter_id uuid default null)
returns integer language sql volatile security invoker set search_path = ''
as $$ select private.enqueue_weekly_digests(p_now, p_charter_id) $$;
revoke execute on function public.enqueue_weekly_digests(timestamptz, uuid), private.enqueue_weekly_digests(timestamptz, uuid) from public, anon, authenticated;
grant execute on function public.enqueue_weekly_digests(timestamptz, uuid), private.enqueue_weekly_digests(timestamptz, uuid) to service_role;

-- ---------------------------------------------------------------------------------------------------
-- The sender (service role only)
-- ---------------------------------------------------------------------------------------------------
-- Claims due notifications for one worker. `for update skip locked` lets several workers claim at the same
-- time without ever taking the same row; locked_until makes a crashed worker's claim expire, so its messages
-- are sent by the next one. An attempt is counted at claim time, so that a message that crashes every worker
-- that takes it still ends as failed.
create function public.claim_notifications(
  p_worker text,
  p_limit integer default 20,
  p_lock_seconds integer default 60,
  p_charter_id uuid default null
) returns setof public.notifications
language sql
volatile
set search_path = ''
as $$
  with picked as (
    select n.id
    from public.notifications n
    where n.status = 'pending'
      and n.next_attempt_at <= now()
      and (n.locked_until is null or n.locked_until <= now())
      and (p_charter_id is null or n.charter_id = p_charter_id)
    order by n.next_attempt_at, n.created_at
    limit least(greatest(coalesce(p_limit, 20), 1), 500)
    for update skip locked
  )
  update public.notifications n
  set locked_until = now() + make_interval(secs => greatest(coalesce(p_lock_seconds, 60), 1)),
      locked_by = left(p_worker, 100),
      attempts = n.attempts + 1
  from picked
  where n.id = picked.id
  returning n.*
$$;

-- Records the outcome of one attempt: sent, or the error with the next attempt after an exponential backoff
-- (base × 2^(attempts − 1), at most six hours), or failed after p_max_attempts.
-- p_subject and p_body_text: the subject and text the sender rendered (without the footer and its personal
-- unsubscribe link), kept in the row for the coordinators' list; null keeps what the row holds.
create function public.complete_notification(
  p_id uuid,
  p_error text default null,
  p_max_attempts integer default 8,
  p_retry_base_seconds integer default 60,
  p_subject text default null,
  p_body_text text default null
) returns public.notification_status
language plpgsql
set search_path = ''
as $$
declare
  v_status public.notification_status;
begin
  if p_error is null then
    update public.notifications
    set status = 'sent', sent_at = now(), locked_until = null, locked_by = null, last_error = null,
        subject = coalesce(left(p_subject, 300), subject), body_text = coalesce(p_body_text, body_text)
    where id = p_id and status = 'pending'
    returning status into v_status;
  else
    update public.notifications
    set status = case when attempts >= p_max_attempts then 'failed'::public.notification_status else 'pending' end,
        next_attempt_at = now() + make_interval(
          secs => least(21600, greatest(p_retry_base_seconds, 1) * power(2, least(greatest(attempts - 1, 0), 20)))
        ),
        locked_until = null,
        locked_by = null,
        last_error = left(p_error, 1000),
        subject = coalesce(left(p_subject, 300), subject), body_text = coalesce(p_body_text, body_text)
    where id = p_id and status = 'pending'
    returning status into v_status;
  end if;
  return v_status;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- What a coordinator sees and does (as the signed-in user; the outbox itself stays out of reach)
-- ---------------------------------------------------------------------------------------------------
create function private.charter_notifications(
  p_charter_id uuid,
  p_status public.notification_status default null,
  p_limit integer default 50,
  p_offset integer default 0
) returns table (
  id uuid,
  kind text,
  topic public.notification_topic,
  recipient_email text,
  subject text,
  body_text text,
  payload jsonb,
  status public.notification_status,
  attempts integer,
  last_error text,
  created_at timestamptz,
  sent_at timestamptz,
  next_attempt_at timestamptz,
  resent_from uuid,
  total_count bigint
)
language sql
stable
security definer
set search_path = ''
as $$
  select n.id, n.kind, n.topic, n.recipient_email, n.subject, n.body_text, n.payload, n.status, n.attempts, n.last_error,
    n.created_at, n.sent_at, n.next_attempt_at, n.resent_from, count(*) over ()
  from public.notifications n
  where n.charter_id = p_charter_id
    and p_charter_id in (select private.coordinated_charter_ids())
    and (p_status is null or n.status = p_status)
  order by n.created_at desc, n.id
  limit least(greatest(coalesce(p_limit, 50), 1), 200)
  offset greatest(coalesce(p_offset, 0), 0)
$$;

-- The payload lets the page show, in the coordinator's language, the e-mails the sender has not written yet
-- (pending, or cancelled before they left): their subject and text are empty until they are sent.
-- The API's entry point: runs as the caller; only private.charter_notifications holds the owner's rights.
create function public.charter_notifications(p_charter_id uuid, p_status public.notification_status default null, p_limit integer default 50, p_offset integer default 0)
returns table (id uuid, kind text, topic public.notification_topic, recipient_email text, subject text, body_text text, payload jsonb, status public.notification_status, attempts integer, last_error text, created_at timestamptz, sent_at timestamptz, next_attempt_at timestamptz, resent_from uuid, total_count bigint)
language sql stable security invoker set search_path = ''
as $$ select * from private.charter_notifications(p_charter_id, p_status, p_limit, p_offset) $$;
revoke execute on function public.charter_notifications(uuid, public.notification_status, integer, integer), private.charter_notifications(uuid, public.notification_status, integer, integer) from public, anon;
grant execute on function public.charter_notifications(uuid, public.notification_status, integer, integer), private.charter_notifications(uuid, public.notification_status, integer, integer) to authenticated;

create function private.charter_notification_counts(p_charter_id uuid)
returns table (status public.notification_status, messages bigint)
language sql
stable
security definer
set search_path = ''
as $$
  select n.status, count(*)
  from public.notifications n
  where n.charter_id = p_charter_id and p_charter_id in (select private.coordinated_charter_ids())
  group by n.status
$$;

-- The API's entry point: runs as the caller; only private.charter_notification_counts holds the owner's rights.
create function public.charter_notification_counts(p_charter_id uuid)
returns table (status public.notification_status, messages bigint)
language sql stable security invoker set search_path = ''
as $$ select * from private.charter_notification_counts(p_charter_id) $$;
revoke execute on function public.charter_notification_counts(uuid), private.charter_notification_counts(uuid) from public, anon;
grant execute on function public.charter_notification_counts(uuid), private.charter_notification_counts(uuid) to authenticated;

-- Resend: a failed (or cancelled) message goes back to the queue with fresh attempts; a sent one is copied as a
-- new message (its own Message-ID), so that the history keeps both.
create function private.resend_notification(p_notification_id uuid)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_row public.notifications%rowtype;
  v_new uuid;
  v_copies integer;
begin
  select * into v_row from public.notifications n where n.id = p_notification_id for update;
  if not found or v_row.charter_id is null or v_row.charter_id not in (select private.coordinated_charter_ids()) then
    raise exception using errcode = 'PT404', message = 'Message introuvable.';
  end if;
  if v_row.status = 'pending' then
    raise exception using errcode = 'PT409', message = 'Ce message est déjà en attente d''envoi.';
  end if;
  if v_row.payload ? 'erased' then
    raise exception using errcode = 'PT409',
      message = 'Ce message contenait des données personnelles effacées depuis : il ne peut pas être renvoyé.';
  end if;
  if v_row.recipient_user_id is not null and v_row.topic is not null
     and not private.wants_notification(v_row.recipient_user_id, v_row.topic) then
    raise exception using errcode = 'PT409',
      message = 'Le destinataire a désactivé ce type de message : il ne peut pas lui être renvoyé.';
  end if;

  if v_row.status in ('failed', 'cancelled') then
    update public.notifications
    set status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = null, locked_by = null, last_error = null
    where id = v_row.id;
    return v_row.id;
  end if;

  select count(*) into v_copies from public.notifications n where n.resent_from = v_row.id;
  insert into public.notifications (
    kind, topic, recipient_email, recipient_user_id, charter_id, internship_id, subject, body_text, body_html, payload,
    dedupe_key, resent_from
  )
  values (
    v_row.kind, v_row.topic, v_row.recipient_email, v_row.recipient_user_id, v_row.charter_id, v_row.internship_id,
    v_row.subject, v_row.body_text, v_row.body_html, v_row.payload || jsonb_build_object('resent_by', (select auth.uid())),
    left(v_row.dedupe_key, 260) || ':resend:' || (v_copies + 1), v_row.id
  )
  on conflict (dedupe_key) do nothing
  returning id into v_new;
  if v_new is null then
    raise exception using errcode = 'PT409', message = 'Ce message vient déjà d''être renvoyé.';
  end if;
  return v_new;
end;
$$;

-- The API's entry point: runs as the caller; only private.resend_notification holds the owner's rights.
create function public.resend_notification(p_notification_id uuid)
returns uuid language sql volatile security invoker set search_path = ''
as $$ select private.resend_notification(p_notification_id) $$;
revoke execute on function public.resend_notification(uuid), private.resend_notification(uuid) from public, anon;
grant execute on function public.resend_notification(uuid), private.resend_notification(uuid) to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- Privileges: the sender's functions for the service role only, the coordinator's for signed-in users
-- ---------------------------------------------------------------------------------------------------
revoke execute on function
  public.enqueue_internship_reminders(date, uuid),
  public.enqueue_weekly_digests(timestamptz, uuid),
  public.claim_notifications(text, integer, integer, uuid),
  public.complete_notification(uuid, text, integer, integer, text, text)
from public, anon, authenticated;
grant execute on function
  public.enqueue_internship_reminders(date, uuid),
  public.enqueue_weekly_digests(timestamptz, uuid),
  public.claim_notifications(text, integer, integer, uuid),
  public.complete_notification(uuid, text, integer, integer, text, text)
to service_role;

revoke execute on function
  public.charter_notifications(uuid, public.notification_status, integer, integer),
  public.charter_notification_counts(uuid),
  public.resend_notification(uuid)
from public, anon;
grant execute on function
  public.charter_notifications(uuid, public.notification_status, integer, integer),
  public.charter_notification_counts(uuid),
  public.resend_notification(uuid)
to authenticated;

revoke all on function
  private.wants_notification(uuid, public.notification_topic),
  private.cancel_unwanted_notifications(),
  private.today_paris(),
  private.internship_is_announced(public.internships),
  private.commune_officials(uuid, text, public.notification_topic),
  private.internship_payload(text, public.internships, public.internships),
  private.enqueue_internship_inserted(),
  private.enqueue_internship_updated(),
  private.enqueue_internship_deleted()
from public;

-- RGPD: the intern's personal data (first name, last name, e-mail) is erased a configurable number of months
-- after the end of the internship (RETENTION_MONTHS, 12 by default), or earlier on the intern's request by a
-- coordinator. The anonymous row stays for the statistics (internship_counts). The e-mails that named the
-- intern lose their text too: pending ones are cancelled, sent ones keep their subject (commune and date only).

create function private.erase_internships(p_ids uuid[]) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_count integer;
begin
  update public.internships
  set intern_first_name = null, intern_last_name = null, intern_email = null, erased_at = now()
  where id = any (p_ids) and erased_at is null;
  get diagnostics v_count = row_count;

  update public.notifications n
  set status = 'cancelled', locked_until = null,
      last_error = 'Non envoyé : les données personnelles du stagiaire ont été effacées.'
  where n.status = 'pending'
    and (n.internship_id = any (p_ids) or n.payload -> 'internship_ids' ?| p_ids::text[]);

  update public.notifications n
  set body_text = 'Contenu effacé : ce message nommait une personne en stage dont les données personnelles ont été supprimées (RGPD).',
      body_html = null,
      payload = (n.payload - 'intern_first_name' - 'arrivals') || jsonb_build_object('erased', true)
  where (n.internship_id = any (p_ids) or n.payload -> 'internship_ids' ?| p_ids::text[])
    and not n.payload ? 'erased';
  return v_count;
end;
$$;

-- The retention job (service role, run by the sender's scheduler): erases what is due and nothing else. The
-- data is kept for p_months whole months after ends_on and erased from the next day on.
create function private.erase_expired_intern_data(
  p_months integer default 12,
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
  select coalesce(array_agg(i.id), '{}') into v_ids
  from public.internships i
  where i.erased_at is null
    and (i.ends_on + make_interval(months => p_months))::date < v_today
    and (p_charter_id is null or i.charter_id = p_charter_id);
  if cardinality(v_ids) = 0 then
    return 0;
  end if;
  return private.erase_internships(v_ids);
end;
$$;

-- The API's entry point: runs as the caller; only private.erase_expired_intern_data holds the owner's rights.
create function public.erase_expired_intern_data(p_months integer default 12, p_today date default null, p_charter_id uuid default null)
returns integer language sql volatile security invoker set search_path = ''
as $$ select private.erase_expired_intern_data(p_months, p_today, p_charter_id) $$;
revoke execute on function public.erase_expired_intern_data(integer, date, uuid), private.erase_expired_intern_data(integer, date, uuid) from public, anon, authenticated;
grant execute on function public.erase_expired_intern_data(integer, date, uuid), private.erase_expired_intern_data(integer, date, uuid) to service_role;

-- Erasure on request (droit à l'effacement), by a coordinator of the internship's charter.
create function private.erase_intern_personal_data(p_internship_id uuid) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_charter_id uuid;
  v_erased_at timestamptz;
begin
  select i.charter_id, i.erased_at into v_charter_id, v_erased_at from public.internships i where i.id = p_internship_id;
  if v_charter_id is null or v_charter_id not in (select private.coordinated_charter_ids()) then
    raise exception using errcode = 'PT403',
      message = 'Seule la coordination de la charte peut effacer les données personnelles d''un stage.';
  end if;
  if v_erased_at is not null then
    raise exception using errcode = 'PT409', message = 'Les données de ce ou cette stagiaire sont déjà effacées.';
  end if;
  perform private.erase_internships(array[p_internship_id]);
end;
$$;

-- The API's entry point: runs as the caller; only private.erase_intern_personal_data holds the owner's rights.
create function public.erase_intern_personal_data(p_internship_id uuid)
returns void language sql volatile security invoker set search_path = ''
as $$ select private.erase_intern_personal_data(p_internship_id) $$;
revoke execute on function public.erase_intern_personal_data(uuid), private.erase_intern_personal_data(uuid) from public, anon;
grant execute on function public.erase_intern_personal_data(uuid), private.erase_intern_personal_data(uuid) to authenticated;

revoke all on function private.erase_internships(uuid[]) from public;

-- Which communes receiving interns have an elected official to tell: for the coordinators of a charter, each
-- commune with an upcoming or ongoing placement, its next arrival, how many officials cover it and how many
-- invitations of officials for it are still pending. A commune without official is a promise not kept yet.
create function private.internship_commune_coverage(p_charter_id uuid)
returns table (
  commune_code text,
  commune_name text,
  placements bigint,
  next_arrival date,
  officials bigint,
  pending_invitations bigint
)
language sql
stable
security definer
set search_path = ''
as $$
  with placements as (
    select i.commune_code, count(*) as placements,
      min(i.starts_on) filter (where i.starts_on >= private.today_paris()) as next_arrival
    from public.internships i
    where i.charter_id = p_charter_id and i.status <> 'cancelled' and i.ends_on >= private.today_paris()
    group by i.commune_code
  ),
  covered as (
    select oc.commune_code, count(*) as officials
    from public.official_communes oc
    join public.charter_members m on m.charter_id = oc.charter_id and m.user_id = oc.user_id and m.role = 'elected_official'
    where oc.charter_id = p_charter_id
    group by oc.commune_code
  ),
  invited as (
    select code as commune_code, count(*) as pending_invitations
    from public.invitations v
    cross join unnest(v.commune_codes) as code
    where v.charter_id = p_charter_id and v.status = 'pending' and v.role = 'elected_official'
    group by code
  )
  select p.commune_code, c.name, p.placements, p.next_arrival, coalesce(cv.officials, 0),
    coalesce(iv.pending_invitations, 0)
  from placements p
  join public.communes c on c.code = p.commune_code
  left join covered cv on cv.commune_code = p.commune_code
  left join invited iv on iv.commune_code = p.commune_code
  where p_charter_id in (select private.coordinated_charter_ids())
  order by coalesce(cv.officials, 0) > 0, p.next_arrival nulls last, c.name
$$;

-- The API's entry point: runs as the caller; only private.internship_commune_coverage holds the owner's rights.
create function public.internship_commune_coverage(p_charter_id uuid)
returns table (commune_code text, commune_name text, placements bigint, next_arrival date, officials bigint, pending_invitations bigint)
language sql stable security invoker set search_path = ''
as $$ select * from private.internship_commune_coverage(p_charter_id) $$;
revoke execute on function public.internship_commune_coverage(uuid), private.internship_commune_coverage(uuid) from public, anon;
grant execute on function public.internship_commune_coverage(uuid), private.internship_commune_coverage(uuid) to authenticated;
