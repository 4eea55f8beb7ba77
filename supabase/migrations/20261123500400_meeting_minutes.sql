-- The minutes of a held meeting (compte rendu), sent to its attendees through the outbox: one message per
-- attendee (a member by their profile's address, a guest by the address they were invited with), kind
-- `meeting_minutes`, topic `meetings`. The sender attaches the PDF minutes (drawn when it sends, from the meeting,
-- its attendees, agenda, decisions and snapshot: src/lib/server/notifications/meetings/minutes-attachment.ts).
--
-- Sending twice without a change adds nothing: the dedupe key holds the meeting's version (raised by any change
-- of the meeting, its minutes included), so a send after the minutes change goes again.
-- Only a coordinator of the charter sends, and only the minutes of a held meeting.

create function private.enqueue_meeting_minutes(p_meeting_id uuid) returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_meeting public.meetings%rowtype;
  v_charter public.charters%rowtype;
  v_count integer;
begin
  select * into v_meeting from public.meetings m where m.id = p_meeting_id;
  if not found or v_meeting.charter_id not in (select private.member_charter_ids()) then
    raise exception using errcode = 'PT404', message = 'Réunion introuvable.';
  end if;
  if v_meeting.charter_id not in (select private.coordinated_charter_ids()) then
    raise exception using errcode = 'PT403', message = 'Seule la coordination de la charte envoie le compte rendu.';
  end if;
  if v_meeting.status <> 'held' then
    raise exception using errcode = 'PT409', message = 'Le compte rendu s''envoie une fois la réunion tenue.';
  end if;
  select * into v_charter from public.charters c where c.id = v_meeting.charter_id;

  insert into public.notifications (
    kind, topic, recipient_email, recipient_user_id, charter_id, meeting_id, subject, body_text, payload, dedupe_key
  )
  select 'meeting_minutes', 'meetings', r.email, r.user_id, v_meeting.charter_id, v_meeting.id, '', '',
    jsonb_build_object(
      'meeting_id', v_meeting.id,
      'meeting_kind', v_meeting.kind,
      'meeting_title', v_meeting.title,
      'starts_at', v_meeting.starts_at,
      'charter_title', v_charter.title,
      'charter_slug', v_charter.slug,
      'recipient_name', r.name,
      'link_path', format('/chartes/%s/reunions/%s/compte-rendu', v_charter.slug, v_meeting.id)
    ),
    format('meeting:%s:minutes:%s:%s', v_meeting.id, v_meeting.version, r.attendee_id)
  from (
    select a.id as attendee_id, p.id as user_id, p.email, p.display_name as name
    from public.meeting_attendees a
    join public.profiles p on p.id = a.user_id
    where a.meeting_id = v_meeting.id and private.wants_notification(p.id, 'meetings')
    union all
    select a.id, null, a.guest_email, a.guest_name
    from public.meeting_attendees a
    where a.meeting_id = v_meeting.id and a.user_id is null and a.guest_email is not null
  ) r
  on conflict (dedupe_key) do nothing;
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;

-- The API's entry point, with the caller's rights (the checks above use them).
create function public.enqueue_meeting_minutes(p_meeting_id uuid) returns integer
language sql volatile security invoker set search_path = ''
as $$ select private.enqueue_meeting_minutes(p_meeting_id) $$;

revoke execute on function public.enqueue_meeting_minutes(uuid), private.enqueue_meeting_minutes(uuid) from public, anon;
grant execute on function public.enqueue_meeting_minutes(uuid), private.enqueue_meeting_minutes(uuid) to authenticated;
