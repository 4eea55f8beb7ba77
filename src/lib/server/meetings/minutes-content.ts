/**
 * The compte rendu of a meeting, as data in the reader's language: the meeting, its attendees with their
 * presence, the agenda, the decisions taken at it, the minutes text and what was presented (the snapshot's
 * summary). Pure, and importable by the notification sender outside SvelteKit (relative `.ts` imports only):
 * the page's PDF and the PDF attached to the e-mail are the same.
 */
import {
	decisionStatusLabels,
	meetingItemKindLabels,
	meetingKindLabels,
	presenceLabels,
	weatherLabels
} from '../../labels.ts';
import { date, say, type MailLocale } from '../notifications/mail-format.ts';

export interface MinutesInput {
	charterId: string;
	charter: { title: string; short_title: string | null };
	meeting: {
		kind: string;
		title: string;
		starts_at: string;
		place: string | null;
		video_url: string | null;
		status: string;
		minutes: string | null;
		held_at: string | null;
	};
	attendees: { name: string; organization: string | null; presence: string }[];
	items: { position: number; kind: string; title: string; notes: string | null }[];
	decisions: { code: string; text: string; owner: string | null; due_on: string | null; status: string }[];
	/** The snapshot's `dashboard` column (public.meeting_state), null before the meeting is held. */
	snapshot: { taken_on: string; state: SnapshotState } | null;
}

export interface SnapshotState {
	dashboard?: {
		summary?: Partial<Record<SummaryKey, number | null>> & { weather?: string | null };
		alerts?: { kind: string; action_code: string | null; action_title: string | null; indicator_name: string | null }[];
	} | null;
}

type SummaryKey = 'actions_total' | 'progress' | 'done' | 'blocked' | 'overdue' | 'stale' | 'indicators_off_track';

const WORDS = {
	fr: {
		kicker: 'COMPTE RENDU',
		colon: ' : ',
		heading: (kind: string, d: string) => `${kind} du ${d}`,
		when: (d: string, t: string) => `Le ${d} à ${t}`,
		place: 'Lieu',
		video: 'Visioconférence',
		attendees: 'Personnes invitées et présence',
		name: 'Nom',
		organization: 'Organisation',
		presence: 'Présence',
		noAttendees: 'Aucune personne invitée.',
		agenda: 'Ordre du jour',
		noAgenda: "L'ordre du jour était vide.",
		decisions: 'Décisions prises',
		noDecisions: "Aucune décision n'a été enregistrée à cette réunion.",
		code: 'N°',
		decision: 'Décision',
		owner: 'Responsable',
		due: 'Échéance',
		status: 'État',
		minutes: 'Compte rendu des échanges',
		noMinutes: "Le compte rendu des échanges n'a pas encore été rédigé.",
		presented: (d: string) => `Ce qui a été présenté le ${d}`,
		notHeld: "La réunion ne s'est pas encore tenue : rien n'a été figé.",
		weather: 'Météo du plan',
		figure: 'Chiffre',
		value: 'Valeur',
		figures: {
			actions_total: 'Actions',
			progress: 'Avancement moyen',
			done: 'Réalisées',
			blocked: 'Bloquées',
			overdue: 'En retard',
			stale: 'Sans mise à jour récente',
			indicators_off_track: 'Indicateurs hors trajectoire'
		} as Record<SummaryKey, string>,
		alerts: 'Points d’attention présentés',
		noAlerts: 'Aucun point d’attention.',
		alertKinds: {
			blocked: 'Bloquée',
			overdue: 'En retard',
			stale: 'Sans mise à jour',
			indicator_off_track: 'Indicateur hors trajectoire'
		} as Record<string, string>,
		footer: (c: string, d: string) => `${c} — compte rendu du ${d}`,
		page: (p: number, n: number) => `Page ${p} sur ${n}`,
		file: (d: string, c: string) => `Compte rendu du ${d} — ${c}`,
		percent: (n: number) => `${String(n).replace('.', ',')} %`
	},
	en: {
		kicker: 'MINUTES',
		colon: ': ',
		heading: (kind: string, d: string) => `${kind} of ${d}`,
		when: (d: string, t: string) => `On ${d} at ${t}`,
		place: 'Place',
		video: 'Video call',
		attendees: 'Attendees',
		name: 'Name',
		organization: 'Organization',
		presence: 'Presence',
		noAttendees: 'Nobody was invited.',
		agenda: 'Agenda',
		noAgenda: 'The agenda was empty.',
		decisions: 'Decisions taken',
		noDecisions: 'No decision was recorded at this meeting.',
		code: 'No.',
		decision: 'Decision',
		owner: 'Owner',
		due: 'Due',
		status: 'Status',
		minutes: 'Minutes of the discussion',
		noMinutes: 'The minutes of the discussion have not been written yet.',
		presented: (d: string) => `What was presented on ${d}`,
		notHeld: 'The meeting has not been held yet: nothing was frozen.',
		weather: 'Plan weather',
		figure: 'Figure',
		value: 'Value',
		figures: {
			actions_total: 'Actions',
			progress: 'Mean progress',
			done: 'Done',
			blocked: 'Blocked',
			overdue: 'Overdue',
			stale: 'Without a recent update',
			indicators_off_track: 'Indicators off track'
		} as Record<SummaryKey, string>,
		alerts: 'Points of attention presented',
		noAlerts: 'No point of attention.',
		alertKinds: {
			blocked: 'Blocked',
			overdue: 'Overdue',
			stale: 'Without update',
			indicator_off_track: 'Indicator off track'
		} as Record<string, string>,
		footer: (c: string, d: string) => `${c} — minutes of ${d}`,
		page: (p: number, n: number) => `Page ${p} of ${n}`,
		file: (d: string, c: string) => `Minutes of ${d} — ${c}`,
		percent: (n: number) => `${n}%`
	}
} as const;

