import { describe, expect, it } from 'vitest';
import { communeFromText } from './commune-text.ts';

const options = [
	{ value: '97411', label: 'Saint-Denis (974)' },
	{ value: '93066', label: 'Saint-Denis (93)' },
	{ value: '33011', label: 'Arès (33)' }
];

describe('a commune typed in the dashboard filter', () => {
	it('gives the code of the one commune it names', () => {
		expect(communeFromText(options, 'ares')).toEqual({ code: '33011', error: null });
	});
	it('says when it names none of the charter’s communes', () => {
		expect(communeFromText(options, 'Paris').error).toBe(
			"Aucune action de la charte n'est rattachée à une commune nommée « Paris »."
		);
	});
	it('lists the communes of that name to pick one', () => {
		expect(communeFromText(options, 'saint-denis').error).toBe(
			'Plusieurs communes portent ce nom : Saint-Denis (974), Saint-Denis (93). Saisissez aussi le département, par exemple « Saint-Denis (974) ».'
		);
	});
});
