/**
 * The invitation to a meeting and its changes (migration 20261123500100_meeting_invitations.sql): the
 * invitation (meeting_invitation), the meeting moved (meeting_update), cancelled or the person's invitation
 * withdrawn (meeting_cancelled). The payload is private.meeting_invitation_payload, as the meeting was when it
 * changed; the .ics file is added by the attachment builder below, from the same payload. The link under the
 * text goes to the meeting's page for members (payload.link_path, render.ts), where its agenda is.
 */
import { meetingKindLabels } from '../../../labels.ts';
import { buildIcs, addressOf, icsContentType, type IcsMethod } from '../../../meetings/ics.ts';
import { parisParts } from '../../../meetings/meeting-time.ts';
import { durationText } from '../../../meetings/meeting-duration.ts';

export { durationText };
import type { AttachmentBuilder } from '../attachments.ts';
import { date, say, text, type MailContent, type MailLocale } from '../mail-format.ts';
import type { MeetingTemplate } from './index.ts';

/** 12/03/2027 à 14 h 00, 12/03/2027 at 2:00 pm: the meeting's time in Paris. */
export function meetingWhen(startsAt: unknown, locale: MailLocale): string {
	if (typeof startsAt !== 'string' || Number.isNaN(new Date(startsAt).getTime())) return '—';
	const { date: day, time } = parisParts(startsAt);
	const [h, min] = time.split(':').map(Number);
	if (locale === 'fr') return `${date(day)} à ${h} h ${String(min).padStart(2, '0')}`;
	return `${date(day)} at ${h % 12 || 12}:${String(min).padStart(2, '0')} ${h < 12 ? 'am' : 'pm'}`;
}

type Event = 'invitation' | 'update' | 'cancelled' | 'withdrawn';

const WORDS = {
	fr: {
		subject: {
			invitation: (t: string, w: string) => `Invitation : ${t}, le ${w}`,
			update: (t: string, w: string) => `Réunion modifiée : ${t}, désormais le ${w}`,
			cancelled: (t: string, w: string) => `Réunion annulée : ${t} du ${w}`,
			withdrawn: (t: string, w: string) => `Invitation retirée : ${t} du ${w}`
		},
		hello: (n: string | null) => (n ? `Bonjour ${n},` : 'Bonjour,'),
		intro: {
			invitation: (c: string) => `La coordination de « ${c} » vous invite à la réunion suivante.`,
			update: (c: string) =>
				`La réunion de « ${c} » qui vous a été annoncée change. Voici les informations à jour ; le fichier d'agenda joint remplace le précédent.`,
			cancelled: (c: string) =>
				`La réunion de « ${c} » ci-dessous est annulée. Le fichier joint la retire de votre agenda.`,
			withdrawn: (c: string) =>
				`La coordination de « ${c} » a retiré votre invitation à la réunion ci-dessous. Le fichier joint la retire de votre agenda.`
		},
		meeting: 'Réunion',
		when: 'Date',
		duration: 'Durée',
		place: 'Lieu',
		link: 'Lien de visioconférence',
		due: 'Mises à jour des actions attendues avant le',
		forOrganization: 'Pour',
		calendar:
			"Le fichier joint (invitation.ics) ajoute la réunion à votre agenda, avec le lien de visioconférence s'il y en a un.",
		agenda: "L'ordre du jour et les documents seront sur la page de la réunion (lien ci-dessous).",
		guest:
			"Vous n'avez pas de compte sur l'outil de la charte : la coordination vous enverra l'ordre du jour. Répondez-lui pour vous excuser.",
		colon: ' : '
	},
	en: {
		subject: {
			invitation: (t: string, w: string) => `Invitation: ${t}, on ${w}`,
			update: (t: string, w: string) => `Meeting changed: ${t}, now on ${w}`,
			cancelled: (t: string, w: string) => `Meeting cancelled: ${t} on ${w}`,
			withdrawn: (t: string, w: string) => `Invitation withdrawn: ${t} on ${w}`
		},
		hello: (n: string | null) => (n ? `Hello ${n},` : 'Hello,'),
		intro: {
			invitation: (c: string) => `The coordination of “${c}” invites you to the following meeting.`,
			update: (c: string) =>
				`The meeting of “${c}” you are invited to has changed. Here are the updated details; the attached calendar file replaces the previous one.`,
			cancelled: (c: string) =>
				`The meeting of “${c}” below is cancelled. The attached file removes it from your calendar.`,
			withdrawn: (c: string) =>
				`The coordination of “${c}” withdrew your invitation to the meeting below. The attached file removes it from your calendar.`
		},
		meeting: 'Meeting',
		when: 'Date',
		duration: 'Duration',
		place: 'Place',
		link: 'Video link',
		due: 'Action updates expected by',
		forOrganization: 'For',
		calendar:
			'The attached file (invitation.ics) adds the meeting to your calendar, with the video link if there is one.',
		agenda: "The agenda and documents will be on the meeting's page (link below).",
		guest:
			"You have no account on the charter's tool: the coordination will send you the agenda. Reply to them if you cannot attend.",
		colon: ': '
	}
} as const;

