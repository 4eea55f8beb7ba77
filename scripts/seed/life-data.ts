/**
 * The charter's life in the demo data, appended by generate.ts: the date each signatory signed (the charter's
 * signature, for the charters whose sources give it), and for the Haute-Vienne plan one signed amendment, « Avenant
 * n° 1 » (12/03/2026), that added action 3.3 and gave the lead of action 2.2 to the Faculté de médecine. Its plan
 * after is the seeded plan as public.charter_plan gives it; its plan before is that plan without action 3.3 and
 * with the URPS leading 2.2, so that the two always agree with the seeded plan.
 */
import type { CharterSeed } from './data.ts';
import type { SqlTools } from './support-sql.ts';

const CHARTER = 'haute-vienne';

export const HV_AMENDMENT = {
	number: 1,
	title: 'Logique d’équipe pluriprofessionnelle et pilotage des maîtres de stage',
	summary:
		'Le comité de pilotage du 12 mars 2026 ajoute au plan une action de formation à l’exercice en équipe pluriprofessionnelle, pilotée par la Faculté de médecine de Limoges, et confie à la Faculté le pilotage du développement des maîtres de stage universitaires, jusque-là mené par l’URPS Médecins libéraux.',
	signedOn: '2026-03-12',
	added: '3.3',
	changedLead: { action: '2.2', before: 'urps-ml-na' },
	by: 'coordination.hv@example.org'
};

const q = (value: string | number | null): string =>
	value === null ? 'null' : typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`;

export function lifeSql(
	{ seedId, orgId }: Pick<SqlTools, 'seedId' | 'orgId'>,
	charters: CharterSeed[],
	userId: (email: string) => string | null
): string {
	const parts = ['-- The charter’s life: signatures and amendments (scripts/seed/life-data.ts)'];
	for (const c of charters.filter((c) => c.signedOn)) {
		parts.push(
			`update public.charter_partners set signed_on = ${q(c.signedOn!)}\nwhere charter_id = ${q(seedId('charter', c.key))} and role = 'signatory';\n`
		);
	}
	const a = HV_AMENDMENT;
	const charterId = q(seedId('charter', CHARTER));
	const lead = q(orgId(a.changedLead.before));
	parts.push(`insert into public.charter_amendments
  (id, charter_id, number, title, summary, signed_on, plan_before, plan_after, created_by, created_at, updated_at)
select ${q(seedId('amendment', `${CHARTER}/${a.number}`))}, ${charterId}, ${a.number}, ${q(a.title)}, ${q(a.summary)}, ${q(a.signedOn)},
  jsonb_set(p.plan, '{actions}', coalesce((
    select jsonb_agg(
      case when x.action ->> 'code' = ${q(a.changedLead.action)}
        then x.action || jsonb_build_object('lead_organization_id', o.id, 'lead_name', o.name)
        else x.action end
      order by x.ord)
    from jsonb_array_elements(p.plan -> 'actions') with ordinality as x(action, ord)
    cross join public.organizations o
    where o.id = ${lead} and x.action ->> 'code' <> ${q(a.added)}
  ), '[]'::jsonb)),
  p.plan, ${q(userId(a.by))}, '${a.signedOn} 18:00:00+01', '${a.signedOn} 18:00:00+01'
from (select public.charter_plan(${charterId}) as plan) p;
`);
	return parts.join('\n');
}
