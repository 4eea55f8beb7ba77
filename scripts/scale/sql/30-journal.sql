-- National-scale data set, part 3: the journal (action_updates) and the actions' current state.
-- :updates entries spread over the actions of the :charters charters, the last two years, written by a
-- representative of the lead; the big charter gets as many per action (updates / (charters × apc)).
create temporary table scale_update as
select n, sa.id as action_id, sa.charter_id, sa.c, sa.lead_k, md5(p.salt || ':update:' || n)::uuid as id,
  (sa.c - 1) * 50 + 11 + sa.lead_k as author_u
from scale_params p
cross join generate_series(1, p.updates) n
join scale_action sa on sa.c = 1 + ((n - 1) % p.charters) and sa.a = 1 + (((n - 1) / p.charters) % p.apc)
union all
select p.updates + n, sa.id, sa.charter_id, sa.c, sa.lead_k, md5(p.salt || ':update:grande:' || n)::uuid,
  sc.u0 + 2 + sa.lead_k
from scale_params p
join scale_charter sc on sc.grande
cross join generate_series(1, greatest(1, p.updates / (p.charters * p.apc)) * sc.apc) n
join scale_action sa on sa.c = sc.c and sa.a = 1 + ((n - 1) % sc.apc);

insert into public.action_updates (id, action_id, charter_id, author_id, author_name, organization_id, status, progress,
  health, comment, created_at)
select su.id, su.action_id, su.charter_id, au.id, au.name,
  (select organization_id from scale_partner sp where sp.c = su.c and sp.k = su.lead_k),
  case
    when n % 10 = 0 then 'done'
    when n % 17 = 0 then 'blocked'
    when n % 29 = 0 then 'abandoned'
    when n % 3 = 0 then 'planned'
    else 'in_progress'
  end::public.action_status,
  case when n % 10 = 0 then 100 else pg_temp.pick(p.salt || 'progress' || n, 100) end,
  (array['on_track', 'on_track', 'at_risk', 'off_track'])[1 + pg_temp.pick(p.salt || 'health' || n, 4)]::public.action_health,
  'Point d''avancement n° ' || n,
  now() - make_interval(mins => pg_temp.pick(p.salt || 'when' || n, 2 * 365 * 24 * 60))
from scale_update su
cross join scale_params p
-- the representative of the lead organization
join scale_user au on au.u = su.author_u;

-- The current state of each action is its latest journal entry (what the triggers do one row at a time).
update public.actions a
set status = u.status, progress = u.progress, health = u.health, last_update_at = u.created_at,
  updated_by = u.author_id, version = 1 + u.entries
from (
  select distinct on (action_id) action_id, status, progress, health, created_at, author_id,
    count(*) over (partition by action_id) as entries
  from public.action_updates
  where action_id in (select id from scale_action)
  order by action_id, created_at desc
) u
where a.id = u.action_id;

-- What each entry moved, per action and month (the journal's statement trigger is off here).
select private.refresh_action_progress_months(array(select id from scale_action));
