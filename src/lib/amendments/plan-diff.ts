/**
 * What an amendment changed in the plan: the difference between two snapshots of `public.charter_plan` (the
 * plan before the amendment and after it, or the plan of today while the amendment is a draft). Objectives and
 * actions are matched by id, so that a renumbered action is one action changed, not one removed and one added.
 * Pure and shared: the amendment pages show the lists, the list of amendments shows `summarizeDiff`.
 */
import { compareCodes } from '#lib/domain/patterns.js';
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';

const organization = z.object({ id: z.string(), name: z.string().nullable().default(null) });

const objectiveShape = z.object({
	id: z.string(),
	code: z.string(),
	title: z.string(),
	position: z.number().default(0)
});

const actionShape = z.object({
	id: z.string(),
	code: z.string(),
	title: z.string(),
	objective_id: z.string(),
	objective_code: z.string().nullable().default(null),
	lead_organization_id: z.string().nullable().default(null),
	lead_name: z.string().nullable().default(null),
	status: z.string(),
	starts_on: z.string().nullable().default(null),
	due_on: z.string().nullable().default(null),
	contributors: z.array(organization).default([]),
	funders: z.array(organization).default([])
});

const planShape = z.object({
	objectives: z.array(objectiveShape).default([]),
	actions: z.array(actionShape).default([])
});

export type PlanObjective = z.output<typeof objectiveShape>;
export type PlanAction = z.output<typeof actionShape>;
export type CharterPlan = z.output<typeof planShape>;

export const EMPTY_PLAN: CharterPlan = { objectives: [], actions: [] };

/** A snapshot read from the database (json), or null when it is not one. */
export function parsePlan(json: unknown): CharterPlan | null {
	const parsed = planShape.safeParse(json);
	return parsed.success ? parsed.data : null;
}

export const OBJECTIVE_FIELDS = ['code', 'title'] as const;
export const ACTION_FIELDS = [
	'code',
	'title',
	'objective',
	'lead',
	'status',
	'starts_on',
	'due_on',
	'contributors',
	'funders'
] as const;
export type ObjectiveField = (typeof OBJECTIVE_FIELDS)[number];
export type ActionField = (typeof ACTION_FIELDS)[number];

export interface Changed<T, F> {
	before: T;
	after: T;
	/** The fields that differ, in the order of OBJECTIVE_FIELDS / ACTION_FIELDS. */
	fields: F[];
}

export interface PlanDiff {
	objectives: {
		added: PlanObjective[];
		removed: PlanObjective[];
		changed: Changed<PlanObjective, ObjectiveField>[];
	};
	actions: {
		added: PlanAction[];
		removed: PlanAction[];
		changed: Changed<PlanAction, ActionField>[];
	};
}

const ids = (list: { id: string }[]) =>
	list
		.map((o) => o.id)
		.sort()
		.join(',');

/** Whether a field differs between two snapshots of one action. */
function actionFieldDiffers(before: PlanAction, after: PlanAction, field: ActionField): boolean {
	switch (field) {
		case 'objective':
			return before.objective_id !== after.objective_id;
		case 'lead':
			return before.lead_organization_id !== after.lead_organization_id;
		case 'contributors':
			return ids(before.contributors) !== ids(after.contributors);
		case 'funders':
			return ids(before.funders) !== ids(after.funders);
		default:
			return before[field] !== after[field];
	}
}

const byPlanOrder = (a: { code: string }, b: { code: string }) => compareCodes(a.code, b.code);

function compare<T extends { id: string; code: string }, F extends string>(
	before: T[],
	after: T[],
	fields: readonly F[],
	differs: (b: T, a: T, field: F) => boolean
) {
	const old = new Map(before.map((item) => [item.id, item]));
	const now = new Map(after.map((item) => [item.id, item]));
	const changed: Changed<T, F>[] = [];
	for (const item of after) {
		const was = old.get(item.id);
		if (!was) continue;
		const diff = fields.filter((field) => differs(was, item, field));
		if (diff.length) changed.push({ before: was, after: item, fields: diff });
	}
	return {
		added: after.filter((item) => !old.has(item.id)).sort(byPlanOrder),
		removed: before.filter((item) => !now.has(item.id)).sort(byPlanOrder),
		changed: changed.sort((a, b) => byPlanOrder(a.after, b.after))
	};
}

