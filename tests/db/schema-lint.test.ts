/**
 * Lint of the schema as it stands in the database after the migrations (plain SQL on the catalogs, as the
 * superuser): the rules of the brief that a review misses easily and that no single feature test would notice.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sql, testConfig } from '../helpers/env.ts';
import { LINTS } from './lints.ts';

const EXPOSED = 'public';

describe('schema lint', () => {
	it('enables row-level security on every table of the exposed schema', async () => {
		const tables = await sql<{ table: string }>(
			`select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
			 where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relrowsecurity order by 1`,
			[EXPOSED]
		);
		expect(tables).toEqual([]);
		const all = await sql(`select 1 from pg_tables where schemaname = $1`, [EXPOSED]);
		expect(all.length).toBeGreaterThanOrEqual(19);
	});

	it('has no view in the exposed schema that bypasses RLS (views must be security_invoker)', async () => {
		const views = await sql<{ view: string }>(
			`select c.relname as view from pg_class c join pg_namespace n on n.oid = c.relnamespace
			 where n.nspname = $1 and c.relkind in ('v', 'm')
			   and not coalesce('security_invoker=true' = any(c.reloptions) or 'security_invoker=on' = any(c.reloptions), false)`,
			[EXPOSED]
		);
		expect(views).toEqual([]);
	});

	it('names the roles of every policy (no policy for public)', async () => {
		const policies = await sql<{ policy: string }>(
			`select tablename || ': ' || policyname as policy from pg_policies
			 where schemaname = $1 and (roles = '{public}' or cardinality(roles) = 0) order by 1`,
			[EXPOSED]
		);
		expect(policies).toEqual([]);
		expect((await sql(`select 1 from pg_policies where schemaname = $1`, [EXPOSED])).length).toBeGreaterThan(50);
	});

	it('calls auth.uid() in policies only inside a select (evaluated once per statement)', async () => {
		const policies = await sql<{ policy: string; calls: number; wrapped: number }>(
			`select tablename || ': ' || policyname as policy,
			   (length(expr) - length(replace(expr, 'auth.uid()', ''))) / length('auth.uid()') as calls,
			   (length(expr) - length(replace(expr, 'SELECT auth.uid() AS uid', ''))) / length('SELECT auth.uid() AS uid') as wrapped
			 from (select tablename, policyname, coalesce(qual, '') || ' ' || coalesce(with_check, '') as expr
			       from pg_policies where schemaname = $1) p
			 where expr like '%auth.uid()%'`,
			[EXPOSED]
		);
		expect(policies.length, 'some policies use auth.uid()').toBeGreaterThan(0);
		expect(policies.filter((p) => p.calls !== p.wrapped)).toEqual([]);
		// the same for auth.jwt() and auth.role(), which policies should not call per row either
		const other = await sql<{ policy: string }>(
			`select tablename || ': ' || policyname as policy from pg_policies
			 where schemaname = $1
			   and (coalesce(qual, '') || coalesce(with_check, '')) ~ 'auth\\.(jwt|role)\\(\\)'
			   and (coalesce(qual, '') || coalesce(with_check, '')) !~ 'SELECT auth\\.(jwt|role)\\(\\)'`,
			[EXPOSED]
		);
		expect(other).toEqual([]);
	});

	it('sets search_path on every function of the exposed and private schemas', async () => {
		const functions = await sql<{ fn: string }>(
			`select n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as fn
			 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			 where n.nspname in ($1, 'private')
			   and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
			   and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%')
			 order by 1`,
			[EXPOSED]
		);
		expect(functions).toEqual([]);
		// security definer functions pin it to nothing, so that every name inside is schema-qualified
		const definers = await sql<{ fn: string }>(
			`select n.nspname || '.' || p.proname as fn from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			 where n.nspname in ($1, 'private') and p.prosecdef and not ('search_path=""' = any(p.proconfig))`,
			[EXPOSED]
		);
		expect(definers).toEqual([]);
	});

	it('covers every foreign key with an index whose leading columns are the key’s columns', async () => {
		const missing = await sql<{ fk: string }>(
			`select c.conrelid::regclass || ' (' || (
			     select string_agg(a.attname, ', ' order by k.ord) from unnest(c.conkey) with ordinality k(attnum, ord)
			     join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
			   ) || ') -> ' || c.confrelid::regclass as fk
			 from pg_constraint c join pg_namespace n on n.oid = c.connamespace
			 where c.contype = 'f' and n.nspname = $1
			   and not exists (
			     select 1 from pg_index i
			     where i.indrelid = c.conrelid and i.indisvalid and i.indpred is null
			       and i.indnkeyatts >= cardinality(c.conkey)
			       and (select array_agg(x order by x) from unnest((i.indkey::int2[])[0:cardinality(c.conkey) - 1]) x)
			           = (select array_agg(x order by x) from unnest(c.conkey) x)
			   )
			 order by 1`,
			[EXPOSED]
		);
		expect(missing).toEqual([]);
		expect((await sql(`select 1 from pg_constraint c join pg_namespace n on n.oid = c.connamespace where c.contype = 'f' and n.nspname = $1`, [EXPOSED])).length).toBeGreaterThan(30); // prettier-ignore
	});

	for (const table of ['notifications', 'rate_limit_windows']) {
		it(`grants ${table} (service role only) to no API role but the service role`, async () => {
			const [row] = await sql<{ anon: boolean; authenticated: boolean; service: boolean }>(
				`select
				   has_table_privilege('anon', $1, 'select, insert, update, delete, truncate, references, trigger') as anon,
				   has_table_privilege('authenticated', $1, 'select, insert, update, delete, truncate, references, trigger') as authenticated,
				   has_table_privilege('service_role', $1, 'select, insert, update, delete') as service`,
				[`public.${table}`]
			);
			expect(row).toEqual({ anon: false, authenticated: false, service: true });
			const policies = await sql(`select 1 from pg_policies where schemaname = $1 and tablename = $2`, [
				EXPOSED,
				table
			]);
			expect(policies).toEqual([]);
		});
	}

	// Supabase's database linter (splinter) and the project's own rules, on the whole schema as it stands.
	for (const lint of LINTS) {
		it(`passes the ${lint.name} lint`, async () => {
			const found = (await sql<{ object: string }>(lint.sql, [EXPOSED])).map((r) => r.object);
			expect(found.filter((o) => !(lint.accepted && o in lint.accepted))).toEqual([]);
		});
	}

	it('fails on a migration that adds what the rules forbid', async () => {
		const client = new pg.Client({ connectionString: testConfig.dbUrl });
		await client.connect();
		const found = async (name: string) => {
			const lint = LINTS.find((l) => l.name === name)!;
			return (await client.query<{ object: string }>(lint.sql, [EXPOSED])).rows.map((r) => r.object);
		};
		try {
			await client.query('begin');
			await client.query(`
				create function public.lint_probe_definer() returns int language sql security definer set search_path = '' as 'select 1';
				grant execute on function public.lint_probe_definer() to authenticated;
				create table public.lint_probe_open (id int primary key);
				create table public.lint_probe_child (id int primary key, charter_id uuid references public.charters (id));
				alter table public.lint_probe_child enable row level security;
				create policy "lint probe" on public.lint_probe_child for select using (true);
				grant truncate on public.lint_probe_child to anon;
			`);
			expect(await found('security_definer_function_executable')).toContain('lint_probe_definer()');
			expect(await found('security_definer_in_exposed_schema')).toContain('lint_probe_definer');
			expect(await found('rls_disabled_in_public')).toContain('lint_probe_open');
			expect(await found('policy_without_role')).toContain('lint_probe_child: lint probe');
			expect(await found('api_role_truncate_trigger_references')).toContain('lint_probe_child: anon truncate');
			expect(await found('unindexed_foreign_keys')).toEqual(
				expect.arrayContaining([expect.stringContaining('lint_probe_child')])
			);
		} finally {
			await client.query('rollback');
			await client.end();
		}
	});
});
