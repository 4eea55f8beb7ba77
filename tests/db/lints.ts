/**
 * The schema lints: the security and performance rules of Supabase's database linter (splinter, which every
 * hosted project runs in its Security Advisor), written here as plain catalog queries, plus the project's own
 * rules (docs/architecture.md). Each query returns one row per offending object (`object`); an empty result is
 * a clean schema. They take the exposed schema as $1.
 */
export interface Lint {
	/** splinter's name where the rule is splinter's, else the project's. */
	name: string;
	sql: string;
	/** Objects known and accepted, with the reason (kept short; every entry is a decision). */
	accepted?: Record<string, string>;
}

const API_ROLES = `array['anon', 'authenticated']`;

export const LINTS: Lint[] = [
	{
		// splinter 0013 rls_disabled_in_public, 0007 policy_exists_rls_disabled
		name: 'rls_disabled_in_public',
		sql: `select c.relname as object from pg_class c
		      where c.relnamespace = $1::regnamespace and c.relkind in ('r', 'p') and not c.relrowsecurity`
	},
	{
		// splinter 0008 rls_enabled_no_policy (INFO): a table nobody reaches through the API
		name: 'rls_enabled_no_policy',
		sql: `select c.relname as object from pg_class c
		      where c.relnamespace = $1::regnamespace and c.relkind in ('r', 'p') and c.relrowsecurity
		        and not exists (select 1 from pg_policy p where p.polrelid = c.oid)`,
		accepted: {
			notifications: 'the outbox: service role only, no API role holds a privilege on it',
			rate_limit_windows: 'the shared rate limits: service role only, no API role holds a privilege on it'
		}
	},
	{
		// splinter 0010 security_definer_view
		name: 'security_definer_view',
		sql: `select c.relname as object from pg_class c
		      where c.relnamespace = $1::regnamespace and c.relkind = 'v'
		        and not (lower(coalesce(c.reloptions::text, '{}'))::text[]
		                 && array['security_invoker=1', 'security_invoker=true', 'security_invoker=yes', 'security_invoker=on'])`
	},
	{
		// splinter 0016 materialized_view_in_api, 0017 foreign_table_in_api
		name: 'materialized_or_foreign_table_in_api',
		sql: `select c.relname as object from pg_class c
		      where c.relnamespace = $1::regnamespace and c.relkind in ('m', 'f')
		        and (has_table_privilege('anon', c.oid, 'select') or has_table_privilege('authenticated', c.oid, 'select'))`
	},
	{
		// splinter 0002 auth_users_exposed
		name: 'auth_users_exposed',
		sql: `select distinct c.relname as object from pg_class c
		      join pg_depend d on d.objid in (select r.oid from pg_rewrite r where r.ev_class = c.oid)
		      where c.relnamespace = $1::regnamespace and c.relkind in ('v', 'm')
		        and d.refobjid = 'auth.users'::regclass
		        and (has_table_privilege('anon', c.oid, 'select') or has_table_privilege('authenticated', c.oid, 'select'))`
	},
	{
		// splinter 0028 anon_ and 0029 authenticated_security_definer_function_executable, for the exposed schema
		name: 'security_definer_function_executable',
		sql: `select p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as object
		      from pg_proc p
		      where p.pronamespace = $1::regnamespace and p.prosecdef
		        and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
		        and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))`
	},
	{
		// the project's rule, stricter than splinter: no security definer function at all in the exposed schema
		name: 'security_definer_in_exposed_schema',
		sql: `select p.proname as object from pg_proc p
		      where p.pronamespace = $1::regnamespace and p.prosecdef
		        and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`
	},
	{
		// splinter 0011 function_search_path_mutable (search_path = '' exactly), exposed and private schemas
		name: 'function_search_path_mutable',
		sql: `select n.nspname || '.' || p.proname as object from pg_proc p join pg_namespace n on n.oid = p.pronamespace
		      where n.nspname in ($1, 'private')
		        and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
		        and not coalesce(p.proconfig, '{}') && array['search_path=""']`
	},
	{
		// splinter 0014 extension_in_public
		name: 'extension_in_public',
		sql: `select e.extname as object from pg_extension e where e.extnamespace = $1::regnamespace`
	},
	{
		// splinter 0003 auth_rls_initplan: auth.* and current_setting() in a policy only inside a select
		name: 'auth_rls_initplan',
		sql: `select tablename || ': ' || policyname as object
		      from (select tablename, policyname, coalesce(qual, '') || ' ' || coalesce(with_check, '') as expr
		            from pg_policies where schemaname = $1) p
		      where (regexp_count(expr, 'auth\\.(uid|jwt|role|email)\\(\\)') + regexp_count(expr, 'current_setting\\('))
		          > regexp_count(expr, 'SELECT (auth\\.(uid|jwt|role|email)\\(\\)|current_setting\\()')`
	},
	{
		// splinter 0015 rls_references_user_metadata
		name: 'rls_references_user_metadata',
		sql: `select tablename || ': ' || policyname as object from pg_policies
		      where schemaname = $1 and (coalesce(qual, '') || coalesce(with_check, '')) like '%user_metadata%'`
	},
	{
		// splinter 0024 rls_policy_always_true (writes)
		name: 'rls_policy_always_true',
		sql: `select tablename || ': ' || policyname as object from pg_policies
		      where schemaname = $1 and permissive = 'PERMISSIVE' and cmd in ('INSERT', 'UPDATE', 'DELETE', 'ALL')
		        and (replace(lower(coalesce(qual, '')), ' ', '') in ('true', '(true)', '1=1', '(1=1)')
		             or replace(lower(coalesce(with_check, '')), ' ', '') in ('true', '(true)', '1=1', '(1=1)')
		             or (cmd = 'INSERT' and with_check is null))`
	},
	{
		// splinter 0006 multiple_permissive_policies (performance): one per table, role and command
		name: 'multiple_permissive_policies',
		sql: `select tablename || ': ' || role || ' ' || cmd as object
		      from pg_policies, unnest(roles) as role
		      where schemaname = $1 and permissive = 'PERMISSIVE'
		      group by tablename, role, cmd having count(*) > 1`
	},
	{
		// the project's rule: every policy names its roles (never PUBLIC)
		name: 'policy_without_role',
		sql: `select tablename || ': ' || policyname as object from pg_policies
		      where schemaname = $1 and (roles = '{public}' or cardinality(roles) = 0)`
	},
	{
		// splinter 0004 no_primary_key
		name: 'no_primary_key',
		sql: `select c.relname as object from pg_class c
		      where c.relnamespace = $1::regnamespace and c.relkind in ('r', 'p')
		        and not exists (select 1 from pg_constraint k where k.conrelid = c.oid and k.contype = 'p')`
	},
	{
		// splinter 0001 unindexed_foreign_keys
		name: 'unindexed_foreign_keys',
		sql: `select c.conrelid::regclass || ' (' || c.conname || ')' as object
		      from pg_constraint c
		      where c.contype = 'f' and c.connamespace = $1::regnamespace
		        and not exists (
		          select 1 from pg_index i
		          where i.indrelid = c.conrelid and i.indisvalid and i.indpred is null
		            and i.indnkeyatts >= cardinality(c.conkey)
		            and (select array_agg(x order by x) from unnest((i.indkey::int2[])[0:cardinality(c.conkey) - 1]) x)
		                = (select array_agg(x order by x) from unnest(c.conkey) x))`
	},
	{
		// splinter 0009 duplicate_index
		name: 'duplicate_index',
		sql: `select string_agg(i.indexrelid::regclass::text, ' = ' order by i.indexrelid::regclass::text) as object
		      from pg_index i join pg_class c on c.oid = i.indrelid
		      where c.relnamespace = $1::regnamespace
		      group by i.indrelid, i.indkey::text, coalesce(pg_get_expr(i.indexprs, i.indrelid), ''),
		        coalesce(pg_get_expr(i.indpred, i.indrelid), ''), i.indclass::text
		      having count(*) > 1`
	},
	{
		// the project's rule: API roles hold no TRUNCATE, TRIGGER or REFERENCES (TRUNCATE ignores RLS)
		name: 'api_role_truncate_trigger_references',
		sql: `select c.relname || ': ' || r || ' ' || priv as object
		      from pg_class c, unnest(${API_ROLES}) r, unnest(array['truncate', 'trigger', 'references']) priv
		      where c.relnamespace = $1::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
		        and has_table_privilege(r, c.oid, priv)`
	},
	{
		// the project's rule: an API role's privilege on a table has a policy for that command behind it
		name: 'privilege_without_policy',
		sql: `select c.relname || ': ' || r || ' ' || priv as object
		      from pg_class c, unnest(${API_ROLES}) r, unnest(array['select', 'insert', 'update', 'delete']) priv
		      where c.relnamespace = $1::text::regnamespace and c.relkind in ('r', 'p')
		        and (has_table_privilege(r, c.oid, priv)
		             or (priv <> 'delete' and has_any_column_privilege(r, c.oid, priv)))
		        and not exists (
		          select 1 from pg_policies p
		          where p.schemaname = $1::text and p.tablename = c.relname
		            and (r = any (p.roles) or 'public' = any (p.roles)) and p.cmd in (upper(priv), 'ALL'))`,
		accepted: {
			'fundings: anon select': 'read by the public dashboard functions (invoker); no policy, so no row',
			'action_updates: anon select': 'read by the public dashboard functions (invoker); no policy, so no row',
			'action_partners: anon select': 'read by the public dashboard functions (invoker); no policy, so no row',
			'action_communes: anon select': 'read by the public dashboard functions (invoker); no policy, so no row'
		}
	},
	{
		// the project's rule: user ids never reach anon (no column holding a person's id is granted to it)
		name: 'user_id_readable_by_anon',
		sql: `select c.relname || '.' || a.attname as object
		      from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
		      join pg_constraint k on k.conrelid = c.oid and k.contype = 'f' and a.attnum = any (k.conkey)
		        and k.confrelid in ('auth.users'::regclass, 'public.profiles'::regclass)
		      where c.relnamespace = $1::regnamespace and has_column_privilege('anon', c.oid, a.attnum, 'select')`
	}
];
