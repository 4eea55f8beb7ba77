/**
 * The e-mails of the COPIL cycle, by outbox kind: the invitations to a meeting and their changes
 * (invitations.ts), the update campaign before it and its reminders (campaign.ts), the minutes (minutes.ts).
 * Each template writes the subject and the text from the row's payload in the recipient's language;
 * render.ts adds the links, footer and HTML, and attachments.ts the files (the .ics invitation, the PDF minutes).
 */
import type { MailContent, MailLocale } from '../mail-format.ts';
import { campaignTemplates } from './campaign.ts';
import { invitationTemplates } from './invitations.ts';
import { minutesTemplate } from './minutes.ts';

export type MeetingTemplate = (payload: Record<string, unknown>, locale: MailLocale) => MailContent;

export const MEETING_TEMPLATES: Record<string, MeetingTemplate> = {
	...invitationTemplates,
	...campaignTemplates,
	meeting_minutes: minutesTemplate
};
