import { describe, expect, it } from 'vitest';
import { homePath, type Membership } from './memberships.ts';

const membership = (role: Membership['role'], slug = 'haute-vienne'): Membership => ({
	charterId: slug,
	slug,
	title: slug,
	shortTitle: null,
	role,
	organizationId: role === 'partner_rep' ? 'org' : null,
	organizationName: null
});

describe('homePath (docs/ux.md: the home page depends on the role)', () => {
	it('sends a steering member of one charter to its dashboard', () => {
		expect(homePath([membership('steering')])).toBe('/chartes/haute-vienne/tableau-de-bord');
	});

	it('sends a steering member of several charters to the charters and their cross-charter view', () => {
		expect(homePath([membership('steering'), membership('steering', 'normandie')])).toBe('/chartes');
	});

	it('keeps the other roles where they were', () => {
		expect(homePath([membership('partner_rep')])).toBe('/mes-actions');
		expect(homePath([membership('elected_official')])).toBe('/ma-commune');
		expect(homePath([membership('coordinator')])).toBe('/chartes/haute-vienne');
		expect(homePath([])).toBe('/chartes');
	});
});
