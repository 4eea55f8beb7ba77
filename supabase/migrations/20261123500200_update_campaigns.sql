-- The update campaign before a meeting (issue 15, item 2): from the meeting's campaign_opens_on to its
-- updates_due_on, every partner organization is asked to update the actions it leads; the coordination follows
-- who did (public.campaign_board), the dashboard says whether the plan is up to date for the meeting
-- (public.campaign_status), and the sender's daily job writes the e-mails (private.enqueue_campaign_notices):
-- the opening notice, then reminders at D-7 and D-2 to those who still have actions to update.
--
-- The rules, defined once here:
--
--   expected action   an action of the charter that its lead organization is asked to update: not archived,
--                     its objective not archived, and still open (status neither done nor abandoned) — or
--                     closed during the campaign itself (its last update since the campaign opened), so that
--                     an action marked done in answer to the campaign counts as updated rather than vanishing
--                     from the figures (private.campaign_expected_actions);
--   campaign opened   campaign_opens_on at 00:00, Paris time;
--   updated           an expected action with at least one journal entry (action_updates) since the campaign
--                     opened, whoever wrote it (private.campaign_actions);
--   running           campaign_opens_on <= today <= updates_due_on; ended after updates_due_on.
--
-- Reading runs as the caller (security invoker): the row-level security of meetings, actions and the journal
-- decides what a member sees. The outbox is written by a security definer function, for the service role only.
--
-- Errors meant for users carry a PostgREST status (SQLSTATE PT4xx) and a French message.

-- ---------------------------------------------------------------------------------------------------
-- Which actions, and which of them are updated
-- ---------------------------------------------------------------------------------------------------
create function private.campaign_opened_at(p_opens_on date) returns timestamptz
language sql stable
set search_path = ''
as $$
  select (p_opens_on::timestamp at time zone 'Europe/Paris')
$$;

-- The actions the lead organizations of a charter are expected to update for a campaign opened at p_since.
create function private.campaign_expected_actions(p_charter_id uuid, p_since timestamptz)
returns table (action_id uuid, organization_id uuid, code text, title text, objective_position integer, action_position integer)
language sql stable
set search_path = ''
as $$
  select a.id, a.lead_organization_id, a.code, a.title, o.position, a.position
  from public.actions a
  join public.objectives o on o.id = a.objective_id and o.charter_id = a.charter_id
  where a.charter_id = p_charter_id
    and a.archived_at is null and o.archived_at is null
    and (a.status not in ('done', 'abandoned') or a.last_update_at >= p_since)
$$;

-- Every expected action of a meeting's campaign, with whether it was updated since the campaign opened.
create function private.campaign_actions(p_meeting_id uuid)
returns table (
  charter_id uuid, organization_id uuid, action_id uuid, code text, title text,
  objective_position integer, action_position integer, updated boolean
)
language sql stable
set search_path = ''
as $$
  select m.charter_id, e.organization_id, e.action_id, e.code, e.title, e.objective_position, e.action_position,
    exists (
      select 1 from public.action_updates u
      where u.action_id = e.action_id and u.charter_id = m.charter_id and u.created_at >= o.at
    )
  from public.meetings m
  -- The opening computed once (offset 0 keeps it a value): called in the journal's filter, it ran for each of
  -- the charter's entries instead of bounding the index scan (bench/README.md).
  cross join lateral (
    select private.campaign_opened_at(coalesce(m.campaign_opens_on, m.updates_due_on)) as at offset 0
  ) o
  cross join lateral private.campaign_expected_actions(m.charter_id, o.at) e
  where m.id = p_meeting_id and m.updates_due_on is not null
$$;

-- ---------------------------------------------------------------------------------------------------
-- The coordination's board: per partner, expected, updated, the latest comment and what is missing
-- ---------------------------------------------------------------------------------------------------
create function public.campaign_board(p_meeting_id uuid)
returns table (
  organization_id uuid,
  organization_name text,
  expected integer,
  updated integer,
  latest_comment text,
  latest_comment_at timestamptz,
  latest_comment_author text,
  latest_comment_kind public.update_kind,
  missing jsonb
)
language sql stable security invoker
set search_path = ''
as $$
  with ca as (select * from private.campaign_actions(p_meeting_id)),
  opened as (
    select private.campaign_opened_at(coalesce(m.campaign_opens_on, m.updates_due_on)) as at
    from public.meetings m where m.id = p_meeting_id
  )
  select o.id, o.name,
    count(*)::integer,
    count(*) filter (where ca.updated)::integer,
    c.comment, c.created_at, c.author_name, c.kind,
    coalesce(
      jsonb_agg(jsonb_build_object('id', ca.action_id, 'code', ca.code, 'title', ca.title)
        order by ca.objective_position, ca.action_position, ca.code) filter (where not ca.updated),
      '[]'::jsonb
    )
  from ca
  join public.organizations o on o.id = ca.organization_id
  left join lateral (
    select u.comment, u.created_at, u.author_name, u.kind
    from public.action_updates u
    join ca c2 on c2.action_id = u.action_id and c2.organization_id = ca.organization_id
    where u.created_at >= (select at from opened) and nullif(btrim(u.comment), '') is not null
    order by u.created_at desc, u.id
    limit 1
  ) c on true
  group by o.id, o.name, c.comment, c.created_at, c.author_name, c.kind
  order by o.name
