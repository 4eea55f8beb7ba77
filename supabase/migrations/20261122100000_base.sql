-- Base of the charter coordination schema: extensions, the private schema for policy helpers, the enum
-- types of the domain contract (docs/domain.md) and the small trigger functions every table uses.
--
-- Migrations (docs/architecture.md): until the first release, one migration per feature and each SQL function
-- defined once, in the migration of its feature. From the first release on, migrations are append-only: a
-- changed function is replaced (`create or replace`) in a new migration (tests/db/migrations.test.ts).

create extension if not exists pgcrypto with schema extensions;
create extension if not exists unaccent with schema extensions;
create extension if not exists pg_trgm with schema extensions;

-- Helpers called by policies live outside the exposed schema: PostgREST cannot call them, but the API
-- roles may execute them while a policy is evaluated.
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to anon, authenticated, service_role;
alter default privileges in schema private revoke execute on functions from public;

-- ---------------------------------------------------------------------------------------------------
-- Enum types: the values are the contract (imports, exports and the REST API rely on them)
-- ---------------------------------------------------------------------------------------------------
create type public.organization_kind as enum (
  'ars', 'prefecture', 'region', 'departement', 'epci', 'commune', 'ordre', 'cpam', 'msa', 'urps',
  'faculte', 'france_travail', 'association_maires', 'cpts', 'etablissement_sante', 'agence', 'autre'
);
create type public.charter_scope as enum ('region', 'departement', 'epci', 'commune', 'cpts');
create type public.charter_status as enum ('draft', 'active', 'closed');
create type public.charter_partner_role as enum ('signatory', 'lead', 'funder', 'contributor');
create type public.member_role as enum ('coordinator', 'steering', 'partner_rep', 'elected_official');
create type public.action_status as enum ('planned', 'in_progress', 'done', 'blocked', 'abandoned');
create type public.action_health as enum ('on_track', 'at_risk', 'off_track');
create type public.action_recurrence as enum ('none', 'yearly');
create type public.action_partner_role as enum ('contributor', 'funder');
create type public.indicator_direction as enum ('increase', 'decrease');
create type public.internship_status as enum ('planned', 'confirmed', 'arrived', 'cancelled');
create type public.internship_level as enum ('externe', 'interne', 'docteur_junior');
create type public.health_profession as enum (
  'medecine', 'pharmacie', 'odontologie', 'maieutique', 'kinesitherapie', 'soins_infirmiers', 'autre'
);
create type public.housing_kind as enum (
  'co_living', 'internat', 'logement_communal', 'logement_hospitalier', 'logement_personnel', 'autre'
);
-- cancelled: a notification that must not go out any more (its recipient turned that kind of message off,
-- or the intern's personal data was erased before it left); the outbox keeps its history.
create type public.notification_status as enum ('pending', 'sent', 'failed', 'cancelled');
create type public.invitation_status as enum ('pending', 'accepted', 'revoked');

-- ---------------------------------------------------------------------------------------------------
-- Trigger functions shared by the tables
-- ---------------------------------------------------------------------------------------------------
create function private.set_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

-- Optimistic concurrency: every change of a row bumps its version, so a form holding an older version
-- can tell that someone else saved in the meantime.
create function private.bump_version() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.version := old.version + 1;
  new.updated_at := now();
  new.updated_by := coalesce((select auth.uid()), new.updated_by);
  return new;
end;
$$;

-- Lower-case, accent-free form of a name, for searches that ignore accents ("Saint-Léonard" = "saint leonard").
-- Declared immutable (unaccent itself is only stable) so that it can back an index; the dictionary is
-- named explicitly, so the result does not depend on the search path.
create function private.search_text(value text) returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select lower(regexp_replace(extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(value, '')), '[^a-zA-Z0-9]+', ' ', 'g'))
$$;

revoke all on function private.set_updated_at(), private.bump_version(), private.search_text(text) from public;
grant execute on function private.search_text(text) to anon, authenticated, service_role;
