/**
 * Importing the lists of interns that faculties send each semester (November and May intakes), as XLSX or
 * CSV, with the spreadsheet pieces of the charter import (./spreadsheet): read, parse by column, then check
 * against the database (host organizations of the directory, communes of France, placements already in the
 * register) and report every problem by row and column before anything is written.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import { Constants, type Database, type Enums, type TablesInsert } from '#lib/database.types.js';
import { COMMUNE_CODE } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';
import { loose } from './spreadsheet/normalize.js';
import { parseSheet } from './spreadsheet/parse.js';
import { readUploads } from './spreadsheet/read.js';
import type { Problem, SheetSpec, UploadedFile } from './spreadsheet/types.js';
import type { Membership } from './memberships.js';

type Client = SupabaseClient<Database>;
const enums = Constants.public.Enums;

/** The columns of the file; French headers, with the spellings faculties use accepted too. */
export const INTERNSHIP_SHEET: SheetSpec = {
	name: 'stagiaires',
	title: 'Stagiaires du semestre',
	description:
		'Une ligne par stage, telle que la faculté l’envoie chaque semestre (arrivées de novembre et de mai). Les stages déjà au registre (même prénom, même nom, même date d’arrivée) sont ignorés : le même fichier peut être importé deux fois sans doublon.',
	columns: [
		{
			key: 'first_name',
			header: 'Prénom',
			required: true,
			type: 'text',
			max: 80,
			description: 'Prénom du ou de la stagiaire.',
			example: 'Léa'
		},
		{
			key: 'last_name',
			header: 'Nom',
			aliases: ['Nom de famille'],
			type: 'text',
			max: 80,
			description: 'Nom de famille (effacé douze mois après la fin du stage).',
			example: 'Bernard'
		},
		{
			key: 'email',
			header: 'E-mail',
			aliases: ['Email', 'Adresse e-mail', 'Courriel', 'Mail'],
			type: 'text',
			max: 254,
			description: 'Adresse e-mail du ou de la stagiaire, facultative.',
			example: 'lea.bernard@example.org'
		},
		{
			key: 'profession',
			header: 'Profession',
			aliases: ['Filière'],
			required: true,
			type: 'enum',
			values: {
				medecine: ['Médecine'],
				pharmacie: ['Pharmacie'],
				odontologie: ['Odontologie', 'Chirurgie dentaire', 'Dentaire'],
				maieutique: ['Maïeutique', 'Sage-femme', 'Sages-femmes'],
				kinesitherapie: ['Kinésithérapie', 'Masso-kinésithérapie'],
				soins_infirmiers: ['Soins infirmiers', 'Infirmier', 'Infirmière'],
				autre: ['Autre']
			},
			description: 'Médecine, Pharmacie, Odontologie, Maïeutique, Kinésithérapie, Soins infirmiers ou Autre.',
			example: 'Médecine'
		},
		{
			key: 'level',
			header: 'Niveau',
			required: true,
			type: 'enum',
			values: {
				externe: ['Externe', 'Étudiant hospitalier', '2e cycle', 'Deuxième cycle'],
				interne: ['Interne', '3e cycle', 'Troisième cycle'],
				docteur_junior: ['Docteur junior', 'DJ']
			},
			description: 'Externe, Interne ou Docteur junior.',
			example: 'Interne'
		},
		{
			key: 'specialty',
			header: 'Spécialité',
			aliases: ['DES'],
			type: 'text',
			max: 120,
			description: 'Spécialité préparée, facultative.',
			example: 'Médecine générale'
		},
		{
			key: 'faculty',
			header: 'Faculté',
			aliases: ['Université', 'UFR'],
			type: 'text',
			max: 160,
			description: 'Faculté d’origine.',
			example: 'Faculté de médecine de Limoges'
		},
		{
			key: 'supervisor',
			header: 'Maître de stage',
			aliases: ['MSU', 'Maître de stage universitaire', 'Tuteur'],
			type: 'text',
			max: 160,
			description: 'Maître de stage universitaire (MSU).',
			example: 'Dr Hélène Faure'
		},
		{
			key: 'host',
			header: 'Structure d’accueil',
			aliases: ["Structure d'accueil", 'Lieu de stage', 'Terrain de stage', 'Structure'],
			required: true,
			type: 'text',
			max: 200,
			description:
				'Nom ou nom court de l’organisation qui accueille, tel qu’il figure dans l’annuaire des organisations.',
			example: 'MSP Saint-Yrieix'
		},
		{
			key: 'commune',
			header: 'Commune',
			aliases: ['Code INSEE', 'Code commune', 'Commune (code INSEE)', 'INSEE'],
			required: true,
			type: 'text',
			max: 200,
			description: 'Code INSEE de la commune du stage, ou son nom quand aucune autre commune de France ne le porte.',
			example: '87187'
		},
		{
			key: 'starts_on',
			header: 'Arrivée',
			aliases: ['Date d’arrivée', "Date d'arrivée", 'Début', 'Date de début'],
			required: true,
			type: 'date',
			description: 'Date d’arrivée, JJ/MM/AAAA.',
			example: '02/11/2026'
		},
		{
			key: 'ends_on',
			header: 'Fin',
			aliases: ['Date de fin'],
			required: true,
			type: 'date',
			description: 'Date de fin du stage, JJ/MM/AAAA.',
			example: '30/04/2027'
		},
		{
			key: 'housing',
			header: 'Hébergement',
			aliases: ['Logement'],
			type: 'enum',
			values: {
				co_living: ['Co-living', 'Colocation'],
				internat: ['Internat'],
				logement_communal: ['Logement communal'],
				logement_hospitalier: ['Logement hospitalier'],
				logement_personnel: ['Logement personnel'],
				autre: ['Autre']
			},
			description: 'Co-living, Internat, Logement communal, Logement hospitalier, Logement personnel ou Autre.',
			example: 'Logement communal'
		},
		{
			key: 'housing_note',
			header: 'Précision sur l’hébergement',
			aliases: ["Précision sur l'hébergement", 'Adresse du logement'],
			type: 'text',
			max: 300,
			description: 'Adresse ou précision utile à l’accueil.',
			example: 'Studio au-dessus de la mairie'
		},
		{
			key: 'status',
			header: 'Statut',
			type: 'enum',
			values: {
				planned: ['Prévu'],
				confirmed: ['Confirmé'],
				arrived: ['Arrivé·e', 'Arrivé', 'Arrivée'],
				cancelled: ['Annulé']
			},
			description: 'Prévu si vide. Un stage importé « Confirmé » prévient aussitôt par e-mail les élus de sa commune.',
			example: 'Prévu'
		}
	]
};

