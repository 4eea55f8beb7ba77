/**
 * Loads all current French communes and EPCI from @etalab/decoupage-administratif into public.communes and
 * public.epcis.
 *
 * The local stack calls it after the migrations, before the seed. For a hosted Supabase project:
 *   DB_URL='postgresql://postgres:<password>@db.<project>.supabase.co:5432/postgres' npm run communes:load
 * It upserts, so running it again after a new release of the data set updates names and populations.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

const require = createRequire(import.meta.url);

interface EtalabCommune {
	code: string;
	nom: string;
	type: string;
	departement?: string;
	region?: string;
	population?: number;
	codesPostaux?: string[];
}
interface EtalabEpci {
	code: string;
	nom: string;
	type: string;
	populationTotale?: number;
	membres: { code: string }[];
}

export interface CommuneRow {
	code: string;
	name: string;
	departement_code: string;
	region_code: string | null;
	epci_siren: string | null;
	population: number | null;
	postal_codes: string[];
}

/** The rows to load: current communes only (not the former "communes déléguées" or "associées"). */
export function communeRows(): { communes: CommuneRow[]; epcis: EtalabEpci[] } {
	const communes = require('@etalab/decoupage-administratif/data/communes.json') as EtalabCommune[];
	const epcis = require('@etalab/decoupage-administratif/data/epci.json') as EtalabEpci[];
	const epciOf = new Map<string, string>();
	for (const epci of epcis) for (const member of epci.membres) epciOf.set(member.code, epci.code);
	const rows = communes
		.filter((c) => c.type === 'commune-actuelle' && c.departement)
		.map((c) => ({
			code: c.code,
			name: c.nom,
			departement_code: c.departement!,
			region_code: c.region ?? null,
			epci_siren: epciOf.get(c.code) ?? null,
			population: c.population ?? null,
			postal_codes: c.codesPostaux ?? []
		}));
	return { communes: rows, epcis };
}

const CHUNK = 2000;

export async function loadCommunes(client: pg.Client | pg.PoolClient): Promise<number> {
	const { communes, epcis } = communeRows();
	await client.query('begin');
	try {
		for (let i = 0; i < epcis.length; i += CHUNK) {
			const chunk = epcis.slice(i, i + CHUNK);
			await client.query(
				`insert into public.epcis (siren, name, kind, population)
				 select * from unnest($1::text[], $2::text[], $3::text[], $4::int[])
				 on conflict (siren) do update set name = excluded.name, kind = excluded.kind, population = excluded.population`,
				[
					chunk.map((e) => e.code),
					chunk.map((e) => e.nom),
					chunk.map((e) => e.type),
					chunk.map((e) => e.populationTotale ?? null)
				]
			);
		}
		for (let i = 0; i < communes.length; i += CHUNK) {
			const chunk = communes.slice(i, i + CHUNK);
			await client.query(
				`insert into public.communes (code, name, departement_code, region_code, epci_siren, population, postal_codes)
				 select code, name, dep, reg, epci, pop, coalesce(string_to_array(nullif(cps, ''), ','), '{}')
				 from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])
				   as t(code, name, dep, reg, epci, pop, cps)
				 on conflict (code) do update set name = excluded.name, departement_code = excluded.departement_code,
				   region_code = excluded.region_code, epci_siren = excluded.epci_siren, population = excluded.population,
				   postal_codes = excluded.postal_codes`,
				[
					chunk.map((c) => c.code),
					chunk.map((c) => c.name),
					chunk.map((c) => c.departement_code),
					chunk.map((c) => c.region_code),
					chunk.map((c) => c.epci_siren),
					chunk.map((c) => c.population),
					chunk.map((c) => c.postal_codes.join(','))
				]
			);
		}
		await client.query('commit');
	} catch (error) {
		await client.query('rollback');
		throw error;
	}
	return communes.length;
}

/** Called by the local stack: loads the communes once, when the table exists and is empty. */
export async function loadCommunesIfEmpty(client: pg.Client): Promise<void> {
	const exists = await client.query<{ ok: boolean }>(`select to_regclass('public.communes') is not null as ok`);
	if (!exists.rows[0].ok) return;
	const count = await client.query<{ n: number }>('select count(*)::int as n from public.communes');
	if (count.rows[0].n > 0) return;
	await loadCommunes(client);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const url =
		process.env.DB_URL || process.env.DATABASE_URL || 'postgresql://postgres:postgres@127.0.0.1:54322/postgres';
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	const started = Date.now();
	const n = await loadCommunes(client);
	await client.end();
	console.log(`${n} communes loaded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
