/**
 * What the charter already holds, read before a preview, so that the preview counts what is new and what
 * changes the way public.import_charter_plan matches rows: partners by organization, actions by code,
 * indicators by name and attachment, fundings by funder, action, source and year.
 */
import { key } from './keys.js';

/** An action of the charter as the preview compares it with its row. */
export interface ExistingAction {
	title: string;
	description: string | null;
	objective: string | null;
	lead: string;
	status: string;
	progress: number;
	health: string;
	starts_on: string | null;
	due_on: string | null;
}

export interface ExistingPlan {
	/** Organization ids that are partners of the charter (charter_partners). */
	partners: Set<string>;
	actions: Map<string, ExistingAction>;
	/** indicatorKey() of each indicator. */
	indicators: Set<string>;
	/** fundingKey() of each funding. */
	fundings: Set<string>;
}

export const emptyExisting = (): ExistingPlan => ({
	partners: new Set(),
	actions: new Map(),
	indicators: new Set(),
	fundings: new Set()
});

export const indicatorKey = (name: string, objective: string | null, action: string | null) =>
	`${key(name)}|${objective ?? ''}|${action ?? ''}`;

export const fundingKey = (organizationId: string, action: string | null, source: string, year: number | null) =>
	`${organizationId}|${action ?? ''}|${key(source)}|${year ?? ''}`;
