-- National-scale data set, part 6 (continued): the held meetings' frozen dashboards and their decisions, in the
-- order they happened. A snapshot is what public.hold_meeting inserts: public.meeting_state(charter, day) on the
-- meeting's day, taken when it was held, by the coordinator, before the decisions of that meeting are recorded
-- (each state sees the snapshots and decisions of the meetings before it). Its report_path names the frozen
-- report filed with the meeting's documents (70-documents.sql).
-- meeting_state costs about 0.3 s for a charter of 200 actions (2 s for the big one): it is computed for the
-- latest held meeting of every charter (the one the dashboard compares with, "Depuis le dernier COPIL") and for
-- every held meeting of echelle-001 and echelle-grande (the benchmark's charters); the older ones of the other
-- charters keep their charter's latest state with their own day (taken_on, report.since): the same size and
-- shape, computed once.
alter table scale_meeting add column computed boolean;
update scale_meeting sm set computed = sm.status = 'held' and (
  sm.c = 1 or sm.c = (select c from scale_charter where grande)
  or sm.held_rank = (select max(x.held_rank) from scale_meeting x where x.c = sm.c));

do $$
declare
  v_rank int;
begin
  for v_rank in select distinct held_rank from scale_meeting where held_rank is not null order by 1 loop
    insert into public.meeting_snapshots (id, meeting_id, charter_id, taken_at, taken_on, dashboard, report_path, taken_by)
    select md5(sm.id::text || ':snapshot')::uuid, sm.id, sm.charter_id, sm.starts_at + interval '3 hours', sm.day,
      public.meeting_state(sm.charter_id, sm.day),
      sm.charter_id || '/reunions/' || sm.id || '/' || md5(sm.id::text || ':report') || '-rapport-copil-'
        || sc.slug || '-' || sm.day || '.pdf',
      sm.coordinator_id
    from scale_meeting sm
    join scale_charter sc on sc.c = sm.c
    where sm.held_rank = v_rank and sm.computed;

    -- Recorded at the meeting, open; the owner (or the coordination) marked it done since, with a comment, or
    -- the coordination dropped it: one more version. A third are about an action of the plan.
    insert into public.decisions (id, charter_id, meeting_id, number, code, text, owner_organization_id, due_on, status,
      action_id, status_comment, status_changed_at, status_changed_by, created_by, created_at, updated_at, updated_by, version)
    select sd.id, sd.charter_id, sd.meeting_id, sd.number, 'D' || lpad(sd.number::text, 2, '0'),
      'Décision ' || sd.number || ' : ' || (array[
        'lancer un appel à projets pour les maisons de santé',
        'financer le logement des internes du territoire',
        'organiser une journée d''accueil des étudiants',
        'étendre la permanence de soins aux communes voisines',
        'présenter un bilan des installations au prochain comité',
        'réviser le calendrier des actions en retard'])[sd.d],
      sp.organization_id, sd.due_on, sd.status,
      case when sd.d % 3 = 0 then md5(p.salt || ':action:' || sd.c || ':' || (1 + pg_temp.pick(p.salt || 'daction' || sd.id, sc.apc)))::uuid end,
      case sd.status when 'done' then 'Fait : la mesure est en place.' when 'dropped' then 'Abandonnée en comité.' end,
      case when sd.status <> 'open' then least(now(), sd.starts_at + make_interval(days => 10 + pg_temp.pick(p.salt || 'dwhen' || sd.id, 120))) end,
      case when sd.status <> 'open' then sd.coordinator_id end,
      sd.coordinator_id, sd.starts_at + interval '2 hours',
      case when sd.status <> 'open' then least(now(), sd.starts_at + make_interval(days => 10 + pg_temp.pick(p.salt || 'dwhen' || sd.id, 120)))
        else sd.starts_at + interval '2 hours' end,
      sd.coordinator_id,
      case when sd.status <> 'open' then 2 else 1 end
    from scale_decision sd
    cross join scale_params p
    join scale_charter sc on sc.c = sd.c
    join scale_partner sp on sp.c = sd.c and sp.k = pg_temp.pick(p.salt || 'downer' || sd.id, sc.np)
    where sd.held_rank = v_rank;
  end loop;
end
$$;

insert into public.meeting_snapshots (id, meeting_id, charter_id, taken_at, taken_on, dashboard, report_path, taken_by)
select md5(sm.id::text || ':snapshot')::uuid, sm.id, sm.charter_id, sm.starts_at + interval '3 hours', sm.day,
  jsonb_set(jsonb_set(latest.dashboard, '{taken_on}', to_jsonb(sm.day)), '{report,since}', to_jsonb(coalesce(
    (select max(x.day) from scale_meeting x where x.c = sm.c and x.status = 'held' and x.m < sm.m), sm.day - 90))),
  sm.charter_id || '/reunions/' || sm.id || '/' || md5(sm.id::text || ':report') || '-rapport-copil-'
    || sc.slug || '-' || sm.day || '.pdf',
  sm.coordinator_id
from scale_meeting sm
join scale_charter sc on sc.c = sm.c
join scale_meeting lm on lm.c = sm.c and lm.computed
  and lm.held_rank = (select max(x.held_rank) from scale_meeting x where x.c = sm.c)
join public.meeting_snapshots latest on latest.meeting_id = lm.id
where sm.status = 'held' and not sm.computed;
