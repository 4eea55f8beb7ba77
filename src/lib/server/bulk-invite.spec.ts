/** The members page's list of addresses: separators, an organization per line, and every refusal by line. */
import { describe, expect, test } from 'vitest';
import { parseBulkInvites } from './bulk-invite.ts';

const partners = [
	{ id: 'ars', name: 'Agence régionale de santé Nouvelle-Aquitaine', short_name: 'ARS Nouvelle-Aquitaine' },
	{ id: 'fac', name: 'Faculté de médecine de Limoges', short_name: null }
];
const options = { needsOrganization: true, defaultOrganizationId: 'fac', partners };

describe('parseBulkInvites', () => {
	test('one address per line, or several separated by commas or semicolons, with an organization per line', () => {
		const { invites, errors } = parseBulkInvites(
			'Marie.Durand@ars.sante.fr ; ars nouvelle-aquitaine\n\npaul@univ-limoges.fr, lea@univ-limoges.fr;\n<doyen@univ-limoges.fr>',
			options
		);
		expect(errors).toEqual([]);
		expect(invites).toEqual([
			{ email: 'marie.durand@ars.sante.fr', organizationId: 'ars', line: 1 },
			{ email: 'paul@univ-limoges.fr', organizationId: 'fac', line: 3 },
			{ email: 'lea@univ-limoges.fr', organizationId: 'fac', line: 3 },
			{ email: 'doyen@univ-limoges.fr', organizationId: 'fac', line: 4 }
		]);
	});

	test('every line that cannot be read is reported with its number', () => {
		const { errors } = parseBulkInvites('pas@adresse\nx@y.fr; Mairie inconnue\nx@y.fr\nz@y.fr\nz@y.fr', options);
		expect(errors).toEqual([
			"Ligne 1 : « pas@adresse » n'est pas une adresse e-mail valide.",
			"Ligne 2 : l'organisation « Mairie inconnue » n'est pas un partenaire de la charte.",
			'Ligne 5 : z@y.fr figure déjà plus haut dans la liste.'
		]);
		const noOrg = parseBulkInvites('a@b.fr', { ...options, defaultOrganizationId: null });
		expect(noOrg.errors).toEqual([
			"Ligne 1 : indiquez l'organisation que a@b.fr représente, ou choisissez-la dans la liste."
		]);
		expect(parseBulkInvites('a@b.fr', { ...options, needsOrganization: false }).invites).toEqual([
			{ email: 'a@b.fr', organizationId: null, line: 1 }
		]);
		expect(parseBulkInvites(' ; \n', options).errors).toEqual(['Saisissez au moins une adresse e-mail.']);
		const many = Array.from({ length: 101 }, (_, i) => `p${i}@x.fr`).join('\n');
		expect(parseBulkInvites(many, options).errors).toEqual(['101 adresses : envoyez-en 100 au plus à la fois.']);
	});
});
