-- The invitations to a meeting, through the outbox (topic meetings, notifications.meeting_id set): every
-- attendee of a planned meeting receives an e-mail with an iCalendar file (the sender adds the file,
-- src/lib/server/notifications/attachments.ts), and again each time the meeting changes.
--
-- - an attendee added to a planned meeting: meeting_invitation, to that person (METHOD:REQUEST);
-- - the meeting's sequence rises (date, duration, place or link changed, or the meeting cancelled; the core
--   trigger private.prepare_meeting raises it): meeting_update (METHOD:REQUEST) or meeting_cancelled
--   (METHOD:CANCEL), to every attendee, once per meeting, sequence and attendee (dedupe key);
-- - an attendee removed from a planned meeting: meeting_cancelled, to that person only;
-- - a planned meeting deleted: meeting_cancelled to every attendee.
--
-- A member's address and language are those of their profile, and a member who turned the topic meetings off
-- receives nothing (private.wants_notification); a guest (a partner without an account) always receives them
-- at the address the coordinator typed. The payload carries all the e-mail and the .ics need, as they were
-- when the change was made: the calendar identifier of the meeting (uid, stable), its sequence, the method,
-- the meeting's kind, title, start, duration, place and link, the charter (title, slug: the organizer's name),
-- and the attendee's name and organization.

-- What an e-mail about a meeting says, for one attendee.
create function private.meeting_invitation_payload(
  p_meeting public.meetings,
  p_attendee public.meeting_attendees,
  p_kind text,
  p_name text
) returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'meeting_id', p_meeting.id,
    'uid', p_meeting.id::text || '@chartes-partenariales',
    'sequence', p_meeting.sequence,
    'method', case when p_kind = 'meeting_cancelled' then 'CANCEL' else 'REQUEST' end,
    'kind', p_kind,
    'meeting_kind', p_meeting.kind,
    'title', p_meeting.title,
    'starts_at', p_meeting.starts_at,
    'duration_minutes', p_meeting.duration_minutes,
    'place', p_meeting.place,
    'video_url', p_meeting.video_url,
    'status', p_meeting.status,
    'updates_due_on', p_meeting.updates_due_on,
    'charter_title', c.title,
    'charter_slug', c.slug,
    'attendee_name', p_name,
    'attendee_id', p_attendee.id,
    'guest', p_attendee.user_id is null,
    'organization_name', (select coalesce(o.short_name, o.name) from public.organizations o where o.id = p_attendee.organization_id),
    -- A member's link goes to the meeting's page; a guest has no account: the charter's public page if it has
    -- one, else the home page.
    'link_path', case
      when p_attendee.user_id is not null then format('/chartes/%s/reunions/%s', c.slug, p_meeting.id)
      when c.is_public then '/public/' || c.slug
      else '/' end
  )
  from public.charters c
  where c.id = p_meeting.charter_id
$$;

-- The address, account and name an attendee is written to; none for a member who turned the topic off.
create function private.meeting_attendee_recipient(p_attendee public.meeting_attendees)
returns table (email text, user_id uuid, name text)
language sql
stable
security definer
set search_path = ''
as $$
  select p.email, p.id, p.display_name
  from public.profiles p
  where p_attendee.user_id is not null and p.id = p_attendee.user_id
    and private.wants_notification(p.id, 'meetings')
  union all
  select p_attendee.guest_email, null::uuid, p_attendee.guest_name
  where p_attendee.user_id is null and p_attendee.guest_email is not null
$$;

-- Writes one e-mail about a meeting to one attendee (nothing if they do not want it, or if it was written already).
create function private.enqueue_meeting_mail(
  p_meeting public.meetings,
  p_attendee public.meeting_attendees,
  p_kind text,
  p_dedupe_key text
) returns void
language sql
volatile
security definer
set search_path = ''
as $$
  insert into public.notifications (
    kind, topic, recipient_email, recipient_user_id, charter_id, meeting_id, subject, body_text, payload, dedupe_key
  )
  select p_kind, 'meetings', r.email, r.user_id, p_meeting.charter_id, p_meeting.id, '', '',
    private.meeting_invitation_payload(p_meeting, p_attendee, p_kind, r.name), p_dedupe_key
  from private.meeting_attendee_recipient(p_attendee) r
  on conflict (dedupe_key) do nothing
