/**
 * The e-mails of an update campaign before a meeting (private.enqueue_campaign_notices writes their payload):
 * the opening notice to each representative of a partner organization, listing the actions it leads that the
 * committee expects updated, and the reminders at D-7 and D-2, listing only those still not updated. One line per
 * action, each with a button to its update form (render.ts turns the `links` into buttons).
 */
import { meetingKindLabels } from '../../../labels.ts';
import { actionUpdatePath, date, say, text, type MailContent, type MailLocale } from '../mail-format.ts';
import type { MeetingTemplate } from './index.ts';

type Payload = Record<string, unknown>;
type Row = Record<string, unknown>;

const WORDS = {
	fr: {
		heading: (kind: string, on: string) => `${kind} du ${on}`,
		subject: (meeting: string, due: string) => `${meeting} : vos actions à mettre à jour avant le ${due}`,
		reminderSubject: (meeting: string, n: number, due: string) =>
			`Rappel – ${meeting} : ${n === 1 ? 'une action reste' : `${n} actions restent`} à mettre à jour avant le ${due}`,
		hello: 'Bonjour,',
		intro: (meeting: string, title: string, org: string) =>
			`Le ${meeting} de « ${title} » se prépare : la coordination demande à ${org} de mettre à jour les actions qu'elle pilote.`,
		list: (n: number, due: string) =>
			n === 1 ? `L'action à mettre à jour d'ici le ${due} :` : `Les ${n} actions à mettre à jour d'ici le ${due} :`,
		reminderIntro: (meeting: string, org: string, missing: number, expected: number) =>
			missing === 1
				? `Pour rappel, en vue du ${meeting}, une action pilotée par ${org} n'a pas encore été mise à jour (sur ${expected} attendues).`
				: `Pour rappel, en vue du ${meeting}, ${missing} actions pilotées par ${org} n'ont pas encore été mises à jour (sur ${expected} attendues).`,
		reminderList: (due: string) => `À mettre à jour d'ici le ${due} :`,
		button: (code: string) => `Mettre à jour l'action ${code}`,
		howTo:
			"Une mise à jour prend une minute : statut, avancement, santé et un commentaire. Un commentaire peut signaler un fait marquant, un frein à lever ou un besoin d'arbitrage, qui sera proposé à l'ordre du jour.",
		why: (org: string) => `Vous recevez ce message en tant que représentant ou représentante de ${org}.`
	},
	en: {
		heading: (kind: string, on: string) => `${kind} of ${on}`,
		subject: (meeting: string, due: string) => `${meeting}: your actions to update before ${due}`,
		reminderSubject: (meeting: string, n: number, due: string) =>
			`Reminder – ${meeting}: ${n === 1 ? 'one action' : `${n} actions`} still to update before ${due}`,
		hello: 'Hello,',
		intro: (meeting: string, title: string, org: string) =>
			`The ${meeting} of “${title}” is being prepared: the coordination asks ${org} to update the actions it leads.`,
		list: (n: number, due: string) =>
			n === 1 ? `The action to update by ${due}:` : `The ${n} actions to update by ${due}:`,
		reminderIntro: (meeting: string, org: string, missing: number, expected: number) =>
			`As a reminder, ahead of the ${meeting}, ${missing === 1 ? 'one action' : `${missing} actions`} led by ${org} ${missing === 1 ? 'has' : 'have'} not been updated yet (out of ${expected} expected).`,
		reminderList: (due: string) => `To update by ${due}:`,
		button: (code: string) => `Update action ${code}`,
		howTo:
			'An update takes a minute: status, progress, health and a comment. A comment can flag a highlight, an obstacle to remove or a need for arbitration, which will be proposed for the agenda.',
		why: (org: string) => `You receive this message as a representative of ${org}.`
	}
} as const;

/** The day of a meeting in Paris, 12/03/2027 (a meeting at 00:30 in Paris is on that day, not the day before). */
export function parisDay(value: unknown): string {
	if (typeof value !== 'string') return '—';
	const at = new Date(value);
	if (Number.isNaN(at.getTime())) return '—';
	return new Intl.DateTimeFormat('fr-FR', {
		timeZone: 'Europe/Paris',
		day: '2-digit',
		month: '2-digit',
		year: 'numeric'
	}).format(at);
}

const rows = (value: unknown): Row[] =>
	Array.isArray(value) ? value.filter((r): r is Row => r !== null && typeof r === 'object') : [];
const count = (value: unknown, fallback: number) =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback;

function campaignContent(p: Payload, locale: MailLocale, reminder: boolean): MailContent {
	const w = WORDS[locale];
	const kind = say(meetingKindLabels, p.meeting_kind, locale) ?? (locale === 'fr' ? 'Réunion' : 'Meeting');
	const meeting = w.heading(kind, parisDay(p.starts_at));
	const due = date(p.updates_due_on);
	const org = text(p.organization_name) ?? '—';
	const actions = rows(p.actions);
	const links: NonNullable<MailContent['links']> = [];
	const lines = actions.map((a) => {
		const code = text(a.code) ?? '';
		const item = `- ${code} ${text(a.title) ?? ''}`.trimEnd();
		const path = actionUpdatePath(p.charter_slug, a.id);
		if (path) links.push({ after: item, label: w.button(code), path });
		return item;
	});
	const missing = count(p.missing, actions.length);
	const expected = count(p.expected, actions.length);
	const paragraphs = reminder
		? [w.hello, w.reminderIntro(meeting, org, missing, expected), [w.reminderList(due), ...lines].join('\n')]
		: [
				w.hello,
				w.intro(meeting, text(p.charter_title) ?? '—', org),
				[w.list(actions.length, due), ...lines].join('\n')
			];
	return {
		subject: reminder ? w.reminderSubject(meeting, missing, due) : w.subject(meeting, due),
		body: [...paragraphs, w.howTo, w.why(org)].join('\n\n'),
		links
	};
}

export const campaignTemplates: Record<string, MeetingTemplate> = {
	campaign_open: (payload, locale) => campaignContent(payload, locale, false),
	campaign_reminder: (payload, locale) => campaignContent(payload, locale, true)
};
