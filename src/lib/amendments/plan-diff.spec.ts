import { afterEach, describe, expect, it } from 'vitest';
import { baseLocale, overwriteGetLocale } from '#lib/paraglide/runtime.js';
import {
	EMPTY_PLAN,
	changeCount,
	diffPlans,
	parsePlan,
	shortTitle,
	summarizeDiff,
	type CharterPlan,
	type PlanAction
} from './plan-diff.ts';
import { actionChangeRows, objectiveChangeRows } from './plan-diff-view.ts';

afterEach(() => overwriteGetLocale(() => baseLocale));

const ARS = { id: 'org-ars', name: 'ARS Nouvelle-Aquitaine' };
const CD = { id: 'org-cd', name: 'Conseil départemental' };
const URPS = { id: 'org-urps', name: 'URPS Médecins' };

function action(id: string, code: string, title: string, extra: Partial<PlanAction> = {}): PlanAction {
	return {
		id,
		code,
		title,
		objective_id: 'o1',
		objective_code: '1',
		lead_organization_id: ARS.id,
		lead_name: ARS.name,
		status: 'planned',
		starts_on: '2026-01-01',
		due_on: '2026-12-31',
		contributors: [],
		funders: [],
		...extra
	};
}

const before: CharterPlan = {
	objectives: [
		{ id: 'o1', code: '1', title: 'Attirer les internes', position: 1 },
		{ id: 'o2', code: '2', title: 'Accompagner les installations', position: 2 }
	],
	actions: [
		action('a11', '1.1', 'Journée d’accueil des internes'),
		action('a12', '1.2', 'Logement des internes', { contributors: [CD] }),
		action('a21', '2.1', 'Guichet unique', { objective_id: 'o2', objective_code: '2' })
	]
};

