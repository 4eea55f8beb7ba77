import { describe, expect, it } from 'vitest';
import { internshipSchema } from './internship.ts';

const base = {
	firstName: 'Capucine',
	profession: 'medecine',
	level: 'externe',
	hostOrganizationId: '3f0c9a4e-5b1d-4c2e-9f7a-1b2c3d4e5f60',
	communeCode: '87187'
};
const errorsOf = (data: Record<string, string>) =>
	Object.fromEntries(
		(internshipSchema.safeParse({ ...base, ...data }).error?.issues ?? []).map((i) => [i.path.join('.'), i.message])
	);

describe('the placement form', () => {
	it('says which field is missing, without failing on the dates it does not have', () => {
		const errors = errorsOf({ communeCode: '', startsOn: '', endsOn: '' });
		expect(errors.communeCode).toBeTruthy();
		expect(errors.startsOn).toBeTruthy();
		expect(errors.endsOn).toBeTruthy();
	});

	it('refuses a day that does not exist, an implausible year and a placement of more than a year', () => {
		expect(errorsOf({ startsOn: '2026-06-31', endsOn: '2026-08-31' }).startsOn).toContain("n'existe pas");
		expect(errorsOf({ startsOn: '0202-05-02', endsOn: '0203-11-01' }).startsOn).toContain("n'est pas plausible");
		expect(errorsOf({ startsOn: '2026-11-02', endsOn: '2027-11-03' }).endsOn).toContain('12 mois');
		expect(errorsOf({ startsOn: '2026-11-02', endsOn: '2027-11-02' })).toEqual({});
	});
});
