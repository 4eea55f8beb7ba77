/**
 * The compte rendu of a held meeting, sent to each attendee (private.enqueue_meeting_minutes): a few lines, the
 * PDF attached (src/lib/server/meetings/minutes-attachment.ts), the link to the minutes page (payload.link_path).
 */
import { date, say, text } from '../mail-format.ts';
import { meetingKindLabels } from '../../../labels.ts';
import type { MeetingTemplate } from './index.ts';

const parisDay = (iso: unknown): string => {
	if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) return date(iso);
	return new Intl.DateTimeFormat('fr-FR', {
		timeZone: 'Europe/Paris',
		day: '2-digit',
		month: '2-digit',
		year: 'numeric'
	}).format(new Date(iso));
};

const WORDS = {
	fr: {
		subject: (m: string, c: string) => `Compte rendu : ${m} — ${c}`,
		heading: (kind: string, d: string) => `${kind} du ${d}`,
		hello: (name: string | null) => (name ? `Bonjour ${name},` : 'Bonjour,'),
		intro: (m: string, c: string) =>
			`Voici le compte rendu de la réunion « ${m} » de la charte « ${c} », en pièce jointe (PDF) : les personnes présentes, l'ordre du jour, les décisions prises et l'état du plan présenté ce jour-là.`,
		online: 'Il est aussi consultable en ligne par les membres de la charte.',
		why: 'Vous recevez ce message parce que vous étiez invité ou invitée à cette réunion.'
	},
	en: {
		subject: (m: string, c: string) => `Minutes: ${m} — ${c}`,
		heading: (kind: string, d: string) => `${kind} of ${d}`,
		hello: (name: string | null) => (name ? `Hello ${name},` : 'Hello,'),
		intro: (m: string, c: string) =>
			`Please find attached (PDF) the minutes of the meeting “${m}” of the charter “${c}”: who attended, the agenda, the decisions taken and the state of the plan presented that day.`,
		online: 'Members of the charter can also read them online.',
		why: 'You receive this message because you were invited to this meeting.'
	}
} as const;

export const minutesTemplate: MeetingTemplate = (p, locale) => {
	const w = WORDS[locale];
	const kind = say(meetingKindLabels, p.meeting_kind, locale) ?? 'COPIL';
	const meeting = w.heading(kind, parisDay(p.starts_at));
	const charter = text(p.charter_title) ?? '—';
	return {
		subject: w.subject(meeting, charter),
		body: [w.hello(text(p.recipient_name)), '', w.intro(meeting, charter), '', w.online, '', w.why].join('\n')
	};
};
