/**
 * The e-mails of a request coming in through the public form (private.submit_support_request writes both in
 * the same transaction as the request):
 * - `support_acknowledgement`, to the professional, in the language they chose on the form (the payload's
 *   `locale`: they have no account), with the reference and what happens next; transactional (no topic);
 * - `support_request_received`, to each coordinator of the charter (topic support_requests), with what the
 *   request is about and, in the footer, the link to it in the app.
 */
import { careerStageLabels, professionLabels, supportNeedLabels } from '../../../labels.ts';
import { date, say, text, type MailContent, type MailLocale } from '../mail-format.ts';
import type { SupportTemplate } from './index.ts';

const WORDS = {
	fr: {
		ackSubject: (r: string) => `Votre demande d'accompagnement ${r} est bien reçue`,
		hello: (n: string | null) => (n ? `Bonjour ${n},` : 'Bonjour,'),
		ackIntro: (t: string, r: string) =>
			`La coordination de « ${t} » a bien reçu votre demande d'accompagnement à l'installation. Sa référence : ${r}.`,
		needs: 'Les besoins que vous avez indiqués :',
		next: 'Et maintenant ? La coordination lit votre demande et vous recontacte pour en parler avec vous. Elle oriente ensuite chacun de vos besoins vers les partenaires concernés (mairie, CPTS, Ordre…), qui ne reçoivent que ce qui est utile à leur réponse.',
		keep: 'Gardez cette référence : elle vous sera demandée si vous recontactez la coordination. Vous pouvez lui demander à tout moment l’accès à vos données ou leur effacement.',
		why: "Vous recevez ce message parce que cette adresse a été indiquée dans le formulaire « Vous souhaitez vous installer ? ». Si ce n'est pas vous, ignorez-le.",
		newSubject: (r: string, p: string) => `Nouvelle demande d'accompagnement ${r} : ${p}`,
		newIntro: (t: string) =>
			`Une nouvelle demande d'accompagnement est arrivée par le formulaire en ligne de « ${t} ».`,
		reference: 'Référence',
		firstName: 'Prénom',
		profession: 'Profession',
		communes: 'Communes envisagées',
		wished: 'Installation souhaitée',
		none: 'non précisé',
		open: "Ouvrez la demande dans l'application (lien ci-dessous) pour la suivre et l'orienter.",
		colon: ' : '
	},
	en: {
		ackSubject: (r: string) => `Your support request ${r} has been received`,
		hello: (n: string | null) => (n ? `Hello ${n},` : 'Hello,'),
		ackIntro: (t: string, r: string) =>
			`The coordination of “${t}” has received your request for installation support. Its reference: ${r}.`,
		needs: 'The needs you stated:',
		next: 'What happens next? The coordination reads your request and contacts you to talk it over. They then route each of your needs to the partners concerned (town hall, CPTS, Ordre…), who receive only what their answer requires.',
		keep: 'Keep this reference: you will be asked for it if you contact the coordination again. You may ask them at any time for access to your data or its erasure.',
		why: 'You receive this message because this address was given in the form “Thinking of settling here?”. If it was not you, ignore it.',
		newSubject: (r: string, p: string) => `New support request ${r}: ${p}`,
		newIntro: (t: string) => `A new support request came in through the online form of “${t}”.`,
		reference: 'Reference',
		firstName: 'First name',
		profession: 'Profession',
		communes: 'Communes considered',
		wished: 'Wished installation',
		none: 'not specified',
		open: 'Open the request in the app (link below) to follow it up and route it.',
		colon: ': '
	}
} as const;

const list = (values: unknown): unknown[] => (Array.isArray(values) ? values : []);

function needLines(needs: unknown, locale: MailLocale): string[] {
	return list(needs)
		.map((n) => say(supportNeedLabels, n, locale))
		.filter((l): l is string => l !== null)
		.map((l) => `- ${l}`);
}

function acknowledgement(p: Record<string, unknown>, locale: MailLocale): MailContent {
	const w = WORDS[locale];
	const reference = text(p.reference) ?? '—';
	const needs = needLines(p.needs, locale);
	const body = [
		w.hello(text(p.first_name)),
		'',
		w.ackIntro(text(p.charter_title) ?? '—', reference),
		...(needs.length ? ['', `${w.needs}\n${needs.join('\n')}`] : []),
		'',
		w.next,
		'',
		w.keep,
		'',
		w.why
	].join('\n');
	return { subject: w.ackSubject(reference), body };
}

function received(p: Record<string, unknown>, locale: MailLocale): MailContent {
	const w = WORDS[locale];
	const reference = text(p.reference) ?? '—';
	const profession = say(professionLabels, p.profession, locale) ?? '—';
	const stage = say(careerStageLabels, p.stage, locale);
	const communes = list(p.communes).filter((c): c is string => typeof c === 'string');
	const line = (label: string, value: string) => `${label}${w.colon}${value}`;
	const needs = needLines(p.needs, locale);
	const body = [
		w.hello(null),
		'',
		w.newIntro(text(p.charter_title) ?? '—'),
		'',
		[
			line(w.reference, reference),
			line(w.firstName, text(p.first_name) ?? '—'),
			line(w.profession, stage ? `${profession} (${stage.toLowerCase()})` : profession),
			line(w.communes, communes.length ? communes.join(', ') : w.none),
			line(w.wished, p.wished_on ? date(p.wished_on) : w.none)
		].join('\n'),
		...(needs.length ? ['', `${w.needs}\n${needs.join('\n')}`] : []),
		'',
		w.open
	].join('\n');
	return { subject: w.newSubject(reference, profession), body };
}

export const intakeTemplates: Record<string, SupportTemplate> = {
	support_acknowledgement: acknowledgement,
	support_request_received: received
};
