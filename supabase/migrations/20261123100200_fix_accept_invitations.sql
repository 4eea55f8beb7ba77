-- public.accept_invitations() (20261122100700) failed on its first invitation: the output column `charter_id`
-- of its result made `on conflict (charter_id, user_id)` ambiguous (42702), so no invitation was ever
-- accepted. Same function, with column references winning over the output variables.

create or replace function public.accept_invitations()
returns table (charter_id uuid, role public.member_role)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_uid uuid := (select auth.uid());
  v_email text;
  v_invitation public.invitations%rowtype;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'Connectez-vous pour accepter une invitation.';
  end if;
  select lower(u.email) into v_email from auth.users u where u.id = v_uid;
  for v_invitation in
    select * from public.invitations i where lower(i.email) = v_email and i.status = 'pending' for update
  loop
    insert into public.charter_members (charter_id, user_id, organization_id, role, created_by)
    values (v_invitation.charter_id, v_uid, v_invitation.organization_id, v_invitation.role, v_invitation.invited_by)
    on conflict (charter_id, user_id) do update
      set role = excluded.role, organization_id = excluded.organization_id;
    insert into public.official_communes (charter_id, user_id, commune_code)
    select v_invitation.charter_id, v_uid, code from unnest(v_invitation.commune_codes) as code
    on conflict do nothing;
    update public.invitations
    set status = 'accepted', accepted_at = now(), accepted_by = v_uid
    where id = v_invitation.id;
    charter_id := v_invitation.charter_id;
    role := v_invitation.role;
    return next;
  end loop;
end;
$$;
revoke execute on function public.accept_invitations() from public, anon;
grant execute on function public.accept_invitations() to authenticated;
