import { error, fail } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { isUuid } from '#lib/domain/patterns.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { dbErrorMessage, dbErrorStatus } from '#lib/server/db-errors.js';
import { storeFrozenReport } from '#lib/server/documents/frozen-report.js';
import { askConfirmation, failure, isConfirmed, success, type Notice } from '#lib/server/row-actions.js';
import { minutesContent } from '#lib/server/meetings/minutes-content.js';
import { MINUTES_MAX, parseMinutesForm } from '#lib/server/meetings/minutes-form.js';
import { loadMinutesInput } from '#lib/server/meetings/minutes-pdf.js';
import type { Actions, PageServerLoad } from './$types';

/** The compte rendu of a meeting: hold it (which freezes the dashboard), what was presented, the minutes, sending. */
export const load: PageServerLoad = async ({ locals, parent }) => {
	const { meeting } = await parent();
	const [input, stored] = await Promise.all([
		loadMinutesInput(locals.supabase, meeting.id).catch(() => error(503, m.meeting_not_found())),
		locals.supabase.from('meeting_snapshots').select('report_path').eq('meeting_id', meeting.id).maybeSingle()
	]);
	if (!input) error(404, m.meeting_not_found());
	const content = minutesContent(input, getLocale());
	return {
		presented: content.presented,
		snapshotOn: input.snapshot?.taken_on ?? null,
		// A held meeting whose frozen report could not be filed offers to file it again.
		reportMissing: Boolean(stored.data && !stored.data.report_path),
		attendeeCount: input.attendees.length,
		minutesMax: MINUTES_MAX
	};
};

/** The meeting, for a coordinator of its charter (the database checks again). */
async function coordinatorOf(locals: App.Locals, slug: string, id: string) {
	const { charter, membership } = await loadCharter(locals, slug);
	if (!membership || !isUuid(id)) error(404, m.meeting_not_found());
	if (membership.role !== 'coordinator') error(403, m.admin_error_forbidden());
	const { data } = await locals.supabase
		.from('meetings')
		.select('id, status')
		.eq('id', id)
		.eq('charter_id', charter.id)
		.maybeSingle();
	if (!data) error(404, m.meeting_not_found());
	return { ...data, charter };
}

/** The frozen report filed (or not) after holding the meeting: the meeting stays held either way. */
async function fileReport(locals: App.Locals, meeting: Awaited<ReturnType<typeof coordinatorOf>>) {
	const stored = await storeFrozenReport(locals.supabase, meeting.charter, meeting.id);
	if (stored.ok) return success(`${m.minutes_held()} ${m.frozen_report_stored()}`);
	// The meeting is held all the same: the page says both, and offers to file the report again.
	return { notice: { kind: 'error', text: `${m.minutes_held()} ${stored.message}` } as Notice };
}

export const actions: Actions = {
	tenir: async ({ locals, params, request }) => {
		const meeting = await coordinatorOf(locals, params.slug, params.id);
		const data = await request.formData();
		if (!isConfirmed(data)) {
			return askConfirmation({
				action: '?/tenir',
				fields: {},
				title: m.minutes_hold_title(),
				text: m.minutes_hold_confirm(),
				confirmLabel: m.minutes_hold_button(),
				danger: false
			});
		}
		const { error: err } = await locals.supabase.rpc('hold_meeting', { p_meeting_id: meeting.id });
		if (err) return failure(dbErrorStatus(err), dbErrorMessage(err));
		return fileReport(locals, meeting);
	},

	enregistrerRapport: async ({ locals, params }) => {
		const meeting = await coordinatorOf(locals, params.slug, params.id);
		const stored = await storeFrozenReport(locals.supabase, meeting.charter, meeting.id);
		if (!stored.ok) return failure(503, stored.message);
		return success(m.frozen_report_stored());
	},

	enregistrer: async ({ locals, params, request }) => {
		const meeting = await coordinatorOf(locals, params.slug, params.id);
		const form = parseMinutesForm(await request.formData());
		if (!form.ok) return fail(400, { minutesError: form.error, minutesText: form.text });
		const { data: rows, error: err } = await locals.supabase
			.from('meetings')
			.update({ minutes: form.minutes })
			.eq('id', meeting.id)
			.eq('version', form.version)
			.select('id');
		if (err) return fail(dbErrorStatus(err), { minutesError: dbErrorMessage(err), minutesText: form.minutes ?? '' });
		if (!rows?.length)
			return fail(409, { minutesError: m.minutes_changed_elsewhere(), minutesText: form.minutes ?? '' });
		return success(m.minutes_saved());
	},

	envoyer: async ({ locals, params }) => {
		const meeting = await coordinatorOf(locals, params.slug, params.id);
		const { data: count, error: err } = await locals.supabase.rpc('enqueue_meeting_minutes', {
			p_meeting_id: meeting.id
		});
		if (err) return failure(dbErrorStatus(err), dbErrorMessage(err));
		return success(
			!count ? m.minutes_sent_none() : count === 1 ? m.minutes_sent_one() : m.minutes_sent_other({ count })
		);
	}
};
