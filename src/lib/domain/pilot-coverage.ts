/**
 * Which lead organizations (pilotes) have nobody to update their actions: no member of the charter represents
 * them as a partner representative. Only those people (and the coordination) can record the state of an
 * action; a pilot without one leaves its actions without news. Pure, tested in pilot-coverage.spec.ts.
 */
export interface PilotAction {
	code: string;
	lead_organization_id: string;
	lead: { name: string } | null;
}

export interface UncoveredPilot {
	id: string;
	name: string;
	/** The codes of its open actions, in plan order. */
	actionCodes: string[];
	/** Invitations sent to its representatives and not yet accepted. */
	pendingInvitations: number;
}

export function uncoveredPilots(
	openActions: PilotAction[],
	representedOrganizationIds: (string | null)[],
	pendingInvitationOrganizationIds: (string | null)[] = []
): UncoveredPilot[] {
	const represented = new Set(representedOrganizationIds.filter(Boolean));
	const byOrg = new Map<string, UncoveredPilot>();
	for (const a of openActions) {
		if (represented.has(a.lead_organization_id)) continue;
		const entry = byOrg.get(a.lead_organization_id) ?? {
			id: a.lead_organization_id,
			name: a.lead?.name ?? '—',
			actionCodes: [],
			pendingInvitations: pendingInvitationOrganizationIds.filter((id) => id === a.lead_organization_id).length
		};
		entry.actionCodes.push(a.code);
		byOrg.set(a.lead_organization_id, entry);
	}
	return [...byOrg.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** How many partner representatives each organization has in the charter. */
export function representativeCounts(representedOrganizationIds: (string | null)[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const id of representedOrganizationIds) if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
	return counts;
}
