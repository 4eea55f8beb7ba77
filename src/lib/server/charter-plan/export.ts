/** The export of a charter's plan to the template's sheets, the same rows an import reads back. */
import { compareCodes } from '#lib/domain/patterns.js';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import type { OutputRow } from '../spreadsheet/write.js';

type Client = SupabaseClient<Database>;

/** The charter's plan as rows of the template's sheets (archived objectives and actions left out). */
export async function exportPlan(supabase: Client, charterId: string): Promise<Record<string, OutputRow[]>> {
	const [objectives, actions, partners, indicators, fundings] = await Promise.all([
		supabase
			.from('objectives')
			.select('id, code, title, description, position')
			.eq('charter_id', charterId)
			.is('archived_at', null),
		supabase
			.from('actions')
			.select(
				`id, code, title, description, starts_on, due_on, recurrence, recurring_since, status, progress, health, position,
				objective:objectives(code, position, archived_at),
				lead:organizations!actions_lead_organization_id_fkey(id, name, short_name, kind, territory_code),
				action_partners(role, organization:organizations(id, name, short_name, kind, territory_code)),
				action_communes(commune_code)`
			)
			.eq('charter_id', charterId)
			.is('archived_at', null),
		supabase
			.from('charter_partners')
			.select('role, organization:organizations(id, name, short_name, kind, territory_code)')
			.eq('charter_id', charterId),
		supabase
			.from('indicators')
			.select(
				'name, unit, baseline, target, target_on, direction, note, position, objective:objectives(code), action:actions(code)'
			)
			.eq('charter_id', charterId),
		supabase
			.from('fundings')
			.select(
				'source, year, planned_amount, committed_amount, paid_amount, note, organization:organizations(id, name, short_name, kind, territory_code), action:actions(code)'
			)
			.eq('charter_id', charterId)
	]);
	const failed = [objectives, actions, partners, indicators, fundings].find((r) => r.error);
	if (failed?.error) throw new Error(`export failed: ${failed.error.message}`);

	type Org = { id: string; name: string; short_name: string | null; kind: string; territory_code: string | null };
	const organizations = new Map<string, { org: Org; roles: string[] }>();
	const touch = (org: Org | null, role?: string) => {
		if (!org) return;
		const entry = organizations.get(org.id) ?? { org, roles: [] };
		if (role && !entry.roles.includes(role)) entry.roles.push(role);
		organizations.set(org.id, entry);
	};
	for (const p of partners.data ?? []) touch(p.organization, p.role);

	const liveActions = (actions.data ?? [])
		.filter((a) => a.objective && !a.objective.archived_at)
		.sort(
			(a, b) =>
				(a.objective?.position ?? 0) - (b.objective?.position ?? 0) ||
				compareCodes(a.objective?.code ?? '', b.objective?.code ?? '') ||
				a.position - b.position ||
				compareCodes(a.code, b.code)
		);
	for (const a of liveActions) {
		touch(a.lead);
		for (const p of a.action_partners) touch(p.organization);
	}
	for (const f of fundings.data ?? []) touch(f.organization);

	const roleOrder = ['signatory', 'lead', 'funder', 'contributor'];
	return {
		objectifs: [...(objectives.data ?? [])]
			.sort((a, b) => a.position - b.position || compareCodes(a.code, b.code))
			.map((o) => ({ code: o.code, title: o.title, description: o.description })),
		actions: liveActions.map((a) => ({
			code: a.code,
			objective: a.objective?.code ?? '',
			title: a.title,
			description: a.description,
			lead: a.lead?.name ?? '',
			contributors: a.action_partners
				.filter((p) => p.role === 'contributor' && p.organization)
				.map((p) => p.organization!.name)
				.sort(),
			funders: a.action_partners
				.filter((p) => p.role === 'funder' && p.organization)
				.map((p) => p.organization!.name)
				.sort(),
			communes: a.action_communes.map((c) => c.commune_code).sort(),
			starts_on: a.starts_on,
			due_on: a.due_on,
			recurrence: a.recurrence,
			recurring_since: a.recurring_since,
			status: a.status,
			progress: a.progress,
			health: a.health
		})),
		partenaires: [...organizations.values()]
			.sort((a, b) => a.org.name.localeCompare(b.org.name, 'fr'))
			.map(({ org, roles }) => ({
				name: org.name,
				short_name: org.short_name,
				kind: org.kind,
				territory_code: org.territory_code,
				roles: roles.sort((a, b) => roleOrder.indexOf(a) - roleOrder.indexOf(b))
			})),
		indicateurs: [...(indicators.data ?? [])]
			.sort((a, b) => a.position - b.position)
			.map((i) => ({
				name: i.name,
				objective: i.objective?.code ?? null,
				action: i.action?.code ?? null,
				unit: i.unit,
				baseline: i.baseline,
				target: i.target,
				target_on: i.target_on,
				direction: i.direction,
				note: i.note
			})),
		financements: [...(fundings.data ?? [])]
			.sort(
				(a, b) =>
					compareCodes(a.action?.code ?? '', b.action?.code ?? '') ||
					(a.organization?.name ?? '').localeCompare(b.organization?.name ?? '', 'fr') ||
					a.source.localeCompare(b.source, 'fr') ||
					(a.year ?? 0) - (b.year ?? 0)
			)
			.map((f) => ({
				funder: f.organization?.name ?? '',
				action: f.action?.code ?? null,
				source: f.source,
				year: f.year,
				planned: f.planned_amount,
				committed: f.committed_amount,
				paid: f.paid_amount,
				note: f.note
			}))
	};
}
