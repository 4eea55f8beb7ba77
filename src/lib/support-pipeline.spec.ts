import { describe, expect, it } from 'vitest';
import {
	barValue,
	formatCount,
	hasRequests,
	installationsTable,
	isOverdue,
	onTimeRate,
	statusCounts,
	WITHHELD,
	yearOf,
	type PipelineDocument
} from './support-pipeline.js';

const pipeline = (over: Partial<PipelineDocument> = {}): PipelineDocument => ({
	today: '2026-12-01',
	role: 'steering',
	exact: false,
	requests_total: 12,
	requests_open: 6,
	by_status: [
		{ status: 'new', count: null },
		{ status: 'in_progress', count: 4 },
		{ status: 'installed', count: 5 }
	],
	by_need: [],
	by_profession: [],
	installations_total: 5,
	installations_this_year: 5,
	median_days: 70,
	installations: [],
	referrals: [],
	referrals_overdue: 0,
	...over
});

describe('support pipeline', () => {
	it('writes a withheld count as « < 3 », never as 0', () => {
		expect(formatCount(null)).toBe(WITHHELD);
		expect(WITHHELD).toBe('< 3');
		expect(formatCount(0)).toBe('0');
		expect(formatCount(1234)).toBe('1\u202f234');
		expect(barValue(null)).toBe(0);
		expect(barValue(7)).toBe(7);
	});

	it('shows the section once there is a request, even when the total is withheld', () => {
		expect(hasRequests(null)).toBe(false);
		expect(hasRequests(pipeline({ requests_total: 0 }))).toBe(false);
		expect(hasRequests(pipeline({ requests_total: null }))).toBe(true);
		expect(hasRequests(pipeline())).toBe(true);
	});

	it('lists every status in pipeline order, 0 for the missing ones and null kept', () => {
		expect(statusCounts(pipeline())).toEqual([
			{ status: 'new', count: null },
			{ status: 'in_progress', count: 4 },
			{ status: 'on_hold', count: 0 },
			{ status: 'installed', count: 5 },
			{ status: 'abandoned', count: 0 }
		]);
	});

	it('computes the share answered on time only from known counts', () => {
		expect(onTimeRate({ answered: 4, on_time: 3 })).toBe(75);
		expect(onTimeRate({ answered: 0, on_time: 0 })).toBeNull();
		expect(onTimeRate({ answered: null, on_time: 0 })).toBeNull();
		expect(onTimeRate({ answered: 3, on_time: null })).toBeNull();
	});

	it('highlights a partner with overdue referrals, withheld ones included', () => {
		expect(isOverdue({ overdue: 0 })).toBe(false);
		expect(isOverdue({ overdue: 4 })).toBe(true);
		expect(isOverdue({ overdue: null })).toBe(true);
	});

	it('lays installations out by commune (most first) and year (newest first), 0 where there is none', () => {
		const table = installationsTable([
			{ commune_code: '84007', commune_name: 'Avignon', year: 2025, count: 3 },
			{ commune_code: '84031', commune_name: 'Carpentras', year: 2026, count: 5 },
			{ commune_code: '84031', commune_name: 'Carpentras', year: 2024, count: null },
			{ commune_code: '84087', commune_name: null, year: 2026, count: null }
		]);
		expect(table.years).toEqual([2026, 2025, 2024]);
		expect(table.rows).toEqual([
			{ code: '84031', name: 'Carpentras', counts: [5, 0, null] },
			{ code: '84007', name: 'Avignon', counts: [0, 3, 0] },
			{ code: '84087', name: '84087', counts: [null, 0, 0] }
		]);
		expect(installationsTable([]).rows).toEqual([]);
	});

	it('keeps the newest years only', () => {
		const cells = [2019, 2020, 2021, 2022, 2023, 2024].map((year) => ({
			commune_code: '84031',
			commune_name: 'Carpentras',
			year,
			count: 3
		}));
		expect(installationsTable(cells, 5).years).toEqual([2024, 2023, 2022, 2021, 2020]);
		expect(yearOf('2026-12-01')).toBe(2026);
	});
});

describe('support pipeline view', async () => {
	const { pipelineView } = await import('./support-pipeline-view.js');
	const referral = { organization_id: 'o1', organization_name: 'Mairie', total: 4, answered: 3, on_time: 3 };

	it('says why counts are withheld, and writes them « < 3 », for a role that sees counts only', () => {
		const view = pipelineView(pipeline({ referrals: [{ ...referral, overdue: null }], referrals_overdue: null }));
		expect(view.withheldNote).toMatch(/« < 3 »/);
		expect(view.chart.rows[0]).toEqual(['Nouvelle', '< 3']);
		expect(view.chart.bars[0].value).toBe(0);
		const partners = view.tables.find((t) => t.id === 'pipeline-referrals')!;
		expect(partners.rows).toEqual([{ key: 'o1', late: true, cells: ['Mairie', '4', '3', '3', '100\u00a0%', '< 3'] }]);
		expect(view.figures.find((f) => f.key === 'referrals_overdue')).toMatchObject({ value: '< 3', alert: true });
		expect(view.overdueAlert?.text).toContain('< 3');
	});

	it('gives the coordination no note, and no alert when nothing is overdue', () => {
		const view = pipelineView(pipeline({ exact: true, referrals: [{ ...referral, overdue: 0 }] }));
		expect(view.withheldNote).toBeNull();
		expect(view.overdueAlert).toBeNull();
		expect(view.tables.find((t) => t.id === 'pipeline-referrals')!.rows[0].late).toBe(false);
		expect(view.figures.find((f) => f.key === 'median_days')!.value).toBe('70 jours');
	});

	it('leaves the referral figures out for an elected official, and explains a withheld median', () => {
		const view = pipelineView(pipeline({ role: 'elected_official', referrals: null, median_days: null }));
		expect(view.tables.map((t) => t.id)).toEqual(['pipeline-needs', 'pipeline-professions', 'pipeline-installations']);
		expect(view.figures.map((f) => f.key)).not.toContain('referrals_overdue');
		expect(view.figures.find((f) => f.key === 'median_days')).toMatchObject({
			value: '—',
			detail: 'non affiché : moins de 3 installations'
		});
		expect(view.overdueAlert).toBeNull();
	});
});
