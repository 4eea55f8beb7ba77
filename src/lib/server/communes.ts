/**
 * Searching the French communes (public.communes, all of France) by name, INSEE code or postal code, and
 * naming a list of codes. Used by the commune picker (src/lib/components/commune-picker.svelte) through
 * /api/communes, and by forms that receive codes typed without JavaScript.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { COMMUNE_CODE_START } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';
import { communeSearchText, parseCommuneEntries } from '#lib/schemas/fields.js';

export interface CommuneHit {
	code: string;
	name: string;
	departement: string;
	population: number | null;
}

const hit = (c: { code: string; name: string; departement_code: string; population: number | null }) => ({
	code: c.code,
	name: c.name,
	departement: c.departement_code,
	population: c.population
});

/**
 * Communes whose code starts with the query, or whose name contains it. The communes that bear exactly the
 * name typed come first (all of them, so that a name several communes bear shows every one), then the others by
 * population.
 */
export async function searchCommunes(
	supabase: SupabaseClient<Database>,
	query: string,
	limit = 10
): Promise<CommuneHit[]> {
	const raw = query.trim().toUpperCase();
	const columns = 'code, name, departement_code, population';
	const byPopulation = { ascending: false, nullsFirst: false } as const;
	if (COMMUNE_CODE_START.test(raw)) {
		// A code being typed: INSEE codes starting with it, and postal codes once it is complete.
		const request = supabase.from('communes').select(columns);
		const { data, error } = await (
			raw.length === 5 && /^\d+$/.test(raw)
				? request.or(`code.eq.${raw},postal_codes.cs.{${raw}}`)
				: request.like('code', `${raw}%`)
		)
			.order('population', byPopulation)
			.limit(limit);
		if (error) throw new Error(`commune search failed: ${error.message}`);
		return (data ?? []).map(hit);
	}
	const text = communeSearchText(query);
	if (text.length < 2) return [];
	const [exact, partial] = await Promise.all([
		supabase.from('communes').select(columns).eq('search_name', text).order('population', byPopulation).limit(50),
		supabase
			.from('communes')
			.select(columns)
			.like('search_name', `%${text}%`)
			.neq('search_name', text)
			.order('population', byPopulation)
			.limit(limit)
	]);
	const error = exact.error ?? partial.error;
	if (error) throw new Error(`commune search failed: ${error.message}`);
	const exactHits = (exact.data ?? []).map(hit);
	return [...exactHits, ...(partial.data ?? []).map(hit)].slice(0, Math.max(limit, exactHits.length));
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

export interface CommuneResolution {
	/** The communes named, codes first, then names that match exactly one commune. */
	found: CommuneHit[];
	/** Codes that are no commune's. */
	unknown: string[];
	/** Names that no commune bears. */
	unknownNames: string[];
	/** Names that several communes bear, with them: the person must choose. */
	ambiguous: { name: string; candidates: CommuneHit[] }[];
}

/**
 * Resolves a commune field (codes, and names typed without picking): a name counts when exactly one commune bears
 * it (accents, case and hyphens aside), so "Bellac" is Bellac and never Peyrat-de-Bellac; a name that several
 * communes bear is returned as ambiguous, never guessed.
 */
export async function resolveCommunes(supabase: SupabaseClient<Database>, value: string): Promise<CommuneResolution> {
	const { codes, names } = parseCommuneEntries(value);
	const byCodes = await communesByCodes(supabase, codes);
	const result: CommuneResolution = {
		found: [...byCodes.found],
		unknown: [...byCodes.unknown],
		unknownNames: [],
		ambiguous: []
	};
	if (names.length === 0) return result;
	const { data, error } = await supabase
		.from('communes')
		.select('code, name, departement_code, population, search_name')
		.in('search_name', names.map(communeSearchText))
		.order('population', { ascending: false, nullsFirst: false })
		.limit(50 * names.length);
	if (error) throw new Error(`commune lookup failed: ${error.message}`);
	for (const name of names) {
		const hits = (data ?? [])
			.filter((c) => c.search_name === communeSearchText(name))
			.map((c) => ({ code: c.code, name: c.name, departement: c.departement_code, population: c.population }));
		if (hits.length === 0) result.unknownNames.push(name);
		else if (hits.length > 1) result.ambiguous.push({ name, candidates: hits });
		else if (!result.found.some((f) => f.code === hits[0].code)) result.found.push(hits[0]);
	}
	return result;
}

/** The message to show under the field when the resolution is not complete, or null. */
export function communeResolutionError(r: CommuneResolution): string | null {
	const parts: string[] = [];
	if (r.unknown.length) parts.push(m.admin_error_communes_unknown({ codes: r.unknown.join(', ') }));
	if (r.unknownNames.length) parts.push(m.layout_commune_unknown({ names: r.unknownNames.join(', ') }));
	for (const a of r.ambiguous)
		parts.push(
			m.layout_commune_ambiguous({
				name: a.name,
				candidates: a.candidates.map((c) => `${c.name} (${c.code}, ${c.departement})`).join(', ')
			})
		);
	return parts.length ? parts.join(' ') : null;
}
