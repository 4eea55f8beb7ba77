/**
 * Choices the coordinators' forms offer: what an indicator measures (the charter, an objective, an action),
 * the actions a funding may go to, the charter's partner organizations.
 */
import { error } from '@sveltejs/kit';
import { orgName } from '#lib/domain/organizations.js';
import { compareCodes } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';

export interface Option {
	value: string;
	label: string;
}

export async function planOptions(locals: App.Locals, charterId: string) {
	const [objectives, actions, partners] = await Promise.all([
		locals.supabase
			.from('objectives')
			.select('id, code, title')
			.eq('charter_id', charterId)
			.is('archived_at', null)
			.order('position'),
		locals.supabase
			.from('actions')
			.select('id, code, title, objective:objectives(position)')
			.eq('charter_id', charterId)
			.is('archived_at', null)
			.order('position'),
		locals.supabase
			.from('charter_partners')
			.select('organization:organizations(id, name, short_name)')
			.eq('charter_id', charterId)
	]);
	if (objectives.error || actions.error || partners.error) error(503, m.error_plan_unavailable());
	const sortedActions = [...actions.data].sort((a, b) => compareCodes(a.code, b.code));
	const organizations = new Map<string, Option>();
	for (const p of partners.data) {
		if (p.organization)
			organizations.set(p.organization.id, {
				value: p.organization.id,
				label: orgName(p.organization)
			});
	}
	return {
		attachments: [
			{ value: 'charter', label: m.admin_attachment_charter() },
			...objectives.data.map((o) => ({
				value: `objective:${o.id}`,
				label: `${m.plan_objective({ code: o.code })} — ${o.title}`
			})),
			...sortedActions.map((a) => ({
				value: `action:${a.id}`,
				label: `${m.actions_page_kicker({ code: a.code })} — ${a.title}`
			}))
		] as Option[],
		actions: sortedActions.map((a) => ({ value: a.id, label: `${a.code} — ${a.title}` })) as Option[],
		organizations: [...organizations.values()].sort((a, b) => a.label.localeCompare(b.label, 'fr'))
	};
}

/** "objective:<id>" → { objective_id, action_id }. */
export function attachmentColumns(attachment: string): { objective_id: string | null; action_id: string | null } {
	const [kind, id] = attachment.split(':');
	return {
		objective_id: kind === 'objective' ? id : null,
		action_id: kind === 'action' ? id : null
	};
}

export function attachmentOf(row: { objective_id: string | null; action_id: string | null }): string {
	if (row.action_id) return `action:${row.action_id}`;
	if (row.objective_id) return `objective:${row.objective_id}`;
	return 'charter';
}
