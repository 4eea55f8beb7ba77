/**
 * Files sent with an e-mail, made by the sender when it sends (never stored in the outbox): the iCalendar
 * invitation of a meeting, the PDF minutes. A builder gets the outbox row, the service client (to read what
 * the file needs) and the recipient's language. A builder that fails fails the sending, which the outbox
 * retries: an invitation never goes without its file.
 */
import type { OutboxRow } from './render.ts';
import type { MailLocale } from './mail-format.ts';
import type { ServiceClient } from './worker.ts';
import { invitationAttachments } from './meetings/invitations.ts';
import { minutesAttachment } from '../meetings/minutes-attachment.ts';

export interface MailAttachment {
	filename: string;
	/** For an invitation, `text/calendar; charset=utf-8; method=REQUEST` (or CANCEL): calendars offer to accept. */
	contentType: string;
	content: string | Buffer;
}

export type AttachmentBuilder = (
	row: OutboxRow,
	client: ServiceClient,
	locale: MailLocale
) => Promise<MailAttachment[]>;

/** By outbox kind. */
export const ATTACHMENT_BUILDERS: Record<string, AttachmentBuilder> = {
	...invitationAttachments,
	meeting_minutes: minutesAttachment
};

export async function attachmentsOf(
	row: OutboxRow,
	client: ServiceClient,
	locale: MailLocale
): Promise<MailAttachment[]> {
	const build = ATTACHMENT_BUILDERS[row.kind];
	return build ? build(row, client, locale) : [];
}
