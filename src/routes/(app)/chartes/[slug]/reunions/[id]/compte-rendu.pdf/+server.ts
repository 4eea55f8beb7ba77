import { error } from '@sveltejs/kit';
import { isUuid } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { minutesFileName } from '#lib/server/meetings/minutes-attachment.js';
import { loadMinutesInput, renderMinutesPdf } from '#lib/server/meetings/minutes-pdf.js';
import type { RequestHandler } from './$types';

/** `reunions/[id]/compte-rendu.pdf`: the compte rendu of a meeting, for the members of its charter. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { charter, membership } = await loadCharter(locals, params.slug);
	if (!membership || !isUuid(params.id)) error(404, m.meeting_not_found());
	const input = await loadMinutesInput(locals.supabase, params.id).catch(() => error(503, m.meeting_not_found()));
	if (!input || input.charterId !== charter.id) error(404, m.meeting_not_found());
	const locale = getLocale();
	const body = await renderMinutesPdf(input, locale);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${minutesFileName(input.meeting.starts_at, locale)}"`,
			'cache-control': 'private, no-store'
		}
	});
};
