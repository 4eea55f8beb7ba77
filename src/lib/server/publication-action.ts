/**
 * The form action behind the publication button, the same on the dashboard and on the public page (where a
 * coordinator previews an unpublished charter): publish or unpublish, then offer the opposite.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { publicationSchema } from '#lib/schemas/publication.js';
import { setPublication } from './dashboard-data.js';
import { formAction, refuse } from './form-action.js';

export const publicationAction = formAction<typeof publicationSchema, RequestEvent<{ slug: string }>>(
	publicationSchema,
	{ id: 'publication' },
	async (d, { form, event: { locals, params } }) => {
		if (!locals.user) refuse(403, m.dashboard_publish_forbidden());
		const publish = d.publish === 'true';
		const outcome = await setPublication(locals.supabase, params.slug, publish);
		if (outcome === 'failed') refuse(503, m.dashboard_publish_failed());
		if (outcome === 'forbidden') refuse(403, m.dashboard_publish_forbidden());
		form.data.publish = publish ? 'false' : 'true';
		return publish ? m.dashboard_published() : m.dashboard_unpublished();
	}
);
