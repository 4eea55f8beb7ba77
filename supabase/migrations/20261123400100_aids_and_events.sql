-- Financial aids and their commitments, and the editions of event actions.
--
-- - aid_schemes: the plan's aids (Cholet: an installation lump sum, an aid to keep a practice going, a study
--   allowance of at most 4 800 € a year), each with a ceiling, the years of practice it commits to, and its own
--   envelope, or none: then it draws on the charter's pooled envelope (charters.budget_total, 600 000 € over
--   three years in Cholet).
-- - aid_grants: an aid decided for a beneficiary (linked to their request when there is one), the amount decided
--   and paid, the commitment's start and end. The coordination reads and writes them; a partner reads the grants
--   of the requests referred to it; everyone else gets totals and counts through public.aid_overview(), with
--   the cells under 3 withheld.
-- - Commitment alerts to the coordinators through the outbox (topic aid_commitments): 90 days before a
--   commitment ends (daily job, public.enqueue_commitment_alerts) and when it is broken (refund due, trigger).
-- - action_occurrences: one edition of an event action (the Cotentin weekend each year since 2016, the Ain
--   meetings with 450 participants). An indicator whose source is an edition figure (occurrence_participants,
--   occurrence_professionals, occurrence_interested) gets one value per edition, written here by the database.
--
-- Errors meant for users carry a PostgREST status (SQLSTATE PT4xx) and a French message.

create type public.aid_kind as enum ('installation', 'maintien', 'etudes', 'autre');
create type public.aid_grant_status as enum ('granted', 'paid', 'in_commitment', 'fulfilled', 'broken', 'refunded');

-- ---------------------------------------------------------------------------------------------------
-- Editions of event actions
-- ---------------------------------------------------------------------------------------------------
create table public.action_occurrences (
  id uuid primary key default gen_random_uuid(),
  action_id uuid not null,
  charter_id uuid not null,
  held_on date not null check (held_on between date '2000-01-01' and date '2100-12-31'),
  commune_code text references public.communes (code) on delete restrict,
  -- Unknown stays empty (never 0); the plausible bounds of a local event.
  participants integer check (participants between 0 and 100000),
  professionals integer check (professionals between 0 and 100000),
  interested integer check (interested between 0 and 100000),
  note text check (length(note) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  unique (id, charter_id),
  -- One edition a day: a computed indicator holds one value per date.
  unique (action_id, held_on),
  foreign key (action_id, charter_id) references public.actions (id, charter_id) on delete cascade,
  constraint action_occurrences_professionals_among_participants check (
    participants is null or professionals is null or professionals <= participants
  ),
  constraint action_occurrences_interested_among_participants check (
    participants is null or interested is null or interested <= participants
  )
);
create index action_occurrences_action_idx on public.action_occurrences (action_id, charter_id, held_on);
create index action_occurrences_charter_idx on public.action_occurrences (charter_id);
create index action_occurrences_commune_idx on public.action_occurrences (commune_code);
create index action_occurrences_created_by_idx on public.action_occurrences (created_by);
create trigger action_occurrences_updated_at before update on public.action_occurrences
  for each row execute function private.set_updated_at();

-- The author is the server's word; an edition stays with its action.
create function private.stamp_action_occurrence() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    new.created_at := now();
    new.created_by := (select auth.uid());
  elsif pg_trigger_depth() = 1 then
    new.created_by := old.created_by;
    new.created_at := old.created_at;
    if new.action_id <> old.action_id or new.charter_id <> old.charter_id then
      raise exception using errcode = 'PT400', message = 'Une édition ne change pas d''action.';
    end if;
  end if;
  return new;
end;
$$;
create trigger action_occurrences_stamp before insert or update on public.action_occurrences
  for each row execute function private.stamp_action_occurrence();

-- The edition where a person showed interest (support_requests.channel = 'event'). The column and its index are
-- in 20261123400000_installation_support.sql; deleting an edition keeps the request.
-- Before the first release support_requests is empty when this runs (no scan, no write to block).
-- squawk-ignore adding-foreign-key-constraint, constraint-missing-not-valid
alter table public.support_requests add constraint support_requests_occurrence_fkey
  foreign key (occurrence_id, charter_id) references public.action_occurrences (id, charter_id) on delete set null (occurrence_id);

alter table public.action_occurrences enable row level security;

create policy "anon reads editions of published charters" on public.action_occurrences
  for select to anon using (charter_id in (select private.public_charter_ids()));
create policy "members read editions" on public.action_occurrences
  for select to authenticated
  using (charter_id in (select private.member_charter_ids()) or charter_id in (select private.public_charter_ids()));
-- Coordinators, and the partners of the action (its lead and contributors), record its editions.
create policy "coordinators and the action's partners add editions" on public.action_occurrences
  for insert to authenticated
  with check (charter_id in (select private.coordinated_charter_ids()) or action_id in (select private.updatable_action_ids()));
create policy "coordinators and the action's partners update editions" on public.action_occurrences
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()) or action_id in (select private.updatable_action_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()) or action_id in (select private.updatable_action_ids()));
create policy "coordinators and the action's partners delete editions" on public.action_occurrences
  for delete to authenticated
  using (charter_id in (select private.coordinated_charter_ids()) or action_id in (select private.updatable_action_ids()));

