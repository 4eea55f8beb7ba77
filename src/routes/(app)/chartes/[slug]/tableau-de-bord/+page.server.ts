import { m } from '#lib/paraglide/messages.js';
import { publicationSchema } from '#lib/schemas/publication.js';
import { filterQuery, parseFilters } from '#lib/domain/filters.js';
import { loadDashboard, requireMember, setPublication } from '#lib/server/dashboard-data.js';
import { formAction, refuse } from '#lib/server/form-action.js';
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
	publication: formAction(publicationSchema, { id: 'publication' }, async (d, { form, event: { locals, params } }) => {
		const publish = d.publish === 'true';
		const outcome = await setPublication(locals.supabase, params.slug, publish);
		if (outcome === 'failed') refuse(503, m.dashboard_publish_failed());
		if (outcome === 'forbidden') refuse(403, m.dashboard_publish_forbidden());
		form.data.publish = publish ? 'false' : 'true';
		return publish ? m.dashboard_published() : m.dashboard_unpublished();
	})
};
