-- National-scale data set, part 7: the charter's life and its documents.
-- - Amendments: every charter has a signed amendment n° 1 (a year or so after its signature) by which its last
--   two partners joined; one in five also has a draft n° 2. plan_before and plan_after are public.charter_plan as
--   the trigger and sign_amendment keep them (the generated plan did not change in between).
-- - Signatories: the date each signed (the charter's, or the amendment's for those who joined by it).
-- - Documents, each with its object in the bucket charter-documents (metadata as the Storage server writes it;
--   no file on disk: the list pages read the rows only): the signed charter, each amendment's text, the minutes
--   and the frozen report of each held meeting (the snapshot's report_path), evidence on one action in ten.
-- - Multi-year targets: three (2026 to 2028) for one action indicator in two.

create temporary table scale_amendment as
select sc.c, sc.id as charter_id, n, md5(p.salt || ':amendment:' || sc.c || ':' || n)::uuid as id,
  md5(p.salt || ':user:' || (sc.u0 + 1))::uuid as coordinator_id,
  case when n = 1 then least(private.today_in_paris() - 30, ch.signed_on + 300 + pg_temp.pick(p.salt || 'asigned' || sc.c, 200)) end
    as signed_on,
  ch.signed_on as charter_signed_on
from scale_params p
join scale_charter sc on true
join public.charters ch on ch.id = sc.id
cross join generate_series(1, 2) n
where n = 1 or sc.c % 5 = 0;

create temporary table scale_plan as
select sc.id as charter_id, public.charter_plan(sc.id) as plan from scale_charter sc;
create unique index on scale_plan (charter_id);
analyze scale_plan;

insert into public.charter_amendments (id, charter_id, number, title, summary, signed_on, plan_before, plan_after,
  created_by, created_at, updated_at)
select sa.id, sa.charter_id, sa.n,
  case when sa.n = 1 then 'Avenant n° 1 : entrée de nouveaux partenaires' else 'Avenant n° 2 : révision du calendrier' end,
  'Avenant généré pour le banc d''essai.', sa.signed_on, pl.plan, case when sa.signed_on is not null then pl.plan end,
  sa.coordinator_id,
  coalesce(sa.signed_on - 60, private.today_in_paris() - 10)::timestamp at time zone 'Europe/Paris',
  coalesce(sa.signed_on, private.today_in_paris() - 10)::timestamp at time zone 'Europe/Paris'
from scale_amendment sa
join scale_plan pl on pl.charter_id = sa.charter_id;

update public.charter_partners cp
set signed_on = case when sp.k >= sc.np - 2 then sa.signed_on else sa.charter_signed_on end,
  amendment_id = case when sp.k >= sc.np - 2 then sa.id end
from scale_partner sp
join scale_charter sc on sc.c = sp.c
join scale_amendment sa on sa.c = sp.c and sa.n = 1
where cp.charter_id = sp.charter_id and cp.organization_id = sp.organization_id and cp.role = 'signatory';

-- ---------------------------------------------------------------------------------------------- documents
create temporary table scale_document as
-- the signed charter
select sc.id as charter_id, md5(p.salt || ':doc:charter:' || sc.c)::uuid as id, 'charte_signee'::public.document_kind as kind,
  'Charte signée' as title, 'charte-signee.pdf' as file_name, sc.id || '/charte/' as folder,
  null::uuid as action_id, null::uuid as meeting_id, null::uuid as amendment_id,
  ch.is_public, md5(p.salt || ':user:' || (sc.u0 + 1))::uuid as uploaded_by,
  (ch.signed_on + 3)::timestamp at time zone 'Europe/Paris' as created_at, null::text as object_path
from scale_params p join scale_charter sc on true join public.charters ch on ch.id = sc.id
union all
-- each amendment's text (the signed one's)
select sa.charter_id, md5(p.salt || ':doc:amendment:' || sa.id)::uuid, 'avenant', 'Avenant n° ' || sa.n,
  'avenant-' || sa.n || '.pdf', sa.charter_id || '/avenants/' || sa.id || '/', null, null, sa.id, false, sa.coordinator_id,
  (sa.signed_on + 1)::timestamp at time zone 'Europe/Paris', null