-- ---------------------------------------------------------------------------------------------------
-- Indicators computed from the editions
-- ---------------------------------------------------------------------------------------------------
-- Rewrites the values of the edition-fed indicators of these actions (all of them when null): one value per
-- edition, its date and its figure; an edition without that figure gives no value (unknown is not 0).
create function private.refresh_occurrence_indicators(p_action_ids uuid[] default null, p_indicator_ids uuid[] default null)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_previous text := current_setting('app.computing_indicators', true);
begin
  perform set_config('app.computing_indicators', 'on', true);

  delete from public.indicator_values v
  using public.indicators i
  where v.indicator_id = i.id
    and i.source in ('occurrence_participants', 'occurrence_professionals', 'occurrence_interested')
    and (p_action_ids is null or i.action_id = any (p_action_ids))
    and (p_indicator_ids is null or i.id = any (p_indicator_ids))
    and not exists (
      select 1 from public.action_occurrences o
      where o.action_id = i.action_id and o.held_on = v.measured_on
        and case i.source
          when 'occurrence_participants' then o.participants
          when 'occurrence_professionals' then o.professionals
          else o.interested
        end is not null
    );

  insert into public.indicator_values as v (indicator_id, charter_id, measured_on, value)
  select i.id, i.charter_id, o.held_on, f.figure
  from public.indicators i
  join public.action_occurrences o on o.action_id = i.action_id
  cross join lateral (
    select case i.source
      when 'occurrence_participants' then o.participants
      when 'occurrence_professionals' then o.professionals
      else o.interested
    end as figure
  ) f
  where i.source in ('occurrence_participants', 'occurrence_professionals', 'occurrence_interested')
    and (p_action_ids is null or i.action_id = any (p_action_ids))
    and (p_indicator_ids is null or i.id = any (p_indicator_ids))
    and f.figure is not null
  on conflict (indicator_id, measured_on) do update set value = excluded.value, note = null
  where v.value is distinct from excluded.value or v.note is not null;

  perform set_config('app.computing_indicators', coalesce(nullif(v_previous, ''), 'off'), true);
end;
$$;

-- Statement triggers: an import of a hundred editions refreshes each indicator once.
create function private.occurrences_inserted() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.refresh_occurrence_indicators((select array_agg(distinct n.action_id) from new_rows n));
  return null;
end;
$$;
create function private.occurrences_updated() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.refresh_occurrence_indicators((
    select array_agg(distinct x.action_id) from (select n.action_id from new_rows n union select o.action_id from old_rows o) x
  ));
  return null;
end;
$$;
create function private.occurrences_deleted() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.refresh_occurrence_indicators((select array_agg(distinct o.action_id) from old_rows o));
  return null;
