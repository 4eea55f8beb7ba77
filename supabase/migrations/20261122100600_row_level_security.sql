-- Row-level security on every table, one policy per operation and role, following the access table of
-- docs/domain.md. No policy = refused. The app acts as the signed-in user, so these policies are the
-- security boundary; the service role (server jobs only) bypasses them.

alter table public.communes enable row level security;
alter table public.epcis enable row level security;
alter table public.organizations enable row level security;
alter table public.charters enable row level security;
alter table public.charter_partners enable row level security;
alter table public.profiles enable row level security;
alter table public.charter_members enable row level security;
alter table public.charter_creators enable row level security;
alter table public.official_communes enable row level security;
alter table public.invitations enable row level security;
alter table public.objectives enable row level security;
alter table public.actions enable row level security;
alter table public.action_partners enable row level security;
alter table public.action_communes enable row level security;
alter table public.action_updates enable row level security;
alter table public.indicators enable row level security;
alter table public.indicator_values enable row level security;
alter table public.fundings enable row level security;
alter table public.internships enable row level security;
alter table public.notifications enable row level security;

-- ---------------------------------------------------------------------------------------------- reference
create policy "communes are public reference data" on public.communes
  for select to anon, authenticated using (true);
create policy "epcis are public reference data" on public.epcis
  for select to anon, authenticated using (true);

-- ---------------------------------------------------------------------------------------------- organizations
create policy "anon reads organizations named by published charters" on public.organizations
  for select to anon using (id in (select private.public_organization_ids()));
create policy "signed-in users read the directory of organizations" on public.organizations
  for select to authenticated using (true);
create policy "coordinators add organizations" on public.organizations
  for insert to authenticated with check ((select private.coordinates_any_charter()) and created_by = (select auth.uid()));
create policy "coordinators update the organizations of their charters" on public.organizations
  for update to authenticated
  using (
    id in (select cp.organization_id from public.charter_partners cp where cp.charter_id in (select private.coordinated_charter_ids()))
    or created_by = (select auth.uid())
  )
  with check (
    id in (select cp.organization_id from public.charter_partners cp where cp.charter_id in (select private.coordinated_charter_ids()))
    or created_by = (select auth.uid())
  );

-- ---------------------------------------------------------------------------------------------- charters
create policy "anon reads published charters" on public.charters
  for select to anon using (is_public);
create policy "members read their charters, everyone reads published ones" on public.charters
  for select to authenticated using (is_public or id in (select private.member_charter_ids()));
create policy "granted creators create charters they will coordinate" on public.charters
  for insert to authenticated
  with check (created_by = (select auth.uid()) and (select private.can_create_charters()));
create policy "coordinators update their charters" on public.charters
  for update to authenticated
  using (id in (select private.coordinated_charter_ids()))
  with check (id in (select private.coordinated_charter_ids()));
create policy "coordinators delete their draft charters" on public.charters
  for delete to authenticated using (status = 'draft' and id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------- charter_partners
create policy "members read the partners of their charters" on public.charter_partners
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
create policy "coordinators add partners" on public.charter_partners
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators update partners" on public.charter_partners
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators remove partners" on public.charter_partners
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------- profiles
create policy "users read their own profile and their co-members'" on public.profiles
  for select to authenticated using (id = (select auth.uid()) or id in (select private.co_member_ids()));
create policy "users update their own profile" on public.profiles
  for update to authenticated using (id = (select auth.uid())) with check (id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------- charter_members
-- Nobody changes their own membership (no self-promotion, no self-removal of the last coordinator).
create policy "members read the members of their charters" on public.charter_members
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
-- Membership is by consent: no insert policy. A row is made only when its person accepts an invitation
-- (public.accept_invitations) or creates the charter (private.handle_new_charter). Coordinators change a member's
-- role and organization (column grants: never the person or the charter) and remove members.
create policy "coordinators change members, never themselves" on public.charter_members
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()) and user_id <> (select auth.uid()))
  with check (charter_id in (select private.coordinated_charter_ids()) and user_id <> (select auth.uid()));
create policy "coordinators remove members, never themselves" on public.charter_members
  for delete to authenticated
  using (charter_id in (select private.coordinated_charter_ids()) and user_id <> (select auth.uid()));

-- ---------------------------------------------------------------------------------------------- charter_creators
-- Written by the service role only (no insert, update or delete policy).
create policy "users read whether they may create charters" on public.charter_creators
  for select to authenticated using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------- official_communes
create policy "members read which communes officials cover" on public.official_communes
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
create policy "coordinators assign communes to officials" on public.official_communes
  for insert to authenticated
  with check (
    charter_id in (select private.coordinated_charter_ids()) and user_id <> (select auth.uid())
    and exists (
      select 1 from public.charter_members m
      where m.charter_id = official_communes.charter_id and m.user_id = official_communes.user_id
        and m.role = 'elected_official'
    )
  );
create policy "coordinators change communes of officials" on public.official_communes
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()) and user_id <> (select auth.uid()))
  with check (charter_id in (select private.coordinated_charter_ids()) and user_id <> (select auth.uid()));
create policy "coordinators remove communes of officials" on public.official_communes
  for delete to authenticated
  using (charter_id in (select private.coordinated_charter_ids()) and user_id <> (select auth.uid()));

