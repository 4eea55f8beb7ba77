/**
 * The one way to load a charter by its slug: the charter as the signed-in user sees it (RLS; 404 otherwise) and
 * their membership in it. The charter layout passes the memberships it already has; form actions and endpoints
 * (which do not run the layouts) let it load them. RLS stays the boundary: role checks made with the
 * membership only spare users pages whose every button the database would refuse.
 */
import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import type { Tables } from '#lib/database.types.js';
import { loadMemberships, type Membership } from './memberships.js';

export type Charter = Tables<'charters'>;

export interface CharterAccess {
	charter: Charter;
	membership: Membership | null;
}

export async function loadCharter(
	locals: Pick<App.Locals, 'supabase' | 'user'>,
	slug: string,
	memberships?: Membership[] | Promise<Membership[]>
): Promise<CharterAccess> {
	// Neither query needs the other: they run at the same time.
	const [charter, mine] = await Promise.all([
		locals.supabase.from('charters').select('*').eq('slug', slug).maybeSingle(),
		memberships ?? (locals.user ? loadMemberships(locals.supabase, locals.user.id) : [])
	]);
	if (charter.error) error(503, m.error_charter_unavailable());
	if (!charter.data) error(404, m.error_charter_not_found());
	const id = charter.data.id;
	return { charter: charter.data, membership: mine.find((ms) => ms.charterId === id) ?? null };
}