end;
$$;
create trigger action_occurrences_refresh_insert after insert on public.action_occurrences
  referencing new table as new_rows for each statement execute function private.occurrences_inserted();
create trigger action_occurrences_refresh_update after update on public.action_occurrences
  referencing old table as old_rows new table as new_rows for each statement execute function private.occurrences_updated();
create trigger action_occurrences_refresh_delete after delete on public.action_occurrences
  referencing old table as old_rows for each statement execute function private.occurrences_deleted();

-- An indicator that becomes edition-fed (or changes action) loses its typed values and gets the editions'.
create function private.indicators_source_inserted() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.refresh_occurrence_indicators(null, (
    select array_agg(n.id) from new_rows n
    where n.source in ('occurrence_participants', 'occurrence_professionals', 'occurrence_interested')
  ));
  return null;
end;
$$;
create function private.indicators_source_updated() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_ids uuid[];
  v_previous text := current_setting('app.computing_indicators', true);
begin
  select array_agg(n.id) into v_ids
  from new_rows n join old_rows o on o.id = n.id
  where n.source in ('occurrence_participants', 'occurrence_professionals', 'occurrence_interested')
    and (n.source <> o.source or n.action_id is distinct from o.action_id);
  if v_ids is null then
    return null;
  end if;
  -- The values typed before (or computed from another source) go: only the editions' remain.
  perform set_config('app.computing_indicators', 'on', true);
  delete from public.indicator_values v where v.indicator_id = any (v_ids);
  perform set_config('app.computing_indicators', coalesce(nullif(v_previous, ''), 'off'), true);
  perform private.refresh_occurrence_indicators(null, v_ids);
  return null;
end;
$$;
create trigger indicators_occurrence_source_insert after insert on public.indicators
  referencing new table as new_rows for each statement execute function private.indicators_source_inserted();
create trigger indicators_occurrence_source_update after update on public.indicators
  referencing old table as old_rows new table as new_rows for each statement execute function private.indicators_source_updated();

-- ---------------------------------------------------------------------------------------------------
-- Aid schemes
-- ---------------------------------------------------------------------------------------------------
create table public.aid_schemes (
  id uuid primary key default gen_random_uuid(),
  charter_id uuid not null references public.charters (id) on delete cascade,
  action_id uuid,
  name text not null check (length(trim(name)) between 2 and 200),
  kind public.aid_kind not null,
  funder_organization_id uuid references public.organizations (id) on delete restrict,
  -- The ceiling of one grant, or of one year of it when max_amount_per_year (the study allowance: 4 800 € a year).
  max_amount numeric(12, 2) check (max_amount > 0),
  max_amount_per_year boolean not null default false,
  -- The years of practice in the zone the beneficiary commits to (5 in Cholet).
  commitment_years smallint check (commitment_years between 1 and 20),
  -- Its own envelope; none: the scheme draws on the charter's pooled envelope (charters.budget_total).
  envelope_amount numeric(14, 2) check (envelope_amount >= 0),
  note text check (length(note) <= 2000),
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, charter_id),
  unique (charter_id, name),
  foreign key (action_id, charter_id) references public.actions (id, charter_id) on delete set null (action_id),
  constraint aid_schemes_yearly_ceiling_has_amount check (not max_amount_per_year or max_amount is not null)
);
create index aid_schemes_charter_idx on public.aid_schemes (charter_id, position);
create index aid_schemes_action_idx on public.aid_schemes (action_id, charter_id);
create index aid_schemes_funder_idx on public.aid_schemes (funder_organization_id);
create trigger aid_schemes_updated_at before update on public.aid_schemes
  for each row execute function private.set_updated_at();

alter table public.aid_schemes enable row level security;

create policy "anon reads aid schemes of published charters" on public.aid_schemes
  for select to anon using (charter_id in (select private.public_charter_ids()));
