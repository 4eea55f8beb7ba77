import { error, fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { orgName } from '#lib/domain/organizations.js';
import { m } from '#lib/paraglide/messages.js';
import { invitationSchema, memberSchema } from '#lib/schemas/admin.js';
import { bulkInvitationSchema } from '#lib/schemas/bulk-invite.js';
import { inviteMany } from '#lib/server/bulk-invite-action.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { communeResolutionError, resolveCommunes } from '#lib/server/communes.js';
import { dbErrorMessage, dbErrorStatus } from '#lib/server/db-errors.js';
import { isUuid } from '#lib/domain/patterns.js';
import { formAction, refuse } from '#lib/server/form-action.js';
import { createInvitation, resendInvitation, revokeInvitation } from '#lib/server/invitations.js';
import { askConfirmation, failure, field, isConfirmed, success } from '#lib/server/row-actions.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { charter } = await parent();
	const [members, invitations, partners, communes] = await Promise.all([
		locals.supabase
			.from('charter_members')
			.select(
				'id, user_id, role, organization_id, created_at, profile:profiles(display_name, email), organization:organizations(name, short_name)'
			)
			.eq('charter_id', charter.id)
			.order('created_at'),
		locals.supabase
			.from('invitations')
			.select(
				'id, email, role, status, commune_codes, created_at, last_sent_at, send_count, accepted_at, revoked_at, organization:organizations(name, short_name)'
			)
			.eq('charter_id', charter.id)
			.order('created_at', { ascending: false }),
		locals.supabase
			.from('charter_partners')
			.select('organization:organizations(id, name, short_name)')
			.eq('charter_id', charter.id),
		locals.supabase
			.from('official_communes')
			.select('user_id, commune_code, commune:communes(name)')
			.eq('charter_id', charter.id)
	]);
	if (members.error || invitations.error) error(503, m.error_members_unavailable());

	const organizations = new Map<string, { value: string; label: string }>();
	for (const p of partners.data ?? [])
		if (p.organization)
			organizations.set(p.organization.id, {
				value: p.organization.id,
				label: orgName(p.organization)
			});
	const communesOf = new Map<string, string[]>();
	for (const c of communes.data ?? []) {
		communesOf.set(c.user_id, [...(communesOf.get(c.user_id) ?? []), c.commune?.name ?? c.commune_code]);
	}

	return {
		members: members.data.map((member) => ({ ...member, communes: communesOf.get(member.user_id) ?? [] })),
		invitations: invitations.data,
		organizations: [...organizations.values()].sort((a, b) => a.label.localeCompare(b.label, 'fr')),
		bulkForm: await superValidate({ emails: '', role: 'partner_rep', organizationId: '' }, zod4(bulkInvitationSchema), {
			errors: false,
			id: 'bulk'
		}),
		form: await superValidate(
			{ email: '', role: 'partner_rep', organizationId: '', communes: '' },
			zod4(invitationSchema),
			{
				errors: false,
				id: 'invite'
			}
		)
	};
};

export const actions: Actions = {
	inviter: formAction(invitationSchema, { id: 'invite' }, async (d, { form, event: { locals, params, url } }) => {
		const charterId = (await loadCharter(locals, params.slug)).charter.id;
		let codes: string[] = [];
		if (d.role === 'elected_official') {
			const resolved = await resolveCommunes(locals.supabase, d.communes);
			const problem = communeResolutionError(resolved);
			if (problem) {
				form.errors.communes = [problem];
				return fail(400, { form });
			}
			codes = resolved.found.map((c) => c.code);
		}
		const result = await createInvitation(
			{ supabase: locals.supabase, origin: url.origin, userId: locals.user!.id },
			{ charterId, email: d.email, role: d.role, organizationId: d.organizationId || null, communeCodes: codes }
		);
		if (!result.ok) refuse(result.status, result.message);
		const text = m.admin_invite_sent({ email: d.email });
		form.data = { email: '', role: d.role, organizationId: d.organizationId, communes: '' };
		return text;
	}),

	// Several addresses at once, one role for the batch (src/lib/server/bulk-invite-action.ts).
	inviter_plusieurs: formAction(bulkInvitationSchema, { id: 'bulk' }, inviteMany),

	renvoyer: async ({ request, locals, url }) => {
		const id = field(await request.formData(), 'id');
		if (!isUuid(id)) return failure(400, m.admin_error_choice_required());
		const result = await resendInvitation(
			{ supabase: locals.supabase, origin: url.origin, userId: locals.user!.id },
			id
		);
		if (!result.ok) return failure(result.status, result.message);
		return success(m.admin_invite_resent({ email: result.invitation.email }));
	},

	revoquer: async ({ request, locals }) => {
		const data = await request.formData();
		const id = field(data, 'id');
		if (!isUuid(id)) return failure(400, m.admin_error_choice_required());
		if (!isConfirmed(data)) {
			const { data: invitation } = await locals.supabase.from('invitations').select('email').eq('id', id).maybeSingle();
			if (!invitation) return failure(404, m.admin_not_found());
			return askConfirmation({
				action: '?/revoquer',
				fields: { id },
				title: m.admin_invite_revoke_title({ email: invitation.email }),
				text: m.admin_invite_revoke_text(),
				confirmLabel: m.admin_invite_revoke_confirm(),
				danger: true
			});
		}
		const result = await revokeInvitation(locals.supabase, id);
		if (!result.ok) return failure(result.status, result.message);
		return success(m.admin_invite_revoked());
	},

	membre: async ({ request, locals }) => {
		const data = await request.formData();
		const parsed = memberSchema.safeParse({
			memberId: field(data, 'memberId'),
			role: field(data, 'role'),
			organizationId: field(data, 'organizationId')
		});
		if (!parsed.success) return failure(400, parsed.error.issues[0]?.message ?? m.admin_error_rejected());
		const d = parsed.data;
		// The database refuses a change of one's own row (no self-promotion); the page offers none.
		const { data: updated, error: err } = await locals.supabase
			.from('charter_members')
			.update({ role: d.role, organization_id: d.role === 'partner_rep' ? d.organizationId : d.organizationId || null })
			.eq('id', d.memberId)
			.select('id, profile:profiles(display_name)');
		if (err) return failure(dbErrorStatus(err), dbErrorMessage(err));
		if (!updated.length) return failure(403, m.admin_member_self_refused());
		return success(m.admin_member_saved({ name: updated[0].profile?.display_name ?? '' }));
	},

	retirer: async ({ request, locals }) => {
		const data = await request.formData();
		const id = field(data, 'memberId');
		if (!isUuid(id)) return failure(400, m.admin_error_choice_required());
		const { data: member } = await locals.supabase
			.from('charter_members')
			.select('id, profile:profiles(display_name)')
			.eq('id', id)
			.maybeSingle();
		if (!member) return failure(404, m.admin_not_found());
		const name = member.profile?.display_name ?? '';
		if (!isConfirmed(data)) {
			return askConfirmation({
				action: '?/retirer',
				fields: { memberId: id },
				title: m.admin_member_remove_title({ name }),
				text: m.admin_member_remove_text(),
				confirmLabel: m.admin_member_remove_confirm(),
				danger: true
			});
		}
		const { data: deleted, error: err } = await locals.supabase
			.from('charter_members')
			.delete()
			.eq('id', id)
			.select('id');
		if (err) return failure(dbErrorStatus(err), dbErrorMessage(err));
		if (!deleted.length) return failure(403, m.admin_member_self_refused());
		return success(m.admin_member_removed({ name }));
	}
};
