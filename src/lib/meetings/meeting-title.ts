/**
 * How a meeting is named everywhere (pages, e-mails, PDFs, the dashboard): its kind and its day in Paris,
 * "COPIL du 12/03/2027", unless its title says more.
 */
import { m } from '#lib/paraglide/messages.js';
import { meetingKindLabels, label } from '#lib/labels.js';
import { formatDate } from '#lib/format.js';
import type { Enums } from '#lib/database.types.js';

export interface NamedMeeting {
	kind: Enums<'meeting_kind'>;
	starts_at: string;
}

export function meetingHeading(meeting: NamedMeeting): string {
	return m.meeting_heading({ kind: label(meetingKindLabels, meeting.kind), date: formatDate(meeting.starts_at) });
}
