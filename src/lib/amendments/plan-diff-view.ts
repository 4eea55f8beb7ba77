/**
 * The words of a plan difference on a page: each changed field of an objective or an action as « before →
 * after », with the user's words for a status, a date or a list of organizations.
 */
import { m } from '#lib/paraglide/messages.js';
import { formatDate } from '#lib/format.js';
import { label, statusLabels } from '#lib/labels.js';
import type { Enums } from '#lib/database.types.js';
import {
	fieldName,
	type ActionField,
	type Changed,
	type ObjectiveField,
	type PlanAction,
	type PlanObjective
} from './plan-diff.ts';

export interface FieldRow {
	field: string;
	before: string;
	after: string;
}

const names = (list: { name: string | null }[]) =>
	list.length ? list.map((o) => o.name ?? '—').join(', ') : m.life_value_none();

/** What an action's field holds, in words. */
export function actionFieldValue(action: PlanAction, field: ActionField): string {
	switch (field) {
		case 'code':
			return action.code;
		case 'title':
			return action.title;
		case 'objective':
			return action.objective_code ? m.plan_objective({ code: action.objective_code }) : '—';
		case 'lead':
			return action.lead_name ?? '—';
		case 'status':
			return label(statusLabels, action.status as Enums<'action_status'>, action.status);
		case 'starts_on':
		case 'due_on':
			return formatDate(action[field], m.life_value_none());
		case 'contributors':
			return names(action.contributors);
		case 'funders':
			return names(action.funders);
	}
}

export function objectiveFieldValue(objective: PlanObjective, field: ObjectiveField): string {
	return objective[field];
}

/** The rows of the « before → after » table of a changed action. */
export function actionChangeRows(change: Changed<PlanAction, ActionField>): FieldRow[] {
	return change.fields.map((field) => ({
		field: fieldName(field),
		before: actionFieldValue(change.before, field),
		after: actionFieldValue(change.after, field)
	}));
}

export function objectiveChangeRows(change: Changed<PlanObjective, ObjectiveField>): FieldRow[] {
	return change.fields.map((field) => ({
		field: fieldName(field),
		before: objectiveFieldValue(change.before, field),
		after: objectiveFieldValue(change.after, field)
	}));
}
