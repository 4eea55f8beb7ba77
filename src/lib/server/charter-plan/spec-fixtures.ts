/** The charter, directory and rows the validation specs share (validate.spec.ts, validate-sheets.spec.ts). */
import type { ParsedRow, Problem } from '../spreadsheet/types.ts';
import { planContext } from './context.ts';
import type { ParsedPlan } from './validate.ts';

/** A charter with objective 1 and action 1.1, the ARS as partner, the faculty in the directory only. */
export function context(overrides: Partial<Parameters<typeof planContext>[0]> = {}) {
	return planContext({
		objectiveCodes: ['1'],
		actionCodes: ['1.1'],
		organizations: [
			{ id: 'ars', name: 'Agence régionale de santé Nouvelle-Aquitaine', short_name: 'ARS Nouvelle-Aquitaine' },
			{ id: 'fac', name: 'Faculté de médecine de Limoges', short_name: 'Faculté de Limoges' },
			{ id: 'cpts-a', name: 'CPTS du Dropt', short_name: 'CPTS' },
			{ id: 'cpts-b', name: 'CPTS Garonne', short_name: 'CPTS' }
		],
		tied: ['ars'],
		communes: ['87085', '87187'],
		...overrides
	});
}

/** Parsed rows, numbered from 2 (the header is row 1). */
export function rows(...values: ParsedRow['values'][]): ParsedRow[] {
	return values.map((v, i) => ({ row: i + 2, values: v }));
}

export function plan(sheets: Record<string, ParsedRow[]>, problems: Problem[] = []): ParsedPlan {
	return { rows: new Map(Object.entries(sheets)), problems };
}

/** The errors as "sheet|row|column". */
export const errors = (problems: Problem[]) =>
	problems.filter((p) => p.level === 'error').map((p) => `${p.sheet}|${p.row}|${p.column}`);