describe('the difference of two plans', () => {
	it('finds nothing between a plan and itself, whatever the order of its lists', () => {
		const shuffled = { objectives: [...before.objectives].reverse(), actions: [...before.actions].reverse() };
		const diff = diffPlans(before, shuffled);
		expect(changeCount(diff)).toBe(0);
		expect(summarizeDiff(diff)).toBe('Aucun changement du plan.');
	});

	it('lists the actions added, in the plan’s order (2.10 after 2.9)', () => {
		const after = {
			...before,
			actions: [
				...before.actions,
				action('a210', '2.10', 'Bourse d’études', { objective_id: 'o2' }),
				action('a29', '2.9', 'Accueil des conjoints', { objective_id: 'o2' })
			]
		};
		const diff = diffPlans(before, after);
		expect(diff.actions.added.map((a) => a.code)).toEqual(['2.9', '2.10']);
		expect(diff.actions.removed).toEqual([]);
		expect(diff.actions.changed).toEqual([]);
		expect(changeCount(diff)).toBe(2);
		expect(summarizeDiff(diff)).toBe('2 actions ajoutées : 2.9 Accueil des conjoints, 2.10 Bourse d’études');
	});

	it('lists the actions and objectives removed', () => {
		const after = {
			objectives: [before.objectives[0]],
			actions: before.actions.filter((a) => a.id !== 'a21')
		};
		const diff = diffPlans(before, after);
		expect(diff.actions.removed.map((a) => a.id)).toEqual(['a21']);
		expect(diff.objectives.removed.map((o) => o.id)).toEqual(['o2']);
		expect(summarizeDiff(diff)).toBe(
			'1 objectif retiré : 2 Accompagner les installations ; 1 action retirée : 2.1 Guichet unique'
		);
	});

	it('matches by id: a renumbered and retitled action is one action changed, not removed and added', () => {
		const after = {
			...before,
			actions: before.actions.map((a) =>
				a.id === 'a12' ? { ...a, code: '1.3', title: 'Hébergement des internes' } : a
			)
		};
		const diff = diffPlans(before, after);
		expect(diff.actions.added).toEqual([]);
		expect(diff.actions.removed).toEqual([]);
		expect(diff.actions.changed).toHaveLength(1);
		expect(diff.actions.changed[0].fields).toEqual(['code', 'title']);
		expect(actionChangeRows(diff.actions.changed[0])).toEqual([
			{ field: 'numéro', before: '1.2', after: '1.3' },
			{ field: 'intitulé', before: 'Logement des internes', after: 'Hébergement des internes' }
		]);
	});

	it('names every changed field of an action: lead, status, dates, objective, contributors, funders', () => {
		const after = {
			...before,
			actions: before.actions.map((a) =>
				a.id === 'a12'
					? {
							...a,
							lead_organization_id: URPS.id,
							lead_name: URPS.name,
							status: 'in_progress',
							starts_on: null,
							due_on: '2027-06-30',
							objective_id: 'o2',
							objective_code: '2',
							contributors: [],
							funders: [ARS, CD]
						}
					: a
			)
		};
		const [change] = diffPlans(before, after).actions.changed;
		expect(change.fields).toEqual(['objective', 'lead', 'status', 'starts_on', 'due_on', 'contributors', 'funders']);
		expect(actionChangeRows(change)).toEqual([
			{ field: 'objectif', before: 'Objectif 1', after: 'Objectif 2' },
			{ field: 'pilote', before: ARS.name, after: URPS.name },
			{ field: 'statut', before: 'À venir', after: 'En cours' },
			{ field: 'début', before: '01/01/2026', after: 'aucun' },
			{ field: 'échéance', before: '31/12/2026', after: '30/06/2027' },
			{ field: 'contributeurs', before: CD.name, after: 'aucun' },
			{ field: 'financeurs', before: 'aucun', after: `${ARS.name}, ${CD.name}` }
		]);
		expect(summarizeDiff(diffPlans(before, after))).toBe(
			'1 action modifiée : 1.2 (objectif, pilote, statut, début, échéance, contributeurs, financeurs)'
		);
	});

	it('does not count the order of contributors, nor a name changed in the directory, as a change', () => {
		const withTwo = {
			...before,
			actions: before.actions.map((a) => (a.id === 'a11' ? { ...a, contributors: [CD, URPS] } : a))
		};
		const reordered = {
			...before,
			actions: before.actions.map((a) =>
				a.id === 'a11' ? { ...a, contributors: [{ ...URPS, name: 'URPS ML' }, CD] } : a
			)
		};
		expect(changeCount(diffPlans(withTwo, reordered))).toBe(0);
	});

	it('does not count a move in the plan (position) as a change of an objective', () => {
		const moved = { ...before, objectives: before.objectives.map((o) => ({ ...o, position: 3 - o.position })) };
		expect(changeCount(diffPlans(before, moved))).toBe(0);
		const retitled = {
			...before,
			objectives: before.objectives.map((o) => (o.id === 'o1' ? { ...o, title: 'Attirer et garder les internes' } : o))
		};
		const [change] = diffPlans(before, retitled).objectives.changed;
		expect(objectiveChangeRows(change)).toEqual([
			{ field: 'intitulé', before: 'Attirer les internes', after: 'Attirer et garder les internes' }
		]);
	});

	it('from an empty plan, everything is added; to an empty plan, everything removed', () => {
		const added = diffPlans(EMPTY_PLAN, before);
		expect(added.objectives.added).toHaveLength(2);
		expect(added.actions.added).toHaveLength(3);
		const removed = diffPlans(before, EMPTY_PLAN);
		expect(removed.objectives.removed).toHaveLength(2);
		expect(removed.actions.removed).toHaveLength(3);
	});

	it('names three items at most in the summary, then how many more', () => {
		const many = Array.from({ length: 5 }, (_, i) => action(`n${i}`, `3.${i + 1}`, `Nouvelle action ${i + 1}`));
		const diff = diffPlans(before, { ...before, actions: [...before.actions, ...many] });
		expect(summarizeDiff(diff)).toBe(
			'5 actions ajoutées : 3.1 Nouvelle action 1, 3.2 Nouvelle action 2, 3.3 Nouvelle action 3 et 2 de plus'
		);
	});

	it('says the summary in English to English users', () => {
		overwriteGetLocale(() => 'en');
		const after = {
			objectives: before.objectives,
			actions: [
				...before.actions.map((a) => (a.id === 'a21' ? { ...a, lead_organization_id: CD.id, lead_name: CD.name } : a)),
				action('a13', '1.3', 'Bourse d’études')
			]
		};
		expect(summarizeDiff(diffPlans(before, after))).toBe(
			'1 action added: 1.3 Bourse d’études; 1 action changed: 2.1 (lead)'
		);
	});
});

describe('short titles of the summary', () => {
	it('keeps a short title whole', () => {
		expect(shortTitle('Bourse d’études')).toBe('Bourse d’études');
	});

	it('cuts a long title between two words and says so', () => {
		const title = 'Promouvoir les modes d’exercice en Haute-Vienne, prioritairement l’exercice coordonné';
		const short = shortTitle(title);
		expect(short.endsWith('…')).toBe(true);
		expect(short.length).toBeLessThanOrEqual(41);
		expect(title.startsWith(short.slice(0, -1))).toBe(true);
		// The cut falls between words, and no comma is left hanging before the ellipsis.
		expect(short).toBe('Promouvoir les modes d’exercice en…');
	});

	it('cuts a title without spaces at the limit', () => {
		expect(shortTitle('x'.repeat(60), 40)).toBe(`${'x'.repeat(40)}…`);
	});
});

describe('reading a snapshot', () => {
	it('reads what public.charter_plan returns, with defaults for what an older snapshot lacks', () => {
		const plan = parsePlan({
			objectives: [{ id: 'o1', code: '1', title: 'Attirer', position: 1 }],
			actions: [
				{
					id: 'a1',
					code: '1.1',
					title: 'Accueil',
					objective_id: 'o1',
					status: 'planned'
				}
			]
		});
		expect(plan?.actions[0]).toMatchObject({ contributors: [], funders: [], due_on: null, lead_name: null });
	});

	it('refuses what is not a plan', () => {
		expect(parsePlan(null)).toBeNull();
		expect(parsePlan({ actions: [{ id: 1 }] })).toBeNull();
		expect(parsePlan({})).toEqual(EMPTY_PLAN);
	});
});
