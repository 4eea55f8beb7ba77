import { describe, expect, it } from 'vitest';
import { representativeCounts, uncoveredPilots } from './pilot-coverage.ts';

const action = (code: string, lead: string) => ({
	code,
	lead_organization_id: lead,
	lead: { name: lead.toUpperCase() }
});

describe('uncoveredPilots', () => {
	it('lists the lead organizations no partner representative speaks for, with their actions', () => {
		const actions = [action('1.1', 'ars'), action('1.2', 'fac'), action('2.1', 'fac'), action('3.1', 'cpam')];
		expect(uncoveredPilots(actions, ['ars', null, 'other'], ['fac'])).toEqual([
			{ id: 'cpam', name: 'CPAM', actionCodes: ['3.1'], pendingInvitations: 0 },
			{ id: 'fac', name: 'FAC', actionCodes: ['1.2', '2.1'], pendingInvitations: 1 }
		]);
	});
	it('is empty when every pilot has someone, and without actions', () => {
		expect(uncoveredPilots([action('1.1', 'ars')], ['ars'])).toEqual([]);
		expect(uncoveredPilots([], [])).toEqual([]);
	});
});

describe('representativeCounts', () => {
	it('counts the representatives of each organization', () => {
		expect(Object.fromEntries(representativeCounts(['a', 'b', 'a', null]))).toEqual({ a: 2, b: 1 });
	});
});
