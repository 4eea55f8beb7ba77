-- Documents and the charter's life: the files of a charter in Supabase Storage (the signed charter, its
-- amendments, the minutes and frozen reports of its meetings, the evidence of an action or of an indicator value),
-- their metadata (documents), the amendments (charter_amendments) with the plan before and after, the
-- signatories with the date each signed (charter_partners), one target per year for an indicator
-- (indicator_targets), and the licence under which a published charter's open data is offered.
--
-- Storage: the private bucket `charter-documents`; an object's name is `<charter_id>/<folder>/<file>`:
--   charte/…, avenants/<amendment_id>/…, reunions/<meeting_id>/…, decisions/<decision_id>/…,
--   actions/<action_id>/…, indicateurs/<indicator_id>/…, archives/…, documents/…
-- The Storage API runs every metadata read and write as the caller, so the policies on storage.objects below
-- decide, locally (stack/storage) as on a hosted project. These statements apply unchanged to a hosted project.
--
-- Who does what (docs/domain.md, "Documents and the charter's life"):
-- - every member of the charter reads its documents; anyone reads a document a coordinator marked public on a
--   published charter (metadata and file);
-- - coordinators upload anywhere under their charter, change a document's title, kind and publicity, and delete;
-- - partner representatives upload evidence (piece_justificative) on the actions they may update and on the
--   values of the indicators they may enter, and never delete;
-- - the same file (sha256) is kept once per charter.
--
-- Errors meant for users carry a PostgREST status (SQLSTATE PT4xx) and a French message.

create type public.document_kind as enum (
  'charte_signee', 'avenant', 'compte_rendu', 'rapport_copil', 'piece_justificative', 'archive', 'autre'
);
create type public.open_data_licence as enum ('etalab-2.0', 'odbl-1.0', 'cc-by-4.0');

-- ---------------------------------------------------------------------------------------------------
-- The bucket (20 MB; PDF, office documents, CSV, text, images, ZIP archives)
-- ---------------------------------------------------------------------------------------------------
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values (
  'charter-documents', 'charter-documents', false, 20971520,
  array[
    'application/pdf',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
    'application/vnd.oasis.opendocument.presentation',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.ms-powerpoint',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'text/csv',
    'text/plain',
    'image/png',
    'image/jpeg',
    'image/webp',
    'application/zip'
  ]
)
on conflict (id) do update
  set public = excluded.public,
    file_size_limit = excluded.file_size_limit,
    allowed_mime_types = excluded.allowed_mime_types;

-- ---------------------------------------------------------------------------------------------------
-- Amendments (avenants)
-- ---------------------------------------------------------------------------------------------------
-- An amendment is opened as a draft, which keeps the plan as it stood (plan_before); the coordinator changes the
-- plan, then records the amendment as signed, which keeps the plan after (plan_after). The difference between the
-- two is what the amendment changed (src/lib/amendments/plan-diff.ts).
create table public.charter_amendments (
  id uuid primary key default gen_random_uuid(),
  charter_id uuid not null references public.charters (id) on delete cascade,
  number integer not null check (number between 1 and 999),
  title text not null check (length(trim(title)) between 3 and 200),
  summary text check (length(summary) <= 5000),
  signed_on date,
  plan_before jsonb not null,
  plan_after jsonb,
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (charter_id, number),
  unique (id, charter_id),
  constraint charter_amendments_signed_with_plan check ((signed_on is null) = (plan_after is null))
);
create index charter_amendments_created_by_idx on public.charter_amendments (created_by);
create trigger charter_amendments_updated_at before update on public.charter_amendments
  for each row execute function private.set_updated_at();

-- Signatories: the date each signed, and the amendment by which an organization joined later. Before the first
-- release charter_partners is small and nothing is running against it (no long scan, no write to block).
alter table public.charter_partners add column signed_on date, add column amendment_id uuid;
-- squawk-ignore adding-foreign-key-constraint, constraint-missing-not-valid
alter table public.charter_partners add constraint charter_partners_amendment_fk foreign key (amendment_id, charter_id)
  references public.charter_amendments (id, charter_id) on delete set null (amendment_id);
-- squawk-ignore constraint-missing-not-valid
alter table public.charter_partners add constraint charter_partners_signature_of_signatory
  check (role = 'signatory' or (signed_on is null and amendment_id is null));
create index charter_partners_amendment_idx on public.charter_partners (amendment_id, charter_id);

