/**
 * The COPIL cycle of the Haute-Vienne plan, for the demo and the tests (scripts/seed/meetings-sql.ts writes the
 * SQL): the COPIL of 05/11/2026, held, with its attendees, agenda, frozen dashboard and three decisions (one
 * done, one open, one overdue from 01/12/2026), one journal entry written after it (so that "Depuis le dernier
 * COPIL" has something to show), and the next COPIL, on 14/01/2027, whose update campaign runs from 16/11/2026
 * until 07/01/2027.
 */
export type Presence = 'invited' | 'present' | 'excused' | 'absent';

export interface MeetingSeed {
	key: string;
	kind: 'copil' | 'comite_technique' | 'autre';
	title: string;
	startsAt: string;
	place: string;
	status: 'planned' | 'held';
	updatesDueOn?: string;
	campaignOpensOn?: string;
	minutes?: string;
	attendees: { email?: string; guest?: { name: string; email: string; org: string }; presence: Presence }[];
	items: {
		kind: 'decision_review' | 'alert' | 'other';
		title: string;
		action?: string;
		decision?: string;
		notes?: string;
	}[];
}

export interface DecisionSeed {
	key: string;
	meeting: string;
	text: string;
	owner: string;
	dueOn: string;
	status: 'open' | 'done';
	action?: string;
	statusComment?: string;
	statusChangedAt?: string;
	statusChangedBy?: string;
}

const ATTENDEES: MeetingSeed['attendees'] = [
	{ email: 'coordination.hv@example.org', presence: 'present' },
	{ email: 'copil.hv@example.org', presence: 'present' },
	{ email: 'ars.na@example.org', presence: 'present' },
	{ email: 'ordre.87@example.org', presence: 'excused' },
	{ email: 'fac.limoges@example.org', presence: 'present' },
	{ guest: { name: 'Service santé du Département', email: 'sante@cd87.example.org', org: 'cd87' }, presence: 'present' }
];

export const HV_MEETINGS: MeetingSeed[] = [
	{
		key: 'copil-2026-11',
		kind: 'copil',
		title: 'COPIL de suivi du plan, deux ans après sa signature',
		startsAt: '2026-11-05T14:00:00+01:00',
		place: 'Hôtel du Département, salle du conseil, Limoges',
		status: 'held',
		minutes:
			'Le comité a fait le point sur les sept actions du plan. La régulation du SAS fonctionne en semaine ; ' +
			'l’organisation des week-ends reste à trouver. Le recrutement de maîtres de stage est en retard dans le nord du ' +
			'département. Trois décisions ont été prises.',
		attendees: ATTENDEES,
		items: [
			{ kind: 'alert', title: 'Action 1.2 bloquée : les référents de l’URPS ne sont pas désignés', action: '1.2' },
			{ kind: 'alert', title: 'Action 2.2 hors trajectoire : recrutement des MSU', action: '2.2' },
			{ kind: 'other', title: 'Bilan des stages de l’été 2026' }
		]
	},
	{
		key: 'copil-2027-01',
		kind: 'copil',
		title: 'COPIL de janvier 2027',
		startsAt: '2027-01-14T14:30:00+01:00',
		place: 'Agence régionale de santé, délégation de la Haute-Vienne, Limoges',
		status: 'planned',
		updatesDueOn: '2027-01-07',
		campaignOpensOn: '2026-11-16',
		attendees: ATTENDEES.map((a) => ({ ...a, presence: 'invited' as const })),
		items: [
			{ kind: 'decision_review', title: 'D01 — Permanence commune à Saint-Junien : faite', decision: 'd01' },
			{ kind: 'decision_review', title: 'D02 — Relancer le recrutement de MSU dans le nord', decision: 'd02' },
			{ kind: 'decision_review', title: 'D03 — Organisation des week-ends du SAS : en retard', decision: 'd03' },
			{ kind: 'alert', title: 'Action 1.2 bloquée', action: '1.2' }
		]
	}
];

export const HV_DECISIONS: DecisionSeed[] = [
	{
		key: 'd01',
		meeting: 'copil-2026-11',
		text: 'Ouvrir une permanence commune Ordre–Département à Saint-Junien avant la fin de l’année.',
		owner: 'ordre87',
		dueOn: '2026-12-15',
		status: 'done',
		action: '2.1',
		statusComment: 'Première permanence tenue le 24/11/2026, puis chaque dernier mardi du mois.',
		statusChangedAt: '2026-11-25T09:30:00+01:00',
		statusChangedBy: 'ordre.87@example.org'
	},
	{
		key: 'd02',
		meeting: 'copil-2026-11',
		text: 'Relancer le recrutement de maîtres de stage dans le nord du département, avec l’URPS.',
		owner: 'fac-limoges',
		dueOn: '2027-03-31',
		status: 'open',
		action: '2.2'
	},
	{
		key: 'd03',
		meeting: 'copil-2026-11',
		text: 'Proposer une organisation des week-ends pour la régulation du SAS.',
		owner: 'ars-na',
		dueOn: '2026-11-30',
		status: 'open',
		action: '1.1'
	}
];

/** Written after the COPIL of 05/11/2026, during the next campaign. */
export const HV_UPDATE_AFTER_COPIL = {
	action: '2.1',
	on: '2026-11-25',
	by: 'ordre.87@example.org',
	status: 'in_progress' as const,
	progress: 65,
	health: 'on_track' as const,
	comment: 'Deux projets d’installation accompagnés lors de la première permanence commune, le 24/11/2026.'
};
