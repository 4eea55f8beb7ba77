/**
 * What one post of the action page asks to save, decided before anything is written (pure, unit-tested in
 * plan-save.spec.ts): a journal entry, an indicator value, both, or a refusal with the field it belongs to.
 * The database checks the same rules again (private.prepare_action_update).
 */
import type { Enums } from '#lib/database.types.js';
import { m } from '#lib/paraglide/messages.js';

export interface ActionState {
	version: number;
	status: Enums<'action_status'>;
	progress: number;
	health: Enums<'action_health'>;
	lead_organization_id: string;
}

export interface PostedUpdate {
	version: number;
	status: Enums<'action_status'>;
	progress: string;
	health: Enums<'action_health'>;
	comment: string;
	value: number | null;
}

export type SavePlan =
	| { refuse: { field: 'status' | 'comment'; status: 400 | 403; text: string } }
	| { refuse?: undefined; recordUpdate: boolean; saveValue: boolean };

/** Who decides an action's status: the coordination, and the representatives of its lead organization. */
export function canChangeStatus(
	membership: { role: Enums<'member_role'>; organizationId: string | null } | null,
	leadOrganizationId: string
): boolean {
	if (!membership) return false;
	if (membership.role === 'coordinator') return true;
	return membership.role === 'partner_rep' && membership.organizationId === leadOrganizationId;
}

/** Who records progress: the coordination, and the representatives of the lead and partner organizations. */
export function canUpdateAction(
	membership: { role: Enums<'member_role'>; organizationId: string | null } | null,
	leadOrganizationId: string,
	partnerOrganizationIds: (string | null | undefined)[]
): boolean {
	if (canChangeStatus(membership, leadOrganizationId)) return true;
	return (
		membership?.role === 'partner_rep' &&
		!!membership.organizationId &&
		partnerOrganizationIds.includes(membership.organizationId)
	);
}

/**
 * `mayUpdate` false (someone who may not update this action at all): the database refuses, with its own words.
 * `mayChangeStatus`: see canChangeStatus. `lead` names the pilot in the refusal.
 */
export function planSave(
	current: ActionState,
	posted: PostedUpdate,
	rights: { mayUpdate: boolean; mayChangeStatus: boolean },
	lead: string
): SavePlan {
	const saveValue = posted.value !== null;
	// A form loaded before someone else saved goes to the database, which answers with the conflict.
	if (!rights.mayUpdate || posted.version !== current.version) return { recordUpdate: true, saveValue };
	const mayChangeStatus = rights.mayChangeStatus;
	if (posted.status !== current.status && !mayChangeStatus) {
		return { refuse: { field: 'status', status: 403, text: m.action_error_status_lead_only({ lead }) } };
	}
	const changed =
		posted.status !== current.status ||
		Number(posted.progress) !== current.progress ||
		posted.health !== current.health ||
		posted.comment.trim() !== '';
	if (!changed && !saveValue) {
		return { refuse: { field: 'comment', status: 400, text: m.action_error_nothing_changed() } };
	}
	return { recordUpdate: changed, saveValue };
}
