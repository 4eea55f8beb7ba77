-- The charter's life: the plan as it stands (public.charter_plan), amendments (avenants) that keep the plan
-- before and after them, and the organizations that join the charter by an amendment.
--
-- - charter_plan(charter) is the plan a reader of the charter sees (RLS applies): its objectives and actions,
--   archived ones left out, in the plan's order, as one json value. An amendment keeps two of them: plan_before
--   (taken when the draft is opened) and plan_after (taken when it is recorded as signed); what it changed is
--   their difference (src/lib/amendments/plan-diff.ts).
-- - Opening an amendment numbers it (the next number in the charter, under a lock) and keeps the plan
--   (private.prepare_amendment). A draft's number and plan_before never change; a signed amendment does not change
--   at all, and the delete policy keeps it (drafts only, 20261123600000_documents.sql).
-- - sign_amendment(amendment, date, signatories) records the signature and, in the same transaction, the
--   organizations that join the charter by this amendment: a charter_partners row of role `signatory` with the
--   date each signed and the amendment.
--
-- Errors meant for users carry a PostgREST status (SQLSTATE PT4xx) and a French message.

-- ---------------------------------------------------------------------------------------------------
-- The plan as it stands
-- ---------------------------------------------------------------------------------------------------
create function public.charter_plan(p_charter_id uuid) returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'objectives', coalesce((
      select jsonb_agg(
        jsonb_build_object('id', o.id, 'code', o.code, 'title', o.title, 'position', o.position)
        order by o.position, string_to_array(o.code, '.')::int[], o.id
      )
      from public.objectives o
      where o.charter_id = p_charter_id and o.archived_at is null
    ), '[]'::jsonb),
    'actions', coalesce((
      select jsonb_agg(
        jsonb_build_object(
          'id', a.id,
          'code', a.code,
          'title', a.title,
          'objective_id', a.objective_id,
          'objective_code', o.code,
          'lead_organization_id', a.lead_organization_id,
          'lead_name', lead.name,
          'status', a.status,
          'starts_on', a.starts_on,
          'due_on', a.due_on,
          'position', a.position,
          'contributors', coalesce((
            select jsonb_agg(jsonb_build_object('id', org.id, 'name', org.name) order by org.name, org.id)
            from public.action_partners ap join public.organizations org on org.id = ap.organization_id
            where ap.action_id = a.id and ap.role = 'contributor'
          ), '[]'::jsonb),
          'funders', coalesce((
            select jsonb_agg(jsonb_build_object('id', org.id, 'name', org.name) order by org.name, org.id)
            from public.action_partners ap join public.organizations org on org.id = ap.organization_id
            where ap.action_id = a.id and ap.role = 'funder'
          ), '[]'::jsonb)
        )
        order by o.position, string_to_array(o.code, '.')::int[], a.position, string_to_array(a.code, '.')::int[], a.id
      )
      from public.actions a
      join public.objectives o on o.id = a.objective_id
      left join public.organizations lead on lead.id = a.lead_organization_id
      where a.charter_id = p_charter_id and a.archived_at is null and o.archived_at is null
    ), '[]'::jsonb)
  )
$$;
comment on function public.charter_plan(uuid) is
  'The plan of a charter as the caller reads it: objectives and actions (archived ones left out), in the plan''s order.';
