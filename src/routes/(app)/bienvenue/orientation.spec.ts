import { describe, expect, it } from 'vitest';
import { orientations, startPage } from './orientation.ts';

describe('the orientation page', () => {
	it('starts each role where its work is', () => {
		expect(startPage('coordinator', 'hv')).toBe('/chartes/hv/administration');
		expect(startPage('steering', 'hv')).toBe('/chartes/hv/tableau-de-bord');
		expect(startPage('partner_rep', 'hv')).toBe('/mes-actions');
		expect(startPage('elected_official', 'hv')).toBe('/ma-commune');
	});

	it('lists each charter with the role and organization, coordination first, charters without access left out', () => {
		const list = orientations([
			{ role: 'partner_rep', charter: { slug: 'b', title: 'Bellac' }, organization: { name: 'CPAM 87' } },
			{ role: 'coordinator', charter: { slug: 'z', title: 'Zeta' }, organization: null },
			{ role: 'partner_rep', charter: null, organization: null }
		]);
		expect(list).toEqual([
			{ slug: 'z', charter: 'Zeta', role: 'coordinator', organization: null, start: '/chartes/z/administration' },
			{ slug: 'b', charter: 'Bellac', role: 'partner_rep', organization: 'CPAM 87', start: '/mes-actions' }
		]);
	});
});
