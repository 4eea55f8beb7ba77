import { describe, expect, it } from 'vitest';
import { dashboardView, indicatorValues, indicatorView } from './dashboard-view.js';
import type { DashboardData, Indicator } from '#lib/server/dashboard-data.js';

const indicator: Indicator = {
	id: 'i1',
	name: 'Médecins installés',
	unit: 'médecins',
	baseline: 10,
	target: 30,
	target_on: '2027-12-31',
	direction: 'increase',
	note: null,
	objective_id: 'o1',
	objective_code: '1',
	action_id: null,
	action_code: null,
	action_title: null,
	value_count: 2,
	latest_value: 14,
	latest_on: '2026-06-30',
	reference_value: 12,
	state: 'on_track',
	values: [
		{ on: '2026-01-31', value: 12, note: null },
		{ on: '2026-06-30', value: 14, note: 'estimation' }
	]
};

describe('indicatorView', () => {
	it('sends the points once, as parallel arrays, and keeps what the figure reads', () => {
		const view = indicatorView(indicator);
		expect(view.points).toEqual({
			on: ['2026-01-31', '2026-06-30'],
			value: [12, 14],
			note: [null, 'estimation']
		});
		expect(view).not.toHaveProperty('values');
		expect(view).not.toHaveProperty('action_title');
		expect(view).not.toHaveProperty('reference_value');
		expect(view.latest_value).toBe(14);
		expect(indicatorValues(view.points)).toEqual(indicator.values);
	});

	it('drops the notes column when no point has a note, and reads numeric strings as numbers', () => {
		const view = indicatorView({
			...indicator,
			values: [{ on: '2026-01-31', value: '12.5' as unknown as number, note: null }]
		});
		expect(view.points).toEqual({ on: ['2026-01-31'], value: [12.5], note: null });
		expect(indicatorValues(view.points)).toEqual([{ on: '2026-01-31', value: 12.5, note: null }]);
	});
});

describe('dashboardView', () => {
	it('keeps only the fields the components read', () => {
		const d = {
			today: '2026-11-22',
			filters: {},
			summary: {},
			objectives: [],
			options: { objectives: [], organizations: [], communes: [] },
			trend: [],
			alertCounts: { blocked: 1, overdue: 0, stale: 0, indicator_off_track: 0 },
			dueSoonCount: 0,
			alerts: [{ kind: 'blocked', action_id: 'a1', objective_code: '1', last_update_at: 'x', direction: null }],
			dueSoon: [{ id: 'a1', code: '1.1', charter_id: 'c', objective_title: 'O', signal: null }],
			updates: [{ id: 'u1', health: 'on_track', previous_status: null }],
			fundings: [{ grouping_key: 'funder', unknown_amounts: 0 }],
			partners: [{ organization_id: 'p', led_red: 1 }],
			indicators: [indicator],
			actions: null
		} as unknown as DashboardData;
		const view = dashboardView(d);
		expect(view.alerts[0]).toMatchObject({ kind: 'blocked', action_id: 'a1' });
		expect(view.alerts[0]).not.toHaveProperty('objective_code');
		expect(view.alerts[0]).not.toHaveProperty('last_update_at');
		expect(view.dueSoon[0]).not.toHaveProperty('charter_id');
		expect(view.dueSoon[0]).not.toHaveProperty('signal');
		expect(view.updates[0]).not.toHaveProperty('health');
		expect(view.fundings[0]).not.toHaveProperty('unknown_amounts');
		expect(view.partners[0]).not.toHaveProperty('led_red');
		expect(view).not.toHaveProperty('actions');
		expect(view.indicators[0].points.on).toHaveLength(2);
	});
});
