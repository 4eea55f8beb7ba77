/**
 * Searching the French communes (public.communes, all of France) by name, INSEE code or postal code, and
 * naming a list of codes. Used by the commune picker (src/lib/components/commune-picker.svelte) through
 * /api/communes, and by forms that receive codes typed without JavaScript.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { COMMUNE_CODE_START } from '#lib/domain/patterns.js';

export interface CommuneHit {
	code: string;
	name: string;
	departement: string;
	population: number | null;
}

/** The form stored in communes.search_name: lower case, no accents, words separated by one space. */
export function searchText(value: string): string {
	return value
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

export async function searchCommunes(
	supabase: SupabaseClient<Database>,
	query: string,
	limit = 10
): Promise<CommuneHit[]> {
	const raw = query.trim().toUpperCase();
	let request = supabase.from('communes').select('code, name, departement_code, population');
	if (COMMUNE_CODE_START.test(raw)) {
		// A code being typed: INSEE codes starting with it, and postal codes once it is complete.
		request =
			raw.length === 5 && /^\d+$/.test(raw)
				? request.or(`code.eq.${raw},postal_codes.cs.{${raw}}`)
				: request.like('code', `${raw}%`);
	} else {
		const text = searchText(query);
		if (text.length < 2) return [];
		request = request.like('search_name', `%${text}%`);
	}
	const { data, error } = await request.order('population', { ascending: false, nullsFirst: false }).limit(limit);
	if (error) throw new Error(`commune search failed: ${error.message}`);
	return (data ?? []).map((c) => ({
		code: c.code,
		name: c.name,
		departement: c.departement_code,
		population: c.population
	}));
}

/** Names of the given codes, in the given order; `unknown` lists the codes that are not communes. */
export async function communesByCodes(
	supabase: SupabaseClient<Database>,
	codes: string[]
): Promise<{ found: CommuneHit[]; unknown: string[] }> {
	if (codes.length === 0) return { found: [], unknown: [] };
	const { data, error } = await supabase
		.from('communes')
		.select('code, name, departement_code, population')
		.in('code', codes);
	if (error) throw new Error(`commune lookup failed: ${error.message}`);
	const byCode = new Map((data ?? []).map((c) => [c.code, c]));
	return {
		found: codes
			.filter((c) => byCode.has(c))
			.map((c) => {
				const row = byCode.get(c)!;
				return { code: row.code, name: row.name, departement: row.departement_code, population: row.population };
			}),
		unknown: codes.filter((c) => !byCode.has(c))
	};
}