const eventOf = (p: Record<string, unknown>, kind: 'invitation' | 'update' | 'cancelled'): Event =>
	kind === 'cancelled' && p.status === 'planned' ? 'withdrawn' : kind;

/** The meeting's name in a subject: its title, or "COPIL" when it has none. */
function titleOf(p: Record<string, unknown>, locale: MailLocale): string {
	return text(p.title) ?? say(meetingKindLabels, p.meeting_kind, locale) ?? '—';
}

function meetingContent(kind: 'invitation' | 'update' | 'cancelled'): MeetingTemplate {
	return (p, locale): MailContent => {
		const w = WORDS[locale];
		const event = eventOf(p, kind);
		const when = meetingWhen(p.starts_at, locale);
		const title = titleOf(p, locale);
		const charter = text(p.charter_title) ?? '—';
		const line = (label: string, value: string | null) => (value ? `- ${label}${w.colon}${value}` : null);
		const kindLabel = say(meetingKindLabels, p.meeting_kind, locale);
		const details = [
			line(w.meeting, kindLabel && kindLabel !== title ? `${kindLabel} — ${title}` : title),
			line(w.when, when),
			event === 'cancelled' || event === 'withdrawn' ? null : line(w.duration, durationText(p.duration_minutes)),
			event === 'cancelled' || event === 'withdrawn' ? null : line(w.place, text(p.place)),
			event === 'cancelled' || event === 'withdrawn' ? null : line(w.link, text(p.video_url)),
			event === 'cancelled' || event === 'withdrawn' || p.guest === true
				? null
				: line(w.due, typeof p.updates_due_on === 'string' ? date(p.updates_due_on) : null)
		].filter((l): l is string => l !== null);
		const closing =
			event === 'cancelled' || event === 'withdrawn' ? [] : [w.calendar, p.guest === true ? w.guest : w.agenda];
		const body = [
			w.hello(text(p.attendee_name)),
			'',
			w.intro[event](charter),
			'',
			details.join('\n'),
			...closing.flatMap((c) => ['', c])
		].join('\n');
		return { subject: w.subject[event](title, when), body };
	};
}

export const invitationTemplates: Record<string, MeetingTemplate> = {
	meeting_invitation: meetingContent('invitation'),
	meeting_update: meetingContent('update'),
	meeting_cancelled: meetingContent('cancelled')
};

const DEFAULT_FROM = 'Chartes partenariales <notifications@example.org>';

/** The .ics file of an invitation, from the row's payload (as the meeting was when it changed). */
export const invitationAttachment: AttachmentBuilder = async (row) => {
	const p = (row.payload ?? {}) as Record<string, unknown>;
	const method: IcsMethod = p.method === 'CANCEL' ? 'CANCEL' : 'REQUEST';
	const siteUrl = process.env.SITE_URL?.replace(/\/+$/, '');
	const linkPath = typeof p.link_path === 'string' && p.link_path.startsWith('/chartes/') ? p.link_path : null;
	const content = buildIcs({
		uid: String(p.uid ?? `${String(p.meeting_id)}@chartes-partenariales`),
		sequence: typeof p.sequence === 'number' ? p.sequence : 0,
		method,
		title: titleOf(p, 'fr'),
		startsAt: String(p.starts_at),
		durationMinutes: typeof p.duration_minutes === 'number' ? p.duration_minutes : 120,
		place: text(p.place),
		videoUrl: text(p.video_url),
		url: siteUrl && linkPath && /^https?:\/\//.test(siteUrl) ? `${siteUrl}${linkPath}` : null,
		organizer: {
			name: text(p.charter_title) ?? 'Chartes partenariales',
			email: addressOf(process.env.MAIL_FROM || DEFAULT_FROM)
		},
		attendees: [{ name: text(p.attendee_name) ?? row.recipient_email, email: row.recipient_email }]
	});
	return [{ filename: 'invitation.ics', contentType: icsContentType(method), content }];
};

export const invitationAttachments: Record<string, AttachmentBuilder> = {
	meeting_invitation: invitationAttachment,
	meeting_update: invitationAttachment,
	meeting_cancelled: invitationAttachment
};
