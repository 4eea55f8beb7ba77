/**
 * The installation-support part of the demo charters (issue 14): the editions of event actions, Cholet's aid
 * schemes and grants, and the Vaucluse requests routed to its partners. Beneficiaries and requesters are
 * fictional people (reserved example.org addresses); the schemes, ceilings, commitment years and the pooled
 * envelope come from the Cholet document, the editions' figures from the Cotentin and Ain documents.
 */
import type { Enums } from '../../src/lib/database.types.ts';

export interface OccurrenceSeed {
	/** `charterKey/actionCode`. */
	action: string;
	heldOn: string;
	commune?: string;
	participants?: number;
	professionals?: number;
	interested?: number;
	note?: string;
}

export interface AidSchemeSeed {
	key: string;
	charter: string;
	action?: string;
	name: string;
	kind: Enums<'aid_kind'>;
	funder?: string;
	maxAmount?: number;
	maxAmountPerYear?: boolean;
	commitmentYears?: number;
	envelopeAmount?: number;
	note?: string;
}

export interface AidGrantSeed {
	key: string;
	scheme: string;
	/** The key of a seeded request of the same charter. */
	request?: string;
	beneficiary: string;
	amount: number;
	decidedOn: string;
	paid: number;
	startsOn?: string;
	/** Only when it is not the start plus the scheme's years. */
	endsOn?: string;
	status: Enums<'aid_grant_status'>;
	refund?: number;
	note?: string;
}

export interface ReferralSeed {
	org: string;
	need: Enums<'support_need'>;
	status: Enums<'referral_status'>;
	dueOn?: string;
	routedAt: string;
	answeredAt?: string;
	note?: string;
}

export interface SupportRequestSeed {
	key: string;
	charter: string;
	firstName: string;
	lastName: string;
	email: string;
	phone?: string;
	profession: Enums<'health_profession'>;
	stage: Enums<'career_stage'>;
	specialty?: string;
	project?: string;
	needs: Enums<'support_need'>[];
	channel: Enums<'support_channel'>;
	status: Enums<'support_status'>;
	receivedAt: string;
	communes: string[];
	installed?: { on: string; commune: string; mode: Enums<'practice_mode'> };
	closedAt?: string;
	outcomeNote?: string;
	referrals?: ReferralSeed[];
	journal?: { at: string; kind: Enums<'support_event_kind'>; org?: string; body: string }[];
}

// ------------------------------------------------------------------------------------------- editions
const COTENTIN_YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];
export const OCCURRENCES: OccurrenceSeed[] = [
	...COTENTIN_YEARS.map((year) => ({
		action: 'cotentin/1.1',
		heldOn: `${year}-07-01`,
		commune: '50129',
		participants: 100,
		note: 'Environ une centaine d’internes (la source ne donne pas de décompte exact ; date du week-end : fin juin ou début juillet).'
	})),
	{
		action: 'ain/1.1',
		heldOn: '2024-04-30',
		participants: 450,
		note: 'Plus de 450 professionnels de santé (avril 2024, jour non précisé).'
	}
];

// ------------------------------------------------------------------------------------------- Cholet aids
export const AID_SCHEMES: AidSchemeSeed[] = [
	{
		key: 'cholet-installation',
		charter: 'cholet',
		action: '1.1',
		name: 'Aide forfaitaire à l’installation',
		kind: 'installation',
		funder: 'cholet-agglo',
		commitmentYears: 5,
		note: 'Médecins généralistes libéraux en ambulatoire ; engagement d’exercer au minimum 5 ans dans la ZAC. Montant non publié.'
	},
	{
		key: 'cholet-maintien',
		charter: 'cholet',
		action: '1.2',
		name: 'Aide au maintien des cabinets médicaux',
		kind: 'maintien',
		funder: 'cholet-agglo',
		commitmentYears: 5,
		note: 'Cabinets libéraux confrontés au départ d’un membre de l’équipe ; maintien de l’activité au minimum 5 ans dans la ZAC.'
	},
	{
		key: 'cholet-etudes',
		charter: 'cholet',
		action: '1.3',
		name: 'Indemnité d’étude et de projet professionnel',
		kind: 'etudes',
		funder: 'cholet-agglo',
		maxAmount: 4800,
		maxAmountPerYear: true,
		commitmentYears: 5,
		note: 'Étudiants et internes de 3e cycle de médecine générale, au plus 4 800 € par an ; engagement d’exercer 5 ans dans la ZAC.'
	}
];

