/**
 * The check of a faculty's list, without the database: `validateInternships(sheet, context)` takes the parsed
 * rows and what ./context.ts read (host organizations, communes, placements already in the register, who
 * imports), reports every problem by row and column, and gives the rows to insert when nothing is wrong.
 */
import type { Enums } from '#lib/database.types.js';
import { MAX_PLACEMENT_MONTHS, monthsAfter } from '#lib/domain/dates.js';
import { COMMUNE_CODE } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';
import { loose } from '../spreadsheet/normalize.js';
import type { ParsedRow, Problem } from '../spreadsheet/types.js';
import type { Membership } from '../memberships.js';
import type { ImportPreview, ImportRow } from './payload.js';
import { INTERNSHIP_SHEET } from './template.js';

/** What the database says about the names in the file, read before the validation (./context.ts). */
export interface InternshipContext {
	/** Organization ids by loose name and short name (several when a name is shared). */
	organizations: Map<string, string[]>;
	/** The INSEE codes of the file that are communes of France. */
	communeCodes: Set<string>;
	/** Commune codes by loose name, for the names of the file (several when a name is shared). */
	communesByName: Map<string, string[]>;
	/** The placements already in the register, as `identity` keys. */
	existing: Set<string>;
	/** Who imports: a representative may only name their own organization as host. */
	importer: Pick<Membership, 'role' | 'organizationId'>;
}

/** The rows of the file's sheet, parsed, with the problems found while reading and parsing it. */
export interface ParsedList {
	rows: ParsedRow[];
	problems: Problem[];
}

export const str = (value: unknown): string | null =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
/** A placement's identity: first name, last name and arrival date (how a second import recognises it). */
export const identity = (first: string, last: string | null, startsOn: string) =>
	`${loose(first)}|${loose(last ?? '')}|${startsOn}`;

/** The longest placement: a docteur junior's year (externes and internes stay three or six months). */

/** The ISO day `months` after an ISO day (31/08 + 6 months: 28 or 29/02, the end of the shorter month). */

const header = (key: string) => INTERNSHIP_SHEET.columns.find((c) => c.key === key)!.header;

/** What the rows name, to look up before validating: host names, commune codes and commune names. */
export function namesOf(rows: ParsedRow[]) {
	const hosts = [...new Set(rows.map((r) => str(r.values.host)).filter((v): v is string => !!v))];
	const communes = rows.map((r) => str(r.values.commune)).filter((v): v is string => !!v);
	return {
		hosts,
		codes: [...new Set(communes.map((v) => v.toUpperCase()).filter((v) => COMMUNE_CODE.test(v)))],
		names: [...new Set(communes.filter((v) => !COMMUNE_CODE.test(v.toUpperCase())).map((v) => loose(v)))]
	};
}

export function validateInternships(sheet: ParsedList, context: InternshipContext): ImportPreview {
	const problems: Problem[] = [...sheet.problems];
	const error = (row: number, key: string, message: string) =>
		problems.push({ level: 'error', sheet: INTERNSHIP_SHEET.name, row, column: header(key), message });

	/** The host organization's id, or null with the problem reported. */
	const hostOf = (row: number, host: string): string | null => {
		const ids = context.organizations.get(loose(host)) ?? [];
		const { importer } = context;
		if (ids.length === 0) error(row, 'host', m.interns_import_unknown_host({ name: host }));
		else if (ids.length > 1) error(row, 'host', m.interns_import_ambiguous_host({ name: host }));
		else if (importer.role !== 'coordinator' && ids[0] !== importer.organizationId)
			error(row, 'host', m.interns_import_host_forbidden({ name: host }));
		else return ids[0];
		return null;
	};

	/** The commune's INSEE code (given, or found by a name no other commune bears), or null with the problem. */
	const communeOf = (row: number, commune: string): string | null => {
		const upper = commune.toUpperCase();
		if (COMMUNE_CODE.test(upper)) {
			if (context.communeCodes.has(upper)) return upper;
			error(row, 'commune', m.interns_commune_unknown({ code: upper }));
			return null;
		}
		const found = context.communesByName.get(loose(commune)) ?? [];
		if (found.length === 1) return found[0];
		if (found.length > 1)
			error(row, 'commune', m.interns_import_ambiguous_commune({ name: commune, count: found.length }));
		else error(row, 'commune', m.interns_import_unknown_commune({ name: commune }));
		return null;
	};

	const payload: ImportRow[] = [];
	const seen = new Map<string, number>();
	let skipped = 0;
	for (const r of sheet.rows) {
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
		} else if (startsOn && endsOn && endsOn > monthsAfter(startsOn, MAX_PLACEMENT_MONTHS)) {
			const fr = (iso: string) => iso.split('-').reverse().join('/');
			error(
				r.row,
				'ends_on',
				m.import_placement_too_long({ max: String(MAX_PLACEMENT_MONTHS), from: fr(startsOn), to: fr(endsOn) })
			);
			ok = false;
		}
		const host = str(v.host);
		const hostId = host ? hostOf(r.row, host) : null;
		if (host && !hostId) ok = false;
		const commune = str(v.commune);
		const communeCode = commune ? communeOf(r.row, commune) : null;
		if (commune && !communeCode) ok = false;

		if (!ok || !firstName || !startsOn || !endsOn || !hostId || !communeCode) continue;
		const lastName = str(v.last_name);
		const key = identity(firstName, lastName, startsOn);
		if (seen.has(key)) {
			error(r.row, 'first_name', m.interns_import_duplicate({ row: seen.get(key)! }));
			continue;
		}
		seen.set(key, r.row);
		if (context.existing.has(key)) {
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
			host_contact: str(v.host_contact),
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
			{ name: INTERNSHIP_SHEET.name, title: INTERNSHIP_SHEET.title, rows: sheet.rows.length, created: payload.length }
		],
		problems,
		payload: valid ? payload : null,
		skipped,
		confirmed: payload.filter((p) => p.status === 'confirmed' || p.status === 'arrived').length
	};
}
