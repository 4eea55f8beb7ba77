-- Checks what the generator (scripts/scale/sql/, triggers off) cannot leave to the database: every foreign key
-- of the public, auth and storage schemas is met (with session_replication_role = replica the foreign keys'
-- triggers do not run), and the invariants the triggers keep. Raises an exception naming the first broken rule.
-- Run after a generation with SCALE_CHECK=1 npm run seed:scale (scripts/scale/seed.ts).
do $$
declare
  v_fk record;
  v_sql text;
  v_n bigint;
begin
  for v_fk in
    select c.conname, c.conrelid::regclass as child, c.confrelid::regclass as parent,
      array(select a.attname from unnest(c.conkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o) as cols,
      array(select a.attname from unnest(c.confkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.o) as pcols
    from pg_constraint c
    join pg_namespace ns on ns.oid = (select relnamespace from pg_class where oid = c.conrelid)
    where c.contype = 'f' and ns.nspname in ('public', 'auth', 'storage')
  loop
    v_sql := format('select count(*) from %s ch where %s and not exists (select 1 from %s pa where %s)',
      v_fk.child,
      (select string_agg(format('ch.%I is not null', col), ' and ') from unnest(v_fk.cols) col),
      v_fk.parent,
      (select string_agg(format('pa.%I = ch.%I', v_fk.pcols[i], v_fk.cols[i]), ' and ') from generate_subscripts(v_fk.cols, 1) i));
    execute v_sql into v_n;
    if v_n > 0 then
      raise exception 'foreign key %: % rows of % without their %', v_fk.conname, v_n, v_fk.child, v_fk.parent;
    end if;
  end loop;
end
$$;

-- The invariants the row triggers keep (prepare_decision, prepare_meeting_attendee, check_meeting_item,
-- prepare_document, prepare_aid_grant, prepare_meeting) and the actions' current state (the journal's trigger).
do $$
declare
  v_rule record;
  v_n bigint;
begin
  for v_rule in select * from (values
    ('a decision''s code is D and its number on two digits',
     $q$select count(*) from public.decisions where code <> 'D' || lpad(number::text, 2, '0')$q$),
    ('a decision''s owner is a partner of its charter',
     $q$select count(*) from public.decisions d where not exists (select 1 from public.charter_partners cp where cp.charter_id = d.charter_id and cp.organization_id = d.owner_organization_id)$q$),
    ('a decision not open says when it changed',
     $q$select count(*) from public.decisions where (status <> 'open') <> (status_changed_at is not null)$q$),
    ('a member attendee is a member of the charter, for their organization',
     $q$select count(*) from public.meeting_attendees a where a.user_id is not null and not exists (select 1 from public.charter_members m where m.charter_id = a.charter_id and m.user_id = a.user_id and m.organization_id is not distinct from a.organization_id)$q$),
    ('an attendee''s organization is a partner of the charter',
     $q$select count(*) from public.meeting_attendees a where a.organization_id is not null and not exists (select 1 from public.charter_partners cp where cp.charter_id = a.charter_id and cp.organization_id = a.organization_id)$q$),
    ('presence is recorded when it is not "invited"',
     $q$select count(*) from public.meeting_attendees where (presence <> 'invited') <> (presence_recorded_at is not null)$q$),
    ('an attendee of a meeting is of its charter',
     $q$select count(*) from public.meeting_attendees a join public.meetings m on m.id = a.meeting_id where m.charter_id <> a.charter_id$q$),
    ('an agenda indicator is of the meeting''s charter',
     $q$select count(*) from public.meeting_items i join public.indicators x on x.id = i.indicator_id where x.charter_id <> i.charter_id$q$),
    ('a snapshot is of a held meeting, on its day, with its report filed',
     $q$select count(*) from public.meeting_snapshots s join public.meetings m on m.id = s.meeting_id where m.status <> 'held' or s.taken_on <> (m.starts_at at time zone 'Europe/Paris')::date or (s.report_path is not null and not exists (select 1 from public.documents d where d.object_path = s.report_path and d.meeting_id = m.id and d.kind = 'rapport_copil'))$q$),
    ('a held meeting has its snapshot',
     $q$select count(*) from public.meetings m where m.status = 'held' and not exists (select 1 from public.meeting_snapshots s where s.meeting_id = m.id)$q$),
    ('a planned meeting is not held yet, a held one has its version raised',
     $q$select count(*) from public.meetings where (status = 'planned' and (held_at is not null or sequence <> 0)) or (status = 'held' and version < 2)$q$),
    ('a document''s object is in the bucket, with its size and type',
     $q$select count(*) from public.documents d where not exists (select 1 from storage.objects o where o.bucket_id = 'charter-documents' and o.name = d.object_path and (o.metadata ->> 'size')::bigint = d.size and o.metadata ->> 'mimetype' = d.mime_type)$q$),
    ('a document''s object is in its subject''s folder',
     $q$select count(*) from public.documents d where (d.action_id is not null and not starts_with(d.object_path, d.charter_id || '/actions/' || d.action_id || '/')) or (d.meeting_id is not null and not starts_with(d.object_path, d.charter_id || '/reunions/' || d.meeting_id || '/')) or (d.amendment_id is not null and not starts_with(d.object_path, d.charter_id || '/avenants/' || d.amendment_id || '/'))$q$),
    ('a grant is within its scheme''s ceiling, its commitment ends after the scheme''s years',
     $q$select count(*) from public.aid_grants g join public.aid_schemes s on s.id = g.scheme_id where (s.max_amount is not null and g.amount > s.max_amount * case when s.max_amount_per_year then coalesce(s.commitment_years, 1) else 1 end) or (g.commitment_starts_on is not null and s.commitment_years is not null and g.commitment_ends_on <> (g.commitment_starts_on + make_interval(years => s.commitment_years))::date)$q$),
    ('a campaign opens before its due date, due before the meeting',
     $q$select count(*) from public.meetings where updates_due_on is not null and (campaign_opens_on is null or campaign_opens_on > updates_due_on)$q$),
    ('a charter''s pipeline figures are those of its requests and referrals',
     $q$select count(*) from public.charters c left join private.support_pipeline_figures f on f.charter_id = c.id cross join lateral private.pipeline_request_figures(c.id) x where (exists (select 1 from public.support_requests r where r.charter_id = c.id) and f.charter_id is null) or (f.charter_id is not null and ((f.requests_total, f.requests_open, f.by_status, f.by_need, f.by_profession, f.installed, f.installations, f.referrals) is distinct from (x.requests_total, x.requests_open, x.by_status, x.by_need, x.by_profession, x.installed, x.installations, private.pipeline_referral_figures(c.id)) or f.median_days is distinct from x.median_days))$q$),
    ('an action''s state is its latest journal entry',
     $q$select count(*) from public.actions a join lateral (select u.status, u.progress from public.action_updates u where u.action_id = a.id order by u.created_at desc, u.id desc limit 1) u on true where (a.status, a.progress) <> (u.status, u.progress)$q$)
  ) as r (rule, query)
  loop
    execute v_rule.query into v_n;
    if v_n > 0 then
      raise exception 'scale data: % (% rows break it)', v_rule.rule, v_n;
    end if;
  end loop;
end
$$;
select 'ok' as scale_check;
