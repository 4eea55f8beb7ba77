/**
 * One validator per sheet of the template, pure: each reads its parsed rows, reports its problems through the
 * shared validation (./checks.ts) and returns its part of the payload. They run in the order validatePlan
 * calls them: partners, objectives, actions, indicators, fundings (each sheet may name what the ones before
 * made known).
 */
import { ACTION_CODE, COMMUNE_CODE, OBJECTIVE_CODE, TERRITORY_CODE } from '#lib/domain/patterns.js';
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import type { ParsedRow } from '../spreadsheet/types.js';
import { checkCode, key, list, num, str, type Validation } from './checks.js';
import type { PlanPayload } from './payload.js';

/** An address the invitations accept: what the members page's form accepts (zod's e-mail check), 254 at most. */
export const isEmail = (value: string) => value.length <= 254 && z.email().safeParse(value).success;

/** An organization named in a sheet must be a partner of the charter or listed in the partenaires sheet. */
function checkOrganization(v: Validation, sheet: string, row: number, k: string, name: string): void {
	if (!v.known.has(key(name))) v.error(sheet, row, k, m.admin_plan_unknown_partner({ name }));
}

function checkTitle(v: Validation, sheet: string, row: number, title: string | null): void {
	if (title && title.length < 2) v.error(sheet, row, 'title', m.admin_error_too_short({ min: 2 }));
}

/** partenaires: found in the directory by name or short name, or new (then its type is needed). */
export function validatePartners(rows: ParsedRow[], v: Validation): PlanPayload['partners'] {
	const { context } = v;
	const partners: PlanPayload['partners'] = [];
	const seen = new Map<string, number>();
	for (const r of rows) {
		const name = str(r.values.name);
		if (!name) continue;
		const k = key(name);
		if (seen.has(k)) {
			v.error('partenaires', r.row, 'name', m.admin_plan_duplicate_partner({ name, row: seen.get(k)! }));
			continue;
		}
		seen.set(k, r.row);
		const shortName = str(r.values.short_name);
		const territory = str(r.values.territory_code)?.toUpperCase() ?? null;
		if (territory && !TERRITORY_CODE.test(territory))
			v.error('partenaires', r.row, 'territory_code', m.admin_error_territory_code());
		let id = context.byName.get(k);
		if (!id) {
			const byShort = context.byShortName.get(k) ?? [];
			if (byShort.length > 1) v.error('partenaires', r.row, 'name', m.admin_plan_ambiguous_partner({ name }));
			id = byShort[0];
		}
		if (!id && !str(r.values.kind)) v.error('partenaires', r.row, 'kind', m.admin_plan_new_partner_kind({ name }));
		v.known.set(k, id ?? `new:${k}`);
		if (shortName) v.known.set(key(shortName), id ?? `new:${k}`);
		// The other sheets may name it by its directory name or short name as well.
		const directory = id ? context.byId.get(id) : undefined;
		if (directory && id) {
			v.known.set(key(directory.name), id);
			if (directory.short_name) v.known.set(key(directory.short_name), id);
		}
		const emails = [...new Set(list(r.values.emails).map((e) => e.toLowerCase()))];
		for (const email of emails)
			if (!isEmail(email)) v.error('partenaires', r.row, 'emails', m.import_bad_email({ value: email }));
		partners.push({
			name,
			short_name: shortName,
			kind: str(r.values.kind),
			territory_code: territory,
			roles: list(r.values.roles),
			emails
		});
	}
	return partners;
}

/** objectifs: matched by code; `created` counts the codes the charter does not have yet. */
export function validateObjectives(rows: ParsedRow[], v: Validation) {
	const objectives: PlanPayload['objectives'] = [];
	const seen = new Map<string, number>();
	const format = { pattern: OBJECTIVE_CODE, message: m.admin_error_objective_code() };
	let created = 0;
	for (const r of rows) {
		const code = str(r.values.code);
		if (!code) continue;
		if (!checkCode(v, 'objectifs', r.row, code, format, seen, (row) => m.admin_plan_duplicate_code({ code, row })))
			continue;
		if (!v.context.objectiveCodes.has(code)) created++;
		v.objectiveCodes.add(code);
		const title = str(r.values.title);
		checkTitle(v, 'objectifs', r.row, title);
		objectives.push({ code, title: title ?? '', description: str(r.values.description) });
	}
	return { rows: objectives, created };
}

