-- RGPD: the intern's personal data (first name, last name, e-mail) is erased a configurable number of months
-- after the end of the internship (RETENTION_MONTHS, 12 by default), or earlier on the intern's request by a
-- coordinator. The anonymous row stays for the statistics (internship_counts). The e-mails that named the
-- intern lose their text too: pending ones are cancelled, sent ones keep their subject (commune and date only).

create function private.erase_internships(p_ids uuid[]) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_count integer;
begin
  update public.internships
  set intern_first_name = null, intern_last_name = null, intern_email = null, erased_at = now()
  where id = any (p_ids) and erased_at is null;
  get diagnostics v_count = row_count;

  update public.notifications n
  set status = 'cancelled', locked_until = null,
      last_error = 'Non envoyé : les données personnelles du stagiaire ont été effacées.'
  where n.status = 'pending'
    and (n.internship_id = any (p_ids) or n.payload -> 'internship_ids' ?| p_ids::text[]);

  update public.notifications n
  set body_text = 'Contenu effacé : ce message nommait un·e stagiaire dont les données personnelles ont été supprimées (RGPD).',
      body_html = null,
      payload = n.payload || jsonb_build_object('erased', true)
  where (n.internship_id = any (p_ids) or n.payload -> 'internship_ids' ?| p_ids::text[])
    and not n.payload ? 'erased';
  return v_count;
end;
$$;

-- The retention job (service role, run by the sender's scheduler): erases what is due and nothing else. The
-- data is kept for p_months whole months after ends_on and erased from the next day on.
create function private.erase_expired_intern_data(
  p_months integer default 12,
  p_today date default null,
  p_charter_id uuid default null
) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_today date := coalesce(p_today, private.today_paris());
  v_ids uuid[];
begin
  if p_months is null or p_months < 1 or p_months > 120 then
    raise exception using errcode = 'PT400', message = 'La durée de conservation doit être comprise entre 1 et 120 mois.';
  end if;
  select coalesce(array_agg(i.id), '{}') into v_ids
  from public.internships i
  where i.erased_at is null
    and (i.ends_on + make_interval(months => p_months))::date < v_today
    and (p_charter_id is null or i.charter_id = p_charter_id);
  if cardinality(v_ids) = 0 then
    return 0;
  end if;
  return private.erase_internships(v_ids);
end;
$$;

-- The API's entry point: runs as the caller; only private.erase_expired_intern_data holds the owner's rights.
create function public.erase_expired_intern_data(p_months integer default 12, p_today date default null, p_charter_id uuid default null)
returns integer
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.erase_expired_intern_data(p_months, p_today, p_charter_id)
$$;
revoke execute on function public.erase_expired_intern_data(integer, date, uuid) from public, anon, authenticated;
grant execute on function public.erase_expired_intern_data(integer, date, uuid) to service_role;
revoke execute on function private.erase_expired_intern_data(integer, date, uuid) from public, anon, authenticated;
grant execute on function private.erase_expired_intern_data(integer, date, uuid) to service_role;

-- Erasure on request (droit à l'effacement), by a coordinator of the internship's charter.
create function private.erase_intern_personal_data(p_internship_id uuid) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_charter_id uuid;
  v_erased_at timestamptz;
begin
  select i.charter_id, i.erased_at into v_charter_id, v_erased_at from public.internships i where i.id = p_internship_id;
  if v_charter_id is null or v_charter_id not in (select private.coordinated_charter_ids()) then
    raise exception using errcode = 'PT403',
      message = 'Seule la coordination de la charte peut effacer les données d''un·e stagiaire.';
  end if;
  if v_erased_at is not null then
    raise exception using errcode = 'PT409', message = 'Les données de ce ou cette stagiaire sont déjà effacées.';
  end if;
  perform private.erase_internships(array[p_internship_id]);
end;
$$;

-- The API's entry point: runs as the caller; only private.erase_intern_personal_data holds the owner's rights.
create function public.erase_intern_personal_data(p_internship_id uuid)
returns void
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.erase_intern_personal_data(p_internship_id)
$$;
revoke execute on function public.erase_intern_personal_data(uuid) from public, anon;
grant execute on function public.erase_intern_personal_data(uuid) to authenticated;
revoke execute on function private.erase_intern_personal_data(uuid) from public, anon;
grant execute on function private.erase_intern_personal_data(uuid) to authenticated;

revoke all on function private.erase_internships(uuid[]) from public;
