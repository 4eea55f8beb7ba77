-- Rate limits shared by every app instance (issue 17): fixed-window counters in Postgres instead of one Node
-- process's memory, so that two servers behind a load balancer count one visitor's posts and failed sign-ins
-- once, and a restart forgets nothing.
--
-- public.rate_limit_windows: one row per key, its current window. The key is the limit's name and a sha256 of what it
-- counts (a user id, a client address, an address and an e-mail): no personal data in clear. RLS is on with no
-- policy, and anon and authenticated hold no privilege: only the service role (the app's server-only client,
-- src/lib/server/rate-limit.ts) reaches it, through three functions executable by it alone:
-- - public.rate_limit_hit(key, window_seconds): counts one hit atomically (insert ... on conflict do update,
--   returning the count; a window that has ended starts again at this hit) and says when the window ends; now
--   and then (one call in 50) it deletes the windows that ended, so the table holds only the current ones;
-- - public.rate_limit_count(key, window_seconds): the current window's count, without counting;
-- - public.rate_limit_reset(key): forgets a key (a successful sign-in).
-- A window starts at a key's first hit, as the in-memory counters did (windows aligned on the clock would let
-- twice the limit through around each boundary). The functions are security invoker:
-- the service role bypasses RLS, any other caller has no execute privilege.

create table public.rate_limit_windows (
  key text not null check (length(key) between 1 and 200),
  window_start timestamptz not null,
  expires_at timestamptz not null,
  hits integer not null default 1 check (hits > 0),
  primary key (key)
);
comment on table public.rate_limit_windows is
  'Fixed-window counters of the app''s rate limits, shared by every instance (service role only).';
alter table public.rate_limit_windows enable row level security;
revoke all on public.rate_limit_windows from public, anon, authenticated;
grant select, insert, update, delete on public.rate_limit_windows to service_role;
-- The periodic expiry deletes by end of window.
create index rate_limit_windows_expires_at_idx on public.rate_limit_windows (expires_at);

create function public.rate_limit_hit(p_key text, p_window_seconds integer)
returns table (hits integer, retry_after_seconds integer)
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_hits integer;
  v_end timestamptz;
begin
  if p_key is null or length(p_key) not between 1 and 200 then
    raise exception 'clé de limite invalide' using errcode = 'PT400';
  end if;
  if p_window_seconds is null or p_window_seconds not between 1 and 86400 then
    raise exception 'fenêtre de limite invalide' using errcode = 'PT400';
  end if;
  -- The row lock of on conflict orders concurrent hits on one key: each sees the count the previous one wrote.
  insert into public.rate_limit_windows as w (key, window_start, expires_at, hits)
  values (p_key, now(), now() + make_interval(secs => p_window_seconds), 1)
  on conflict (key) do update set
    hits = case when w.expires_at <= now() then 1 else w.hits + 1 end,
    window_start = case when w.expires_at <= now() then now() else w.window_start end,
    expires_at = case when w.expires_at <= now() then excluded.expires_at else w.expires_at end
  returning w.hits, w.expires_at into v_hits, v_end;
  -- Expiry, cheap and shared: one call in 50 deletes the windows that ended (by the expires_at index).
  if random() < 0.02 then
    delete from public.rate_limit_windows w where w.expires_at <= now();
  end if;
  return query select v_hits, greatest(1, ceil(extract(epoch from v_end - now()))::integer);
end;
$$;

create function public.rate_limit_count(p_key text, p_window_seconds integer)
returns integer
language sql
stable
security invoker
set search_path = ''
as $$
  select coalesce(max(w.hits), 0)
  from public.rate_limit_windows w
  where w.key = p_key and w.expires_at > now()
$$;

create function public.rate_limit_reset(p_key text)
returns void
language sql
volatile
security invoker
set search_path = ''
as $$
  delete from public.rate_limit_windows w where w.key = p_key
$$;

revoke execute on function
  public.rate_limit_hit(text, integer),
  public.rate_limit_count(text, integer),
  public.rate_limit_reset(text)
from public, anon, authenticated;
grant execute on function
  public.rate_limit_hit(text, integer),
  public.rate_limit_count(text, integer),
  public.rate_limit_reset(text)
to service_role;
