/**
 * The database reads the validation of a plan needs, all made before it (./validate.ts is pure): the charter's
 * codes and organizations, the directory of organizations, and which of the communes named exist.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { key, type PlanContext } from './checks.js';
import { emptyExisting, fundingKey, indicatorKey, type ExistingPlan } from './existing.js';

type Client = SupabaseClient<Database>;

/** The codes among `codes` that are communes of France, looked up 300 at a time. */
async function existingCommunes(supabase: Client, codes: string[]): Promise<Set<string>> {
	const unique = [...new Set(codes)];
	const found = new Set<string>();
	for (let i = 0; i < unique.length; i += 300) {
		const { data, error } = await supabase
			.from('communes')
			.select('code')
			.in('code', unique.slice(i, i + 300));
		if (error) throw new Error(`commune lookup failed: ${error.message}`);
		for (const c of data ?? []) found.add(c.code);
	}
	return found;
}

/**
 * The context of a validation from what the reads gave: the directory indexed by name and short name, and the
 * organizations tied to the charter (partners, leads, contributors, funders) known to every sheet.
 */
export function planContext(read: {
	objectiveCodes: string[];
	actionCodes: string[];
	organizations: { id: string; name: string; short_name: string | null }[];
	tied: string[];
	communes: Iterable<string>;
	existing?: ExistingPlan;
}): PlanContext {
	const tied = new Set(read.tied);
	const known = new Map<string, string>();
	const byName = new Map<string, string>();
	const byShortName = new Map<string, string[]>();
	for (const o of read.organizations) {
		byName.set(key(o.name), o.id);
		if (o.short_name) byShortName.set(key(o.short_name), [...(byShortName.get(key(o.short_name)) ?? []), o.id]);
		if (tied.has(o.id)) {
			known.set(key(o.name), o.id);
			if (o.short_name && !known.has(key(o.short_name))) known.set(key(o.short_name), o.id);
		}
	}
	return {
		objectiveCodes: new Set(read.objectiveCodes),
		actionCodes: new Set(read.actionCodes),
		known,
		byName,
		byShortName,
		byId: new Map(read.organizations.map((o) => [o.id, o])),
		communes: new Set(read.communes),
		existing: read.existing ?? emptyExisting()
	};
}

export async function readPlanContext(
	supabase: Client,
	charterId: string,
	communeCodes: string[]
): Promise<PlanContext> {
	const [objectives, actions, partners, actionPartners, fundings, indicators, organizations] = await Promise.all([
		supabase.from('objectives').select('id, code').eq('charter_id', charterId),
		supabase
			.from('actions')
			.select(
				'code, title, description, objective_id, lead_organization_id, status, progress, health, starts_on, due_on'
			)
			.eq('charter_id', charterId),
		supabase.from('charter_partners').select('organization_id').eq('charter_id', charterId),
		supabase.from('action_partners').select('organization_id').eq('charter_id', charterId),
		supabase.from('fundings').select('organization_id, source, year, action:actions(code)').eq('charter_id', charterId),
		supabase
			.from('indicators')
			.select('name, objective:objectives(code), action:actions(code)')
			.eq('charter_id', charterId),
		supabase.from('organizations').select('id, name, short_name')
	]);
	const all = [objectives, actions, partners, actionPartners, fundings, indicators, organizations];
	const failed = all.find((r) => r.error);
	if (failed?.error) throw new Error(`plan context unavailable: ${failed.error.message}`);
	const objectiveCode = new Map((objectives.data ?? []).map((o) => [o.id, o.code]));
	const existing: ExistingPlan = {
		partners: new Set((partners.data ?? []).map((p) => p.organization_id)),
		actions: new Map(
			(actions.data ?? []).map((a) => [
				a.code,
				{
					title: a.title,
					description: a.description,
					objective: objectiveCode.get(a.objective_id) ?? null,
					lead: a.lead_organization_id,
					status: a.status,
					progress: a.progress,
					health: a.health,
					starts_on: a.starts_on,
					due_on: a.due_on
				}
			])
		),
		indicators: new Set(
			(indicators.data ?? []).map((i) => indicatorKey(i.name, i.objective?.code ?? null, i.action?.code ?? null))
		),
		fundings: new Set(
			(fundings.data ?? []).map((f) => fundingKey(f.organization_id, f.action?.code ?? null, f.source, f.year))
		)
	};
	return planContext({
		objectiveCodes: (objectives.data ?? []).map((o) => o.code),
		actionCodes: (actions.data ?? []).map((a) => a.code),
		organizations: organizations.data ?? [],
		tied: [
			...(partners.data ?? []).map((p) => p.organization_id),
			...(actions.data ?? []).map((a) => a.lead_organization_id),
			...(actionPartners.data ?? []).map((p) => p.organization_id),
			...(fundings.data ?? []).map((f) => f.organization_id)
		],
		communes: await existingCommunes(supabase, communeCodes),
		existing
	});
}
