-- The agenda prepared by the product, and recording decisions (the COPIL cycle, items 3 and 5 of issue 15).
--
-- - public.propose_agenda_items(meeting, today): adds to a meeting's agenda, after its items, what the
--   committee should look at and is not there yet: the decisions of earlier meetings still open or done/dropped
--   since the previous held meeting (to review them), the actions whose latest journal entry asks for an
--   arbitration, the alerts (actions blocked, overdue or without news for too long) and the indicators off
--   track. Proposing twice adds nothing (meeting_items_subject_key). A planned meeting starts with its agenda
--   filled (trigger after insert on meetings).
-- - public.move_meeting_item(item, 'up' | 'down'): reorders the agenda.
-- - public.record_decision(...): records a decision of a meeting, linked to an existing action or to a new action
--   created in the plan from it (led by the decision's owner), in one transaction.
--
-- Coordinators only (the policies of meeting_items, decisions and actions decide; the public functions refuse
-- others with a French message). Errors meant for users carry a PostgREST status (SQLSTATE PT4xx).

-- ---------------------------------------------------------------------------------------------------
-- Proposing agenda items
-- ---------------------------------------------------------------------------------------------------
-- The work, with the owner's rights: the trigger after insert runs it for any inserter (the seed included);
-- public.propose_agenda_items checks the caller first. p_today: the day the alerts are computed for; by default
-- the meeting's day, or today when the meeting is further away (an action is not called late before it is).
create function private.propose_agenda_items(p_meeting_id uuid, p_today date default null) returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_meeting public.meetings%rowtype;
  v_day date;
  v_since timestamptz;
  v_start integer;
  v_count integer;
begin
  select * into v_meeting from public.meetings m where m.id = p_meeting_id;
  -- A person gets proposals only for the charters they coordinate (the seed and the jobs have no auth.uid()).
  if not found or ((select auth.uid()) is not null
      and v_meeting.charter_id not in (select private.coordinated_charter_ids())) then
    return 0;
  end if;
  v_day := coalesce(p_today, least((v_meeting.starts_at at time zone 'Europe/Paris')::date, private.today_in_paris()));
  -- Decisions done or dropped since the previous held meeting are reviewed (all of them before the first one).
  select max(coalesce(m.held_at, m.starts_at)) into v_since
  from public.meetings m
  where m.charter_id = v_meeting.charter_id and m.status = 'held' and m.id <> p_meeting_id
    and m.starts_at < v_meeting.starts_at;
  select coalesce(max(i.position), 0) into v_start from public.meeting_items i where i.meeting_id = p_meeting_id;

  with proposals as (
    -- 1. Decisions of earlier meetings to review
    select 1 as rank, d.number::numeric as sort_key, 'decision_review'::public.meeting_item_kind as kind,
      null::uuid as action_id, d.id as decision_id, null::uuid as indicator_id,
      d.code || ' — ' || left(d.text, 220) || ' : ' || case
        when d.status = 'done' then 'faite'
        when d.status = 'dropped' then 'abandonnée'
        when d.due_on < v_day then 'en retard (échéance ' || to_char(d.due_on, 'DD/MM/YYYY') || ')'
        else 'ouverte' end as title,
      nullif(left(d.status_comment, 4000), '') as notes
    from public.decisions d
    join public.meetings dm on dm.id = d.meeting_id
    where d.charter_id = v_meeting.charter_id and d.meeting_id <> p_meeting_id
      and dm.starts_at < v_meeting.starts_at
      and (d.status = 'open' or v_since is null or d.status_changed_at >= v_since)
    union all
    -- 2. Actions whose latest journal entry asks for an arbitration
    select 2, a.position, 'arbitration', a.id, null, null,
      'Arbitrage demandé — action ' || a.code || ' : ' || left(a.title, 220),
      left(u.comment, 4000)
    from public.actions a
    join public.objectives o on o.id = a.objective_id
    cross join lateral (
      select u.kind, u.comment from public.action_updates u
      where u.action_id = a.id order by u.created_at desc, u.id desc limit 1
    ) u
    where a.charter_id = v_meeting.charter_id and a.archived_at is null and o.archived_at is null
      and u.kind = 'arbitrage'
    union all
    -- 3. Alerts: actions blocked, overdue or without news for too long
    select 3, f.objective_position * 100000 + f.position, 'alert', f.id, null, null,
      'Action ' || f.code || ' ' || case
        when f.status = 'blocked' then 'bloquée'
        when f.is_overdue then 'en retard (échéance ' || to_char(f.due_on, 'DD/MM/YYYY') || ')'
        when f.days_without_update is not null then 'sans nouvelles depuis ' || f.days_without_update || ' jours'
        else 'jamais mise à jour' end || ' : ' || left(f.title, 220),
      null
    from private.action_facts(array[v_meeting.charter_id], null, null, null, null, v_day) f
    where f.is_open and (f.status = 'blocked' or f.is_overdue or f.is_stale)
    union all
    -- 4. Indicators off track
    select 4, f.position, 'indicator', null, null, f.id,
      'Indicateur hors trajectoire : ' || left(f.name, 250), null
    from private.indicator_facts(array[v_meeting.charter_id], null, null, v_day, false) f
    where f.state = 'off_track'
  )
  insert into public.meeting_items (meeting_id, charter_id, position, kind, action_id, decision_id, indicator_id, title, notes)
  select p_meeting_id, v_meeting.charter_id,
    v_start + row_number() over (order by p.rank, p.sort_key, p.title)::integer,
    p.kind, p.action_id, p.decision_id, p.indicator_id, p.title, p.notes
  from proposals p
  where not exists (
    select 1 from public.meeting_items i
    where i.meeting_id = p_meeting_id and i.kind = p.kind
      and coalesce(i.decision_id, i.action_id, i.indicator_id) = coalesce(p.decision_id, p.action_id, p.indicator_id)
  )
  on conflict (meeting_id, kind, coalesce(decision_id, action_id, indicator_id)) where kind <> 'other' do nothing;
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;
revoke execute on function private.propose_agenda_items(uuid, date) from public, anon;
grant execute on function private.propose_agenda_items(uuid, date) to authenticated, service_role;

-- The API's entry point: coordinators of the meeting's charter, on a planned meeting.
create function public.propose_agenda_items(p_meeting_id uuid, p_today date default null) returns integer
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_meeting public.meetings%rowtype;
begin
  select * into v_meeting from public.meetings m where m.id = p_meeting_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'Réunion introuvable.';
  end if;
  if v_meeting.charter_id not in (select private.coordinated_charter_ids()) then
    raise exception using errcode = 'PT403', message = 'Seule la coordination de la charte prépare l''ordre du jour.';
  end if;
  if v_meeting.status <> 'planned' then
    raise exception using errcode = 'PT409', message = case v_meeting.status
      when 'held' then 'Cette réunion s''est tenue : on ne lui propose plus de points.'
      else 'Cette réunion est annulée.' end;
  end if;
  return private.propose_agenda_items(p_meeting_id, p_today);
end;
$$;
revoke execute on function public.propose_agenda_items(uuid, date) from public, anon;
grant execute on function public.propose_agenda_items(uuid, date) to authenticated;

-- A planned meeting starts with its agenda filled.
create function private.fill_new_meeting_agenda() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.propose_agenda_items(new.id, null);
  return null;
end;
$$;
revoke execute on function private.fill_new_meeting_agenda() from public, anon, authenticated;
create trigger meetings_fill_agenda after insert on public.meetings
  for each row execute function private.fill_new_meeting_agenda();

-- ---------------------------------------------------------------------------------------------------
-- Reordering the agenda
-- ---------------------------------------------------------------------------------------------------
create function public.move_meeting_item(p_item_id uuid, p_direction text) returns void
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_item public.meeting_items%rowtype;
  v_ids uuid[];
  v_index integer;
  v_other integer;
begin
  if p_direction is null or p_direction not in ('up', 'down') then
    raise exception using errcode = 'PT400', message = 'Sens de déplacement inconnu.';
  end if;
  select * into v_item from public.meeting_items i
  where i.id = p_item_id and i.charter_id in (select private.coordinated_charter_ids());
  if not found then
    raise exception using errcode = 'PT403', message = 'Seule la coordination de la charte réordonne l''ordre du jour.';
  end if;
  select array_agg(i.id order by i.position, i.created_at, i.id) into v_ids
  from public.meeting_items i where i.meeting_id = v_item.meeting_id;
  v_index := array_position(v_ids, p_item_id);
  v_other := case when p_direction = 'up' then v_index - 1 else v_index + 1 end;
  if v_index is null or v_other < 1 or v_other > cardinality(v_ids) then
    return;
  end if;
  v_ids[v_index] := v_ids[v_other];
  v_ids[v_other] := p_item_id;
  update public.meeting_items i set position = n.ord
  from unnest(v_ids) with ordinality as n(id, ord)
  where i.id = n.id and i.position is distinct from n.ord;
end;
$$;
revoke execute on function public.move_meeting_item(uuid, text) from public, anon;
grant execute on function public.move_meeting_item(uuid, text) to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- Recording a decision
-- ---------------------------------------------------------------------------------------------------
-- p_new_action: {objective_id, title, due_on?}: an action created in the plan under that objective (code: the
-- objective's code and the next number, e.g. 2.4), led by the decision's owner, due on its due_on or the
-- decision's, and linked to the decision. With the caller's rights: the policies of actions and decisions decide.
create function public.record_decision(
  p_meeting_id uuid,
  p_text text,
  p_owner_organization_id uuid,
  p_due_on date default null,
  p_action_id uuid default null,
  p_new_action jsonb default null
) returns uuid
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_meeting public.meetings%rowtype;
  v_objective public.objectives%rowtype;
  v_objective_id uuid;
  v_title text;
  v_action_due date;
  v_code text;
  v_action_id uuid := p_action_id;
  v_id uuid;
begin
  select * into v_meeting from public.meetings m where m.id = p_meeting_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'Réunion introuvable.';
  end if;
  if v_meeting.charter_id not in (select private.coordinated_charter_ids()) then
    raise exception using errcode = 'PT403', message = 'Seule la coordination de la charte enregistre les décisions.';
  end if;
  if v_meeting.status = 'cancelled' then
    raise exception using errcode = 'PT409', message = 'Cette réunion est annulée : elle n''a pas de décisions.';
  end if;
  if length(trim(coalesce(p_text, ''))) = 0 then
    raise exception using errcode = 'PT400', message = 'Écrivez la décision.';
  end if;
  if not exists (
    select 1 from public.charter_partners cp
    where cp.charter_id = v_meeting.charter_id and cp.organization_id = p_owner_organization_id
  ) then
    raise exception using errcode = 'PT400', message = 'Le responsable d''une décision est une organisation partenaire de la charte.';
  end if;
  if p_new_action is not null and jsonb_typeof(p_new_action) = 'object' then
    if p_action_id is not null then
      raise exception using errcode = 'PT400', message = 'Liez la décision à une action existante ou créez-en une, pas les deux.';
    end if;
    if coalesce(p_new_action ->> 'objective_id', '') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
      raise exception using errcode = 'PT400', message = 'Choisissez l''objectif de la nouvelle action.';
    end if;
    v_objective_id := (p_new_action ->> 'objective_id')::uuid;
    select * into v_objective from public.objectives o
    where o.id = v_objective_id and o.charter_id = v_meeting.charter_id and o.archived_at is null;
    if not found then
      raise exception using errcode = 'PT400', message = 'Choisissez un objectif de la charte pour la nouvelle action.';
    end if;
    v_title := trim(coalesce(p_new_action ->> 'title', ''));
    if length(v_title) not between 2 and 300 then
      raise exception using errcode = 'PT400', message = 'L''intitulé de la nouvelle action compte de 2 à 300 caractères.';
    end if;
    if coalesce(p_new_action ->> 'due_on', '') ~ '^\d{4}-\d{2}-\d{2}$' then
      v_action_due := (p_new_action ->> 'due_on')::date;
    else
      v_action_due := p_due_on;
    end if;
    -- The next number under the objective (archived actions keep theirs).
    perform pg_advisory_xact_lock(hashtextextended('action-codes:' || v_meeting.charter_id::text, 0));
    select v_objective.code || '.' || (coalesce(max(split_part(substr(a.code, length(v_objective.code) + 2), '.', 1)::integer), 0) + 1)
    into v_code
    from public.actions a
    where a.charter_id = v_meeting.charter_id
      and a.code ~ ('^' || replace(v_objective.code, '.', '\.') || '\.[0-9]{1,3}$');
    insert into public.actions (charter_id, objective_id, code, title, lead_organization_id, due_on, position)
    values (v_meeting.charter_id, v_objective.id, v_code, v_title, p_owner_organization_id, v_action_due,
      (select coalesce(max(a.position), 0) + 1 from public.actions a where a.objective_id = v_objective.id))
    returning id into v_action_id;
  end if;
  insert into public.decisions (charter_id, meeting_id, text, owner_organization_id, due_on, action_id)
  values (v_meeting.charter_id, p_meeting_id, trim(p_text), p_owner_organization_id, p_due_on, v_action_id)
  returning id into v_id;
  return v_id;
end;
$$;
revoke execute on function public.record_decision(uuid, text, uuid, date, uuid, jsonb) from public, anon;
grant execute on function public.record_decision(uuid, text, uuid, date, uuid, jsonb) to authenticated;
