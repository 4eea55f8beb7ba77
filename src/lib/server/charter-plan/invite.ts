/**
 * The invitations an import sends: every address of the partners sheet's "E-mails des représentants" column
 * is invited as a representative of its organization, through the members page's machinery (an invitation
 * row written as the coordinator, then its e-mail). Membership stays by consent: nobody becomes a member
 * before accepting. Each refusal (already a member, already invited, e-mail not sent) is reported with why.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { orgName } from '#lib/domain/organizations.js';
import { m } from '#lib/paraglide/messages.js';
import { createInvitation } from '../invitations.js';
import { key } from './keys.js';
import type { PlanPayload } from './payload.js';

export interface InviteOutcome {
	sent: { email: string; organization: string }[];
	refused: { email: string; organization: string; reason: string }[];
}

interface Context {
	supabase: SupabaseClient<Database>;
	origin: string;
	userId: string;
}

type Organization = { id: string; name: string; short_name: string | null };

/** Organizations by key of their name and short name (a name wins over another's short name). */
function indexed(organizations: Organization[]): Map<string, Organization> {
	const byKey = new Map<string, Organization>();
	for (const o of organizations) if (o.short_name && !byKey.has(key(o.short_name))) byKey.set(key(o.short_name), o);
	for (const o of organizations) byKey.set(key(o.name), o);
	return byKey;
}

const find = (byKey: Map<string, Organization>, partner: PlanPayload['partners'][number]) =>
	byKey.get(key(partner.name)) ?? (partner.short_name ? byKey.get(key(partner.short_name)) : undefined);

/** Invites the representatives of each partner of the payload, one address after the other. */
export async function invitePartners(
	ctx: Context,
	charterId: string,
	partners: PlanPayload['partners']
): Promise<InviteOutcome> {
	const outcome: InviteOutcome = { sent: [], refused: [] };
	const wanted = partners.filter((p) => p.emails.length > 0);
	if (wanted.length === 0) return outcome;
	// The import has just created or found each organization: read them back by name and short name (the
	// names as written first, the whole directory only when a name differs in case or spacing: a hosted
	// project answers 1 000 rows at most).
	const written = [...new Set(wanted.flatMap((p) => [p.name.trim(), ...(p.short_name ? [p.short_name.trim()] : [])]))];
	const [byName, byShort] = await Promise.all([
		ctx.supabase.from('organizations').select('id, name, short_name').in('name', written),
		ctx.supabase.from('organizations').select('id, name, short_name').in('short_name', written)
	]);
	let error = byName.error ?? byShort.error;
	const byKey = indexed([...(byShort.data ?? []), ...(byName.data ?? [])]);
	if (!error && wanted.some((p) => !find(byKey, p))) {
		const all = await ctx.supabase.from('organizations').select('id, name, short_name');
		error = all.error;
		for (const [k, o] of indexed(all.data ?? [])) if (!byKey.has(k)) byKey.set(k, o);
	}
	for (const partner of wanted) {
		const organization = find(byKey, partner);
		const label = organization ? orgName(organization) : partner.name;
		for (const email of partner.emails) {
			if (error || !organization) {
				outcome.refused.push({ email, organization: label, reason: m.admin_error_unavailable() });
				continue;
			}
			const result = await createInvitation(ctx, {
				charterId,
				email,
				role: 'partner_rep',
				organizationId: organization.id
			});
			if (result.ok) outcome.sent.push({ email, organization: label });
			else outcome.refused.push({ email, organization: label, reason: result.message });
		}
	}
	return outcome;
}
