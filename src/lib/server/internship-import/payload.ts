/** The rows an import inserts, as the preview hands them to the confirmation form, and the preview itself. */
import { z } from 'zod';
import { Constants } from '#lib/database.types.js';
import { COMMUNE_CODE } from '#lib/domain/patterns.js';
import type { Problem } from '../spreadsheet/types.js';

const enums = Constants.public.Enums;

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
	host_contact: z.string().max(200).nullable(),
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
