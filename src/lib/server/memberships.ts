import { error } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import { m } from '#lib/paraglide/messages.js';
import type { Database, Enums } from '#lib/database.types.js';
import { orgName } from '#lib/domain/organizations.js';

export interface Membership {
	charterId: string;
	slug: string;
	title: string;
	shortTitle: string | null;
	role: Enums<'member_role'>;
	organizationId: string | null;
	organizationName: string | null;
}

/** The signed-in user's memberships, one query (RLS shows only their own rows joined to their charters). */
export async function loadMemberships(supabase: SupabaseClient<Database>, userId: string): Promise<Membership[]> {
	const { data, error: err } = await supabase
		.from('charter_members')
		.select('role, organization_id, charters!inner(id, slug, title, short_title), organizations(name, short_name)')
		.eq('user_id', userId)
		.order('created_at');
	if (err) error(503, m.error_charters_unavailable());
	return (data ?? []).map((row) => ({
		charterId: row.charters.id,
		slug: row.charters.slug,
		title: row.charters.title,
		shortTitle: row.charters.short_title,
		role: row.role,
		organizationId: row.organization_id,
		organizationName: orgName(row.organizations)
	}));
}

/** Where a user lands after signing in (docs/ux.md): their role decides. */
export function homePath(memberships: Membership[]): string {
	if (memberships.some((ms) => ms.role === 'partner_rep')) return '/mes-actions';
	if (memberships.length > 0 && memberships.every((ms) => ms.role === 'elected_official')) return '/ma-commune';
	if (memberships.length === 1) {
		const [only] = memberships;
		// A steering member lands on the dashboard of their charter; a coordinator on its plan.
		if (only.role === 'steering') return `/chartes/${only.slug}/tableau-de-bord`;
		if (only.role === 'coordinator') return `/chartes/${only.slug}`;
	}
	return '/chartes';
}