-- ---------------------------------------------------------------------------------------------------
-- Multi-year targets
-- ---------------------------------------------------------------------------------------------------
create table public.indicator_targets (
  indicator_id uuid not null,
  charter_id uuid not null,
  year integer not null check (year between 2000 and 2100),
  target numeric(14, 2) not null,
  note text check (length(note) <= 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (indicator_id, year),
  foreign key (indicator_id, charter_id) references public.indicators (id, charter_id) on delete cascade
);
create index indicator_targets_indicator_charter_idx on public.indicator_targets (indicator_id, charter_id);
create index indicator_targets_charter_idx on public.indicator_targets (charter_id);
create trigger indicator_targets_updated_at before update on public.indicator_targets
  for each row execute function private.set_updated_at();

-- The licence of a published charter's open data (Licence Ouverte 2.0 by default).
alter table public.charters add column open_data_licence public.open_data_licence not null default 'etalab-2.0';

-- ---------------------------------------------------------------------------------------------------
-- Documents
-- ---------------------------------------------------------------------------------------------------
create table public.documents (
  id uuid primary key default gen_random_uuid(),
  charter_id uuid not null references public.charters (id) on delete cascade,
  kind public.document_kind not null,
  title text not null check (length(trim(title)) between 1 and 200),
  -- The object's name in the bucket charter-documents, under the charter's folder.
  object_path text not null unique check (
    starts_with(object_path, charter_id::text || '/') and length(object_path) <= 500
  ),
  file_name text not null check (length(trim(file_name)) between 1 and 255),
  -- What the document is attached to: nothing (the charter itself) or one of these.
  action_id uuid,
  meeting_id uuid,
  decision_id uuid,
  amendment_id uuid,
  indicator_value_id uuid,
  size bigint not null check (size between 1 and 20971520),
  mime_type text not null check (length(mime_type) <= 255),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  is_public boolean not null default false,
  uploaded_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, charter_id),
  -- The same file once per charter (the app says where it already is).
  unique (charter_id, sha256),
  foreign key (action_id, charter_id) references public.actions (id, charter_id) on delete set null (action_id),
  foreign key (meeting_id, charter_id) references public.meetings (id, charter_id) on delete set null (meeting_id),
  foreign key (decision_id, charter_id) references public.decisions (id, charter_id) on delete set null (decision_id),
  foreign key (amendment_id, charter_id)
    references public.charter_amendments (id, charter_id) on delete set null (amendment_id),
  foreign key (indicator_value_id) references public.indicator_values (id) on delete set null,
  constraint documents_one_subject check (num_nonnulls(action_id, meeting_id, decision_id, amendment_id, indicator_value_id) <= 1)
);
create index documents_charter_idx on public.documents (charter_id, created_at desc);
create index documents_action_idx on public.documents (action_id, charter_id);
create index documents_meeting_idx on public.documents (meeting_id, charter_id);
create index documents_decision_idx on public.documents (decision_id, charter_id);
create index documents_amendment_idx on public.documents (amendment_id, charter_id);
create index documents_indicator_value_idx on public.documents (indicator_value_id);
create index documents_uploaded_by_idx on public.documents (uploaded_by);
create index documents_public_idx on public.documents (charter_id) where is_public;
create trigger documents_updated_at before update on public.documents
  for each row execute function private.set_updated_at();

-- The file must be in the bucket, and its size and type are the object's, not what the caller says. The
-- uploader is the caller (kept as given when there is none: the seed, the service role). Only the title, the
-- kind and the publicity change afterwards.
create function private.prepare_document() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_metadata jsonb;
begin
  if tg_op = 'UPDATE' then
    if new.object_path is distinct from old.object_path or new.charter_id is distinct from old.charter_id
      or new.sha256 is distinct from old.sha256 or new.size is distinct from old.size
      or new.mime_type is distinct from old.mime_type or new.file_name is distinct from old.file_name
      or new.uploaded_by is distinct from old.uploaded_by or new.created_at is distinct from old.created_at then
      raise exception using errcode = 'PT403',
        message = 'Le fichier d''un document ne change pas : déposez-en un nouveau.';
    end if;
    return new;
  end if;
  select o.metadata into v_metadata from storage.objects o
  where o.bucket_id = 'charter-documents' and o.name = new.object_path;
  if not found then
    raise exception using errcode = 'PT400', message = 'Le fichier de ce document n''a pas été déposé.';
  end if;
  if (v_metadata ->> 'size') is not null then
    new.size := (v_metadata ->> 'size')::bigint;
  end if;
  if (v_metadata ->> 'mimetype') is not null then
    new.mime_type := v_metadata ->> 'mimetype';
  end if;
  if (select auth.uid()) is not null then
    new.uploaded_by := (select auth.uid());
  end if;
  new.created_at := now();
  return new;
end;
$$;
create trigger documents_prepare before insert or update on public.documents
  for each row execute function private.prepare_document();

-- ---------------------------------------------------------------------------------------------------
-- Helpers of the policies
-- ---------------------------------------------------------------------------------------------------
-- The charter of an object's name (its first folder), or null when that is not a charter id.
create function private.storage_charter_id(p_name text) returns uuid
language sql immutable
set search_path = ''
as $$
  select case
    when split_part(p_name, '/', 1) ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    then split_part(p_name, '/', 1)::uuid
  end
$$;

