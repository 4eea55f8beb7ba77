/**
 * What an import will change, computed from the checked payload the same way public.import_charter_plan
 * matches rows (./existing.ts): for each sheet, the rows that are new and those that update the charter, and
 * for each action, what changes. The preview shows these figures before anything is written.
 */
import { key } from './keys.js';
import type { Validation } from './checks.js';
import { fundingKey, indicatorKey, type ExistingAction } from './existing.js';
import type { PlanPayload } from './payload.js';

export type ActionField = 'title' | 'objective' | 'lead' | 'status' | 'progress' | 'health' | 'dates' | 'description';

/** An action of the file, as the preview lists it. */
export interface ActionChange {
	code: string;
	title: string;
	lead: string;
	change: 'new' | 'updated' | 'same';
	fields: ActionField[];
}

/** The partners of the file whose representatives the import invites. */
export interface PartnerInvites {
	partner: string;
	emails: string[];
}

export interface PlanChanges {
	created: Record<string, number>;
	updated: Record<string, number>;
	actions: ActionChange[];
	invitations: PartnerInvites[];
}

/** The organization id a name stands for in this import (`new:…` for one the import creates). */
const orgOf = (v: Validation, name: string) => v.known.get(key(name)) ?? `new:${key(name)}`;

/** What the import changes in an existing action: SQL keeps the state when a cell is empty, not the dates. */
function actionFields(v: Validation, row: PlanPayload['actions'][number], old: ExistingAction): ActionField[] {
	const fields: ActionField[] = [];
	if (row.title.trim() !== old.title) fields.push('title');
	if (row.objective.trim() !== old.objective) fields.push('objective');
	if (orgOf(v, row.lead) !== old.lead) fields.push('lead');
	if ((row.description ?? '').trim() !== (old.description ?? '')) fields.push('description');
	if (row.status !== null && row.status !== old.status) fields.push('status');
	if (row.progress !== null && row.progress !== old.progress) fields.push('progress');
	if (row.health !== null && row.health !== old.health) fields.push('health');
	if (row.starts_on !== old.starts_on || row.due_on !== old.due_on) fields.push('dates');
	return fields;
}

export function planChanges(payload: PlanPayload, v: Validation): PlanChanges {
	const { existing } = v.context;
	const created: Record<string, number> = {};
	const updated: Record<string, number> = {};
	const count = (sheet: string, isNew: boolean) => {
		const into = isNew ? created : updated;
		into[sheet] = (into[sheet] ?? 0) + 1;
	};
	for (const p of payload.partners) count('partenaires', !existing.partners.has(orgOf(v, p.name)));
	for (const o of payload.objectives) count('objectifs', !v.context.objectiveCodes.has(o.code));
	const actions: ActionChange[] = payload.actions.map((a) => {
		const old = existing.actions.get(a.code);
		const fields = old ? actionFields(v, a, old) : [];
		count('actions', !old);
		return {
			code: a.code,
			title: a.title,
			lead: a.lead,
			change: !old ? 'new' : fields.length ? 'updated' : 'same',
			fields
		};
	});
	for (const i of payload.indicators)
		count('indicateurs', !existing.indicators.has(indicatorKey(i.name, i.objective, i.action)));
	for (const f of payload.fundings)
		count('financements', !existing.fundings.has(fundingKey(orgOf(v, f.funder), f.action, f.source, f.year)));
	const invitations = payload.partners
		.filter((p) => p.emails.length > 0)
		.map((p) => ({ partner: p.name, emails: p.emails }));
	return { created, updated, actions, invitations };
}
