import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Enums } from '#lib/database.types.js';
import { m } from '#lib/paraglide/messages.js';
import { preferencesSchema } from '#lib/schemas/internship.js';
import { loadMemberships, type Membership } from '#lib/server/memberships.js';
import type { Actions, PageServerLoad } from './$types';

type Topic = Enums<'notification_topic'>;

/** The kinds of e-mail a person can receive, from their roles in their charters. */
function topicsFor(memberships: Membership[]): Topic[] {
	const roles = new Set(memberships.map((x) => x.role));
	const topics: Topic[] = [];
	if (roles.has('elected_official')) topics.push('internship_events', 'internship_reminder', 'digest_official');
	if (roles.has('steering')) topics.push('digest_steering');
	if (roles.has('partner_rep')) topics.push('digest_partner', 'support_referrals', 'update_campaigns');
	if (memberships.length > 0) topics.push('meetings');
	if (roles.has('coordinator')) topics.push('support_requests', 'aid_commitments');
	return topics;
}

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { memberships } = await parent();
	const { data: rows } = await locals.supabase
		.from('notification_preferences')
		.select('topic, enabled')
		.eq('user_id', locals.user!.id);
	const off = new Set((rows ?? []).filter((r) => !r.enabled).map((r) => r.topic));
	const topics = topicsFor(memberships);
	const values = { topics: topics.join(','), ...Object.fromEntries(topics.map((t) => [t, off.has(t) ? '' : 'on'])) };
	return {
		topics,
		form: await superValidate(values, zod4(preferencesSchema), { errors: false })
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await superValidate(request, zod4(preferencesSchema));
		const topics = topicsFor(await loadMemberships(locals.supabase, locals.user!.id));
		// Only the form as the page showed it: its list of kinds, and boxes that are checked ("on") or absent.
		if (!form.valid || form.data.topics !== topics.join(','))
			return message(form, { kind: 'error', text: m.interns_preferences_stale() }, { status: 400 });
		if (topics.length === 0)
			return message(form, { kind: 'error', text: m.interns_preferences_none() }, { status: 400 });
		const { error } = await locals.supabase.from('notification_preferences').upsert(
			topics.map((topic) => ({ user_id: locals.user!.id, topic, enabled: form.data[topic] === 'on' })),
			{ onConflict: 'user_id,topic' }
		);
		if (error) return message(form, { kind: 'error', text: m.interns_save_failed() }, { status: 503 });
		return message(form, { kind: 'success', text: m.interns_preferences_saved() });
	}
};
