import { describe, expect, it } from 'vitest';
import type { Alert, DashboardAction, Indicator } from '../dashboard-data.js';
import { actionChanges, actionTable, decisions, indicatorChanges, type ActionDetail } from './content.ts';
import { changeLines } from './words.ts';

const action = (id: string, objective: string, extra: Partial<DashboardAction> = {}) =>
	({
		id,
		code: id,
		title: `Action ${id}`,
		objective_code: objective,
		objective_title: `Objectif ${objective}`,
		status: 'in_progress',
		progress: 40,
		last_update_at: '2026-10-05T09:00:00Z',
		...extra
	}) as DashboardAction;
const detail = (id: string, extra: Partial<ActionDetail> = {}): ActionDetail => ({
	action_id: id,
	contributors: [],
	latest_comment: null,
	latest_comment_at: null,
	latest_comment_author: null,
	updates_since: 0,
	status_before: null,
	progress_before: null,
	...extra
});

describe('report content', () => {
	const actions = [action('1.1', '1'), action('1.2', '1', { status: 'done', progress: 100 }), action('2.1', '2')];
	const details = new Map([
		['1.1', detail('1.1', { updates_since: 1, status_before: 'in_progress', progress_before: 25 })],
		[
			'1.2',
			detail('1.2', {
				updates_since: 2,
				status_before: 'in_progress',
				progress_before: 90,
				latest_comment: 'Fini.',
				latest_comment_at: '2026-11-02T09:00:00Z'
			})
		],
		['2.1', detail('2.1')]
	]);

	it('lists only the actions whose journal moved since the date, with the change in words', () => {
		const changes = actionChanges(actions, details);
		expect(changes.map((c) => c.code)).toEqual(['1.1', '1.2']);
		const lines = changeLines({ changes });
		expect(lines[0].text).toBe('25\u00a0% → 40\u00a0% (1 mise à jour, le 05/10/2026)');
		expect(lines[1].text).toBe(
			'En cours → Réalisée, 90\u00a0% → 100\u00a0% (2 mises à jour, la dernière le 05/10/2026)'
		);
		// An entry that changed nothing says so rather than showing an arrow between equal values.
		const same = actionChanges(
			[action('3.1', '3')],
			new Map([['3.1', detail('3.1', { updates_since: 1, status_before: 'in_progress', progress_before: 40 })]])
		);
		expect(changeLines({ changes: same })[0].text).toMatch(/^état inchangé/);
	});

	it('keeps indicator values measured on or after the date', () => {
		const indicator = {
			name: 'MSU',
			unit: 'MSU',
			values: [
				{ on: '2026-09-01', value: 3 },
				{ on: '2026-09-02', value: 5 }
			]
		} as Indicator;
		expect(indicatorChanges([indicator], '2026-09-02')).toEqual([
			{ name: 'MSU', unit: 'MSU', values: [{ on: '2026-09-02', value: 5 }] }
		]);
		expect(indicatorChanges([indicator], '2026-10-01')).toEqual([]);
	});

	it('turns each alert into a decision with the pilot’s latest comment', () => {
		const alert = {
			kind: 'blocked',
			action_id: '1.2',
			action_code: '1.2',
			action_title: 'Action 1.2',
			lead_name: 'ARS',
			days: 30,
			indicator_name: null
		} as Alert;
		const [d] = decisions([alert], details);
		expect(d).toMatchObject({
			kind: 'blocked',
			code: '1.2',
			subject: 'Action 1.2',
			lead: 'ARS',
			days: 30,
			comment: 'Fini.',
			indicator: null
		});
	});

	it('groups the action table by objective, in plan order, each row with its latest comment', () => {
		const table = actionTable(actions, details);
		expect(table.map((o) => [o.code, o.rows.map((r) => r.code)])).toEqual([
			['1', ['1.1', '1.2']],
			['2', ['2.1']]
		]);
		expect(table[0].rows[1].comment).toEqual({ text: 'Fini.', at: '2026-11-02T09:00:00Z', author: null });
		expect(table[0].rows[0].comment).toBeNull();
	});
});
