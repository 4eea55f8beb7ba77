/**
 * The check of an uploaded plan against the charter, without the database: `validatePlan(sheets, context)`
 * takes the parsed sheets and what ./context.ts read (the charter's codes and organizations, the directory,
 * the communes named), runs one validator per sheet (./validate-sheets.ts) and lists every problem by sheet,
 * row and column. The payload is set only when nothing is wrong.
 */
import type { ParsedRow, Problem } from '../spreadsheet/types.js';
import { planChanges } from './changes.js';
import { newValidation, type PlanContext } from './checks.js';
import type { PlanPayload, PlanPreview, SheetSummary } from './payload.js';
import { PLAN_SHEETS } from './template.js';
import {
	validateActions,
	validateFundings,
	validateIndicators,
	validateObjectives,
	validatePartners
} from './validate-sheets.js';

export type { PlanContext } from './checks.js';
export { communeCodes } from './checks.js';

/** The sheets present in the upload, parsed, with the problems found while reading and parsing them. */
export interface ParsedPlan {
	rows: Map<string, ParsedRow[]>;
	problems: Problem[];
}

/** The problems in the template's order of sheets, then by row (stable: the order of the checks within a row). */
function sortProblems(problems: Problem[]): void {
	const order = (sheet: string) => PLAN_SHEETS.findIndex((s) => s.name === sheet);
	problems.sort((a, b) => order(a.sheet) - order(b.sheet) || (a.row ?? 0) - (b.row ?? 0));
}

export function validatePlan(sheets: ParsedPlan, context: PlanContext): PlanPreview {
	const v = newValidation(context, [...sheets.problems]);
	const rowsOf = (name: string) => sheets.rows.get(name) ?? [];
	// The partners first: every organization named there becomes known to the other sheets; then the codes.
	const partners = validatePartners(rowsOf('partenaires'), v);
	const objectives = validateObjectives(rowsOf('objectifs'), v);
	const actions = validateActions(rowsOf('actions'), v);
	const indicators = validateIndicators(rowsOf('indicateurs'), v);
	const fundings = validateFundings(rowsOf('financements'), v);
	sortProblems(v.problems);

	const payload: PlanPayload = {
		partners,
		objectives: objectives.rows,
		actions: actions.rows,
		indicators,
		fundings
	};
	const changes = planChanges(payload, v);
	const summaries: SheetSummary[] = PLAN_SHEETS.filter((s) => sheets.rows.has(s.name)).map((s) => ({
		name: s.name,
		title: s.title,
		rows: rowsOf(s.name).length,
		created: changes.created[s.name] ?? 0,
		updated: changes.updated[s.name] ?? 0
	}));
	const valid = !v.problems.some((p) => p.level === 'error');
	return {
		sheets: summaries,
		problems: v.problems,
		actions: changes.actions,
		invitations: changes.invitations,
		payload: valid ? payload : null
	};
}
