/**
 * The data of pilot coverage for the coordination (partners page, dashboard): open actions and their lead
 * organization, the partner representatives of the charter, the pending invitations of representatives. Read
 * as the signed-in coordinator (RLS: members read members; coordinators read invitations).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { uncoveredPilots, type UncoveredPilot } from '#lib/domain/pilot-coverage.js';

export interface PilotCoverage {
	uncovered: UncoveredPilot[];
	/** The organization of each partner representative (one entry per person). */
	representatives: (string | null)[];
}

export async function loadPilotCoverage(supabase: SupabaseClient<Database>, charterId: string): Promise<PilotCoverage> {
	const [actions, members, invitations] = await Promise.all([
		supabase
			.from('actions')
			.select('code, position, lead_organization_id, lead:organizations!actions_lead_organization_id_fkey(name)')
			.eq('charter_id', charterId)
			.is('archived_at', null)
			.not('status', 'in', '(done,abandoned)')
			.order('position'),
		supabase.from('charter_members').select('organization_id').eq('charter_id', charterId).eq('role', 'partner_rep'),
		supabase
			.from('invitations')
			.select('organization_id')
			.eq('charter_id', charterId)
			.eq('role', 'partner_rep')
			.eq('status', 'pending')
	]);
	const representatives = (members.data ?? []).map((r) => r.organization_id);
	return {
		uncovered: uncoveredPilots(
			actions.data ?? [],
			representatives,
			(invitations.data ?? []).map((r) => r.organization_id)
		),
		representatives
	};
}
