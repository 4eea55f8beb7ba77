import { describe, expect, it } from 'vitest';
import { filterQuery, hasFilters, parseFilters, typedCommune } from './filters.ts';

const url = (search: string) => new URL(`http://localhost/chartes/hv/tableau-de-bord${search}`);
const objective = '3f0c2a4e-8b1d-4c5e-9f6a-0b1c2d3e4f50';
const organization = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

describe('dashboard filters', () => {
	it('reads the four filters of the URL, in their canonical case', () => {
		const filters = parseFilters(
			url(`?objectif=${objective.toUpperCase()}&partenaire=${organization}&statut=blocked&commune=2a004`)
		);
		expect(filters).toEqual({ objective, organization, status: 'blocked', commune: '2A004' });
		expect(hasFilters(filters)).toBe(true);
	});

	it('ignores malformed and empty values rather than failing', () => {
		const filters = parseFilters(url('?objectif=1&partenaire=&statut=termine&commune=8708&autre=x'));
		expect(filters).toEqual({ objective: null, organization: null, status: null, commune: null });
		expect(hasFilters(filters)).toBe(false);
		expect(parseFilters(url(''))).toEqual(filters);
	});

	it('trims what was typed', () => {
		expect(parseFilters(url('?commune=%2087085%20&statut=%20done')).commune).toBe('87085');
		expect(parseFilters(url('?statut=%20done%20')).status).toBe('done');
	});

	it('says any one filter applies', () => {
		const none = { objective: null, organization: null, status: null, commune: null };
		expect(hasFilters({ ...none, commune: '87085' })).toBe(true);
		expect(hasFilters({ ...none, status: 'planned' })).toBe(true);
	});

	it('writes back a query string that reads the same', () => {
		const filters = parseFilters(url(`?statut=in_progress&objectif=${objective}&commune=87085`));
		const query = filterQuery(filters);
		expect(query).toBe(`?objectif=${objective}&statut=in_progress&commune=87085`);
		expect(parseFilters(url(query))).toEqual(filters);
		expect(filterQuery(parseFilters(url('')))).toBe('');
	});

	it('tells a commune typed by name from an INSEE code', () => {
		expect(typedCommune(new URL('http://x/?commune=Saint-%C3%89tienne'))).toBe('Saint-Étienne');
		expect(typedCommune(new URL('http://x/?commune=2a004'))).toBeNull();
		expect(typedCommune(new URL('http://x/?commune=87085'))).toBeNull();
		expect(typedCommune(new URL('http://x/?commune=%20'))).toBeNull();
		expect(typedCommune(new URL('http://x/'))).toBeNull();
	});
});
