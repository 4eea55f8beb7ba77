/**
 * The e-mails about placements, written by the sender from the outbox row's payload (the event and its data,
 * private.internship_payload) in the recipient's language. Enum values are worded by the app's own labels
 * (labels.ts, paraglide messages), so that an e-mail says what the pages say.
 *
 * The text is plain text that holds values users typed (first name, host, housing note): render.ts escapes it
 * and defangs its addresses. The weekly digests are in digests.ts. For a kind without a template (or an erased
 * row) `renderContent` returns null and the row's own subject and text are sent.
 */
import { housingLabels, levelLabels, professionLabels } from '../../labels.ts';
import { digestContent } from './digests.ts';
import { SUPPORT_TEMPLATES } from './support/index.ts';
import { MEETING_TEMPLATES } from './meetings/index.ts';
import { date, say, text, type MailContent, type MailLocale } from './mail-format.ts';

export { isMailLocale, type MailContent, type MailLocale } from './mail-format.ts';

type InternshipEvent = 'confirmed' | 'changed' | 'cancelled' | 'reminder';
const EVENTS: Record<string, InternshipEvent> = {
	internship_confirmed: 'confirmed',
	internship_changed: 'changed',
	internship_cancelled: 'cancelled',
	internship_reminder: 'reminder'
};

interface Payload {
	[key: string]: unknown;
	previous?: Record<string, unknown>;
}

const WORDS = {
	fr: {
		subject: {
			confirmed: (c: string, d: string) => `Arrivée en stage à ${c} le ${d}`,
			changed: (c: string, d: string) => `Stage modifié à ${c} : arrivée le ${d}`,
			cancelled: (c: string, d: string) => `Stage annulé à ${c} (arrivée prévue le ${d})`,
			reminder: (c: string, d: string) => `Rappel : arrivée en stage à ${c} le ${d}`
		},
		intro: {
			confirmed: (c: string) => `Une arrivée en stage est confirmée dans votre commune de ${c}.`,
			changed: (c: string) => `Le stage prévu dans votre commune de ${c} a changé. Voici les informations à jour.`,
			cancelled: (c: string) =>
				`Le stage annoncé dans votre commune de ${c} n'aura pas lieu (annulé ou déplacé dans une autre commune).`,
			reminder: (c: string, d: string) =>
				`Pour rappel, une arrivée en stage est prévue le ${d} dans votre commune de ${c}.`
		},
		hello: 'Bonjour,',
		firstName: 'Prénom',
		profession: 'Profession',
		dates: (a: string, b: string) => `du ${a} au ${b}`,
		host: "Structure d'accueil",
		commune: 'Commune',
		housing: 'Hébergement',
		unspecified: 'non précisé',
		changes: 'Ce qui a changé :',
		before: 'auparavant',
		corrected: 'Stagiaire ou profession corrigés',
		colon: ' : ',
		why: (c: string, t: string) => `Vous recevez ce message au titre de votre mandat à ${c}, pour « ${t} ».`
	},
	en: {
		subject: {
			confirmed: (c: string, d: string) => `Intern arriving in ${c} on ${d}`,
			changed: (c: string, d: string) => `Internship changed in ${c}: arrival on ${d}`,
			cancelled: (c: string, d: string) => `Internship cancelled in ${c} (arrival planned on ${d})`,
			reminder: (c: string, d: string) => `Reminder: intern arriving in ${c} on ${d}`
		},
		intro: {
			confirmed: (c: string) => `An intern's arrival is confirmed in your commune of ${c}.`,
			changed: (c: string) =>
				`The internship planned in your commune of ${c} has changed. Here is the updated information.`,
			cancelled: (c: string) =>
				`The internship announced in your commune of ${c} will not take place (cancelled or moved to another commune).`,
			reminder: (c: string, d: string) => `As a reminder, an intern arrives on ${d} in your commune of ${c}.`
		},
		hello: 'Hello,',
		firstName: 'First name',
		profession: 'Profession',
		dates: (a: string, b: string) => `from ${a} to ${b}`,
		host: 'Host',
		commune: 'Commune',
		housing: 'Housing',
		unspecified: 'not specified',
		changes: 'What changed:',
		before: 'previously',
		corrected: 'Intern or profession corrected',
		colon: ': ',
		why: (c: string, t: string) => `You receive this message as an elected official of ${c}, for “${t}”.`
	}
} as const;

function housingText(kind: unknown, note: unknown, locale: MailLocale): string {
	const label = say(housingLabels, kind, locale) ?? WORDS[locale].unspecified;
	const detail = text(note);
	return detail ? `${label} (${detail})` : label;
}

function internshipContent(event: InternshipEvent, p: Payload, locale: MailLocale): MailContent {
	const w = WORDS[locale];
	const line = (label: string, value: string) => `${label}${w.colon}${value}`;
	const commune = text(p.commune_name) ?? '—';
	const starts = date(p.starts_on);
	const specialty = text(p.specialty);
	const profession = [say(professionLabels, p.profession, locale), say(levelLabels, p.level, locale)?.toLowerCase()]
		.filter(Boolean)
		.join(', ');
	const lines = [
		line(w.firstName, text(p.intern_first_name) ?? '—'),
		line(w.profession, profession + (specialty ? ` (${specialty})` : '')),
		line('Dates', w.dates(starts, date(p.ends_on))),
		line(w.host, text(p.host_name) ?? '—'),
		line(w.commune, commune),
		line(w.housing, housingText(p.housing, p.housing_note, locale))
	];
	const changes: string[] = [];
	const before = event === 'changed' ? p.previous : undefined;
	if (before) {
		if (before.starts_on || before.ends_on)
			changes.push(`- ${line('Dates', `${w.before} ${w.dates(date(before.starts_on), date(before.ends_on))}`)}`);
		if (text(before.host_name)) changes.push(`- ${line(w.host, `${w.before} ${before.host_name}`)}`);
		if (text(before.commune_name)) changes.push(`- ${line(w.commune, `${w.before} ${before.commune_name}`)}`);
		if (before.housing_changed === true)
			changes.push(`- ${line(w.housing, `${w.before} ${housingText(before.housing, before.housing_note, locale)}`)}`);
		if (before.intern_corrected === true) changes.push(`- ${w.corrected}`);
	}
	const body = [
		w.hello,
		'',
		w.intro[event](commune, starts),
		'',
		lines.join('\n'),
		...(changes.length > 0 ? ['', `${w.changes}\n${changes.join('\n')}`] : []),
		'',
		w.why(commune, text(p.charter_title) ?? '—')
	].join('\n');
	return { subject: w.subject[event](commune, starts), body };
}

/** The subject and text of an outbox row in `locale`, or null when the row carries its own (SQL-written) text. */
export function renderContent(kind: string, payload: unknown, locale: MailLocale): MailContent | null {
	// An erased row keeps the text that replaced it (private.erase_internships), whatever its payload says.
	if (!payload || typeof payload !== 'object' || 'erased' in payload) return null;
	const event = EVENTS[kind];
	if (event) return internshipContent(event, payload as Payload, locale);
	const support = SUPPORT_TEMPLATES[kind];
	if (support) return support(payload as Record<string, unknown>, locale);
	const meeting = MEETING_TEMPLATES[kind];
	if (meeting) return meeting(payload as Record<string, unknown>, locale);
	return digestContent(kind, payload as Record<string, unknown>, locale);
}
