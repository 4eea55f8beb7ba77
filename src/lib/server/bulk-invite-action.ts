/**
 * The members page's bulk invitation: reads the list (./bulk-invite.ts, pure), refuses it whole with every
 * line's problem next to the field, else invites each address through the one invitation machinery
 * (./invitations.ts) and reports how many went, with each refusal (already a member, already invited) next to
 * the field, where the addresses not invited stay.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, type SuperValidated } from 'sveltekit-superforms';
import { m } from '#lib/paraglide/messages.js';
import type { z } from 'zod';
import type { bulkInvitationSchema } from '#lib/schemas/bulk-invite.js';
import { parseBulkInvites } from './bulk-invite.js';
import { loadCharter } from './charter-access.js';
import { createInvitation } from './invitations.js';

type Data = z.infer<typeof bulkInvitationSchema>;

export async function inviteMany(
	d: Data,
	{ form, event }: { form: SuperValidated<Data, App.Superforms.Message>; event: RequestEvent }
) {
	const { locals, params, url } = event;
	const charterId = (await loadCharter(locals, params.slug!)).charter.id;
	const { data: rows } = await locals.supabase
		.from('charter_partners')
		.select('organization:organizations(id, name, short_name)')
		.eq('charter_id', charterId);
	const partners = (rows ?? []).flatMap((r) => (r.organization ? [r.organization] : []));
	const parsed = parseBulkInvites(d.emails, {
		needsOrganization: d.role === 'partner_rep',
		defaultOrganizationId: d.organizationId || null,
		partners
	});
	if (parsed.errors.length) {
		form.errors.emails = [...parsed.errors, m.invite_bulk_fix()];
		return fail(400, { form });
	}
	const ctx = { supabase: locals.supabase, origin: url.origin, userId: locals.user!.id };
	const refused: string[] = [];
	const kept: string[] = [];
	for (const invite of parsed.invites) {
		const result = await createInvitation(ctx, {
			charterId,
			email: invite.email,
			role: d.role,
			organizationId: invite.organizationId
		});
		if (result.ok) continue;
		refused.push(`${invite.email} : ${result.message}`);
		kept.push(invite.email);
	}
	const sent = parsed.invites.length - refused.length;
	form.data = { ...d, emails: kept.join('\n') };
	if (refused.length) form.errors.emails = refused;
	const text = m.invite_bulk_result({ sent: String(sent), total: String(parsed.invites.length) });
	return message(form, { kind: sent > 0 ? 'success' : 'error', text }, sent > 0 ? undefined : { status: 409 });
}
