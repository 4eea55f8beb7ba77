import { describe, expect, it } from 'vitest';
import { orgFullName, orgName } from './organizations.ts';

const ars = { name: 'ARS Nouvelle-Aquitaine', short_name: 'ARS NA' };
const ordre = { name: 'Ordre des médecins de la Haute-Vienne', short_name: null };

describe('organization names', () => {
	it('prefers the short name, and says nothing for no organization', () => {
		expect(orgName(ars)).toBe('ARS NA');
		expect(orgName(ordre)).toBe('Ordre des médecins de la Haute-Vienne');
		expect(orgName({ name: 'Mairie de Bellac' })).toBe('Mairie de Bellac');
		expect(orgName(null)).toBeNull();
		expect(orgName(undefined)).toBeNull();
	});

	it('gives both names where a choice is made', () => {
		expect(orgFullName(ars)).toBe('ARS Nouvelle-Aquitaine (ARS NA)');
		expect(orgFullName(ordre)).toBe('Ordre des médecins de la Haute-Vienne');
	});
});