export const AID_GRANTS: AidGrantSeed[] = [
	{
		key: 'cholet/brechet',
		scheme: 'cholet-installation',
		beneficiary: 'Dr Hélène Bréchet',
		amount: 15000,
		decidedOn: '2024-03-12',
		paid: 15000,
		startsOn: '2024-04-01',
		status: 'in_commitment'
	},
	{
		key: 'cholet/legoff',
		scheme: 'cholet-installation',
		request: 'cholet/legoff',
		beneficiary: 'Dr Yann Le Goff',
		amount: 15000,
		decidedOn: '2025-01-20',
		paid: 15000,
		startsOn: '2025-03-01',
		status: 'in_commitment'
	},
	{
		key: 'cholet/vasseur',
		scheme: 'cholet-installation',
		beneficiary: 'Dr Paul Vasseur',
		amount: 15000,
		decidedOn: '2024-05-14',
		paid: 15000,
		startsOn: '2024-06-01',
		status: 'broken',
		note: 'Installé hors de la ZAC depuis septembre 2026 : engagement rompu, remboursement dû.'
	},
	{
		key: 'cholet/puy-saint-bonnet',
		scheme: 'cholet-maintien',
		beneficiary: 'Cabinet médical du Puy-Saint-Bonnet',
		amount: 20000,
		decidedOn: '2024-09-10',
		paid: 20000,
		startsOn: '2024-10-01',
		status: 'in_commitment'
	},
	{
		key: 'cholet/mazieres',
		scheme: 'cholet-maintien',
		beneficiary: 'Cabinet médical de Mazières-en-Mauges',
		amount: 12000,
		decidedOn: '2024-02-05',
		paid: 12000,
		startsOn: '2024-02-15',
		endsOn: '2027-02-15',
		status: 'in_commitment',
		note: 'Engagement ramené à 3 ans par délibération (départ en retraite programmé du dernier associé).'
	},
	{
		key: 'cholet/trementines',
		scheme: 'cholet-maintien',
		beneficiary: 'Cabinet médical de Trémentines',
		amount: 10000,
		decidedOn: '2025-06-10',
		paid: 10000,
		startsOn: '2025-07-01',
		status: 'in_commitment'
	},
	{
		key: 'cholet/nguyen',
		scheme: 'cholet-etudes',
		beneficiary: 'Minh Nguyen',
		amount: 4800,
		decidedOn: '2026-10-05',
		paid: 4800,
		startsOn: '2028-11-02',
		status: 'paid',
		note: 'Une année d’internat.'
	},
	{
		key: 'cholet/riviere',
		scheme: 'cholet-etudes',
		beneficiary: 'Camille Rivière',
		amount: 9600,
		decidedOn: '2025-09-15',
		paid: 4800,
		startsOn: '2026-11-02',
		status: 'paid',
		note: 'Deux années d’études (2025-2026 et 2026-2027).'
	},
	{
		key: 'cholet/morin',
		scheme: 'cholet-etudes',
		beneficiary: 'Lucas Morin',
		amount: 14400,
		decidedOn: '2026-09-01',
		paid: 4800,
		startsOn: '2027-11-02',
		status: 'paid',
		note: 'Trois années d’internat.'
	}
];

