import { describe, expect, it } from 'vitest';
import { groupByOrganization } from './meeting-groups.ts';

describe('people by organization', () => {
	it('groups by organization in order, names in order, those without one last', () => {
		const groups = groupByOrganization(
			[
				{ name: 'Zoé', organizationName: 'CPTS' },
				{ name: 'Alix', organizationName: null },
				{ name: 'Émile', organizationName: 'ARS' },
				{ name: 'Bastien', organizationName: 'CPTS' }
			],
			'Sans organisation'
		);
		expect(groups.map((g) => [g.organization, g.people.map((p) => p.name)])).toEqual([
			['ARS', ['Émile']],
			['CPTS', ['Bastien', 'Zoé']],
			['Sans organisation', ['Alix']]
		]);
	});
});