$$;

-- An attendee added to a planned meeting is invited.
create function private.enqueue_meeting_invitation() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_meeting public.meetings%rowtype;
begin
  select * into v_meeting from public.meetings m where m.id = new.meeting_id;
  if found and v_meeting.status = 'planned' then
    perform private.enqueue_meeting_mail(
      v_meeting, new, 'meeting_invitation',
      format('meeting:%s:invitation:%s:%s', v_meeting.id, new.id, v_meeting.sequence)
    );
  end if;
  return null;
end;
$$;
create trigger meeting_attendees_invite after insert on public.meeting_attendees
  for each row execute function private.enqueue_meeting_invitation();

-- An attendee removed from a planned meeting gets the cancellation (their calendar drops the event). When the
-- whole meeting is deleted, its row is gone already and nothing is written.
create function private.enqueue_meeting_uninvitation() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_meeting public.meetings%rowtype;
begin
  select * into v_meeting from public.meetings m where m.id = old.meeting_id;
  if found and v_meeting.status = 'planned' then
    perform private.enqueue_meeting_mail(
      v_meeting, old, 'meeting_cancelled', format('meeting:%s:removed:%s', v_meeting.id, old.id)
    );
  end if;
  return null;
end;
$$;
create trigger meeting_attendees_uninvite after delete on public.meeting_attendees
  for each row execute function private.enqueue_meeting_uninvitation();

-- A planned meeting that moves (or is cancelled): the update to every attendee, once per sequence.
create function private.enqueue_meeting_update() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_kind text := case when new.status = 'cancelled' then 'meeting_cancelled' else 'meeting_update' end;
  v_attendee public.meeting_attendees%rowtype;
begin
  if old.status <> 'planned' or new.sequence <= old.sequence or new.status = 'held' then
    return null;
  end if;
  for v_attendee in select * from public.meeting_attendees a where a.meeting_id = new.id loop
    perform private.enqueue_meeting_mail(
      new, v_attendee, v_kind, format('meeting:%s:sequence:%s:%s', new.id, new.sequence, v_attendee.id)
    );
  end loop;
  return null;
end;
$$;
-- Not "update of sequence": the sequence is raised by a before trigger, which such a trigger would not see.
create trigger meetings_enqueue_update after update on public.meetings
  for each row execute function private.enqueue_meeting_update();

-- A planned meeting deleted rather than cancelled: every attendee gets the cancellation all the same (with the
-- next sequence, so that calendars drop the event), before its attendees go with it. Not when the whole charter
-- is deleted (its row is gone already, and nobody is told of a charter's removal this way).
create function private.enqueue_meeting_deleted() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_meeting public.meetings := old;
  v_attendee public.meeting_attendees;
begin
  if old.status = 'planned' and exists (select 1 from public.charters c where c.id = old.charter_id) then
    v_meeting.sequence := old.sequence + 1;
    v_meeting.status := 'cancelled';
    for v_attendee in select * from public.meeting_attendees a where a.meeting_id = old.id loop
      perform private.enqueue_meeting_mail(
        v_meeting, v_attendee, 'meeting_cancelled', format('meeting:%s:deleted:%s', old.id, v_attendee.id)
      );
    end loop;
  end if;
  return old;
end;
$$;
create trigger meetings_enqueue_deleted before delete on public.meetings
  for each row execute function private.enqueue_meeting_deleted();

revoke all on function
  private.meeting_invitation_payload(public.meetings, public.meeting_attendees, text, text),
  private.meeting_attendee_recipient(public.meeting_attendees),
  private.enqueue_meeting_mail(public.meetings, public.meeting_attendees, text, text),
  private.enqueue_meeting_invitation(),
  private.enqueue_meeting_uninvitation(),
  private.enqueue_meeting_update(),
  private.enqueue_meeting_deleted()
from public, anon, authenticated;