$$;
comment on function public.campaign_board(uuid) is
  'Per lead organization of a meeting''s update campaign: expected and updated actions, the latest comment since the campaign opened, the actions still to update. Runs as the caller: RLS applies.';
revoke execute on function public.campaign_board(uuid) from public, anon;
grant execute on function public.campaign_board(uuid) to authenticated, service_role;
revoke execute on function
  private.campaign_opened_at(date),
  private.campaign_expected_actions(uuid, timestamptz),
  private.campaign_actions(uuid)
from public, anon;
grant execute on function
  private.campaign_opened_at(date),
  private.campaign_expected_actions(uuid, timestamptz),
  private.campaign_actions(uuid)
to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- For the dashboard: the campaign of the next planned meeting, or of the last one whose due date passed
-- ---------------------------------------------------------------------------------------------------
-- state: 'upcoming' (not open yet), 'running' (open, due date not passed), 'ended' (due date passed).
-- missing: the organizations with actions not updated, with their counts (by name).
create function public.campaign_status(p_charter_id uuid, p_today date default null)
returns table (
  meeting_id uuid,
  meeting_kind public.meeting_kind,
  meeting_title text,
  starts_at timestamptz,
  campaign_opens_on date,
  updates_due_on date,
  state text,
  expected integer,
  updated integer,
  complete boolean,
  missing jsonb
)
language sql stable security invoker
set search_path = ''
as $$
  with today as (select coalesce(p_today, private.today_in_paris()) as d),
  chosen as (
    select x.* from (
      (
        select m.id, m.kind, m.title, m.starts_at, m.campaign_opens_on, m.updates_due_on, 0 as rank
        from public.meetings m
        where m.charter_id = p_charter_id and m.status = 'planned' and m.updates_due_on is not null
          and (m.starts_at at time zone 'Europe/Paris')::date >= (select d from today)
        order by m.starts_at
        limit 1
      )
      union all
      (
        select m.id, m.kind, m.title, m.starts_at, m.campaign_opens_on, m.updates_due_on, 1
        from public.meetings m
        where m.charter_id = p_charter_id and m.status <> 'cancelled' and m.updates_due_on is not null
          and m.updates_due_on < (select d from today)
        order by m.updates_due_on desc, m.starts_at desc
        limit 1
      )
    ) x
    order by x.rank
    limit 1
  ),
  per_org as (
    select ca.organization_id, count(*)::integer as expected, count(*) filter (where ca.updated)::integer as updated
    from chosen ch cross join lateral private.campaign_actions(ch.id) ca
    group by ca.organization_id
  )
  select ch.id, ch.kind, ch.title, ch.starts_at, ch.campaign_opens_on, ch.updates_due_on,
    case
      when (select d from today) < coalesce(ch.campaign_opens_on, ch.updates_due_on) then 'upcoming'
      when (select d from today) <= ch.updates_due_on then 'running'
      else 'ended'
    end,
    coalesce((select sum(p.expected) from per_org p), 0)::integer,
    coalesce((select sum(p.updated) from per_org p), 0)::integer,
    not exists (select 1 from per_org p where p.updated < p.expected),
    coalesce((
      select jsonb_agg(jsonb_build_object(
        'organization_id', p.organization_id, 'organization_name', o.name,
        'expected', p.expected, 'missing', p.expected - p.updated
      ) order by o.name)
      from per_org p join public.organizations o on o.id = p.organization_id
      where p.updated < p.expected
    ), '[]'::jsonb)
  from chosen ch
$$;
comment on function public.campaign_status(uuid, date) is
  'The update campaign the dashboard shows: the next planned meeting''s, or the last one whose due date passed; whether every expected action was updated, and who is missing. Runs as the caller: RLS applies.';