-- The object names a partner representative may write: evidence of their actions and indicators.
create function private.evidence_folders() returns setof text
language sql stable security definer
set search_path = ''
as $$
  select a.charter_id::text || '/actions/' || a.id::text || '/'
  from public.actions a where a.id in (select private.updatable_action_ids())
  union all
  select i.charter_id::text || '/indicateurs/' || i.id::text || '/'
  from public.indicators i where i.id in (select private.writable_indicator_ids())
$$;

-- The objects anyone may read: documents marked public on published charters.
create function private.public_document_paths() returns setof text
language sql stable security definer
set search_path = ''
as $$
  select d.object_path from public.documents d
  where d.is_public and d.charter_id in (select private.public_charter_ids())
$$;

-- Whether an indicator value is one the caller may attach evidence to.
create function private.can_attach_to_indicator_value(p_value_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.indicator_values v
    where v.id = p_value_id and v.indicator_id in (select private.writable_indicator_ids())
  )
$$;

revoke all on function private.prepare_document(), private.storage_charter_id(text), private.evidence_folders(),
  private.public_document_paths(), private.can_attach_to_indicator_value(uuid) from public;
grant execute on function private.storage_charter_id(text), private.evidence_folders(),
  private.public_document_paths(), private.can_attach_to_indicator_value(uuid)
  to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- Row-level security of the tables
-- ---------------------------------------------------------------------------------------------------
alter table public.charter_amendments enable row level security;
create policy "anon reads signed amendments of published charters" on public.charter_amendments
  for select to anon using (signed_on is not null and charter_id in (select private.public_charter_ids()));
create policy "members read amendments" on public.charter_amendments
  for select to authenticated
  using (
    charter_id in (select private.member_charter_ids())
    or (signed_on is not null and charter_id in (select private.public_charter_ids()))
  );
create policy "coordinators open amendments" on public.charter_amendments
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators change amendments" on public.charter_amendments
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators delete draft amendments" on public.charter_amendments
  for delete to authenticated using (signed_on is null and charter_id in (select private.coordinated_charter_ids()));

alter table public.indicator_targets enable row level security;
create policy "anon reads targets of published charters" on public.indicator_targets
  for select to anon using (charter_id in (select private.public_charter_ids()));
create policy "members read targets" on public.indicator_targets
  for select to authenticated
  using (charter_id in (select private.member_charter_ids()) or charter_id in (select private.public_charter_ids()));
create policy "coordinators set targets" on public.indicator_targets
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators change targets" on public.indicator_targets
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators remove targets" on public.indicator_targets
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

alter table public.documents enable row level security;
create policy "anon reads public documents" on public.documents
  for select to anon using (is_public and charter_id in (select private.public_charter_ids()));
create policy "members read documents" on public.documents
  for select to authenticated
  using (
    charter_id in (select private.member_charter_ids())
    or (is_public and charter_id in (select private.public_charter_ids()))
  );
-- Coordinators file anything; partner representatives file evidence on what they update, never public.
create policy "coordinators and partners file documents" on public.documents
  for insert to authenticated
  with check (
    charter_id in (select private.coordinated_charter_ids())
    or (
      kind = 'piece_justificative' and not is_public
      and (
        (action_id is not null and action_id in (select private.updatable_action_ids())
          and starts_with(object_path, charter_id::text || '/actions/' || action_id::text || '/'))
        or (indicator_value_id is not null and (select private.can_attach_to_indicator_value(indicator_value_id))
          and exists (select 1 from private.evidence_folders() f where starts_with(object_path, f)))
      )
    )
  );
create policy "coordinators change documents" on public.documents
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators delete documents" on public.documents
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------------
-- Row-level security of the files (storage.objects, bucket charter-documents)
-- ---------------------------------------------------------------------------------------------------
create policy "members read their charters' files" on storage.objects
  for select to authenticated
  using (
    bucket_id = 'charter-documents'
    and (
      private.storage_charter_id(name) in (select private.member_charter_ids())
      or name in (select private.public_document_paths())
    )
  );
create policy "anyone reads public documents' files" on storage.objects
  for select to anon
  using (bucket_id = 'charter-documents' and name in (select private.public_document_paths()));
create policy "coordinators and partners upload files" on storage.objects
  for insert to authenticated
  with check (
    bucket_id = 'charter-documents'
    and array_position(string_to_array(name, '/'), '..') is null
    and array_position(string_to_array(name, '/'), '.') is null
    and array_position(string_to_array(name, '/'), '') is null
    and (
      private.storage_charter_id(name) in (select private.coordinated_charter_ids())
      or exists (select 1 from private.evidence_folders() f where starts_with(name, f))
    )
  );
create policy "coordinators delete files" on storage.objects
  for delete to authenticated
  using (bucket_id = 'charter-documents' and private.storage_charter_id(name) in (select private.coordinated_charter_ids()));
