/**
 * What the sheet validators share: the context read from the database, the state of a validation (problems,
 * the organizations and codes made known so far), the value helpers and the code check.
 */
import { COMMUNE_CODE } from '#lib/domain/patterns.js';
import type { ParsedRow, Problem } from '../spreadsheet/types.js';
import type { ExistingPlan } from './existing.js';
import { PLAN_SHEETS } from './template.js';

/** What the database says about the charter, read before the validation (./context.ts). */
export interface PlanContext {
	objectiveCodes: Set<string>;
	actionCodes: Set<string>;
	/** Organizations already tied to the charter, by lower-case name and short name. */
	known: Map<string, string>;
	/** The whole directory, by lower-case name and by short name (short names may be shared). */
	byName: Map<string, string>;
	byShortName: Map<string, string[]>;
	byId: Map<string, { name: string; short_name: string | null }>;
	/** The communes of France among the codes the actions sheet names (see communeCodes). */
	communes: Set<string>;
	/** What the charter holds already, to tell the preview what is new and what changes (./existing.ts). */
	existing: ExistingPlan;
}

/** The state the sheet validators share: the problems, and what the sheets before have made known. */
export interface Validation {
	context: PlanContext;
	problems: Problem[];
	/** Organizations the sheets may name: the charter's, and those of the partenaires sheet. */
	known: Map<string, string>;
	/** Objective and action codes of the charter and of the file. */
	objectiveCodes: Set<string>;
	actionCodes: Set<string>;
	error(sheet: string, row: number, key: string | null, message: string): void;
}

export { key } from './keys.js';
export const str = (v: ParsedRow['values'][string]) => (typeof v === 'string' && v !== '' ? v : null);
export const num = (v: ParsedRow['values'][string]) => (typeof v === 'number' ? v : null);
export const list = (v: ParsedRow['values'][string]) => (Array.isArray(v) ? v : []);

const header = (sheet: string, k: string) =>
	PLAN_SHEETS.find((s) => s.name === sheet)!.columns.find((c) => c.key === k)!.header;

export function newValidation(context: PlanContext, problems: Problem[] = []): Validation {
	return {
		context,
		problems,
		known: new Map(context.known),
		objectiveCodes: new Set(context.objectiveCodes),
		actionCodes: new Set(context.actionCodes),
		error(sheet, row, k, message) {
			problems.push({ level: 'error', sheet, row, column: k ? header(sheet, k) : null, message });
		}
	};
}

/**
 * The code check the objectives and actions sheets share: the code is well formed and not repeated in the
 * sheet (`seen`: code → row). False when the row is to be left out.
 */
export function checkCode(
	v: Validation,
	sheet: string,
	row: number,
	code: string,
	format: { pattern: RegExp; message: string },
	seen: Map<string, number>,
	duplicate: (first: number) => string
): boolean {
	if (!format.pattern.test(code)) {
		v.error(sheet, row, 'code', format.message);
		return false;
	}
	const first = seen.get(code);
	if (first !== undefined) {
		v.error(sheet, row, 'code', duplicate(first));
		return false;
	}
	seen.set(code, row);
	return true;
}

/** The commune codes the actions sheet names, to look up among the communes of France before validating. */
export function communeCodes(rows: ParsedRow[]): string[] {
	const codes = rows.flatMap((r) => list(r.values.communes).map((c) => c.toUpperCase()));
	return [...new Set(codes.filter((c) => COMMUNE_CODE.test(c)))];
}