revoke execute on function public.campaign_status(uuid, date) from public, anon;
grant execute on function public.campaign_status(uuid, date) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- The e-mails: the opening notice, the reminders at D-7 and D-2
-- ---------------------------------------------------------------------------------------------------
-- Run daily (and as often as one likes) by the sender's jobs. For each planned meeting whose campaign is open
-- today (campaign_opens_on <= today <= updates_due_on):
-- - open: every representative of each organization with expected actions gets the list of them;
-- - d7 (from due - 7 until due - 3) and d2 (from due - 2 until due): only the representatives of organizations
--   with actions not updated yet, listing only those.
-- One e-mail per meeting, stage and person (the dedupe key), however often the job runs; a day missed is caught
-- up within the stage's window. A reminder follows the opening notice (never in the same run) and waits when the
-- same person got a notice of this campaign today or yesterday (a campaign opened late does not send the opening
-- and a reminder together). The topic
-- update_campaigns is respected (private.wants_notification).
create function private.enqueue_campaign_notices(p_today date default null, p_charter_id uuid default null)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_today date := coalesce(p_today, private.today_paris());
  v_count integer;
begin
  with campaigns as (
    select m.id, m.charter_id, m.kind, m.title, m.starts_at, m.updates_due_on, c.slug, c.title as charter_title,
      case
        when v_today >= m.updates_due_on - 2 then 'd2'
        when v_today between m.updates_due_on - 7 and m.updates_due_on - 3 then 'd7'
      end as reminder
    from public.meetings m
    join public.charters c on c.id = m.charter_id
    where m.status = 'planned' and m.updates_due_on is not null
      and coalesce(m.campaign_opens_on, m.updates_due_on) <= v_today and v_today <= m.updates_due_on
      and (p_charter_id is null or m.charter_id = p_charter_id)
  ),
  stages as (
    select cp.*, 'open'::text as stage from campaigns cp
    union all
    select cp.*, cp.reminder from campaigns cp where cp.reminder is not null
  ),
  per_org as (
    select s.id as meeting_id, s.stage, ca.organization_id,
      count(*)::integer as expected,
      count(*) filter (where not ca.updated)::integer as missing,
      jsonb_agg(jsonb_build_object('id', ca.action_id, 'code', ca.code, 'title', ca.title)
        order by ca.objective_position, ca.action_position, ca.code)
        filter (where s.stage = 'open' or not ca.updated) as actions
    from stages s
    cross join lateral private.campaign_actions(s.id) ca
    group by s.id, s.stage, ca.organization_id
  )
  insert into public.notifications (
    kind, topic, recipient_email, recipient_user_id, charter_id, meeting_id, subject, body_text, payload, dedupe_key
  )
  select
    case when s.stage = 'open' then 'campaign_open' else 'campaign_reminder' end,
    'update_campaigns', p.email, mb.user_id, s.charter_id, s.id, '', '',
    jsonb_build_object(
      'stage', s.stage,
      'on', v_today,
      'meeting_id', s.id,
      'meeting_kind', s.kind,
      'meeting_title', s.title,
      'starts_at', s.starts_at,
      'updates_due_on', s.updates_due_on,
      'charter_slug', s.slug,
      'charter_title', s.charter_title,
      'organization_name', o.name,
      'expected', po.expected,
      'missing', po.missing,
      'actions', po.actions,
      'link_path', '/mes-actions'
    ),
    format('campaign:%s:%s:%s', s.id, s.stage, mb.user_id)
  from stages s
  join per_org po on po.meeting_id = s.id and po.stage = s.stage
  join public.organizations o on o.id = po.organization_id
  join public.charter_members mb
    on mb.charter_id = s.charter_id and mb.organization_id = po.organization_id and mb.role = 'partner_rep'
  join public.profiles p on p.id = mb.user_id
  where p.email <> '' and private.wants_notification(mb.user_id, 'update_campaigns')
    and (s.stage = 'open' or po.missing > 0)
    and (s.stage = 'open' or not exists (
      select 1 from public.notifications n
      where n.meeting_id = s.id and n.recipient_user_id = mb.user_id
        and n.kind in ('campaign_open', 'campaign_reminder')
        and n.dedupe_key <> format('campaign:%s:%s:%s', s.id, s.stage, mb.user_id)
        and (n.payload ->> 'on')::date >= v_today - 1
    ))
    and (s.stage = 'open' or exists (
      select 1 from public.notifications n
      where n.dedupe_key = format('campaign:%s:open:%s', s.id, mb.user_id)
    ))
  on conflict (dedupe_key) do nothing;
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;

-- The API's entry point, for the sender's scheduler (service role).
create function public.enqueue_campaign_notices(p_today date default null, p_charter_id uuid default null)
returns integer language sql volatile security invoker set search_path = ''
as $$ select private.enqueue_campaign_notices(p_today, p_charter_id) $$;
revoke execute on function public.enqueue_campaign_notices(date, uuid), private.enqueue_campaign_notices(date, uuid) from public, anon, authenticated;
grant execute on function public.enqueue_campaign_notices(date, uuid), private.enqueue_campaign_notices(date, uuid) to service_role;