from scale_params p join scale_amendment sa on sa.signed_on is not null
union all
-- the minutes and the frozen report of each held meeting
select sm.charter_id, md5(p.salt || ':doc:minutes:' || sm.id)::uuid, 'compte_rendu',
  'Compte rendu du ' || to_char(sm.day, 'DD/MM/YYYY'), 'compte-rendu-' || sm.day || '.pdf',
  sm.charter_id || '/reunions/' || sm.id || '/', null, sm.id, null, false, sm.coordinator_id, sm.starts_at + interval '1 day', null
from scale_params p join scale_meeting sm on sm.status = 'held'
union all
select sm.charter_id, md5(p.salt || ':doc:report:' || sm.id)::uuid, 'rapport_copil',
  'Rapport du COPIL du ' || to_char(sm.day, 'DD/MM/YYYY'), 'rapport-copil-' || sc.slug || '-' || sm.day || '.pdf',
  null, null, sm.id, null, false, sm.coordinator_id, sm.starts_at + interval '3 hours', s.report_path
from scale_params p join scale_meeting sm on sm.status = 'held'
join scale_charter sc on sc.c = sm.c
join public.meeting_snapshots s on s.meeting_id = sm.id
union all
-- evidence on one action in ten, filed by the lead's representative
select sa.charter_id, md5(p.salt || ':doc:evidence:' || sa.id)::uuid, 'piece_justificative',
  'Justificatif de l''action ' || sa.a, 'justificatif-' || sa.a || '.pdf', sa.charter_id || '/actions/' || sa.id || '/',
  sa.id, null, null, false, a.updated_by, coalesce(a.last_update_at, now()), null
from scale_params p join scale_action sa on sa.a % 10 = 3
join public.actions a on a.id = sa.id;

update scale_document set object_path = folder || md5(id::text || ':path') || '-' || file_name where object_path is null;

insert into storage.objects (id, bucket_id, name, owner, owner_id, created_at, updated_at, last_accessed_at, metadata,
  version)
select md5(d.id::text || ':object')::uuid, 'charter-documents', d.object_path, d.uploaded_by, d.uploaded_by::text,
  d.created_at, d.created_at, d.created_at,
  jsonb_build_object('eTag', '"' || md5(d.id::text) || '"', 'size', x.size, 'mimetype', 'application/pdf',
    'cacheControl', 'max-age=3600', 'lastModified', d.created_at, 'contentLength', x.size, 'httpStatusCode', 200),
  md5(d.id::text || ':version')
from scale_document d
cross join scale_params p
cross join lateral (select 20000 + pg_temp.pick(p.salt || 'size' || d.id, 2000000) as size) x;

insert into public.documents (id, charter_id, kind, title, object_path, file_name, action_id, meeting_id, amendment_id,
  size, mime_type, sha256, is_public, uploaded_by, created_at, updated_at)
select d.id, d.charter_id, d.kind, d.title, d.object_path, d.file_name, d.action_id, d.meeting_id, d.amendment_id,
  (o.metadata ->> 'size')::bigint, 'application/pdf', encode(sha256(convert_to(d.id::text, 'UTF8')), 'hex'), d.is_public,
  d.uploaded_by, d.created_at, d.created_at
from scale_document d
join storage.objects o on o.bucket_id = 'charter-documents' and o.name = d.object_path;

-- ---------------------------------------------------------------------------------------------- targets
insert into public.indicator_targets (indicator_id, charter_id, year, target, note, created_at, updated_at)
select si.id, si.charter_id, y, round(i.baseline + (i.target - i.baseline) * (y - 2025) / 3.0, 2),
  case when y = 2028 then 'Cible de fin de charte' end, now(), now()
from scale_indicator si
join public.indicators i on i.id = si.id
cross join generate_series(2026, 2028) y
where si.i % 2 = 0;
