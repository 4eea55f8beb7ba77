import { describe, expect, it } from 'vitest';
import { formatEuros } from '#lib/format.js';
import type { DashboardAction, DashboardData } from '../dashboard-data.js';
import type { ActionDetail } from './content.js';
import { renderReport } from './render.js';
import { pdfPages } from '../../../../tests/helpers/pdf-text.ts';

const TODAY = '2026-12-01';
const TITLES = [
	'Mettre en œuvre le Service d’accès aux soins (SAS)',
	'Promouvoir les modes d’exercice en Haute-Vienne, prioritairement l’exercice coordonné',
	'Accompagner de manière personnalisée les projets d’installation des médecins généralistes et spécialistes',
	'Développer l’offre de maîtres de stage universitaires (MSU) dans les zones fragiles du département'
];
const COMMENTS = [
	'Régulation de médecine générale ouverte en semaine ; l’organisation des week-ends reste à trouver.',
	'En attente de la désignation des référents de l’URPS pour poursuivre les réunions dans les communautés de communes du nord et de l’est du département, prévues au premier trimestre.',
	'Permanences communes Ordre–Département tous les mois. '.repeat(12)
];

function action(i: number): DashboardAction {
	const objective = Math.floor(i / 3) + 1;
	return {
		id: `a${i}`,
		objective_id: `o${objective}`,
		objective_code: String(objective),
		objective_title: `Objectif numéro ${objective} du plan, formulé comme dans la charte signée`,
		code: `${objective}.${(i % 3) + 1}`,
		title: `${TITLES[i % 4]} (${i + 1})`,
		lead_organization_id: 'org',
		lead_name: i % 2 ? 'Conseil départemental de la Haute-Vienne' : 'ARS Nouvelle-Aquitaine',
		status: i === 4 ? 'blocked' : i === 7 ? 'done' : 'in_progress',
		progress: i === 7 ? 100 : (i * 7) % 90,
		health: 'on_track',
		starts_on: '2025-01-01',
		due_on: '2027-06-30',
		last_update_at: '2026-11-02T09:00:00Z',
		days_without_update: 29,
		is_open: i !== 7,
		is_overdue: i === 2,
		is_stale: false,
		is_behind: false,
		signal: i === 2 || i === 4 ? 'red' : null
	};
}

function fixture(count: number): { data: DashboardData; details: ActionDetail[] } {
	const actions = Array.from({ length: count }, (_, i) => action(i));
	const data = {
		today: TODAY,
		filters: {},
		summary: {
			actions_total: count,
			planned: 0,
			in_progress: count - 2,
			done: 1,
			blocked: 1,
			abandoned: 0,
			progress: 42.5,
			overdue: 1,
			stale: 0,
			behind: 0,
			weather: 'watch',
			indicators_total: 4,
			indicators_on_track: 2,
			indicators_off_track: 1,
			indicators_no_data: 1,
			budget_planned: 600000,
			budget_committed: 250000,
			budget_paid: null,
			fundings: 3,
			stale_after_days: 60,
			today: TODAY
		},
		objectives: [],
		indicators: Array.from({ length: 4 }, (_, i) => ({
			id: `i${i}`,
			name: `Indicateur ${i + 1} : installations de médecins dans les zones fragiles`,
			unit: 'médecins',
			baseline: 10,
			target: 30,
			target_on: '2027-12-31',
			direction: 'increase',
			note: null,
			objective_id: null,
			objective_code: null,
			action_id: 'a0',
			action_code: '1.1',
			action_title: null,
			value_count: 2,
			latest_value: 12 + i,
			latest_on: '2026-10-01',
			reference_value: 10,
			state: i === 1 ? 'off_track' : 'on_track',
			values: [
				{ on: '2026-01-01', value: 10 },
				{ on: '2026-10-01', value: 12 + i }
			]
		})),
		fundings: [
			{
				grouping_key: 'funder',
				organization_id: 'f1',
				organization_name: 'ARS Nouvelle-Aquitaine',
				source: null,
				planned: 400000,
				committed: 250000,
				paid: null,
				fundings: 2,
				unknown_amounts: 0
			},
			{
				grouping_key: 'funder',
				organization_id: 'f2',
				organization_name: 'Région Nouvelle-Aquitaine',
				source: null,
				planned: 200000,
				committed: null,
				paid: null,
				fundings: 1,
				unknown_amounts: 0
			}
		],
		partners: [],
		alerts: [
			{
				kind: 'blocked',
				action_id: 'a4',
				action_code: '2.2',
				action_title: actions[4].title,
				lead_name: 'ARS',
				objective_code: '2',
				due_on: null,
				last_update_at: null,
				days: 120,
				indicator_id: null,
				indicator_name: null,
				unit: null,
				latest_value: null,
				latest_on: null,
				reference_value: null,
				target: null,
				target_on: null,
				direction: null
			},
			{
				kind: 'overdue',
				action_id: 'a2',
				action_code: '1.3',
				action_title: actions[2].title,
				lead_name: 'Département 87',
				objective_code: '1',
				due_on: '2026-10-01',
				last_update_at: null,
				days: 61,
				indicator_id: null,
				indicator_name: null,
				unit: null,
				latest_value: null,
				latest_on: null,
				reference_value: null,
				target: null,
				target_on: null,
				direction: null
			}
		],
		alertCounts: { blocked: 1, overdue: 1, stale: 0, indicator_off_track: 1 },
		updates: [],
		dueSoon: [],
		dueSoonCount: 0,
		options: { objectives: [], organizations: [], communes: [] },
		trend: Array.from({ length: 24 }, (_, i) => ({
			month: `${2025 + Math.floor((i + 0) / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`,
			progress: i * 1.8
		})),
		actions
	} as unknown as DashboardData;
	const details: ActionDetail[] = actions.map((a, i) => ({
		action_id: a.id,
		contributors: ['Ordre des médecins 87', 'URPS ML Nouvelle-Aquitaine'],
		latest_comment: COMMENTS[i % 3],
		latest_comment_at: '2026-11-02T09:00:00Z',
		latest_comment_author: 'Claire Martin',
		updates_since: i % 2,
		status_before: 'in_progress',
		progress_before: Math.max(0, a.progress - 10)
	}));
	return { data, details };
}

