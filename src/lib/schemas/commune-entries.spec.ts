import { describe, expect, it } from 'vitest';
import { communeCodes, communeSearchText, parseCommuneEntries } from './fields.ts';

describe('parseCommuneEntries', () => {
	it('keeps codes as codes and typed names as names, never guessing between them', () => {
		expect(parseCommuneEntries('87011, Bellac ; 2a004\nSaint-Yrieix-la-Perche')).toEqual({
			codes: ['87011', '2A004'],
			names: ['Bellac', 'Saint-Yrieix-la-Perche']
		});
		expect(parseCommuneEntries('87011 87187')).toEqual({ codes: ['87011', '87187'], names: [] });
		expect(parseCommuneEntries('Peyrat  de   Bellac')).toEqual({ codes: [], names: ['Peyrat de Bellac'] });
		expect(parseCommuneEntries(' , ;')).toEqual({ codes: [], names: [] });
	});

	it('compares names as communes.search_name stores them', () => {
		expect(communeSearchText('Saint-Sulpice')).toBe(communeSearchText('saint sulpice'));
		expect(communeSearchText('Bellac')).not.toBe(communeSearchText('Peyrat-de-Bellac'));
	});

	it('refuses entries that are neither a code nor a name', () => {
		expect(communeCodes().safeParse('87011, Bellac').success).toBe(true);
		expect(communeCodes().safeParse('8701').success).toBe(false);
		expect(communeCodes().safeParse('x'.repeat(101)).success).toBe(false);
	});
});
