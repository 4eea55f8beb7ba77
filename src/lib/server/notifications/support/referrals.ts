/**
 * The e-mails of a referral to a partner's representatives (private.enqueue_referral_inserted and
 * private.enqueue_referral_reminders write their payload, private.referral_payload): a new request routed to
 * their organization, and the reminder two days before its due date.
 *
 * They say no more than the partner reads before accepting (first name, profession, need, communes, due date):
 * the contact details appear on the referral's page once they accept. The button opens that page, after
 * sign-in when needed.
 */
import { careerStageLabels, professionLabels, supportNeedLabels } from '../../../labels.ts';
import { date, referralPath, say, text, type MailContent, type MailLocale } from '../mail-format.ts';
import type { SupportTemplate } from './index.ts';

type Payload = Record<string, unknown>;

const WORDS = {
	fr: {
		subject: (need: string, ref: string) => `Nouvelle demande orientée vers vous : ${need} (demande ${ref})`,
		reminderSubject: (ref: string, on: string) => `Rappel : réponse attendue le ${on} pour la demande ${ref}`,
		hello: 'Bonjour,',
		intro: (org: string, title: string) =>
			`La coordination de « ${title} » oriente vers ${org} une demande d'accompagnement à l'installation :`,
		reminderIntro: (org: string, on: string) =>
			`Pour rappel, une demande orientée vers ${org} attend votre réponse d'ici le ${on} :`,
		firstName: 'Prénom',
		profession: 'Profession',
		need: 'Besoin',
		communes: 'Communes envisagées',
		due: 'Réponse attendue le',
		none: 'non précisé',
		colon: ' : ',
		open: (ref: string) => `Ouvrir la demande ${ref}`,
		next: "Sur la page de la demande, acceptez-la pour voir les coordonnées de la personne, puis répondez ou déclinez. Chaque réponse s'ajoute au suivi de la demande.",
		why: (org: string) => `Vous recevez ce message en tant que représentant ou représentante de ${org}.`
	},
	en: {
		subject: (need: string, ref: string) => `New request referred to you: ${need} (request ${ref})`,
		reminderSubject: (ref: string, on: string) => `Reminder: answer expected on ${on} for request ${ref}`,
		hello: 'Hello,',
		intro: (org: string, title: string) =>
			`The coordination of “${title}” refers an installation support request to ${org}:`,
		reminderIntro: (org: string, on: string) =>
			`As a reminder, a request referred to ${org} awaits your answer by ${on}:`,
		firstName: 'First name',
		profession: 'Profession',
		need: 'Need',
		communes: 'Communes considered',
		due: 'Answer expected on',
		none: 'not specified',
		colon: ': ',
		open: (ref: string) => `Open request ${ref}`,
		next: "On the request's page, accept it to see the person's contact details, then answer or decline. Each answer is added to the request's follow-up.",
		why: (org: string) => `You receive this message as a representative of ${org}.`
	}
} as const;

function referralContent(p: Payload, locale: MailLocale, reminder: boolean): MailContent {
	const w = WORDS[locale];
	const ref = text(p.reference) ?? '—';
	const org = text(p.organization_name) ?? '—';
	const need = say(supportNeedLabels, p.need, locale) ?? '—';
	const due = p.due_on ? date(p.due_on) : w.none;
	const stage = say(careerStageLabels, p.stage, locale)?.toLowerCase();
	const profession = [say(professionLabels, p.profession, locale), stage].filter(Boolean).join(', ') || '—';
	const communes = Array.isArray(p.communes) ? p.communes.filter((c) => typeof c === 'string').join(', ') : '';
	const line = (label: string, value: string) => `- ${label}${w.colon}${value}`;
	const facts = [
		line(w.firstName, text(p.first_name) ?? '—'),
		line(w.profession, profession),
		line(w.need, need),
		line(w.communes, communes || w.none),
		line(w.due, due)
	];
	const path = referralPath(p.referral_id);
	const last = facts.at(-1)!;
	return {
		subject: reminder ? w.reminderSubject(ref, due) : w.subject(need.toLowerCase(), ref),
		body: [
			w.hello,
			reminder ? w.reminderIntro(org, due) : w.intro(org, text(p.charter_title) ?? '—'),
			facts.join('\n'),
			w.next,
			w.why(org)
		].join('\n\n'),
		links: path ? [{ after: last, label: w.open(ref), path }] : []
	};
}

export const referralTemplates: Record<string, SupportTemplate> = {
	support_referral: (payload, locale) => referralContent(payload, locale, false),
	support_referral_reminder: (payload, locale) => referralContent(payload, locale, true)
};
