import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { publicationSchema } from '#lib/schemas/publication.js';
import { filterQuery, parseFilters } from '#lib/domain/filters.js';
import { loadDashboard, requireMember, setPublication } from '#lib/server/dashboard-data.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const { charter, membership } = await parent();
	requireMember(charter, membership);
	const filters = parseFilters(url);
	const dashboard = await loadDashboard(locals.supabase, charter.id, filters);
	return {
		dashboard,
		query: filterQuery(filters),
		canPublish: membership?.role === 'coordinator'
	};
};

export const actions: Actions = {
	publication: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(publicationSchema), { id: 'publication' });
		if (!form.valid) return fail(400, { form });
		const publish = form.data.publish === 'true';
		const outcome = await setPublication(locals.supabase, params.slug, publish);
		if (outcome === 'failed')
			return message(form, { kind: 'error', text: m.dashboard_publish_failed() }, { status: 503 });
		if (outcome === 'forbidden')
			return message(form, { kind: 'error', text: m.dashboard_publish_forbidden() }, { status: 403 });
		form.data.publish = publish ? 'false' : 'true';
		return message(form, { kind: 'success', text: publish ? m.dashboard_published() : m.dashboard_unpublished() });
	}
};