/** A row ready to insert, as posted back by the confirmation form (checked again there). */
export const importRowSchema = z.object({
	intern_first_name: z.string().trim().min(1).max(80),
	intern_last_name: z.string().trim().max(80).nullable(),
	intern_email: z.string().trim().max(254).nullable(),
	profession: z.enum(enums.health_profession),
	level: z.enum(enums.internship_level),
	specialty: z.string().max(120).nullable(),
	faculty: z.string().max(160).nullable(),
	supervisor_name: z.string().max(160).nullable(),
	host_organization_id: z.guid(),
	commune_code: z.string().regex(COMMUNE_CODE),
	starts_on: z.iso.date(),
	ends_on: z.iso.date(),
	housing: z.enum(enums.housing_kind).nullable(),
	housing_note: z.string().max(300).nullable(),
	status: z.enum(enums.internship_status)
});
export const importPayloadSchema = z.array(importRowSchema).min(1).max(2000);
export type ImportRow = z.infer<typeof importRowSchema>;

export interface ImportPreview {
	sheets: { name: string; title: string; rows: number; created?: number }[];
	problems: Problem[];
	/** The rows to insert, when there is no error. */
	payload: ImportRow[] | null;
	/** Placements of the file already in the register (skipped). */
	skipped: number;
	/** Rows that will be confirmed at once (their officials are e-mailed). */
	confirmed: number;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
const identity = (first: string, last: string | null, startsOn: string) =>
	`${loose(first)}|${loose(last ?? '')}|${startsOn}`;

export async function previewInternships(
	supabase: Client,
	charterId: string,
	membership: Membership,
	files: UploadedFile[]
): Promise<ImportPreview> {
	const read = await readUploads(files, [INTERNSHIP_SHEET], { anyName: true });
	const problems: Problem[] = [...read.problems];
	const sheet = read.sheets[0];
	if (!sheet) return { sheets: [], problems, payload: null, skipped: 0, confirmed: 0 };
	const parsed = parseSheet(sheet);
	problems.push(...parsed.problems);
	const header = (key: string) => INTERNSHIP_SHEET.columns.find((c) => c.key === key)!.header;
	const error = (row: number, key: string, message: string) =>
		problems.push({ level: 'error', sheet: INTERNSHIP_SHEET.name, row, column: header(key), message });

	// What the rows name, looked up in a handful of queries.
	const hostNames = [...new Set(parsed.rows.map((r) => str(r.values.host)).filter((v): v is string => !!v))];
	const communeValues = parsed.rows.map((r) => str(r.values.commune)).filter((v): v is string => !!v);
	const codes = [...new Set(communeValues.map((v) => v.toUpperCase()).filter((v) => COMMUNE_CODE.test(v)))];
	const names = [...new Set(communeValues.filter((v) => !COMMUNE_CODE.test(v.toUpperCase())).map((v) => loose(v)))];
	const [organizations, byCode, byName, existing] = await Promise.all([
		hostNames.length
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
	const orgByKey = new Map<string, string[]>();
	for (const o of organizations.data ?? []) {
		for (const n of [o.name, o.short_name]) {
			if (!n) continue;
			const k = loose(n);
			orgByKey.set(k, [...new Set([...(orgByKey.get(k) ?? []), o.id])]);
		}
	}
	const knownCodes = new Set((byCode.data ?? []).map((c) => c.code));
	const codesByName = new Map<string, string[]>();
	for (const c of byName.data ?? []) {
		const k = c.search_name ?? loose(c.name);
		codesByName.set(k, [...(codesByName.get(k) ?? []), c.code]);
	}
	const already = new Set(
		(existing.data ?? []).map((r) => identity(r.intern_first_name ?? '', r.intern_last_name, r.starts_on))
	);

	const payload: ImportRow[] = [];
	const seen = new Map<string, number>();
	let skipped = 0;
	for (const r of parsed.rows) {
		const v = r.values;
		const firstName = str(v.first_name);
		const startsOn = str(v.starts_on);
		const endsOn = str(v.ends_on);
		let ok = Boolean(firstName && startsOn && endsOn && v.profession && v.level);

		const email = str(v.email)?.toLowerCase() ?? null;
		if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
			error(r.row, 'email', m.interns_email_invalid({}));
			ok = false;
		}
		if (startsOn && endsOn && endsOn < startsOn) {
			error(r.row, 'ends_on', m.interns_dates_order({}));
			ok = false;
		}

		let hostId: string | null = null;
		const host = str(v.host);
		if (host) {
			const ids = orgByKey.get(loose(host)) ?? [];
			if (ids.length === 0) {
				error(r.row, 'host', m.interns_import_unknown_host({ name: host }));
				ok = false;
			} else if (ids.length > 1) {
				error(r.row, 'host', m.interns_import_ambiguous_host({ name: host }));
				ok = false;
			} else if (membership.role !== 'coordinator' && ids[0] !== membership.organizationId) {
				error(r.row, 'host', m.interns_import_host_forbidden({ name: host }));
				ok = false;
			} else hostId = ids[0];
		}

		let communeCode: string | null = null;
		const commune = str(v.commune);
		if (commune) {
			const upper = commune.toUpperCase();
			if (COMMUNE_CODE.test(upper)) {
				if (knownCodes.has(upper)) communeCode = upper;
				else error(r.row, 'commune', m.interns_commune_unknown({ code: upper }));
			} else {
				const found = codesByName.get(loose(commune)) ?? [];
				if (found.length === 1) communeCode = found[0];
				else if (found.length > 1)
					error(r.row, 'commune', m.interns_import_ambiguous_commune({ name: commune, count: found.length }));
				else error(r.row, 'commune', m.interns_import_unknown_commune({ name: commune }));
			}
			if (!communeCode) ok = false;
		}

		if (!ok || !firstName || !startsOn || !endsOn || !hostId || !communeCode) continue;
		const lastName = str(v.last_name);
		const key = identity(firstName, lastName, startsOn);
		if (seen.has(key)) {
			error(r.row, 'first_name', m.interns_import_duplicate({ row: seen.get(key)! }));
			continue;
		}
		seen.set(key, r.row);
		if (already.has(key)) {
			skipped++;
			problems.push({
				level: 'warning',
				sheet: INTERNSHIP_SHEET.name,
				row: r.row,
				column: null,
				message: m.interns_import_already({ name: `${firstName} ${lastName ?? ''}`.trim() })
			});
			continue;
		}
		payload.push({
			intern_first_name: firstName,
			intern_last_name: lastName,
			intern_email: email,
			profession: v.profession as Enums<'health_profession'>,
			level: v.level as Enums<'internship_level'>,
			specialty: str(v.specialty),
			faculty: str(v.faculty),
			supervisor_name: str(v.supervisor),
			host_organization_id: hostId,
			commune_code: communeCode,
			starts_on: startsOn,
			ends_on: endsOn,
			housing: (str(v.housing) as Enums<'housing_kind'> | null) ?? null,
			housing_note: str(v.housing_note),
			status: (str(v.status) as Enums<'internship_status'> | null) ?? 'planned'
		});
	}

	const hasErrors = problems.some((p) => p.level === 'error');
	if (!hasErrors && payload.length === 0 && skipped === 0) {
		problems.push({
			level: 'error',
			sheet: INTERNSHIP_SHEET.name,
			row: null,
			column: null,
			message: m.interns_import_empty({})
		});
	}
	const valid = !problems.some((p) => p.level === 'error');
	return {
		sheets: [
			{ name: INTERNSHIP_SHEET.name, title: INTERNSHIP_SHEET.title, rows: parsed.rows.length, created: payload.length }
		],
		problems,
		payload: valid ? payload : null,
		skipped,
		confirmed: payload.filter((p) => p.status === 'confirmed' || p.status === 'arrived').length
	};
}

/** Inserts the checked rows in one statement: one transaction, and the officials' e-mails in the same one. */
export async function importInternships(
	supabase: Client,
	charterId: string,
	userId: string,
	rows: ImportRow[]
): Promise<{ ok: true; count: number } | { ok: false; code: string | null; message: string }> {
	const records: TablesInsert<'internships'>[] = rows.map((r) => ({ ...r, charter_id: charterId, created_by: userId }));
	const { data, error } = await supabase.from('internships').insert(records).select('id');
	if (error) return { ok: false, code: error.code ?? null, message: error.message };
	return { ok: true, count: data.length };
}