create policy "members read aid schemes" on public.aid_schemes
  for select to authenticated
  using (charter_id in (select private.member_charter_ids()) or charter_id in (select private.public_charter_ids()));
create policy "coordinators add aid schemes" on public.aid_schemes
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators update aid schemes" on public.aid_schemes
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators delete aid schemes" on public.aid_schemes
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------------
-- Aid grants
-- ---------------------------------------------------------------------------------------------------
create table public.aid_grants (
  id uuid primary key default gen_random_uuid(),
  charter_id uuid not null references public.charters (id) on delete cascade,
  scheme_id uuid not null,
  -- The beneficiary's request, when they came through installation support; the grant outlives its erasure.
  request_id uuid,
  -- Kept while the commitment can be enforced (a refund may be claimed), then with the charter's records.
  beneficiary_name text not null check (length(trim(beneficiary_name)) between 2 and 160),
  amount numeric(12, 2) not null check (amount > 0),
  decided_on date not null check (decided_on between date '2000-01-01' and date '2100-12-31'),
  paid_amount numeric(12, 2) not null default 0 check (paid_amount >= 0),
  commitment_starts_on date check (commitment_starts_on between date '2000-01-01' and date '2100-12-31'),
  commitment_ends_on date check (commitment_ends_on between date '2000-01-01' and date '2120-12-31'),
  status public.aid_grant_status not null default 'granted',
  -- What a broken commitment makes the beneficiary give back, once claimed or received.
  refund_amount numeric(12, 2) check (refund_amount >= 0),
  note text check (length(note) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  unique (id, charter_id),
  foreign key (scheme_id, charter_id) references public.aid_schemes (id, charter_id) on delete restrict,
  foreign key (request_id, charter_id) references public.support_requests (id, charter_id) on delete set null (request_id),
  constraint aid_grants_paid_within_amount check (paid_amount <= amount),
  constraint aid_grants_refund_within_paid check (refund_amount is null or refund_amount <= paid_amount),
  constraint aid_grants_commitment_in_order check (
    commitment_ends_on is null or commitment_starts_on is null or commitment_ends_on > commitment_starts_on
  ),
  constraint aid_grants_commitment_dated check (
    status not in ('in_commitment', 'fulfilled', 'broken', 'refunded') or commitment_starts_on is not null
  ),
  constraint aid_grants_paid_has_payment check (status = 'granted' or paid_amount > 0),
  constraint aid_grants_refunded_has_amount check (status <> 'refunded' or refund_amount is not null)
);
create index aid_grants_charter_idx on public.aid_grants (charter_id, status);
create index aid_grants_scheme_idx on public.aid_grants (scheme_id, charter_id);
create index aid_grants_request_idx on public.aid_grants (request_id, charter_id);
create index aid_grants_created_by_idx on public.aid_grants (created_by);
create index aid_grants_ending_idx on public.aid_grants (commitment_ends_on) where status in ('granted', 'paid', 'in_commitment');
create trigger aid_grants_updated_at before update on public.aid_grants
  for each row execute function private.set_updated_at();
-- A person's name: the planner keeps no statistics on it (20261124100000_api_privileges.sql, rule 5).
alter table public.aid_grants alter column beneficiary_name set statistics 0;

-- The ceiling of the scheme (per year: times the commitment's years), and the end of the commitment by default
-- (its start plus the scheme's years).
create function private.prepare_aid_grant() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_scheme public.aid_schemes;
  v_ceiling numeric;
begin
  select * into v_scheme from public.aid_schemes s where s.id = new.scheme_id and s.charter_id = new.charter_id;
  if not found then
    raise exception using errcode = 'PT400', message = 'Ce dispositif d''aide n''appartient pas à cette charte.';
  end if;
  if tg_op = 'INSERT' then
    new.created_at := now();
    new.created_by := (select auth.uid());
  elsif pg_trigger_depth() = 1 then
    new.created_at := old.created_at;
    new.created_by := old.created_by;
  end if;
  if new.commitment_ends_on is null and new.commitment_starts_on is not null and v_scheme.commitment_years is not null then
    new.commitment_ends_on := (new.commitment_starts_on + make_interval(years => v_scheme.commitment_years))::date;
  end if;
  if v_scheme.max_amount is not null then
    v_ceiling := v_scheme.max_amount * case when v_scheme.max_amount_per_year then coalesce(v_scheme.commitment_years, 1) else 1 end;
    if new.amount > v_ceiling then
      raise exception using errcode = 'PT400',
        message = format('Le montant dépasse le plafond du dispositif (%s €).', replace(to_char(v_ceiling, 'FM999G999G990'), ',', ' '));
    end if;
  end if;
  return new;
end;
$$;
create trigger aid_grants_prepare before insert or update on public.aid_grants
  for each row execute function private.prepare_aid_grant();

alter table public.aid_grants enable row level security;

-- Names of beneficiaries: the coordination's; a partner reads the grants of the requests referred to it.
create policy "coordinators and the referred partner read grants" on public.aid_grants
  for select to authenticated
  using (
    charter_id in (select private.coordinated_charter_ids())
    or request_id in (select p.request_id from private.referred_request_pairs() p)
  );
create policy "coordinators add grants" on public.aid_grants
  for insert to authenticated with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators update grants" on public.aid_grants
  for update to authenticated
  using (charter_id in (select private.coordinated_charter_ids()))
  with check (charter_id in (select private.coordinated_charter_ids()));
create policy "coordinators delete grants" on public.aid_grants
  for delete to authenticated using (charter_id in (select private.coordinated_charter_ids()));

-- ---------------------------------------------------------------------------------------------------
-- Totals and counts for everyone who may see the schemes
-- ---------------------------------------------------------------------------------------------------
-- What a grant takes from its envelope: the decided amount; once broken, what was paid (the rest will not be);
-- once refunded, what was paid less what came back.
create function private.aid_grant_consumed(p_status public.aid_grant_status, p_amount numeric, p_paid numeric, p_refund numeric)
returns numeric
language sql immutable
set search_path = ''
as $$
  select case p_status
    when 'broken' then p_paid
    when 'refunded' then p_paid - coalesce(p_refund, 0)
    else p_amount
  end
$$;

-- One row per scheme: its grants' count, amounts decided and paid, what is left of its envelope (its own, or
-- the pooled one, then the same figure on each pooled scheme: shown once). Coordinators get every figure; the
-- others (members, anon on a published charter) get no count under 3 nor its amounts, and no pooled remainder
-- when one of the pooled schemes is withheld (it would give the withheld amount away by difference).
create function private.aid_overview(p_charter_id uuid)
returns table (
  scheme_id uuid,
  name text,
  kind public.aid_kind,
  funder_name text,
  max_amount numeric,
  max_amount_per_year boolean,
  commitment_years smallint,
  envelope_amount numeric,
  pooled boolean,
  pooled_envelope numeric,
  grants_count integer,
  decided_amount numeric,
  paid_amount numeric,
  envelope_left numeric,
  withheld boolean
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_full boolean := p_charter_id in (select private.coordinated_charter_ids());
begin
  if not (v_full or p_charter_id in (select private.member_charter_ids()) or p_charter_id in (select private.public_charter_ids())) then
    raise exception using errcode = 'PT404', message = 'Charte introuvable.';
  end if;
  return query
  with per_scheme as (
    select s.id, s.name, s.kind, o.name as funder_name, s.max_amount, s.max_amount_per_year, s.commitment_years,
      s.envelope_amount, s.envelope_amount is null as pooled, s.position,
      count(g.id)::integer as n,
      coalesce(sum(g.amount), 0) as decided,
      coalesce(sum(g.paid_amount), 0) as paid,
      coalesce(sum(private.aid_grant_consumed(g.status, g.amount, g.paid_amount, g.refund_amount)), 0) as consumed
    from public.aid_schemes s
    left join public.organizations o on o.id = s.funder_organization_id
    left join public.aid_grants g on g.scheme_id = s.id
    where s.charter_id = p_charter_id
    group by s.id, o.name
  ),
  visible as (
    select ps.*, (not v_full and ps.n between 1 and 2) as hidden from per_scheme ps
  ),
  pool as (
    select c.budget_total,
      c.budget_total - coalesce((select sum(v.consumed) from visible v where v.pooled), 0) as left_amount,
      exists (select 1 from visible v where v.pooled and v.hidden) as hidden
    from public.charters c where c.id = p_charter_id
  )
  select v.id, v.name, v.kind, v.funder_name, v.max_amount, v.max_amount_per_year, v.commitment_years,
    v.envelope_amount, v.pooled, p.budget_total,
    case when v.hidden then null else v.n end,
    case when v.hidden then null else v.decided end,
    case when v.hidden then null else v.paid end,
    case
      when v.pooled then case when p.hidden then null else p.left_amount end
      when v.hidden then null
      else v.envelope_amount - v.consumed
    end,
    v.hidden
  from visible v cross join pool p
  order by v.position, v.name;
end;
$$;
create function public.aid_overview(p_charter_id uuid)
returns table (
  scheme_id uuid, name text, kind public.aid_kind, funder_name text, max_amount numeric, max_amount_per_year boolean,
  commitment_years smallint, envelope_amount numeric, pooled boolean, pooled_envelope numeric, grants_count integer,
  decided_amount numeric, paid_amount numeric, envelope_left numeric, withheld boolean
)
language sql stable security invoker set search_path = ''
as $$ select * from private.aid_overview(p_charter_id) $$;
revoke execute on function public.aid_overview(uuid), private.aid_overview(uuid) from public;
grant execute on function public.aid_overview(uuid), private.aid_overview(uuid) to anon, authenticated;

-- ---------------------------------------------------------------------------------------------------
-- Commitment alerts (outbox, topic aid_commitments)
-- ---------------------------------------------------------------------------------------------------
-- The coordinators of a charter who want these alerts, with their address.
create function private.commitment_recipients(p_charter_id uuid)
returns table (user_id uuid, email text)
language sql stable security definer
set search_path = ''
as $$
  select m.user_id, p.email
  from public.charter_members m
  join public.profiles p on p.id = m.user_id
  where m.charter_id = p_charter_id and m.role = 'coordinator' and p.email <> ''
    and private.wants_notification(m.user_id, 'aid_commitments')
$$;

-- What the e-mail says: the beneficiary (the coordination's own records), the scheme, the amounts and the end.
create function private.aid_grant_payload(p_event text, p_grant public.aid_grants) returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'event', p_event,
    'charter_title', c.title,
    'charter_slug', c.slug,
    'scheme_name', s.name,
    'beneficiary_name', p_grant.beneficiary_name,
    'amount', p_grant.amount,
    'paid_amount', p_grant.paid_amount,
    'refund_amount', p_grant.refund_amount,
    'commitment_starts_on', p_grant.commitment_starts_on,
    'commitment_ends_on', p_grant.commitment_ends_on,
    'link_path', '/chartes/' || c.slug || '/aides'
  )
  from public.charters c join public.aid_schemes s on s.id = p_grant.scheme_id
  where c.id = p_grant.charter_id
$$;

-- Daily job: a commitment that ends within 90 days (caught up if a day is missed), and the broken ones the
-- trigger could not announce (none wanted then); each once per grant, end date and coordinator.
create function private.enqueue_commitment_alerts(p_today date default null, p_charter_id uuid default null)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_today date := coalesce(p_today, private.today_paris());
  v_count integer;
  v_more integer;
begin
  insert into public.notifications (kind, topic, recipient_email, recipient_user_id, charter_id, subject, body_text, payload, dedupe_key)
  select 'aid_commitment_ending', 'aid_commitments', r.email, r.user_id, g.charter_id, '', '',
    private.aid_grant_payload('ending', g), format('aid_grant:%s:ending:%s:%s', g.id, g.commitment_ends_on, r.user_id)
  from public.aid_grants g
  cross join lateral private.commitment_recipients(g.charter_id) r
  where g.status in ('granted', 'paid', 'in_commitment')
    and g.commitment_ends_on > v_today and g.commitment_ends_on <= v_today + 90
    and (p_charter_id is null or g.charter_id = p_charter_id)
  on conflict (dedupe_key) do nothing;
  get diagnostics v_count = row_count;

  insert into public.notifications (kind, topic, recipient_email, recipient_user_id, charter_id, subject, body_text, payload, dedupe_key)
  select 'aid_commitment_broken', 'aid_commitments', r.email, r.user_id, g.charter_id, '', '',
    private.aid_grant_payload('broken', g), format('aid_grant:%s:broken:%s', g.id, r.user_id)
  from public.aid_grants g
  cross join lateral private.commitment_recipients(g.charter_id) r
  where g.status = 'broken' and (p_charter_id is null or g.charter_id = p_charter_id)
  on conflict (dedupe_key) do nothing;
  get diagnostics v_more = row_count;
  return v_count + v_more;
end;
$$;
create function public.enqueue_commitment_alerts(p_today date default null, p_charter_id uuid default null)
returns integer language sql volatile security invoker set search_path = ''
as $$ select private.enqueue_commitment_alerts(p_today, p_charter_id) $$;
revoke execute on function public.enqueue_commitment_alerts(date, uuid), private.enqueue_commitment_alerts(date, uuid) from public, anon, authenticated;
grant execute on function public.enqueue_commitment_alerts(date, uuid), private.enqueue_commitment_alerts(date, uuid) to service_role;

-- A commitment broken (refund due) is announced in the same transaction as the change, once per grant.
create function private.enqueue_commitment_broken(p_grant_ids uuid[]) returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.notifications (kind, topic, recipient_email, recipient_user_id, charter_id, subject, body_text, payload, dedupe_key)
  select 'aid_commitment_broken', 'aid_commitments', r.email, r.user_id, g.charter_id, '', '',
    private.aid_grant_payload('broken', g), format('aid_grant:%s:broken:%s', g.id, r.user_id)
  from public.aid_grants g
  cross join lateral private.commitment_recipients(g.charter_id) r
  where g.id = any (p_grant_ids) and g.status = 'broken'
  on conflict (dedupe_key) do nothing
$$;
create function private.aid_grants_broken_inserted() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.enqueue_commitment_broken((select array_agg(n.id) from new_rows n where n.status = 'broken'));
  return null;
end;
$$;
create function private.aid_grants_broken_updated() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.enqueue_commitment_broken((
    select array_agg(n.id) from new_rows n join old_rows o on o.id = n.id
    where n.status = 'broken' and o.status <> 'broken'
  ));
  return null;
end;
$$;
create trigger aid_grants_broken_insert after insert on public.aid_grants
  referencing new table as new_rows for each statement execute function private.aid_grants_broken_inserted();
create trigger aid_grants_broken_update after update on public.aid_grants
  referencing old table as old_rows new table as new_rows for each statement execute function private.aid_grants_broken_updated();

revoke all on function
  private.stamp_action_occurrence(),
  private.refresh_occurrence_indicators(uuid[], uuid[]),
  private.occurrences_inserted(),
  private.occurrences_updated(),
  private.occurrences_deleted(),
  private.indicators_source_inserted(),
  private.indicators_source_updated(),
  private.prepare_aid_grant(),
  private.commitment_recipients(uuid),
  private.aid_grant_payload(text, public.aid_grants),
  private.enqueue_commitment_broken(uuid[]),
  private.aid_grants_broken_inserted(),
  private.aid_grants_broken_updated()
from public;
revoke all on function private.aid_grant_consumed(public.aid_grant_status, numeric, numeric, numeric) from public;
grant execute on function private.aid_grant_consumed(public.aid_grant_status, numeric, numeric, numeric) to anon, authenticated;
