/**
 * The database reads the check of a faculty's list needs, all made before it (./validate.ts is pure): the
 * directory of organizations, the communes the file names, the placements already in the charter's register.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { loose } from '../spreadsheet/normalize.js';
import type { ParsedRow } from '../spreadsheet/types.js';
import type { Membership } from '../memberships.js';
import { identity, namesOf, type InternshipContext } from './validate.js';

type Client = SupabaseClient<Database>;

/** What the rows name, looked up in a handful of queries. */
export async function readInternshipContext(
	supabase: Client,
	charterId: string,
	membership: Membership,
	rows: ParsedRow[]
): Promise<InternshipContext> {
	const { hosts, codes, names } = namesOf(rows);
	const [organizations, byCode, byName, existing] = await Promise.all([
		hosts.length
			? supabase.from('organizations').select('id, name, short_name')
			: Promise.resolve({ data: [], error: null }),
		codes.length
			? supabase.from('communes').select('code, name').in('code', codes)
			: Promise.resolve({ data: [], error: null }),
		names.length
			? supabase.from('communes').select('code, name, search_name').in('search_name', names)
			: Promise.resolve({ data: [], error: null }),
		supabase
			.from('internships')
			.select('intern_first_name, intern_last_name, starts_on')
			.eq('charter_id', charterId)
			.not('intern_first_name', 'is', null)
	]);
	if (organizations.error || byCode.error || byName.error || existing.error) {
		throw new Error('lookup failed');
	}
	const byKey = new Map<string, string[]>();
	for (const o of organizations.data ?? []) {
		for (const n of [o.name, o.short_name]) {
			if (!n) continue;
			const k = loose(n);
			byKey.set(k, [...new Set([...(byKey.get(k) ?? []), o.id])]);
		}
	}
	const communesByName = new Map<string, string[]>();
	for (const c of byName.data ?? []) {
		const k = c.search_name ?? loose(c.name);
		communesByName.set(k, [...(communesByName.get(k) ?? []), c.code]);
	}
	return {
		organizations: byKey,
		communeCodes: new Set((byCode.data ?? []).map((c) => c.code)),
		communesByName,
		existing: new Set(
			(existing.data ?? []).map((r) => identity(r.intern_first_name ?? '', r.intern_last_name, r.starts_on))
		),
		importer: { role: membership.role, organizationId: membership.organizationId }
	};
}
