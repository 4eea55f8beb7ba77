import { describe, expect, it } from 'vitest';
import { COMMUNE_TEXT_MAX, matchCommune } from './commune-match.ts';

const options = [
	{ value: '42218', label: 'Saint-Étienne (42)' },
	{ value: '33011', label: 'Arès (33)' },
	{ value: '97411', label: 'Saint-Denis (974)' },
	{ value: '93066', label: 'Saint-Denis (93)' },
	{ value: '59350', label: "L'Abergement (59)" }
];

describe('matchCommune', () => {
	it('finds a commune by its name, whatever the case, accents, hyphens and apostrophes', () => {
		expect(matchCommune(options, 'saint etienne')).toEqual([options[0]]);
		expect(matchCommune(options, '  ARES ')).toEqual([options[1]]);
		expect(matchCommune(options, 'l abergement')).toEqual([options[4]]);
	});

	it('returns every commune of that name, and the one of a whole label', () => {
		expect(matchCommune(options, 'Saint-Denis').map((o) => o.value)).toEqual(['97411', '93066']);
		expect(matchCommune(options, 'Saint-Denis (93)')).toEqual([options[3]]);
	});

	it('matches nothing for an unknown name, an empty text or an overlong one', () => {
		expect(matchCommune(options, 'Paris')).toEqual([]);
		expect(matchCommune(options, '   ')).toEqual([]);
		expect(matchCommune(options, 'a'.repeat(COMMUNE_TEXT_MAX + 1))).toEqual([]);
	});
});
