/**
 * The weekly digests (private.enqueue_weekly_digests writes their data), in the recipient's language:
 * - officials: the arrivals in their communes in the next four weeks;
 * - steering members: what changed in the charter in the last seven days;
 * - partner representatives: their organization's overdue actions and actions without news for too long, and
 *   the requests referred to it past their due date (reference, need and due date only), and the open
 *   decisions of the steering committee it owns (overdue first); steering members also get the count of open
 *   and overdue decisions.
 */
import {
	healthLabels,
	housingLabels,
	levelLabels,
	professionLabels,
	statusLabels,
	supportNeedLabels
} from '../../labels.ts';
import { actionUpdatePath, date, referralPath, say, text, type MailContent, type MailLocale } from './mail-format.ts';

type Row = Record<string, unknown>;
const rows = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);
const count = (value: unknown): number => (typeof value === 'number' ? value : 0);

const WORDS = {
	fr: {
		hello: 'Bonjour,',
		officialSubject: (n: number) =>
			n === 1
				? 'Vos communes : 1 arrivée de stagiaire dans les quatre semaines à venir'
				: `Vos communes : ${n} arrivées de stagiaires dans les quatre semaines à venir`,
		officialIntro: (until: string, title: string) =>
			`Voici les arrivées de stagiaires prévues dans vos communes d'ici le ${until}, pour « ${title} » :`,
		arrival: (d: string, first: string, prof: string, level: string, host: string, commune: string, housing: string) =>
			`- ${d} : ${first}, ${prof} (${level}), accueil : ${host} à ${commune} ; hébergement : ${housing}`,
		unspecified: 'non précisé',
		officialWhy: 'Vous recevez ce récapitulatif chaque semaine au titre de votre mandat municipal.',
		steeringSubject: (title: string) => `${title} : ce qui a changé cette semaine`,
		steeringIntro: (title: string) => `Voici ce qui a changé dans « ${title} » au cours des sept derniers jours :`,
		updates: (n: number) =>
			n === 0 ? 'Aucune action mise à jour.' : n === 1 ? "1 mise à jour d'action :" : `${n} mises à jour d'actions :`,
		update: (code: string, title: string, status: string, progress: number, health: string, on: string) =>
			`- ${code} ${title} : ${status}, ${progress} %, ${health} (${on})`,
		values: (n: number) =>
			n === 1 ? "1 nouvelle valeur d'indicateur saisie." : `${n} nouvelles valeurs d'indicateurs saisies.`,
		steeringWhy: 'Vous recevez ce récapitulatif chaque semaine en tant que membre du comité de pilotage.',
		partnerSubject: (n: number, short: string) =>
			n === 1
				? `Vos actions : 1 action à mettre à jour (${short})`
				: `Vos actions : ${n} actions à mettre à jour (${short})`,
		partnerIntro: (title: string, org: string) =>
			`Ces actions de « ${title} » auxquelles ${org} participe sont en retard ou sans nouvelles depuis longtemps :`,
		overdue: (on: string) => `échéance dépassée (${on})`,
		never: 'jamais mise à jour',
		stale: (on: string) => `sans nouvelles depuis le ${on}`,
		colon: ' : ',
		oneMinute: 'Une mise à jour prend une minute : statut, avancement et un commentaire.',
		oneMinuteLink:
			'Une mise à jour prend une minute : le bouton de chaque action ouvre directement son formulaire (après connexion si besoin).',
		youLead: (org: string) =>
			`${org} pilote ces actions : c'est à vous d'en donner l'état (statut, avancement, commentaire).`,
		youContribute: (org: string) =>
			`${org} contribue à ces actions, pilotées par une autre organisation : indiquez l'avancement de votre part et ce qui a été fait en commentaire. Le pilote en décide le statut.`,
		leadBy: (lead: string) => ` (pilote : ${lead})`,
		button: (code: string) => `Mettre à jour l'action ${code}`,
		partnerWhy: 'Vous recevez ce récapitulatif chaque semaine au titre de votre organisation.',
		referralsSubject: (n: number, short: string) =>
			n === 1 ? `Vos demandes : 1 demande en retard (${short})` : `Vos demandes : ${n} demandes en retard (${short})`,
		referralsIntro: (n: number, org: string) =>
			n === 1
				? `1 demande d'accompagnement orientée vers ${org} a dépassé sa date de réponse :`
				: `${n} demandes d'accompagnement orientées vers ${org} ont dépassé leur date de réponse :`,
		referral: (ref: string, need: string, on: string) => `- Demande ${ref}, ${need} : réponse attendue le ${on}`,
		referralButton: (ref: string) => `Ouvrir la demande ${ref}`,
		decisionsSubject: (n: number, short: string) =>
			n === 1 ? `Vos décisions : 1 décision à suivre (${short})` : `Vos décisions : ${n} décisions à suivre (${short})`,
		decisionsIntro: (org: string) =>
			`Les décisions du comité de pilotage dont ${org} est responsable et qui restent à faire :`,
		decision: (code: string, body: string, due: string) => `- ${code} ${body}${due}`,
		decisionOverdue: (on: string) => ` : en retard, échéance le ${on}`,
		decisionDue: (on: string) => ` : échéance le ${on}`,
		decisionsHow:
			'Quand une décision est faite, indiquez-le dans « Mes actions » avec une phrase sur ce qui a été fait.',
		decisionCounts: (open: number, overdue: number) =>
			open === 0
				? 'Aucune décision ouverte.'
				: `${open === 1 ? '1 décision ouverte' : `${open} décisions ouvertes`}, dont ${overdue} en retard.`
	},
	en: {
		hello: 'Hello,',
		officialSubject: (n: number) =>
			n === 1
				? 'Your communes: 1 intern arriving in the next four weeks'
				: `Your communes: ${n} interns arriving in the next four weeks`,
		officialIntro: (until: string, title: string) =>
			`Here are the interns expected in your communes until ${until}, for “${title}”:`,
		arrival: (d: string, first: string, prof: string, level: string, host: string, commune: string, housing: string) =>
			`- ${d}: ${first}, ${prof} (${level}), hosted by ${host} in ${commune}; housing: ${housing}`,
		unspecified: 'not specified',
		officialWhy: 'You receive this summary every week as an elected official.',
		steeringSubject: (title: string) => `${title}: what changed this week`,
		steeringIntro: (title: string) => `Here is what changed in “${title}” over the last seven days:`,
		updates: (n: number) => (n === 0 ? 'No action updated.' : n === 1 ? '1 action update:' : `${n} action updates:`),
		update: (code: string, title: string, status: string, progress: number, health: string, on: string) =>
			`- ${code} ${title}: ${status}, ${progress}%, ${health} (${on})`,
		values: (n: number) => (n === 1 ? '1 new indicator value entered.' : `${n} new indicator values entered.`),
		steeringWhy: 'You receive this summary every week as a member of the steering committee.',
		partnerSubject: (n: number, short: string) =>
			n === 1 ? `Your actions: 1 action to update (${short})` : `Your actions: ${n} actions to update (${short})`,
		partnerIntro: (title: string, org: string) =>
			`These actions of “${title}” that ${org} takes part in are late or without news for a long time:`,
		overdue: (on: string) => `past its due date (${on})`,
		never: 'never updated',
		stale: (on: string) => `no news since ${on}`,
		colon: ': ',
		oneMinute: 'An update takes a minute: status, progress and a comment.',
		oneMinuteLink:
			"An update takes a minute: each action's button opens its update form directly (after signing in if needed).",
		youLead: (org: string) =>
			`${org} leads these actions: it is up to you to give their state (status, progress, comment).`,
		youContribute: (org: string) =>
			`${org} contributes to these actions, led by another organization: give the progress of your part and what was done in a comment. The lead decides their status.`,
		leadBy: (lead: string) => ` (lead: ${lead})`,
		button: (code: string) => `Update action ${code}`,
		partnerWhy: 'You receive this summary every week on behalf of your organization.',
		referralsSubject: (n: number, short: string) =>
			n === 1 ? `Your requests: 1 overdue request (${short})` : `Your requests: ${n} overdue requests (${short})`,
		referralsIntro: (n: number, org: string) =>
			n === 1
				? `1 support request referred to ${org} is past its answer date:`
				: `${n} support requests referred to ${org} are past their answer date:`,
		referral: (ref: string, need: string, on: string) => `- Request ${ref}, ${need}: answer expected on ${on}`,
		referralButton: (ref: string) => `Open request ${ref}`,
		decisionsSubject: (n: number, short: string) =>
			n === 1
				? `Your decisions: 1 decision to follow up (${short})`
				: `Your decisions: ${n} decisions to follow up (${short})`,
		decisionsIntro: (org: string) =>
			`The steering committee's decisions ${org} is responsible for and that remain to be done:`,
		decision: (code: string, body: string, due: string) => `- ${code} ${body}${due}`,
		decisionOverdue: (on: string) => `: overdue, due on ${on}`,
		decisionDue: (on: string) => `: due on ${on}`,
		decisionsHow: 'When a decision is done, say so in “My actions” with a sentence on what was done.',
		decisionCounts: (open: number, overdue: number) =>
			open === 0
				? 'No open decision.'
				: `${open === 1 ? '1 open decision' : `${open} open decisions`}, ${overdue} of them overdue.`
	}
} as const;

