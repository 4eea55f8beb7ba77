import { error } from '@sveltejs/kit';
import { todayIso } from '#lib/format.js';
import { orgName } from '#lib/domain/organizations.js';
import { meetingHeading } from '#lib/meetings/meeting-title.js';
import { m } from '#lib/paraglide/messages.js';
import { decisionStatusSchema } from '#lib/schemas/decisions.js';
import { decisionCode, loadRegister, parseRegisterFilters, setDecisionStatus } from '#lib/server/decisions.js';
import { formAction } from '#lib/server/form-action.js';
import { countBy } from '#lib/server/documents/view.js';
import type { Actions, PageServerLoad } from './$types';

// The register: every member reads it (RLS); the owner's representatives mark their decisions done from here.
export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { charter, membership } = await parent();
	if (!membership) error(404, m.decisions_error_not_found());
	const filters = parseRegisterFilters(url.searchParams);
	const [decisions, partners, meetings, documents] = await Promise.all([
		loadRegister(locals.supabase, charter.id, filters, todayIso()),
		locals.supabase
			.from('charter_partners')
			.select('organization:organizations(id, name, short_name)')
			.eq('charter_id', charter.id),
		locals.supabase
			.from('meetings')
			.select('id, kind, starts_at')
			.eq('charter_id', charter.id)
			.neq('status', 'cancelled')
			.order('starts_at', { ascending: false }),
		// How many documents each decision has (the register links to them).
		locals.supabase.from('documents').select('decision_id').eq('charter_id', charter.id).not('decision_id', 'is', null)
	]);
	if (!decisions || partners.error || meetings.error || documents.error) error(503, m.decisions_error_unavailable());
	const owners = new Map<string, string>();
	for (const p of partners.data) if (p.organization) owners.set(p.organization.id, orgName(p.organization));
	return {
		filters,
		decisions,
		owners: [...owners]
			.map(([value, label]) => ({ value, label }))
			.sort((a, b) => a.label.localeCompare(b.label, 'fr')),
		meetings: meetings.data.map((mt) => ({ value: mt.id, label: meetingHeading(mt) })),
		documentCounts: Object.fromEntries(countBy(documents.data, (d) => d.decision_id)),
		coordinator: membership.role === 'coordinator',
		myOrganizationId: membership.role === 'partner_rep' ? membership.organizationId : null
	};
};

export const actions: Actions = {
	etat: formAction(decisionStatusSchema, { id: 'status' }, async (d, { event }) => {
		await decisionCode(event.locals.supabase, d.id);
		return setDecisionStatus(event.locals.supabase, d.id, d.status, d.comment);
	})
};
