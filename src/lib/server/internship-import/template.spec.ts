import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { Constants } from '#lib/database.types.js';
import { importPayloadSchema } from './payload.ts';
import { INTERNSHIP_SHEET } from './template.ts';

describe('the faculties’ lists', () => {
	test('docs/internship-import.md documents every column', () => {
		const doc = readFileSync(new URL('../../../../docs/internship-import.md', import.meta.url), 'utf8');
		expect(doc).toContain(`\`${INTERNSHIP_SHEET.name}\``);
		for (const column of INTERNSHIP_SHEET.columns) expect(doc, column.header).toContain(`| ${column.header} |`);
	});

	test('every enum value of the schema has a French spelling in the file', () => {
		const values = (key: string) => Object.keys(INTERNSHIP_SHEET.columns.find((c) => c.key === key)!.values!);
		const { health_profession, internship_level, internship_status } = Constants.public.Enums;
		expect(values('profession')).toEqual(health_profession);
		expect(values('level')).toEqual(internship_level);
		expect(values('status')).toEqual(internship_status);
	});

	test('the rows posted back for the import are checked again', () => {
		const row = {
			intern_first_name: 'Léa',
			intern_last_name: null,
			intern_email: null,
			profession: 'medecine',
			level: 'interne',
			specialty: null,
			faculty: null,
			supervisor_name: null,
			host_contact: null,
			host_organization_id: '3f0c9a4e-5b1d-4c2e-9f7a-1b2c3d4e5f60',
			commune_code: '87187',
			starts_on: '2026-11-02',
			ends_on: '2027-04-30',
			housing: null,
			housing_note: null,
			status: 'planned'
		};
		expect(importPayloadSchema.safeParse([row]).success).toBe(true);
		expect(importPayloadSchema.safeParse([{ ...row, commune_code: '999' }]).success).toBe(false);
		expect(importPayloadSchema.safeParse([{ ...row, status: 'deleted' }]).success).toBe(false);
		expect(importPayloadSchema.safeParse([]).success).toBe(false);
	});
});