revoke execute on function public.charter_plan(uuid) from public, anon;
grant execute on function public.charter_plan(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- Opening, signing and keeping an amendment
-- ---------------------------------------------------------------------------------------------------
-- Runs as the owner so that the number is the next one whoever opens it, and the plan kept is the whole plan.
-- Without a caller (the seed, the service role), a number and plans given are kept.
create function private.prepare_amendment() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_caller uuid := (select auth.uid());
begin
  if tg_op = 'INSERT' then
    perform pg_advisory_xact_lock(hashtextextended('charter_amendments:' || new.charter_id::text, 0));
    if v_caller is not null or new.number is null then
      select coalesce(max(a.number), 0) + 1 into new.number
      from public.charter_amendments a where a.charter_id = new.charter_id;
    end if;
    if v_caller is not null or new.plan_before is null then
      new.plan_before := public.charter_plan(new.charter_id);
    end if;
    if v_caller is not null then
      new.created_by := v_caller;
      new.created_at := now();
      new.plan_after := null;
    end if;
  else
    if old.signed_on is not null then
      if (to_jsonb(new) - 'updated_at') is distinct from (to_jsonb(old) - 'updated_at') then
        raise exception using errcode = 'PT403',
          message = format('L''avenant n° %s est signé : il ne change plus. Ouvrez un nouvel avenant.', old.number);
      end if;
      return new;
    end if;
    if (new.charter_id, new.number, new.plan_before, new.created_by, new.created_at)
       is distinct from (old.charter_id, old.number, old.plan_before, old.created_by, old.created_at) then
      raise exception using errcode = 'PT403',
        message = 'Le numéro d''un avenant et le plan d''avant ne changent pas.';
    end if;
  end if;
  if new.signed_on is not null and (v_caller is not null or new.plan_after is null) then
    if new.signed_on > private.today_in_paris() then
      raise exception using errcode = 'PT400', message = 'La date de signature ne peut pas être dans le futur.';
    end if;
    if new.signed_on < date '2000-01-01' then
      raise exception using errcode = 'PT400', message = 'Cette date de signature n''est pas plausible.';
    end if;
    new.plan_after := public.charter_plan(new.charter_id);
  elsif new.signed_on is null then
    new.plan_after := null;
  end if;
  return new;
end;
$$;
create trigger charter_amendments_prepare before insert or update on public.charter_amendments
  for each row execute function private.prepare_amendment();
revoke all on function private.prepare_amendment() from public;

-- Recording an amendment as signed, with the organizations that join the charter by it:
-- p_signatories = [{"organization_id": "…", "signed_on": "2026-11-05"}, …] (signed_on: the amendment's when omitted).
create function public.sign_amendment(p_amendment_id uuid, p_signed_on date, p_signatories jsonb default '[]'::jsonb)
returns public.charter_amendments
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_amendment public.charter_amendments%rowtype;
  v_entry jsonb;
  v_org uuid;
  v_date date;
  v_name text;
begin
  if p_signed_on is null then
    raise exception using errcode = 'PT400', message = 'Indiquez la date de signature de l''avenant.';
  end if;
  if jsonb_typeof(coalesce(p_signatories, '[]'::jsonb)) <> 'array' then
    raise exception using errcode = 'PT400', message = 'La liste des organisations signataires est mal formée.';
  end if;
  select * into v_amendment from public.charter_amendments a
  where a.id = p_amendment_id and a.charter_id in (select private.coordinated_charter_ids())
  for update;
  if not found then
    raise exception using errcode = 'PT403', message = 'Seule la coordination de la charte enregistre un avenant signé.';
  end if;
  if v_amendment.signed_on is not null then
    raise exception using errcode = 'PT409',
      message = format('L''avenant n° %s est déjà signé (le %s).', v_amendment.number, to_char(v_amendment.signed_on, 'DD/MM/YYYY'));
  end if;

  update public.charter_amendments a set signed_on = p_signed_on where a.id = p_amendment_id
  returning * into v_amendment;

  for v_entry in select e from jsonb_array_elements(coalesce(p_signatories, '[]'::jsonb)) as e loop
    if jsonb_typeof(v_entry) <> 'object' or (v_entry ->> 'organization_id') !~
       '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
      raise exception using errcode = 'PT400', message = 'Choisissez chaque organisation signataire dans la liste.';
    end if;
    v_org := (v_entry ->> 'organization_id')::uuid;
    if coalesce(v_entry ->> 'signed_on', '') !~ '^(\d{4}-\d{2}-\d{2})?$' then
      raise exception using errcode = 'PT400', message = 'La date de signature d''une organisation est invalide.';
    end if;
    v_date := coalesce(nullif(v_entry ->> 'signed_on', '')::date, p_signed_on);
    select o.name into v_name from public.organizations o where o.id = v_org;
    if v_name is null then
      raise exception using errcode = 'PT400', message = 'Cette organisation n''existe pas dans l''annuaire.';
    end if;
    if v_date > private.today_in_paris() then
      raise exception using errcode = 'PT400',
        message = format('La date de signature de %s ne peut pas être dans le futur.', v_name);
    end if;
    if exists (
      select 1 from public.charter_partners cp
      where cp.charter_id = v_amendment.charter_id and cp.organization_id = v_org and cp.role = 'signatory'
    ) then
      raise exception using errcode = 'PT409', message = format('%s est déjà signataire de la charte.', v_name);
    end if;
    insert into public.charter_partners (charter_id, organization_id, role, signed_on, amendment_id)
    values (v_amendment.charter_id, v_org, 'signatory', v_date, v_amendment.id);
  end loop;
  return v_amendment;
end;
$$;
revoke execute on function public.sign_amendment(uuid, date, jsonb) from public, anon;
grant execute on function public.sign_amendment(uuid, date, jsonb) to authenticated;
