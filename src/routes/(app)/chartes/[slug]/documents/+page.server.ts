import { error } from '@sveltejs/kit';
import { isUuid } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';
import { documentActions, type SubjectAnswer, type SubjectContext } from '#lib/server/documents/actions.js';
import { listDocuments } from '#lib/server/documents/list.js';
import { parseDocumentFilter, SUBJECT_PARAMS } from '#lib/server/documents/view.js';
import type { Actions, PageServerLoad } from './$types';

// Every document of the charter (RLS: its members), filtered by kind and subject; `?decision=<id>` shows the
// documents of one decision and files new ones there (the register links here).
export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { charter, membership } = await parent();
	if (!membership) error(404, m.docs_not_found());
	const filter = parseDocumentFilter(url.searchParams);
	const [documents, decision] = await Promise.all([
		listDocuments(locals.supabase, charter.id, filter, charter.slug),
		filter.subject === 'decision' && filter.subjectId
			? locals.supabase
					.from('decisions')
					.select('id, code, text')
					.eq('id', filter.subjectId)
					.eq('charter_id', charter.id)
					.maybeSingle()
			: null
	]);
	if (decision && !decision.data) error(404, m.decisions_error_not_found());
	return {
		filter,
		subjectParams: SUBJECT_PARAMS,
		documents,
		decision: decision?.data ?? null,
		coordinator: membership.role === 'coordinator'
	};
};

/** Here a document belongs to the charter itself, or to the decision the form names (of this charter). */
async function charterOrDecision({ event, data, access }: SubjectContext): Promise<SubjectAnswer> {
	const decisionId = data.get('decisionId');
	if (typeof decisionId === 'string' && decisionId) {
		if (!isUuid(decisionId)) return null;
		const { data: found } = await event.locals.supabase
			.from('decisions')
			.select('id')
			.eq('id', decisionId)
			.eq('charter_id', access.charter.id)
			.maybeSingle();
		return found ? { kind: 'decision', id: found.id } : null;
	}
	return { kind: 'charter' };
}

export const actions: Actions = { ...documentActions(charterOrDecision) };
