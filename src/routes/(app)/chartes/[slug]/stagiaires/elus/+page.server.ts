import { error, fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { parseCommuneCodes } from '#lib/schemas/fields.js';
import { officialInvitationSchema } from '#lib/schemas/internship.js';
import { communeResolutionError, communesByCodes, resolveCommunes } from '#lib/server/communes.js';
import { isCommuneCode, isUuid } from '#lib/domain/patterns.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { formAction, refuse } from '#lib/server/form-action.js';
import { createInvitation } from '#lib/server/invitations.js';
import { failure, field, success } from '#lib/server/row-actions.js';
import type { Actions, PageServerLoad } from './$types';

/**
 * The elected officials who are told about arrivals, for the coordinators: which communes receiving interns
 * have an official (and which have none), the officials and their communes, and registering an official with
 * their communes through the invitations module (role elected_official + commune codes).
 */
export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { charter, membership } = await parent();
	if (membership?.role !== 'coordinator') error(404, m.error_page_not_found());
	const [coverage, officials, communes, invitations] = await Promise.all([
		locals.supabase.rpc('internship_commune_coverage', { p_charter_id: charter.id }),
		locals.supabase
			.from('charter_members')
			.select('user_id, created_at, profile:profiles(display_name, email)')
			.eq('charter_id', charter.id)
			.eq('role', 'elected_official')
			.order('created_at'),
		locals.supabase
			.from('official_communes')
			.select('user_id, commune_code, commune:communes(name)')
			.eq('charter_id', charter.id)
			.order('commune_code'),
		locals.supabase
			.from('invitations')
			.select('id, email, commune_codes, created_at, last_sent_at')
			.eq('charter_id', charter.id)
			.eq('role', 'elected_official')
			.eq('status', 'pending')
			.order('created_at', { ascending: false })
	]);
	if (coverage.error || officials.error || communes.error || invitations.error) {
		error(503, m.error_officials_unavailable());
	}
	const communesOf = new Map<string, { code: string; name: string }[]>();
	for (const c of communes.data) {
		communesOf.set(c.user_id, [
			...(communesOf.get(c.user_id) ?? []),
			{ code: c.commune_code, name: c.commune?.name ?? c.commune_code }
		]);
	}
	// A commune to invite for (link "Inviter l'élu ou l'élue" of a commune without official).
	const prefill = parseCommuneCodes(url.searchParams.get('communes') ?? '').slice(0, 20);
	const { found } = await communesByCodes(locals.supabase, prefill).catch(() => ({ found: [] }));
	return {
		coverage: coverage.data,
		officials: officials.data.map((o) => ({
			userId: o.user_id,
			name: o.profile?.display_name ?? '—',
			email: o.profile?.email ?? '',
			communes: communesOf.get(o.user_id) ?? []
		})),
		invitations: invitations.data,
		prefilled: found.map((c) => ({ code: c.code, name: c.name })),
		form: await superValidate(
			{ email: '', communes: found.map((c) => c.code).join(', ') },
			zod4(officialInvitationSchema),
			{ errors: false, id: 'official' }
		)
	};
};

/** The charter, for its coordinators only (a 404 for the others, as the page). */
async function coordinatorOnly({ locals, params }: { locals: App.Locals; params: { slug: string } }) {
	const { charter, membership } = await loadCharter(locals, params.slug);
	if (membership?.role !== 'coordinator') error(404, m.error_page_not_found());
	return charter;
}

export const actions: Actions = {
	inviter: formAction(
		officialInvitationSchema,
		{ id: 'official', context: coordinatorOnly },
		async (d, { form, context: charter, event: { locals, url } }) => {
			const resolved = await resolveCommunes(locals.supabase, d.communes);
			const problem = communeResolutionError(resolved);
			if (problem) {
				form.errors.communes = [problem];
				return fail(400, { form });
			}
			const found = resolved.found;
			const codes = found.map((c) => c.code);
			const names = found.map((c) => c.name).join(', ');

			// Already an official of the charter: their new communes are added at once, no invitation needed.
			const { data: existing } = await locals.supabase
				.from('charter_members')
				.select('user_id, role, profile:profiles!inner(email)')
				.eq('charter_id', charter.id)
				.eq('profile.email', d.email)
				.maybeSingle();
			if (existing?.role === 'elected_official') {
				const { error: err } = await locals.supabase.from('official_communes').upsert(
					codes.map((code) => ({ charter_id: charter.id, user_id: existing.user_id, commune_code: code })),
					{ onConflict: 'charter_id,user_id,commune_code', ignoreDuplicates: true }
				);
				if (err) refuse(503, m.interns_save_failed());
				const text = m.interns_officials_communes_added({ email: d.email, communes: names });
				form.data = { email: '', communes: '' };
				return text;
			}

			const result = await createInvitation(
				{ supabase: locals.supabase, origin: url.origin, userId: locals.user!.id },
				{ charterId: charter.id, email: d.email, role: 'elected_official', communeCodes: codes }
			);
			if (!result.ok) refuse(result.status, result.message);
			const text = m.interns_officials_invited({ email: d.email, communes: names });
			form.data = { email: '', communes: '' };
			return text;
		}
	),

	retirer: async (event) => {
		const charter = await coordinatorOnly(event);
		const { request, locals } = event;
		const data = await request.formData();
		const userId = field(data, 'userId');
		const code = field(data, 'commune').toUpperCase();
		if (!isUuid(userId) || !isCommuneCode(code)) return failure(400, m.admin_error_choice_required());
		const { data: removed, error: err } = await locals.supabase
			.from('official_communes')
			.delete()
			.eq('charter_id', charter.id)
			.eq('user_id', userId)
			.eq('commune_code', code)
			.select('commune_code');
		if (err) return failure(503, m.interns_save_failed());
		if (!removed.length) return failure(404, m.admin_not_found());
		return success(m.interns_officials_commune_removed());
	}
};