export type MinutesWords = (typeof WORDS)['fr'];
export const minutesWords = (locale: MailLocale): MinutesWords => WORDS[locale] as MinutesWords;

/** The day and the time of an instant in Paris: 2027-03-12T13:30:00Z → 12/03/2027, 14:30. */
export function parisDayAndTime(iso: string): { day: string; time: string } {
	const parts = new Intl.DateTimeFormat('fr-FR', {
		timeZone: 'Europe/Paris',
		day: '2-digit',
		month: '2-digit',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(new Date(iso));
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return { day: `${get('day')}/${get('month')}/${get('year')}`, time: `${get('hour')}:${get('minute')}` };
}

export interface MinutesContent {
	title: string;
	heading: string;
	kicker: string;
	meta: string[];
	attendees: { name: string; organization: string; presence: string }[];
	agenda: string[];
	decisions: { code: string; text: string; owner: string; due: string; status: string }[];
	/** The minutes text, paragraph by paragraph, never cut. */
	minutes: string[];
	presented: { heading: string; figures: { label: string; value: string }[]; alerts: string[] } | null;
	footer: string;
	words: MinutesWords;
}

export function minutesContent(input: MinutesInput, locale: MailLocale): MinutesContent {
	const w = minutesWords(locale);
	const { day, time } = parisDayAndTime(input.meeting.starts_at);
	const kind = say(meetingKindLabels, input.meeting.kind, locale) ?? input.meeting.kind;
	const heading = w.heading(kind, day);
	const charterName = input.charter.short_title ?? input.charter.title;
	const meta = [
		input.charter.title,
		w.when(day, time),
		input.meeting.title && input.meeting.title !== heading ? input.meeting.title : null,
		input.meeting.place ? `${w.place}${w.colon}${input.meeting.place}` : null,
		input.meeting.video_url ? `${w.video}${w.colon}${input.meeting.video_url}` : null
	].filter((line): line is string => Boolean(line));

	const summary = input.snapshot?.state.dashboard?.summary ?? null;
	const presented = input.snapshot
		? {
				heading: w.presented(date(input.snapshot.taken_on)),
				figures: [
					...(summary?.weather
						? [{ label: w.weather, value: say(weatherLabels, summary.weather, locale) ?? summary.weather }]
						: []),
					...(Object.keys(w.figures) as SummaryKey[]).map((key) => {
						const value = summary?.[key];
						return {
							label: w.figures[key],
							value: value === null || value === undefined ? '—' : key === 'progress' ? w.percent(value) : String(value)
						};
					})
				],
				alerts: (input.snapshot.state.dashboard?.alerts ?? []).map((a) => {
					const subject = a.indicator_name ?? [a.action_code, a.action_title].filter(Boolean).join(' ');
					return `${w.alertKinds[a.kind] ?? a.kind}${w.colon}${subject}`;
				})
			}
		: null;

	return {
		title: w.file(day, input.charter.title),
		heading,
		kicker: w.kicker,
		meta,
		attendees: input.attendees.map((a) => ({
			name: a.name,
			organization: a.organization ?? '—',
			presence: say(presenceLabels, a.presence, locale) ?? a.presence
		})),
		agenda: [...input.items]
			.sort((a, b) => a.position - b.position)
			.map((i, n) => {
				const what = say(meetingItemKindLabels, i.kind, locale);
				return `${n + 1}. ${i.title}${what && i.kind !== 'other' ? ` (${what})` : ''}${i.notes ? ` — ${i.notes}` : ''}`;
			}),
		decisions: input.decisions.map((d) => ({
			code: d.code,
			text: d.text,
			owner: d.owner ?? '—',
			due: d.due_on ? date(d.due_on) : '—',
			status: say(decisionStatusLabels, d.status, locale) ?? d.status
		})),
		minutes: (input.meeting.minutes ?? '')
			.split(/\r?\n/)
			.map((line) => line.trimEnd())
			.reduce<string[]>((paragraphs, line) => {
				if (!line.trim()) paragraphs.push('');
				else if (!paragraphs.length || paragraphs.at(-1) === '') paragraphs.push(line);
				else paragraphs[paragraphs.length - 1] += `\n${line}`;
				return paragraphs;
			}, [])
			.filter(Boolean),
		presented,
		footer: w.footer(charterName, day),
		words: w
	};
}
