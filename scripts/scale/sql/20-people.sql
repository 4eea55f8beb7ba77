-- National-scale data set, part 2: people and memberships.
-- 50 people per charter: 2 coordinators, 8 steering members, 32 partner representatives, 8 elected officials.
-- The big charter has its own: a coordinator (grande-coord@), two steering members, and one representative per
-- partner (grande-partenaire@ for its lead partner, grande-rep-<k>@ for the others).
create temporary table scale_user as
select u, md5(p.salt || ':user:' || u)::uuid as id, 'u' || u || '@echelle.example.org' as email,
  1 + ((u - 1) / 50) as c, (u - 1) % 50 as slot, 'Personne ' || u as name
from scale_params p, generate_series(1, p.users) u
union all
select p.users + 1 + s, md5(p.salt || ':user:' || (p.users + 1 + s))::uuid,
  case when s = 0 then 'grande-coord' when s = 1 then 'grande-partenaire' when s > sc.np then 'grande-copil-' || (s - sc.np)
    else 'grande-rep-' || (s - 1) end || '@echelle.example.org',
  sc.c, s, case when s = 0 then 'Coordination grande charte' else 'Personne grande ' || s end
from scale_params p
join scale_charter sc on sc.grande
cross join generate_series(0, sc.np + 2) s;
create index on scale_user (u);
analyze scale_user;

insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data,
  raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token, email_change_token_new, email_change)
select '00000000-0000-0000-0000-000000000000', su.id, 'authenticated', 'authenticated', su.email, :password_hash, now(),
  '{"provider": "email", "providers": ["email"]}', jsonb_build_object('display_name', su.name), now(), now(),
  '', '', '', ''
from scale_user su;

insert into auth.identities (id, user_id, provider_id, provider, identity_data, created_at, updated_at)
select md5('identity' || su.id)::uuid, su.id, su.id::text, 'email',
  jsonb_build_object('sub', su.id::text, 'email', su.email, 'email_verified', true), now(), now()
from scale_user su;

insert into public.profiles (id, display_name, email, created_at, updated_at)
select su.id, su.name, su.email, now(), now() from scale_user su;

insert into public.charter_members (id, charter_id, user_id, organization_id, role, created_at, updated_at)
select md5('member' || su.id)::uuid, sc.id, su.id,
  case when su.slot between 10 and 41 then sp.organization_id end,
  case
    when su.slot < 2 then 'coordinator'
    when su.slot < 10 then 'steering'
    when su.slot < 42 then 'partner_rep'
    else 'elected_official'
  end::public.member_role,
  now(), now()
from scale_user su
join scale_charter sc on sc.c = su.c and not sc.grande
left join scale_partner sp on sp.c = su.c and sp.k = (su.slot - 10) % 30;

-- The big charter's people: slot 0 coordinates, slots 1..np represent partner slot - 1, the last two steer.
insert into public.charter_members (id, charter_id, user_id, organization_id, role, created_at, updated_at)
select md5('member' || su.id)::uuid, sc.id, su.id, sp.organization_id,
  case when su.slot = 0 then 'coordinator' when su.slot <= sc.np then 'partner_rep' else 'steering' end::public.member_role,
  now(), now()
from scale_user su
join scale_charter sc on sc.c = su.c and sc.grande
left join scale_partner sp on sp.c = su.c and sp.k = su.slot - 1 and su.slot between 1 and sc.np;

-- People in many charters, as an ARS is: the first coordinator (u1) also coordinates charters 2 to 20, and
-- the first partner representative (u11) represents, in each of those charters, its lead partner (never in the
-- big charter: their 20 charters stay 20).
insert into public.charter_members (id, charter_id, user_id, organization_id, role, created_at, updated_at)
select md5('member-multi' || su.u || ':' || g.n)::uuid, sp.charter_id, su.id,
  case when su.u = 11 then sp.organization_id end,
  case when su.u = 1 then 'coordinator' else 'partner_rep' end::public.member_role, now(), now()
from scale_params p
cross join generate_series(2, least(20, p.charters)) as g(n)
join scale_user su on su.u in (1, 11)
join scale_partner sp on sp.c = g.n and sp.k = 0;

insert into public.official_communes (charter_id, user_id, commune_code, created_at)
select distinct sch.id, su.id, sc.code, now()
from scale_user su
cross join scale_params p
join scale_charter sch on sch.c = su.c and not sch.grande
cross join generate_series(1, 2) n
join scale_communes sc on sc.rn = 1 + pg_temp.pick(p.salt || 'official' || su.id || n, (select count(*)::int from scale_communes))
where su.slot >= 42;