// ------------------------------------------------------------------------------------------- requests
export const SUPPORT_REQUESTS: SupportRequestSeed[] = [
	{
		key: 'vaucluse/morel',
		charter: 'vaucluse',
		firstName: 'Inès',
		lastName: 'Morel',
		email: 'ines.morel@example.org',
		profession: 'medecine',
		stage: 'docteur_junior',
		specialty: 'Médecine générale',
		project: 'Installation en cabinet de groupe après mon année de docteur junior.',
		needs: ['logement', 'garde_enfants'],
		channel: 'public_form',
		status: 'new',
		receivedAt: '2026-11-27T09:12:00Z',
		communes: ['84031']
	},
	{
		key: 'vaucluse/roche',
		charter: 'vaucluse',
		firstName: 'Julien',
		lastName: 'Roche',
		email: 'julien.roche@example.org',
		phone: '06 12 34 56 78',
		profession: 'medecine',
		stage: 'interne',
		needs: ['information', 'stage_msu'],
		channel: 'phone',
		status: 'new',
		receivedAt: '2026-11-24T14:30:00Z',
		communes: ['84087', '84007']
	},
	{
		key: 'vaucluse/benhamou',
		charter: 'vaucluse',
		firstName: 'Sarah',
		lastName: 'Benhamou',
		email: 'sarah.benhamou@example.org',
		profession: 'medecine',
		stage: 'remplacant',
		specialty: 'Médecine générale',
		project: 'Reprendre une patientèle à Carpentras ou Pertuis ; mon conjoint cherche un poste d’enseignant.',
		needs: ['logement', 'emploi_conjoint', 'locaux'],
		channel: 'email',
		status: 'in_progress',
		receivedAt: '2026-10-20T08:00:00Z',
		communes: ['84031', '84089'],
		referrals: [
			{
				org: 'mairie-carpentras',
				need: 'logement',
				status: 'accepted',
				dueOn: '2026-12-15',
				routedAt: '2026-10-22T10:00:00Z',
				answeredAt: '2026-10-24T09:00:00Z',
				note: 'Logement pour un couple et deux enfants, à partir de mars.'
			},
			{
				org: 'cpts-cerebellum',
				need: 'locaux',
				status: 'sent',
				dueOn: '2026-11-15',
				routedAt: '2026-10-22T10:05:00Z',
				note: 'Cabinet à reprendre ou place en maison de santé.'
			}
		],
		journal: [
			{ at: '2026-10-21T09:00:00Z', kind: 'contact', body: 'Premier échange téléphonique : projet pour le printemps.' },
			{
				at: '2026-10-24T09:00:00Z',
				kind: 'answer',
				org: 'mairie-carpentras',
				body: 'Deux logements communaux possibles, visite à proposer.'
			}
		]
	},
	{
		key: 'vaucluse/caron',
		charter: 'vaucluse',
		firstName: 'Mathieu',
		lastName: 'Caron',
		email: 'mathieu.caron@example.org',
		profession: 'medecine',
		stage: 'en_exercice',
		project: 'Médecin installé à Lyon, souhaite venir exercer en Vaucluse, d’abord en remplacement.',
		needs: ['remplacement', 'information'],
		channel: 'phone',
		status: 'in_progress',
		receivedAt: '2026-11-02T15:00:00Z',
		communes: ['84035'],
		referrals: [
			{
				org: 'ordre84',
				need: 'information',
				status: 'done',
				dueOn: '2026-11-20',
				routedAt: '2026-11-03T09:00:00Z',
				answeredAt: '2026-11-10T11:00:00Z'
			},
			{
				org: 'cpts-cerebellum',
				need: 'remplacement',
				status: 'accepted',
				dueOn: '2026-12-20',
				routedAt: '2026-11-03T09:05:00Z',
				answeredAt: '2026-11-05T16:00:00Z'
			}
		],
		journal: [
			{
				at: '2026-11-10T11:00:00Z',
				kind: 'answer',
				org: 'ordre84',
				body: 'Démarches d’inscription au tableau expliquées.'
			}
		]
	},
	{
		key: 'vaucluse/fontaine',
		charter: 'vaucluse',
		firstName: 'Léa',
		lastName: 'Fontaine',
		email: 'lea.fontaine@example.org',
		profession: 'medecine',
		stage: 'docteur_junior',
		project: 'Projet d’installation reporté d’un an.',
		needs: ['garde_enfants', 'scolarite', 'aides_financieres'],
		channel: 'event',
		status: 'on_hold',
		receivedAt: '2026-09-15T10:00:00Z',
		communes: ['84031', '84054'],
		referrals: [
			{
				org: 'mairie-carpentras',
				need: 'garde_enfants',
				status: 'declined',
				dueOn: '2026-10-15',
				routedAt: '2026-09-16T09:00:00Z',
				answeredAt: '2026-09-30T09:00:00Z',
				note: 'Place en crèche pour un enfant de 18 mois.'
			},
			{
				org: 'cpam84',
				need: 'aides_financieres',
				status: 'sent',
				dueOn: '2026-10-31',
				routedAt: '2026-09-16T09:10:00Z'
			}
		],
		journal: [
			{
				at: '2026-10-05T09:00:00Z',
				kind: 'note',
				body: 'La professionnelle reporte son projet : à rappeler en septembre 2027.'
			}
		]
	},
	{
		key: 'vaucluse/giraud',
		charter: 'vaucluse',
		firstName: 'Antoine',
		lastName: 'Giraud',
		email: 'antoine.giraud@example.org',
		profession: 'medecine',
		stage: 'remplacant',
		needs: ['locaux', 'aides_financieres', 'information'],
		channel: 'email',
		status: 'installed',
		receivedAt: '2026-03-10T09:00:00Z',
		communes: ['84031'],
		installed: { on: '2026-09-01', commune: '84031', mode: 'liberal' },
		closedAt: '2026-09-02T09:00:00Z',
		referrals: [
			{
				org: 'ordre84',
				need: 'information',
				status: 'done',
				dueOn: '2026-04-10',
				routedAt: '2026-03-12T09:00:00Z',
				answeredAt: '2026-03-20T09:00:00Z'
			},
			{
				org: 'cpam84',
				need: 'aides_financieres',
				status: 'done',
				dueOn: '2026-04-30',
				routedAt: '2026-03-12T09:05:00Z',
				answeredAt: '2026-05-06T09:00:00Z'
			},
			{
				org: 'mairie-carpentras',
				need: 'locaux',
				status: 'done',
				dueOn: '2026-05-31',
				routedAt: '2026-03-12T09:10:00Z',
				answeredAt: '2026-05-20T09:00:00Z'
			}
		],
		journal: [
			{
				at: '2026-05-20T09:00:00Z',
				kind: 'answer',
				org: 'mairie-carpentras',
				body: 'Local de la maison de santé attribué.'
			},
			{ at: '2026-09-02T09:00:00Z', kind: 'status', body: 'Installé à Carpentras le 01/09/2026.' }
		]
	},
	{
		key: 'vaucluse/bernard',
		charter: 'vaucluse',
		firstName: 'Chloé',
		lastName: 'Bernard',
		email: 'chloe.bernard@example.org',
		profession: 'medecine',
		stage: 'docteur_junior',
		needs: ['stage_msu'],
		channel: 'partner',
		status: 'installed',
		receivedAt: '2026-01-12T09:00:00Z',
		communes: ['84007'],
		installed: { on: '2026-06-15', commune: '84007', mode: 'mixte' },
		closedAt: '2026-06-16T09:00:00Z',
		referrals: [
			{
				org: 'cpts-cerebellum',
				need: 'stage_msu',
				status: 'done',
				dueOn: '2026-02-15',
				routedAt: '2026-01-13T09:00:00Z',
				answeredAt: '2026-02-20T09:00:00Z'
			}
		]
	},
	{
		key: 'vaucluse/lemaire',
		charter: 'vaucluse',
		firstName: 'Hugo',
		lastName: 'Lemaire',
		email: 'hugo.lemaire@example.org',
		profession: 'medecine',
		stage: 'interne',
		needs: ['logement'],
		channel: 'phone',
		status: 'abandoned',
		receivedAt: '2026-02-02T09:00:00Z',
		communes: ['84138'],
		closedAt: '2026-05-02T09:00:00Z',
		outcomeNote: 'A choisi de s’installer dans la Drôme, plus près de sa famille.',
		referrals: [
			{
				org: 'mairie-carpentras',
				need: 'logement',
				status: 'declined',
				dueOn: '2026-03-01',
				routedAt: '2026-02-03T09:00:00Z',
				answeredAt: '2026-02-10T09:00:00Z'
			}
		]
	},
	{
		key: 'cholet/legoff',
		charter: 'cholet',
		firstName: 'Yann',
		lastName: 'Le Goff',
		email: 'yann.legoff@example.org',
		profession: 'medecine',
		stage: 'remplacant',
		needs: ['aides_financieres', 'locaux'],
		channel: 'phone',
		status: 'installed',
		receivedAt: '2024-11-05T09:00:00Z',
		communes: ['49099'],
		installed: { on: '2025-03-01', commune: '49099', mode: 'liberal' },
		closedAt: '2025-03-02T09:00:00Z'
	}
];
