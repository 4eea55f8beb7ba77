/**
 * The e-mails of installation support, by outbox kind: the acknowledgement to the professional and the
 * coordination's notice of a new request (intake.ts), the referral to a partner and its reminder
 * (referrals.ts), the end or breach of an aid's commitment (aids.ts). Each template writes the subject and the
 * text from the row's payload in the recipient's language; render.ts adds the links, footer and HTML.
 */
import type { MailContent, MailLocale } from '../mail-format.ts';
import { aidTemplates } from './aids.ts';
import { intakeTemplates } from './intake.ts';
import { referralTemplates } from './referrals.ts';

export type SupportTemplate = (payload: Record<string, unknown>, locale: MailLocale) => MailContent;

export const SUPPORT_TEMPLATES: Record<string, SupportTemplate> = {
	...intakeTemplates,
	...referralTemplates,
	...aidTemplates
};
