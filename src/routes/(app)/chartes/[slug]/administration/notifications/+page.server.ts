import { error } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { z } from 'zod';
import type { Enums } from '#lib/database.types.js';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { charterContext } from '#lib/server/internships.js';
import { isMailLocale, renderContent } from '#lib/server/notifications/templates.js';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;
const STATUSES = ['sent', 'failed', 'pending', 'cancelled'] as const;
const resendSchema = z.object({ id: z.guid() });

/** The e-mails the charter sent or tried to send, for its coordinators (through RPCs that check the role). */
export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { charter, membership } = await parent();
	if (membership?.role !== 'coordinator') error(404, 'Page introuvable.');
	const statusParam = url.searchParams.get('statut');
	const status = (STATUSES as readonly string[]).includes(statusParam ?? '')
		? (statusParam as Enums<'notification_status'>)
		: null;
	const pageNumber = Math.max(1, Math.min(1000, Number(url.searchParams.get('page')) || 1));
	const [list, counts] = await Promise.all([
		locals.supabase.rpc('charter_notifications', {
			p_charter_id: charter.id,
			...(status ? { p_status: status } : {}),
			p_limit: PAGE_SIZE,
			p_offset: (pageNumber - 1) * PAGE_SIZE
		}),
		locals.supabase.rpc('charter_notification_counts', { p_charter_id: charter.id })
	]);
	if (list.error || counts.error) error(503, 'Les messages envoyés sont momentanément indisponibles.');
	const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<(typeof STATUSES)[number], number>;
	for (const c of counts.data ?? []) byStatus[c.status] = Number(c.messages);
	const total = Number(list.data?.[0]?.total_count ?? 0);
	return {
		// A message the sender has not written yet (pending, or cancelled before it left) is shown from its data,
		// in the coordinator's language; the others show what was sent. The data itself stays on the server.
		messages: (list.data ?? []).map(({ payload, ...n }) => {
			const locale = getLocale();
			const content = n.subject ? null : renderContent(n.kind, payload, isMailLocale(locale) ? locale : 'fr');
			return content ? { ...n, subject: content.subject, body_text: content.body } : n;
		}),
		status,
		counts: byStatus,
		page: pageNumber,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		total
	};
};

export const actions: Actions = {
	renvoyer: async ({ request, locals, params }) => {
		const { membership } = await charterContext(locals, params.slug);
		if (membership?.role !== 'coordinator') error(404, 'Page introuvable.');
		const form = await superValidate(request, zod4(resendSchema), { id: 'resend' });
		if (!form.valid)
			return message(form, { kind: 'error', text: m.interns_notifications_not_found() }, { status: 400 });
		const { error: err } = await locals.supabase.rpc('resend_notification', { p_notification_id: form.data.id });
		if (err) {
			const status = err.code === 'PT404' ? 404 : err.code === 'PT409' ? 409 : 503;
			return message(form, { kind: 'error', text: status === 503 ? m.interns_save_failed() : err.message }, { status });
		}
		return message(form, { kind: 'success', text: m.interns_notifications_resent() });
	}
};
