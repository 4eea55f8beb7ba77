-- National-scale data set, part 4: indicators and their values (and, later in 70-documents.sql, their targets).
-- :indicators indicators over the :charters charters, on their first actions; the big charter gets as many per
-- action (one every apc × charters / indicators actions).
create temporary table scale_indicator as
select i, md5(p.salt || ':indicator:' || i)::uuid as id, sa.charter_id, sa.id as action_id, sa.c
from scale_params p
cross join generate_series(1, p.indicators) i
join scale_action sa on sa.c = 1 + ((i - 1) % p.charters) and sa.a = 1 + ((i - 1) / p.charters)
union all
select p.indicators + i, md5(p.salt || ':indicator:grande:' || i)::uuid, sa.charter_id, sa.id, sa.c
from scale_params p
join scale_charter sc on sc.grande
cross join lateral (select greatest(1, (p.charters * p.apc) / greatest(p.indicators, 1)) as every) e
cross join generate_series(1, sc.apc / e.every) i
join scale_action sa on sa.c = sc.c and sa.a = i * e.every;
create index on scale_indicator (i);
analyze scale_indicator;

insert into public.indicators (id, charter_id, objective_id, action_id, name, unit, baseline, target, target_on,
  direction, position, created_at, updated_at)
select si.id, si.charter_id, null, si.action_id, 'Indicateur ' || si.i, 'unités',
  10 * pg_temp.pick(p.salt || 'baseline' || si.i, 10), 100 + 10 * pg_temp.pick(p.salt || 'target' || si.i, 10),
  date '2027-12-31', case when si.i % 5 = 0 then 'decrease' else 'increase' end::public.indicator_direction, si.i, now(), now()
from scale_params p
cross join scale_indicator si;

insert into public.indicator_values (id, indicator_id, charter_id, measured_on, value, created_at, updated_at)
select md5(p.salt || ':value:' || si.i || ':' || v)::uuid, si.id, si.charter_id,
  (date '2021-12-01' + make_interval(months => v))::date,
  v * 2 + pg_temp.pick(p.salt || 'value' || si.i || v, 20), now(), now()
from scale_params p, scale_indicator si, generate_series(1, p.vpi) v;

-- Count and last values of each indicator (the statement triggers are off here).
select private.refresh_indicator_value_stats(array(select id from scale_indicator));