/** What changed from `before` to `after`: objectives and actions added, removed and changed. */
export function diffPlans(before: CharterPlan, after: CharterPlan): PlanDiff {
	return {
		objectives: compare(before.objectives, after.objectives, OBJECTIVE_FIELDS, (b, a, field) => b[field] !== a[field]),
		actions: compare(before.actions, after.actions, ACTION_FIELDS, actionFieldDiffers)
	};
}

/** How many objectives and actions the difference names. */
export function changeCount(diff: PlanDiff): number {
	const { objectives: o, actions: a } = diff;
	return o.added.length + o.removed.length + o.changed.length + a.added.length + a.removed.length + a.changed.length;
}

/** A field's name in a sentence ("pilote", "échéance"…). */
export function fieldName(field: ActionField | ObjectiveField): string {
	const names: Record<ActionField, () => string> = {
		code: m.life_field_code,
		title: m.life_field_title,
		objective: m.life_field_objective,
		lead: m.life_field_lead,
		status: m.life_field_status,
		starts_on: m.life_field_starts_on,
		due_on: m.life_field_due_on,
		contributors: m.life_field_contributors,
		funders: m.life_field_funders
	};
	return names[field]();
}

/** A title made short for a one-line summary: cut between two words, and then said so ("…"). */
export function shortTitle(title: string, max = 40): string {
	const text = title.trim().replace(/\s+/g, ' ');
	if (text.length <= max) return text;
	const cut = text.slice(0, max + 1);
	const space = cut.lastIndexOf(' ');
	const kept = (space > max / 2 ? cut.slice(0, space) : text.slice(0, max)).replace(/[\s,;:.–-]+$/, '');
	return `${kept}…`;
}

/** At most `max` items named, then "et 2 autres". */
function listOf<T>(items: T[], name: (item: T) => string, max = 3): string {
	const named = items.slice(0, max).map(name).join(', ');
	const rest = items.length - max;
	return rest > 0 ? m.life_summary_more({ list: named, count: rest }) : named;
}

const named = (item: { code: string; title: string }) => `${item.code} ${shortTitle(item.title)}`;

/**
 * One line for the list of amendments, e.g. « 2 actions ajoutées : 2.4 Bourse d'études…, 2.5 Accueil des
 * internes ; 1 action modifiée : 1.2 (pilote) ».
 */
export function summarizeDiff(diff: PlanDiff): string {
	const { objectives: o, actions: a } = diff;
	const parts: string[] = [];
	if (o.added.length)
		parts.push(m.life_summary_objectives_added({ count: o.added.length, list: listOf(o.added, named) }));
	if (o.removed.length)
		parts.push(m.life_summary_objectives_removed({ count: o.removed.length, list: listOf(o.removed, named) }));
	if (o.changed.length)
		parts.push(
			m.life_summary_objectives_changed({
				count: o.changed.length,
				list: listOf(o.changed, (c) => `${c.after.code} (${c.fields.map(fieldName).join(', ')})`)
			})
		);
	if (a.added.length) parts.push(m.life_summary_actions_added({ count: a.added.length, list: listOf(a.added, named) }));
	if (a.removed.length)
		parts.push(m.life_summary_actions_removed({ count: a.removed.length, list: listOf(a.removed, named) }));
	if (a.changed.length)
		parts.push(
			m.life_summary_actions_changed({
				count: a.changed.length,
				list: listOf(a.changed, (c) => `${c.after.code} (${c.fields.map(fieldName).join(', ')})`)
			})
		);
	return parts.length ? parts.join(m.life_summary_separator()) : m.life_summary_none();
}
