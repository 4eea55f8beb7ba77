import { error, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { todayIso } from '#lib/format.js';
import { JOIN_ROWS, amendmentNumber, signAmendmentSchema } from '#lib/amendments/amendment-form.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { formAction, refuse } from '#lib/server/form-action.js';
import { askConfirmation, failure, isConfirmed } from '#lib/server/row-actions.js';
import {
	amendmentDiff,
	currentPlan,
	deleteDraft,
	loadAmendment,
	loadJoinable,
	loadJoined
} from '#lib/server/amendments/amendments.js';
import { postedFile, recordSigned } from '#lib/server/amendments/sign.js';
import { documentActions, type SubjectContext } from '#lib/server/documents/actions.js';
import { listDocuments } from '#lib/server/documents/list.js';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
	const { charter, membership } = await parent();
	const number = amendmentNumber(params.number);
	if (!membership || number === null) error(404, m.life_not_found());
	const unavailable = () => error(503, m.life_error_unavailable());
	const amendment = await loadAmendment(locals.supabase, charter.id, number).catch(unavailable);
	if (!amendment) error(404, m.life_not_found());
	const coordinator = membership.role === 'coordinator';
	const draft = !amendment.signed_on;
	const [today, documents, joined, joinable] = await Promise.all([
		draft ? currentPlan(locals.supabase, charter.id) : null,
		listDocuments(locals.supabase, charter.id, { subject: 'amendment', subjectId: amendment.id }, charter.slug),
		loadJoined(locals.supabase, charter.id, amendment.id),
		coordinator && draft ? loadJoinable(locals.supabase, charter.id) : []
	]).catch(unavailable);
	return {
		amendment: {
			id: amendment.id,
			number: amendment.number,
			title: amendment.title,
			summary: amendment.summary,
			signedOn: amendment.signed_on,
			createdAt: amendment.created_at
		},
		diff: amendmentDiff(amendment, today),
		documents,
		joined,
		joinable: joinable.map((o) => ({ value: o.id, label: o.short_name ? `${o.name} (${o.short_name})` : o.name })),
		hasSignedDocument: documents.some((d) => d.kind === 'avenant'),
		coordinator,
		opened: url.searchParams.has('ouvert'),
		signed: url.searchParams.has('signe'),
		signForm: await superValidate(
			{
				signedOn: todayIso(),
				joinOrganization: Array(JOIN_ROWS).fill(''),
				joinSignedOn: Array(JOIN_ROWS).fill('')
			},
			zod4(signAmendmentSchema),
			{ errors: false, id: 'sign' }
		)
	};
};

/** The charter and the amendment of the page, for a coordinator (403 for anyone else, 404 when missing). */
async function coordinatorsAmendment(event: RequestEvent) {
	const { charter, membership } = await loadCharter(event.locals, event.params.slug);
	if (membership?.role !== 'coordinator') refuse(403, m.admin_error_forbidden());
	const number = amendmentNumber(event.params.number);
	const amendment = number === null ? null : await loadAmendment(event.locals.supabase, charter.id, number);
	if (!amendment) refuse(404, m.life_not_found());
	return { charter, amendment };
}

/** The amendment of the page, as the subject of the documents filed there. */
async function amendmentSubject({ event, access }: SubjectContext) {
	const number = amendmentNumber(event.params.number ?? '');
	const amendment = number === null ? null : await loadAmendment(event.locals.supabase, access.charter.id, number);
	return amendment ? { kind: 'amendment' as const, id: amendment.id } : null;
}

export const actions: Actions = {
	// Other documents of the amendment (its annexes): coordinators file and manage them (#lib/server/documents/actions.ts).
	...documentActions(amendmentSubject),
	signer: formAction(
		signAmendmentSchema,
		{ id: 'sign', context: async (event) => ({ file: await postedFile(event.request) }) },
		async (d, { event, context }) => {
			const { charter, amendment } = await coordinatorsAmendment(event);
			await recordSigned(event.locals.supabase, amendment, d, context.file);
			redirect(303, `/chartes/${charter.slug}/avenants/${amendment.number}?signe=1`);
		}
	),

	supprimer: async (event) => {
		const { charter, amendment } = await coordinatorsAmendment(event).catch((refusal) => {
			throw error(refusal.status ?? 403, refusal.text ?? m.admin_error_forbidden());
		});
		if (amendment.signed_on) return failure(409, m.life_error_signed_delete({ number: amendment.number }));
		if (!isConfirmed(await event.request.formData())) {
			return askConfirmation({
				action: '?/supprimer',
				fields: {},
				title: m.life_delete_title({ number: amendment.number }),
				text: m.life_delete_text(),
				confirmLabel: m.life_delete_confirm(),
				danger: true
			});
		}
		const deleted = await deleteDraft(event.locals.supabase, amendment.id);
		if (deleted === 'failed') return failure(503, m.life_error_unavailable());
		if (deleted === 'none') return failure(403, m.admin_error_forbidden());
		redirect(303, `/chartes/${charter.slug}/avenants?supprime=${amendment.number}`);
	}
};
