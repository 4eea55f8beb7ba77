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
language sql
stable
security invoker
set search_path = ''
as $$
  select * from private.internship_commune_coverage(p_charter_id)
$$;
revoke execute on function public.internship_commune_coverage(uuid) from public, anon;
grant execute on function public.internship_commune_coverage(uuid) to authenticated;
revoke execute on function private.internship_commune_coverage(uuid) from public, anon;
grant execute on function private.internship_commune_coverage(uuid) to authenticated;