const paragraphs = (...parts: (string | null)[]) => parts.filter((p): p is string => p !== null).join('\n\n');

/** The subject and text of a digest, or null when `kind` is not a digest. */
export function digestContent(kind: string, p: Row, locale: MailLocale): MailContent | null {
	const w = WORDS[locale];
	const title = text(p.charter_title) ?? '—';
	if (kind === 'digest_official') {
		const arrivals = rows(p.arrivals).map((a) =>
			w.arrival(
				date(a.starts_on),
				text(a.intern_first_name) ?? '—',
				say(professionLabels, a.profession, locale) ?? '—',
				say(levelLabels, a.level, locale)?.toLowerCase() ?? '—',
				text(a.host_name) ?? '—',
				text(a.commune_name) ?? '—',
				say(housingLabels, a.housing, locale) ?? w.unspecified
			)
		);
		return {
			subject: w.officialSubject(arrivals.length),
			body: paragraphs(w.hello, w.officialIntro(date(p.until), title), arrivals.join('\n'), w.officialWhy)
		};
	}
	if (kind === 'digest_steering') {
		const updates = rows(p.updates).map((u) =>
			w.update(
				text(u.code) ?? '',
				text(u.title) ?? '',
				say(statusLabels, u.status, locale) ?? '—',
				count(u.progress),
				say(healthLabels, u.health, locale)?.toLowerCase() ?? '—',
				date(u.on)
			)
		);
		const n = count(p.update_count);
		const values = count(p.value_count);
		return {
			subject: w.steeringSubject(title),
			body: [
				paragraphs(w.hello, w.steeringIntro(title), [w.updates(n), ...(n > 0 ? updates : [])].join('\n')),
				values > 0 ? `\n${w.values(values)}` : null,
				count(p.open_decision_count) > 0
					? `\n${w.decisionCounts(count(p.open_decision_count), count(p.overdue_decision_count))}`
					: null,
				`\n${w.steeringWhy}`
			]
				.filter((part): part is string => part !== null)
				.join('\n')
		};
	}
	if (kind === 'digest_partner') {
		const org = text(p.organization_name) ?? '—';
		const links: NonNullable<MailContent['links']> = [];
		const line = (a: Row) => {
			const reason =
				a.reason === 'overdue' ? w.overdue(date(a.on)) : a.reason === 'never' ? w.never : w.stale(date(a.on));
			const lead = a.leads === false && text(a.lead_name) ? w.leadBy(text(a.lead_name)!) : '';
			const item = `- ${text(a.code) ?? ''} ${text(a.title) ?? ''}${lead}${w.colon}${reason}`;
			const path = actionUpdatePath(p.charter_slug, a.id);
			if (path) links.push({ after: item, label: w.button(text(a.code) ?? ''), path });
			return item;
		};
		const all = rows(p.actions);
		// The pilot's representatives are asked first (their actions come first), contributors are told their part.
		const led = all.filter((a) => a.leads !== false).map(line);
		const helped = all.filter((a) => a.leads === false).map(line);
		const referrals = rows(p.referrals).map((r) => {
			const ref = text(r.reference) ?? '—';
			const item = w.referral(ref, say(supportNeedLabels, r.need, locale)?.toLowerCase() ?? '—', date(r.due_on));
			const path = referralPath(r.id);
			if (path) links.push({ after: item, label: w.referralButton(ref), path });
			return item;
		});
		// The open decisions the organization owns, overdue first (the SQL orders them).
		const decisions = rows(p.decisions).map((d) =>
			w.decision(
				text(d.code) ?? '',
				text(d.text) ?? '',
				d.due_on ? (d.overdue === true ? w.decisionOverdue(date(d.due_on)) : w.decisionDue(date(d.due_on))) : ''
			)
		);
		const short = text(p.charter_short_title) ?? title;
		return {
			subject: all.length
				? w.partnerSubject(all.length, short)
				: referrals.length
					? w.referralsSubject(referrals.length, short)
					: w.decisionsSubject(decisions.length, short),
			body: paragraphs(
				w.hello,
				decisions.length ? [w.decisionsIntro(org), ...decisions, w.decisionsHow].join('\n') : null,
				referrals.length ? [w.referralsIntro(referrals.length, org), ...referrals].join('\n') : null,
				all.length ? w.partnerIntro(title, org) : null,
				led.length ? [w.youLead(org), ...led].join('\n') : null,
				helped.length ? [w.youContribute(org), ...helped].join('\n') : null,
				all.length ? (links.length ? w.oneMinuteLink : w.oneMinute) : null,
				w.partnerWhy
			),
			links
		};
	}
	return null;
}
