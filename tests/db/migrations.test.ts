/**
 * One body per SQL function within a release (supabase/RELEASES, docs/architecture.md): a function
 * defined twice in the same release means two versions of it to review, and the earlier one is dead code. From
 * the first release on, migrations are append-only and a changed function is replaced (`create or replace`) in
 * a new migration, which belongs to the next release.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from '../helpers/env.ts';
import {
	duplicateDefinitions,
	functionSignatures,
	migrationFiles,
	MIGRATIONS_DIR,
	releaseMarkers,
	releases
} from './migrations.ts';

const read = (file: string) => readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');

describe('migrations: one definition per function and release', () => {
	it('defines no function twice within a release', () => {
		const files = migrationFiles();
		const markers = releaseMarkers();
		for (const marker of markers) expect(files, `RELEASES names ${marker}`).toContain(marker);
		expect(duplicateDefinitions(releases(files, markers), read)).toEqual([]);
	});

	it('keeps the API privileges migration last (it revokes according to every table and policy)', () => {
		expect(migrationFiles().at(-1)).toBe('20261124100000_api_privileges.sql');
	});

	it('reads every function of the schema from the files (the parser misses none)', async () => {
		const parsed = new Set(migrationFiles().flatMap((file) => functionSignatures(read(file))));
		const rows = await sql<{ signature: string }>(
			`select n.nspname || '.' || p.proname || '(' || oidvectortypes(p.proargtypes) || ')' as signature
			 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			 where n.nspname in ('public', 'private') and p.prokind = 'f'
			 order by 1`
		);
		expect(rows.length).toBeGreaterThan(80);
		expect([...parsed].sort()).toEqual(rows.map((r) => r.signature));
	});

	it('finds a function defined twice in one release, and allows its replacement in the next', () => {
		const v1 = `create function private.f(p_a uuid, p_b text default 'x') returns int language sql as $$ select 1 $$;
			-- create function private.commented(p uuid)
			create policy "the action's partners" on t for select using (true);
			create function public.g() returns void language plpgsql as $body$ begin execute 'create function x.y()'; end $body$;`;
		const fix = `create or replace function private.f(p_a uuid, p_b text = 'y') returns int language sql as $$ select 2 $$;
			create function private.f(p_a uuid) returns int language sql as $$ select 3 $$;`;
		expect(functionSignatures(v1)).toEqual(['private.f(uuid, text)', 'public.g()']);
		const texts: Record<string, string> = { '1_v1.sql': v1, '2_fix.sql': fix };
		const files = Object.keys(texts);
		// Same release: f(uuid, text) twice. The overload f(uuid) is another function.
		expect(duplicateDefinitions(releases(files, []), (f) => texts[f])).toEqual([
			{ signature: 'private.f(uuid, text)', files: ['1_v1.sql', '2_fix.sql'] }
		]);
		// 1_v1.sql released: the fix replaces f in the next release.
		expect(releases(files, ['1_v1.sql'])).toEqual([['1_v1.sql'], ['2_fix.sql']]);
		expect(duplicateDefinitions(releases(files, ['1_v1.sql']), (f) => texts[f])).toEqual([]);
	});
});
