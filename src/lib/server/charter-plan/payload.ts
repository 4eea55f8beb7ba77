/** The payload of public.import_charter_plan, and what the preview of an upload reports. */
import { z } from 'zod';
import type { Problem } from '../spreadsheet/types.js';
import type { ActionChange, PartnerInvites } from './changes.js';

const text = z.string();
const nullableText = z.string().nullable();
const nullableNumber = z.number().nullable();
const nullableDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.nullable();

/** The payload of public.import_charter_plan; the preview hands it to the import step in a hidden field. */
export const planPayloadSchema = z.object({
	partners: z.array(
		z.object({
			name: text,
			short_name: nullableText,
			kind: nullableText,
			territory_code: nullableText,
			roles: z.array(text),
			/** The representatives' addresses: the import invites each one as partner_rep of the organization. */
			emails: z.array(z.email()).default([])
		})
	),
	objectives: z.array(z.object({ code: text, title: text, description: nullableText })),
	actions: z.array(
		z.object({
			code: text,
			objective: text,
			title: text,
			description: nullableText,
			lead: text,
			contributors: z.array(text),
			funders: z.array(text),
			communes: z.array(text),
			starts_on: nullableDate,
			due_on: nullableDate,
			recurrence: nullableText,
			recurring_since: nullableNumber,
			status: nullableText,
			progress: z.number().int().nullable(),
			health: nullableText
		})
	),
	indicators: z.array(
		z.object({
			name: text,
			objective: nullableText,
			action: nullableText,
			unit: nullableText,
			baseline: nullableNumber,
			target: nullableNumber,
			target_on: nullableDate,
			direction: nullableText,
			note: nullableText
		})
	),
	fundings: z.array(
		z.object({
			funder: text,
			action: nullableText,
			source: text,
			year: nullableNumber,
			planned: nullableNumber,
			committed: nullableNumber,
			paid: nullableNumber,
			note: nullableText
		})
	)
});
export type PlanPayload = z.infer<typeof planPayloadSchema>;

export interface SheetSummary {
	name: string;
	title: string;
	rows: number;
	created: number;
	updated: number;
}

export interface PlanPreview {
	sheets: SheetSummary[];
	problems: Problem[];
	/** Each action of the file with its pilot, and whether it is new, changed (and what) or the same. */
	actions: ActionChange[];
	/** The addresses the import will invite, by partner. */
	invitations: PartnerInvites[];
	payload: PlanPayload | null;
}
