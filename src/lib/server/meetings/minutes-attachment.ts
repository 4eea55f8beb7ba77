/**
 * The PDF compte rendu attached to the `meeting_minutes` e-mail (attachments.ts): drawn when the sender sends,
 * from the meeting as it stands then (its minutes, attendees, agenda, decisions and snapshot), in the
 * recipient's language. A meeting that is gone fails the sending (the outbox retries, then gives up).
 */
import type { AttachmentBuilder } from '../notifications/attachments.ts';
import { minutesWords, parisDayAndTime } from './minutes-content.ts';
import { loadMinutesInput, renderMinutesPdf } from './minutes-pdf.ts';

export const minutesFileName = (startsAt: string, locale: 'fr' | 'en'): string => {
	const [d, mo, y] = parisDayAndTime(startsAt).day.split('/');
	return `${locale === 'en' ? 'minutes' : 'compte-rendu'}-${y}-${mo}-${d}.pdf`;
};

export const minutesAttachment: AttachmentBuilder = async (row, client, locale) => {
	const id =
		row.payload && typeof row.payload === 'object' ? (row.payload as { meeting_id?: unknown }).meeting_id : null;
	if (typeof id !== 'string') throw new Error(`${minutesWords(locale).kicker}: meeting_id manquant`);
	const input = await loadMinutesInput(client, id);
	if (!input) throw new Error(`Réunion ${id} introuvable pour son compte rendu.`);
	return [
		{
			filename: minutesFileName(input.meeting.starts_at, locale),
			contentType: 'application/pdf',
			content: await renderMinutesPdf(input, locale)
		}
	];
};
