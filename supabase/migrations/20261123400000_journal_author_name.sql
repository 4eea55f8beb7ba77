-- A journal entry written without an author account (the seed's entries taken from public sources, an
-- import run by the owner) keeps the author name it was given: the profile lookup used to blank it.
-- Same function as in 20261122100700_journal_and_rpc.sql otherwise.

create or replace function private.prepare_action_update() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_action public.actions%rowtype;
  v_name text;
begin
  select * into v_action from public.actions where id = new.action_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'Action introuvable.';
  end if;
  new.charter_id := v_action.charter_id;
  -- Through the API the date is the server's; only trusted loads (seed, imports as the owner) keep theirs.
  if (select auth.uid()) is not null then
    new.author_id := (select auth.uid());
    new.created_at := now();
  end if;
  new.previous_status := v_action.status;
  new.previous_progress := v_action.progress;
  new.previous_health := v_action.health;
  new.action_version := v_action.version + 1;
  select p.display_name into v_name from public.profiles p where p.id = new.author_id;
  new.author_name := coalesce(v_name, new.author_name);
  -- The organization in whose name the update is made: the author's, when it leads or contributes.
  select m.organization_id into new.organization_id
  from public.charter_members m
  where m.charter_id = v_action.charter_id and m.user_id = new.author_id and m.organization_id is not null
    and (
      m.organization_id = v_action.lead_organization_id
      or exists (select 1 from public.action_partners ap where ap.action_id = v_action.id and ap.organization_id = m.organization_id)
    );
  return new;
end;
$$;