const charter = {
	title: 'Plan d’attractivité médicale de test',
	short_title: 'Plan de test',
	territory_label: 'Haute-Vienne'
};

describe('COPIL report PDF', () => {
	for (const count of [7, 12]) {
		it(`a ${count}-action charter fits on 2 to 4 A4 pages, each with its footer`, async () => {
			const { data, details } = fixture(count);
			const pdf = await renderReport({ charter, data, details, since: '2026-09-02' });
			expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
			expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[0 0 595\.28 841\.89\]/);
			const pages = pdfPages(pdf);
			expect(pages.length).toBeGreaterThanOrEqual(2);
			expect(pages.length).toBeLessThanOrEqual(4);
			pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} / ${pages.length}`));
			const all = pages.join(' ');
			expect(all).toContain(charter.title);
			expect(all).toContain('Ce qui a changé depuis le 02/09/2026');
			expect(all).toContain('Ce que le COPIL doit décider');
			// Every action's code is in the table, and amounts carry the narrow no-break space.
			for (const a of data.actions!) expect(all).toContain(a.code);
			expect(formatEuros(600000)).toBe('600\u202f000\u00a0€');
			expect(all).toContain('600\u202f000\u00a0€');
			// The fonts are DejaVu, embedded (no system font is relied on).
			const raw = pdf.toString('latin1');
			expect(raw).toMatch(/\/BaseFont\s*\/[A-Z]{6}\+DejaVuSansCondensed/);
			expect(raw).toContain('/FontFile2');
			// No instruction for users in the report.
			expect(all).not.toMatch(/imprimez|Enregistrer au format PDF/i);
		});
	}
});

describe('COPIL report PDF after a meeting', () => {
	const sinceMeeting = {
		meeting: 'COPIL du 12/09/2026',
		from: '2026-09-12',
		to: TODAY,
		statusChanges: [{ code: '1.1', title: TITLES[0], from: 'in_progress' as const, to: 'done' as const }],
		progress: [{ code: '1.1', title: TITLES[0], from: 40, to: 100, gained: 60 }],
		overall: { from: 30, to: 42.5, gained: 12.5 },
		newAlerts: [{ kind: 'blocked' as const, code: '2.2', subject: TITLES[1] }],
		resolvedAlerts: [],
		decisionsClosed: [{ code: 'D01', text: 'Recruter un chargé de mission', owner: 'ARS', status: 'done' as const }],
		actionsAdded: [],
		indicators: [],
		unchanged: false
	};
	const register = {
		open: [
			{
				code: 'D02',
				text: 'Ouvrir une antenne au nord du département',
				owner: 'CD 87',
				due_on: '2026-11-01',
				status: 'open' as const,
				status_changed_at: null,
				meeting: 'COPIL du 12/09/2026',
				overdue: true
			}
		],
		done: []
	};

	it('opens on what changed since the last meeting, and has the register of decisions', async () => {
		const { data, details } = fixture(7);
		const pdf = await renderReport({ charter, data, details, since: '2026-09-12', sinceMeeting, register });
		const pages = pdfPages(pdf);
		expect(pages[0]).toContain('Depuis le COPIL du 12/09/2026');
		expect(pages[0].replace(/\s+/g, ' ')).toContain('En cours → Réalisée');
		expect(pages[0]).toContain('+12,5');
		const all = pages.join(' ').replace(/\s+/g, ' ');
		expect(all).toContain('Relevé de décisions');
		expect(all).toContain('Ouvrir une antenne au nord du département');
		expect(all).toContain('en retard');
		if (process.env.REPORT_PDF_OUT) {
			const { writeFile } = await import('node:fs/promises');
			await writeFile(process.env.REPORT_PDF_OUT.replace(/\.pdf$/, '-meeting.pdf'), pdf);
		}
	});
});

if (process.env.REPORT_PDF_OUT) {
	it('writes the 12-action PDF for a look', async () => {
		const { data, details } = fixture(12);
		const { writeFile } = await import('node:fs/promises');
		const pdf = await renderReport({ charter, data, details, since: '2026-09-02' });
		await writeFile(process.env.REPORT_PDF_OUT!, pdf);
		expect(pdf.length).toBeGreaterThan(1000);
	});
}
