-- What the API roles hold, after every table of the release exists. Supabase (and the local stack's bootstrap)
-- grant ALL on every new table of `public` to anon and authenticated; RLS then decides which rows. This
-- migration takes back what no policy uses, so that a privilege never stands without a rule behind it:
--
-- 1. TRUNCATE, TRIGGER and REFERENCES: no API role needs them (TRUNCATE even ignores RLS). Also for tables made
--    later (default privileges).
-- 2. SELECT, INSERT, UPDATE, DELETE of anon and authenticated on a table where no policy for that command
--    applies to that role. anon keeps SELECT on the published tables and writes nothing. It also keeps SELECT on
--    the four tables the public dashboard functions (security invoker) read on a published charter: fundings,
--    action_updates, action_partners and action_communes. No policy lets anon see a row of them, so the
--    functions find nothing there, as the public page promises (no money, no journal, no partners of actions).
-- 3. User ids never reach anon: anon reads every column of its tables but those that hold a person's id
--    (a foreign key to auth.users or public.profiles). Its OpenAPI description lists what remains.
-- 4. A coordinator changes a member's role and organization, never the person or the charter of a membership
--    (membership is by consent), and an invitation's sending and revocation, never whose it is.
-- 5. Planned counts (`Prefer: count=planned`) are the planner's estimates: the table's size times the
--    selectivity of the filters, from the statistics ANALYZE keeps. The table's size is a platform-wide figure
--    that says nothing about a charter or a person; the statistics of personal columns (most common values)
--    would tell whether a name is frequent, so they are not collected: a filter on them gets the default
--    selectivity, the same for a name that exists and one that does not.
--
-- tests/db/schema-lint.test.ts checks each rule on the whole schema, so that a later migration keeps them.

-- ---------------------------------------------------------------------------------------------------------- 1
revoke truncate, trigger, references on all tables in schema public from anon, authenticated;
alter default privileges for role postgres in schema public revoke truncate, trigger, references on tables from anon, authenticated;

-- ---------------------------------------------------------------------------------------------------------- 2
do $$
declare
  v_table record;
  v_role text;
  v_command text;
begin
  for v_table in
    select c.oid, c.relname, c.relkind from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
  loop
    foreach v_role in array array['anon', 'authenticated'] loop
      foreach v_command in array array['select', 'insert', 'update', 'delete'] loop
        if v_command = 'select' and (
          v_table.relkind = 'v' -- views are security_invoker: the policies of their tables decide
          or (v_role = 'anon' and v_table.relname in ('fundings', 'action_updates', 'action_partners', 'action_communes'))
        ) then
          continue;
        end if;
        if not exists (
          select 1 from pg_policies p
          where p.schemaname = 'public' and p.tablename = v_table.relname
            and (v_role = any (p.roles) or 'public' = any (p.roles))
            and p.cmd in (upper(v_command), 'ALL')
        ) then
          execute format('revoke %s on public.%I from %I', v_command, v_table.relname, v_role);
        end if;
      end loop;
    end loop;
  end loop;
end;
$$;

-- ---------------------------------------------------------------------------------------------------------- 3
do $$
declare
  v_table record;
begin
  for v_table in
    select c.relname,
      (
        select string_agg(quote_ident(a.attname), ', ' order by a.attnum)
        from pg_attribute a
        where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
          and not exists (
            select 1 from pg_constraint k
            where k.conrelid = c.oid and k.contype = 'f' and a.attnum = any (k.conkey)
              and k.confrelid in ('auth.users'::regclass, 'public.profiles'::regclass)
          )
      ) as columns
    from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
      and has_table_privilege('anon', c.oid, 'select')
      and exists (
        select 1 from pg_constraint k
        where k.conrelid = c.oid and k.contype = 'f' and k.confrelid in ('auth.users'::regclass, 'public.profiles'::regclass)
      )
  loop
    execute format('revoke select on public.%I from anon', v_table.relname);
    execute format('grant select (%s) on public.%I to anon', v_table.columns, v_table.relname);
  end loop;
end;
$$;

-- ---------------------------------------------------------------------------------------------------------- 4
revoke update on public.charter_members from authenticated;
grant update (role, organization_id) on public.charter_members to authenticated;
revoke update on public.invitations from authenticated;
grant update (status, last_sent_at, send_count, revoked_at) on public.invitations to authenticated;

-- ---------------------------------------------------------------------------------------------------------- 5
alter table public.internships
  alter column intern_first_name set statistics 0,
  alter column intern_last_name set statistics 0,
  alter column intern_email set statistics 0,
  alter column supervisor_name set statistics 0,
  alter column host_contact set statistics 0;
alter table public.profiles
  alter column display_name set statistics 0,
  alter column email set statistics 0;
alter table public.invitations alter column email set statistics 0;
