import { describe, expect, it } from 'vitest';
import {
	isRequestReference,
	ACTION_CODE,
	COMMUNE_CODE,
	COMMUNE_CODE_START,
	isCommuneCode,
	isUuid,
	OBJECTIVE_CODE,
	TERRITORY_CODE,
	UUID
} from './patterns.ts';

describe('identifier formats', () => {
	it('knows a UUID in either case, and nothing else', () => {
		expect(isUuid('3f0c2a4e-8b1d-4c5e-9f6a-0b1c2d3e4f50')).toBe(true);
		expect(isUuid('3F0C2A4E-8B1D-4C5E-9F6A-0B1C2D3E4F50')).toBe(true);
		expect(isUuid('00000000-0000-0000-0000-000000000000')).toBe(true);
		for (const bad of [
			'',
			null,
			undefined,
			'nouvelle',
			'3f0c2a4e-8b1d-4c5e-9f6a-0b1c2d3e4f5',
			' 3f0c2a4e-8b1d-4c5e-9f6a-0b1c2d3e4f50'
		])
			expect(isUuid(bad)).toBe(false);
		expect(UUID.test('3f0c2a4e8b1d4c5e9f6a0b1c2d3e4f50')).toBe(false);
	});

	it('takes the INSEE codes of mainland, Corsica and overseas communes, in upper case only', () => {
		for (const code of ['87085', '01001', '2A004', '2B033', '97411']) expect(isCommuneCode(code)).toBe(true);
		for (const bad of ['8708', '870855', '2a004', '2C004', 'A7085', '', null]) expect(isCommuneCode(bad)).toBe(false);
		expect(COMMUNE_CODE.test('2B033')).toBe(true);
	});

	it('recognises a commune code being typed', () => {
		for (const start of ['87', '2A', '870', '2B03', '87085']) expect(COMMUNE_CODE_START.test(start)).toBe(true);
		for (const bad of ['', '8', 'Bel', '870851', '2C']) expect(COMMUNE_CODE_START.test(bad)).toBe(false);
	});

	it('takes a région, département or commune code, or an EPCI SIREN, as a territory', () => {
		for (const code of ['75', '87', '2A', '87085', '974', '200071470']) expect(TERRITORY_CODE.test(code)).toBe(true);
		for (const bad of ['', 'HV', '9999999', '2000714701']) expect(TERRITORY_CODE.test(bad)).toBe(false);
	});

	it('numbers actions one level deeper than objectives', () => {
		expect(['1', '2.1', '1.2.3.4'].every((c) => OBJECTIVE_CODE.test(c))).toBe(true);
		expect(OBJECTIVE_CODE.test('1.2.3.4.5')).toBe(false);
		expect(ACTION_CODE.test('1.2.3.4.5')).toBe(true);
		for (const bad of ['', 'A1', '1.', '.1', '1..2', '1234']) {
			expect(OBJECTIVE_CODE.test(bad)).toBe(false);
			expect(ACTION_CODE.test(bad)).toBe(false);
		}
	});
});

describe('support request references', () => {
	it('are a year and a number of 4 to 6 digits', () => {
		for (const ok of ['2026-0042', '2027-123456']) expect(isRequestReference(ok), ok).toBe(true);
		for (const bad of ['2026-42', '26-0042', '2026-0042 ', '2026_0042', '', null])
			expect(isRequestReference(bad), String(bad)).toBe(false);
	});
});