/** actions: matched by code, tied to an objective, organizations and communes that exist, coherent state. */
export function validateActions(rows: ParsedRow[], v: Validation) {
	const actions: PlanPayload['actions'] = [];
	const seen = new Map<string, number>();
	const format = { pattern: ACTION_CODE, message: m.admin_error_action_code() };
	let created = 0;
	const communeCells: { row: number; codes: string[] }[] = [];
	for (const r of rows) {
		const code = str(r.values.code);
		if (!code) continue;
		if (!checkCode(v, 'actions', r.row, code, format, seen, (row) => m.admin_plan_duplicate_code({ code, row })))
			continue;
		if (!v.context.actionCodes.has(code)) created++;
		v.actionCodes.add(code);
		const objective = str(r.values.objective);
		if (objective && !v.objectiveCodes.has(objective))
			v.error('actions', r.row, 'objective', m.admin_plan_unknown_objective({ code: objective }));
		const lead = str(r.values.lead);
		if (lead) checkOrganization(v, 'actions', r.row, 'lead', lead);
		for (const name of list(r.values.contributors)) checkOrganization(v, 'actions', r.row, 'contributors', name);
		for (const name of list(r.values.funders)) checkOrganization(v, 'actions', r.row, 'funders', name);
		const communes = list(r.values.communes).map((c) => c.toUpperCase());
		const malformed = communes.filter((c) => !COMMUNE_CODE.test(c));
		if (malformed.length)
			v.error('actions', r.row, 'communes', m.admin_plan_bad_communes({ codes: malformed.join(', ') }));
		else communeCells.push({ row: r.row, codes: communes });
		const status = str(r.values.status);
		const progress = num(r.values.progress);
		if (status === 'done' && progress !== null && progress !== 100)
			v.error('actions', r.row, 'progress', m.admin_plan_done_needs_100());
		const startsOn = str(r.values.starts_on);
		const dueOn = str(r.values.due_on);
		if (startsOn && dueOn && dueOn < startsOn) v.error('actions', r.row, 'due_on', m.admin_plan_due_before_start());
		const title = str(r.values.title);
		checkTitle(v, 'actions', r.row, title);
		actions.push({
			code,
			objective: objective ?? '',
			title: title ?? '',
			description: str(r.values.description),
			lead: lead ?? '',
			contributors: list(r.values.contributors),
			funders: list(r.values.funders),
			communes,
			starts_on: startsOn,
			due_on: dueOn,
			recurrence: str(r.values.recurrence),
			recurring_since: num(r.values.recurring_since),
			// A "done" action without a progress is complete.
			status,
			progress: status === 'done' && progress === null ? 100 : progress,
			health: str(r.values.health)
		});
	}
	// Well-formed codes that are no commune of France (the context holds those that are).
	for (const cell of communeCells) {
		const missing = cell.codes.filter((c) => !v.context.communes.has(c));
		if (missing.length)
			v.error('actions', cell.row, 'communes', m.admin_plan_unknown_communes({ codes: missing.join(', ') }));
	}
	return { rows: actions, created };
}

/** indicateurs: matched by name and attachment; the objective or action they measure must exist. */
export function validateIndicators(rows: ParsedRow[], v: Validation): PlanPayload['indicators'] {
	const indicators: PlanPayload['indicators'] = [];
	const seen = new Map<string, number>();
	for (const r of rows) {
		const name = str(r.values.name);
		if (!name) continue;
		const objective = str(r.values.objective);
		const action = str(r.values.action);
		if (objective && !v.objectiveCodes.has(objective))
			v.error('indicateurs', r.row, 'objective', m.admin_plan_unknown_objective({ code: objective }));
		if (action && !v.actionCodes.has(action))
			v.error('indicateurs', r.row, 'action', m.admin_plan_unknown_action({ code: action }));
		const k = `${key(name)}|${objective ?? ''}|${action ?? ''}`;
		if (seen.has(k))
			v.error('indicateurs', r.row, 'name', m.admin_plan_duplicate_indicator({ name, row: seen.get(k)! }));
		seen.set(k, r.row);
		indicators.push({
			name,
			objective,
			action,
			unit: str(r.values.unit),
			baseline: num(r.values.baseline),
			target: num(r.values.target),
			target_on: str(r.values.target_on),
			direction: str(r.values.direction),
			note: str(r.values.note)
		});
	}
	return indicators;
}

/** financements: matched by funder, action, source and year; the funder and the action must exist. */
export function validateFundings(rows: ParsedRow[], v: Validation): PlanPayload['fundings'] {
	const fundings: PlanPayload['fundings'] = [];
	const seen = new Map<string, number>();
	for (const r of rows) {
		const funder = str(r.values.funder);
		const source = str(r.values.source);
		if (!funder || !source) continue;
		checkOrganization(v, 'financements', r.row, 'funder', funder);
		const action = str(r.values.action);
		if (action && !v.actionCodes.has(action))
			v.error('financements', r.row, 'action', m.admin_plan_unknown_action({ code: action }));
		const year = num(r.values.year);
		const k = `${key(funder)}|${action ?? ''}|${key(source)}|${year ?? ''}`;
		if (seen.has(k)) v.error('financements', r.row, 'source', m.admin_plan_duplicate_funding({ row: seen.get(k)! }));
		seen.set(k, r.row);
		fundings.push({
			funder,
			action,
			source,
			year,
			planned: num(r.values.planned),
			committed: num(r.values.committed),
			paid: num(r.values.paid),
			note: str(r.values.note)
		});
	}
	return fundings;
}
