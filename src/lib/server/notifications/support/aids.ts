/**
 * The coordination's alerts on aid commitments (topic aid_commitments, private.enqueue_commitment_alerts and
 * the trigger on aid_grants): a commitment that ends within 90 days, and a broken one (refund due). The payload
 * is private.aid_grant_payload; the link goes to the charter's aids page (payload.link_path, render.ts).
 */
import { date, text, type MailLocale } from '../mail-format.ts';
import type { SupportTemplate } from './index.ts';

const euros = (value: unknown, locale: MailLocale): string => {
	const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
	return Number.isFinite(n)
		? new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
				style: 'currency',
				currency: 'EUR',
				maximumFractionDigits: Number.isInteger(n) ? 0 : 2
			}).format(n)
		: '—';
};

const WORDS = {
	fr: {
		endingSubject: (name: string, d: string) => `Fin d'engagement le ${d} : ${name}`,
		brokenSubject: (name: string) => `Engagement rompu : ${name}, remboursement dû`,
		hello: 'Bonjour,',
		ending: (name: string, scheme: string, d: string) =>
			`L'engagement de ${name} au titre de « ${scheme} » se termine le ${d}. Vérifiez que l'activité a bien été exercée dans la zone pendant toute la durée prévue, puis indiquez si l'engagement est tenu.`,
		broken: (name: string, scheme: string) =>
			`L'engagement de ${name} au titre de « ${scheme} » est rompu : un remboursement est dû.`,
		amount: 'Montant accordé',
		paid: 'Montant versé',
		period: 'Engagement',
		from: (a: string, b: string) => `du ${a} au ${b}`,
		colon: ' : ',
		why: (t: string) => `Vous recevez ce message en tant que coordinatrice ou coordinateur de « ${t} ».`
	},
	en: {
		endingSubject: (name: string, d: string) => `Commitment ends on ${d}: ${name}`,
		brokenSubject: (name: string) => `Commitment broken: ${name}, refund due`,
		hello: 'Hello,',
		ending: (name: string, scheme: string, d: string) =>
			`The commitment of ${name} under “${scheme}” ends on ${d}. Check that they practised in the area for the whole period, then record whether the commitment was fulfilled.`,
		broken: (name: string, scheme: string) => `The commitment of ${name} under “${scheme}” is broken: a refund is due.`,
		amount: 'Amount granted',
		paid: 'Amount paid',
		period: 'Commitment',
		from: (a: string, b: string) => `from ${a} to ${b}`,
		colon: ': ',
		why: (t: string) => `You receive this message as a coordinator of “${t}”.`
	}
} as const;

function commitmentContent(event: 'ending' | 'broken'): SupportTemplate {
	return (p, locale) => {
		const w = WORDS[locale];
		const name = text(p.beneficiary_name) ?? '—';
		const scheme = text(p.scheme_name) ?? '—';
		const ends = date(p.commitment_ends_on);
		const line = (label: string, value: string) => `${label}${w.colon}${value}`;
		const body = [
			w.hello,
			'',
			event === 'ending' ? w.ending(name, scheme, ends) : w.broken(name, scheme),
			'',
			[
				line(w.amount, euros(p.amount, locale)),
				line(w.paid, euros(p.paid_amount, locale)),
				line(w.period, w.from(date(p.commitment_starts_on), ends))
			].join('\n'),
			'',
			w.why(text(p.charter_title) ?? '—')
		].join('\n');
		return { subject: event === 'ending' ? w.endingSubject(name, ends) : w.brokenSubject(name), body };
	};
}

export const aidTemplates: Record<string, SupportTemplate> = {
	aid_commitment_ending: commitmentContent('ending'),
	aid_commitment_broken: commitmentContent('broken')
};
