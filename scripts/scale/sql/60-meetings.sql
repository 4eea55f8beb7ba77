-- National-scale data set, part 6: the COPIL cycle of every charter, over two years: 8 meetings, 3 to 4 months
-- apart; the six past ones held (the third one cancelled in one charter in seven), the seventh planned 2 to 6
-- weeks ahead with its update campaign (upcoming or running), the eighth planned four months ahead. Every meeting
-- had a campaign (updates due a week before it, asked three weeks before). Each has 20 members invited (the
-- coordinators and steering members first, then partner representatives) and, one in two, a guest of a partner;
-- an agenda (opening, the decisions of the meeting before to review, three alerts, an indicator, any other
-- business); each held meeting has its minutes, its frozen dashboard (meeting_snapshots, computed by
-- public.meeting_state for the meeting's day, as public.hold_meeting does) and 6 decisions in every status, a
-- third of them about an action of the plan, the open ones overdue once their due date has passed.
-- The rows are what the triggers would have left: versions (hold +1, minutes +1; cancelling +1 with a new
-- sequence), held_at, the agenda's positions, the decisions' numbers and codes, presence_recorded_at. The
-- outbox messages of these past events (invitations, minutes) are not generated.

create temporary table scale_meeting as
select sc.c, sc.id as charter_id, m, md5(p.salt || ':meeting:' || sc.c || ':' || m)::uuid as id,
  md5(p.salt || ':user:' || (sc.u0 + 1))::uuid as coordinator_id,
  x.day,
  ((x.day + time '14:00') at time zone 'Europe/Paris') as starts_at,
  case when m <= 6 and m = 3 and sc.c % 7 = 0 then 'cancelled' when m <= 6 then 'held' else 'planned' end::public.meeting_status
    as status
from scale_params p
cross join scale_charter sc
cross join generate_series(1, 8) m
cross join lateral (
  select case
    when m <= 6 then private.today_in_paris() - (6 - m) * 105 - 15 - pg_temp.pick(p.salt || 'mday' || sc.c || ':' || m, 20)
    when m = 7 then private.today_in_paris() + 12 + pg_temp.pick(p.salt || 'mday' || sc.c || ':' || m, 30)
    else private.today_in_paris() + 120 + pg_temp.pick(p.salt || 'mday' || sc.c || ':' || m, 20)
  end as day
) x;
create unique index on scale_meeting (c, m);
analyze scale_meeting;

-- The rank of each held meeting in its charter (1 = the first), which numbers its decisions.
alter table scale_meeting add column held_rank int;
update scale_meeting sm set held_rank = r.rank
from (select id, row_number() over (partition by c order by m)::int as rank from scale_meeting where status = 'held') r
where r.id = sm.id;

insert into public.meetings (id, charter_id, kind, title, starts_at, duration_minutes, place, status, updates_due_on,
  campaign_opens_on, minutes, sequence, held_at, created_by, created_at, updated_at, updated_by, version)
select sm.id, sm.charter_id, case when sm.m % 4 = 2 then 'comite_technique' else 'copil' end::public.meeting_kind,
  case when sm.m % 4 = 2 then 'Comité technique' else 'COPIL' end || ' du ' || to_char(sm.day, 'DD/MM/YYYY'),
  sm.starts_at, 120, 'Salle du conseil, préfecture', sm.status,
  sm.day - 7, sm.day - 21,
  case when sm.status = 'held' then 'Compte rendu de la réunion du ' || to_char(sm.day, 'DD/MM/YYYY')
    || E'.\n\nLe comité a fait le point sur l''avancement du plan, les alertes et les décisions précédentes.' end,
  case when sm.status = 'cancelled' then 1 else 0 end,
  case when sm.status = 'held' then sm.starts_at + interval '3 hours' end,
  sm.coordinator_id, sm.starts_at - interval '60 days',
  case when sm.status = 'held' then sm.starts_at + interval '1 day' when sm.status = 'cancelled' then sm.starts_at - interval '7 days'
    else sm.starts_at - interval '60 days' end,
  sm.coordinator_id,
  case sm.status when 'held' then 3 when 'cancelled' then 2 else 1 end
from scale_meeting sm;

-- ---------------------------------------------------------------------------------------------- attendees
-- The 20 first members of each charter: coordinators, steering members, then partner representatives.
create temporary table scale_invitee as
select charter_id, user_id, organization_id, rank from (
  select cm.charter_id, cm.user_id, cm.organization_id,
    row_number() over (partition by cm.charter_id order by
      case cm.role when 'coordinator' then 0 when 'steering' then 1 when 'partner_rep' then 2 else 3 end, cm.user_id)::int as rank
  from public.charter_members cm
  where cm.charter_id in (select id from scale_charter) and cm.role <> 'elected_official'
) x
where rank <= 20;

insert into public.meeting_attendees (id, meeting_id, charter_id, user_id, organization_id, presence, presence_recorded_at,
  created_at)
select md5(p.salt || ':attendee:' || sm.id || ':' || si.user_id)::uuid, sm.id, sm.charter_id, si.user_id, si.organization_id,
  case when sm.status <> 'held' then 'invited'
    else (array['present', 'present', 'present', 'present', 'present', 'present', 'present', 'excused', 'excused', 'absent'])
      [1 + pg_temp.pick(p.salt || 'presence' || sm.id || si.user_id, 10)] end::public.attendee_presence,
  case when sm.status = 'held' then sm.starts_at + interval '3 hours' end,
  sm.starts_at - interval '45 days'
from scale_meeting sm
cross join scale_params p
join scale_invitee si on si.charter_id = sm.charter_id;

insert into public.meeting_attendees (id, meeting_id, charter_id, user_id, organization_id, guest_name, guest_email,
  presence, presence_recorded_at, created_at)
select md5(p.salt || ':guest:' || sm.id)::uuid, sm.id, sm.charter_id, null, sp.organization_id,
  'Invité ' || sm.c || '-' || sm.m, 'invite-' || sm.c || '-' || sm.m || '@echelle.example.org',
  case when sm.status = 'held' then 'present' else 'invited' end::public.attendee_presence,
  case when sm.status = 'held' then sm.starts_at + interval '3 hours' end,
  sm.starts_at - interval '45 days'
from scale_meeting sm
cross join scale_params p
join scale_partner sp on sp.c = sm.c and sp.k = 5
where sm.m % 2 = 0;

-- ---------------------------------------------------------------------------------------------- decisions
-- Decision d (1..6) of the held meeting of rank r is number (r - 1) × 6 + d of its charter.
create temporary table scale_decision as
select sm.c, sm.charter_id, sm.id as meeting_id, sm.m, sm.held_rank, sm.day, sm.starts_at, sm.coordinator_id, d,
  md5(p.salt || ':decision:' || sm.id || ':' || d)::uuid as id,
  (sm.held_rank - 1) * 6 + d as number,
  sm.day + 30 + pg_temp.pick(p.salt || 'ddue' || sm.id || d, 150) as due_on,
  pg_temp.pick(p.salt || 'dstatus' || sm.id || d, 10) as s,
  max(sm.held_rank) over (partition by sm.c) = sm.held_rank as latest
from scale_meeting sm
cross join scale_params p
cross join generate_series(1, 6) d
where sm.status = 'held';
alter table scale_decision add column status public.decision_status;
update scale_decision set status = case
  when latest then case when s < 2 then 'done' when s = 2 then 'dropped' else 'open' end
  else case when s < 6 then 'done' when s = 6 then 'dropped' else 'open' end
end::public.decision_status;

-- ---------------------------------------------------------------------------------------------- agenda
-- Opening; the decisions of the held meeting before, to review; three alerts (actions blocked or past their due
-- date on the day); an indicator; any other business. Positions follow each other from 1.
insert into public.meeting_items (id, meeting_id, charter_id, position, kind, action_id, decision_id, indicator_id, title,
  notes, created_at)
select md5(p.salt || ':item:' || it.meeting_id || ':' || it.rank || ':' || it.sort_key)::uuid, it.meeting_id, it.charter_id,
  row_number() over (partition by it.meeting_id order by it.rank, it.sort_key)::int,
  it.kind, it.action_id, it.decision_id, it.indicator_id, it.title, it.notes, it.created_at
from scale_params p
cross join (
  select sm.id as meeting_id, sm.charter_id, 0 as rank, 0 as sort_key, 'other'::public.meeting_item_kind as kind,
    null::uuid as action_id, null::uuid as decision_id, null::uuid as indicator_id,
    'Ouverture et approbation du dernier compte rendu' as title, null as notes, sm.starts_at - interval '30 days' as created_at
  from scale_meeting sm
  union all
  select sm.id, sm.charter_id, 1, sd.number, 'decision_review', null, sd.id, null,
    'D' || lpad(sd.number::text, 2, '0') || ' — Décision ' || sd.number || ' : ' || case
      when sd.status = 'done' then 'faite' when sd.status = 'dropped' then 'abandonnée'
      when sd.due_on < sm.day then 'en retard (échéance ' || to_char(sd.due_on, 'DD/MM/YYYY') || ')' else 'ouverte' end,
    null, sm.starts_at - interval '30 days'
  from scale_meeting sm
  join scale_meeting prev on prev.c = sm.c and prev.held_rank is not null
    and prev.m = (select max(x.m) from scale_meeting x where x.c = sm.c and x.m < sm.m and x.status = 'held')
  join scale_decision sd on sd.meeting_id = prev.id
  where sm.status <> 'cancelled'
  union all
  select sm.id, sm.charter_id, 3, al.position, 'alert', al.id, null, null,
    'Action ' || al.code || ' ' || case when al.status = 'blocked' then 'bloquée'
      else 'en retard (échéance ' || to_char(al.due_on, 'DD/MM/YYYY') || ')' end || ' : ' || al.title,
    null, sm.starts_at - interval '30 days'
  from scale_meeting sm
  cross join lateral (
    select a.id, a.code, a.title, a.status, a.due_on, a.position from public.actions a
    where a.charter_id = sm.charter_id and (a.status = 'blocked' or (a.due_on < sm.day and a.status not in ('done', 'abandoned')))
    order by a.position limit 3
  ) al
  where sm.status <> 'cancelled'
  union all
  select sm.id, sm.charter_id, 4, 0, 'indicator', null, null, si.id, 'Indicateur hors trajectoire : Indicateur ' || si.i,
    null, sm.starts_at - interval '30 days'
  from scale_meeting sm
  join scale_indicator si on si.charter_id = sm.charter_id
    and si.i = (select min(x.i) from scale_indicator x where x.charter_id = sm.charter_id)
  where sm.status <> 'cancelled'
  union all
  select sm.id, sm.charter_id, 5, 0, 'other', null, null, null, 'Questions diverses', null, sm.starts_at - interval '30 days'
  from scale_meeting sm
) it;