-- ---------------------------------------------------------------------------------------------- invitations
create policy "coordinators read invitations" on public.invitations
  for select to authenticated using (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators invite" on public.invitations
  for insert to authenticated
  with check (charter_id in (select private.coordinated_charter_ids()) and invited_by = (select auth.uid()));
create policy "coordinators resend or revoke invitations" on public.invitations
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators delete invitations" on public.invitations
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------- objectives
create policy "anon reads objectives of published charters" on public.objectives
  for select to anon using (charter_id in (select private.public_charter_ids()));
create policy "members read objectives" on public.objectives
  for select to authenticated
  using (charter_id in (select private.member_charter_ids()) or charter_id in (select private.public_charter_ids()));
create policy "coordinators add objectives" on public.objectives
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators update objectives" on public.objectives
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators delete objectives" on public.objectives
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------- actions
-- Partner representatives change an action's state through public.record_action_update only.
create policy "anon reads actions of published charters" on public.actions
  for select to anon using (charter_id in (select private.public_charter_ids()));
create policy "members read actions" on public.actions
  for select to authenticated
  using (charter_id in (select private.member_charter_ids()) or charter_id in (select private.public_charter_ids()));
create policy "coordinators add actions" on public.actions
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators update actions" on public.actions
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators delete actions" on public.actions
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------- action_partners
create policy "members read action partners" on public.action_partners
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
create policy "coordinators add action partners" on public.action_partners
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators update action partners" on public.action_partners
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators remove action partners" on public.action_partners
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------- action_communes
create policy "members read action communes" on public.action_communes
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
create policy "coordinators add action communes" on public.action_communes
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators update action communes" on public.action_communes
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators remove action communes" on public.action_communes
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------- action_updates
-- Append-only: there is no update or delete policy, for anyone.
create policy "members read the journal" on public.action_updates
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
create policy "leads, partners and coordinators record updates" on public.action_updates
  for insert to authenticated
  with check (author_id = (select auth.uid()) and action_id in (select private.updatable_action_ids()));

-- ---------------------------------------------------------------------------------------------- indicators
create policy "anon reads indicators of published charters" on public.indicators
  for select to anon using (charter_id in (select private.public_charter_ids()));
create policy "members read indicators" on public.indicators
  for select to authenticated
  using (charter_id in (select private.member_charter_ids()) or charter_id in (select private.public_charter_ids()));
create policy "coordinators add indicators" on public.indicators
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators update indicators" on public.indicators
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators delete indicators" on public.indicators
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------- indicator_values
create policy "anon reads indicator values of published charters" on public.indicator_values
  for select to anon using (charter_id in (select private.public_charter_ids()));
create policy "members read indicator values" on public.indicator_values
  for select to authenticated
  using (charter_id in (select private.member_charter_ids()) or charter_id in (select private.public_charter_ids()));
create policy "partners and coordinators enter values" on public.indicator_values
  for insert to authenticated with check (indicator_id in (select private.writable_indicator_ids()));
create policy "partners and coordinators correct values" on public.indicator_values
  for update to authenticated
  using (indicator_id in (select private.writable_indicator_ids()))
  with check (indicator_id in (select private.writable_indicator_ids()));
create policy "coordinators delete values" on public.indicator_values
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------- fundings
-- A partner representative may change the amounts of their own organization's fundings; the trigger below
-- keeps the other columns for coordinators.
create policy "members read fundings" on public.fundings
  for select to authenticated using (charter_id in (select private.member_charter_ids()));
create policy "coordinators add fundings" on public.fundings
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators and funders update fundings" on public.fundings
  for update to authenticated
  using (
    charter_id in (select private.coordinated_charter_ids())
    or (charter_id, organization_id) in (select r.charter_id, r.organization_id from private.represented_organizations() r)
  )
  with check (
    charter_id in (select private.coordinated_charter_ids())
    or (charter_id, organization_id) in (select r.charter_id, r.organization_id from private.represented_organizations() r)
  );
create policy "coordinators delete fundings" on public.fundings
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------- internships
-- Personal data: coordinators and the host organization's representatives only. Elected officials get the
-- welcome information of their communes through public.official_arrivals(); every member gets anonymous
-- counts through public.internship_counts().
create policy "coordinators and hosts read internships" on public.internships
  for select to authenticated
  using (
    charter_id in (select private.coordinated_charter_ids())
    or (charter_id, host_organization_id) in (select r.charter_id, r.organization_id from private.represented_organizations() r)
  );
create policy "coordinators and hosts add internships" on public.internships
  for insert to authenticated
  with check (
    charter_id in (select private.coordinated_charter_ids())
    or (charter_id, host_organization_id) in (select r.charter_id, r.organization_id from private.represented_organizations() r)
  );
create policy "coordinators and hosts update internships" on public.internships
  for update to authenticated
  using (
    charter_id in (select private.coordinated_charter_ids())
    or (charter_id, host_organization_id) in (select r.charter_id, r.organization_id from private.represented_organizations() r)
  )
  with check (
    charter_id in (select private.coordinated_charter_ids())
    or (charter_id, host_organization_id) in (select r.charter_id, r.organization_id from private.represented_organizations() r)
  );
create policy "coordinators and hosts delete internships" on public.internships
  for delete to authenticated
  using (
    charter_id in (select private.coordinated_charter_ids())
    or (charter_id, host_organization_id) in (select r.charter_id, r.organization_id from private.represented_organizations() r)
  );

-- ---------------------------------------------------------------------------------------------- notifications
-- No policy: only the service role (server jobs) reaches the outbox. Privileges are withdrawn as well.
revoke all on public.notifications from anon, authenticated;
