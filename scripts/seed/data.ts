/**
 * The demo charters, built from the five source documents in ../shared/seeds (see their README).
 *
 * Faithfulness rules: names, dates, amounts and counts come from the documents; where a document gives no
 * figure the value stays empty (null) and a note says what the source says ("une centaine d'internes").
 * Statuses, progress and the dated journal entries are plausible demo values, as are the interns (fictional
 * people, reserved example.org addresses).
 */
import type { Enums } from '../../src/lib/database.types.ts';

export interface OrganizationSeed {
	key: string;
	name: string;
	shortName?: string;
	kind: Enums<'organization_kind'>;
	territoryCode?: string;
}

export interface UpdateSeed {
	on: string;
	by: string;
	status: Enums<'action_status'>;
	progress: number;
	health: Enums<'action_health'>;
	comment?: string;
}

export interface ActionSeed {
	code: string;
	objective: string;
	title: string;
	description?: string;
	lead: string;
	contributors?: string[];
	funders?: string[];
	communes?: string[];
	/** All communes of an EPCI (a bus that serves every commune of its agglomeration). */
	communesOfEpci?: string;
	startsOn?: string;
	dueOn?: string;
	recurrence?: Enums<'action_recurrence'>;
	recurringSince?: number;
	/** State before any journal entry; the journal entries below then move it. */
	status?: Enums<'action_status'>;
	progress?: number;
	health?: Enums<'action_health'>;
	updates?: UpdateSeed[];
}

export interface IndicatorSeed {
	key: string;
	objective?: string;
	action?: string;
	name: string;
	unit?: string;
	baseline?: number;
	target?: number;
	targetOn?: string;
	direction?: Enums<'indicator_direction'>;
	note?: string;
	/** Computed by the database (the editions of its action, the requests); typed values otherwise. */
	source?: Enums<'indicator_source'>;
	values?: { on: string; value: number; note?: string }[];
}

export interface FundingSeed {
	action?: string;
	organization: string;
	source: string;
	year?: number;
	planned?: number;
	committed?: number;
	paid?: number;
	note?: string;
}

export interface InternshipSeed {
	firstName: string;
	lastName: string;
	email: string;
	profession: Enums<'health_profession'>;
	level: Enums<'internship_level'>;
	specialty?: string;
	faculty?: string;
	supervisor?: string;
	/** Whom the commune calls about the welcome (the host structure's secretariat). */
	hostContact?: string;
	host: string;
	commune: string;
	startsOn: string;
	endsOn: string;
	housing?: Enums<'housing_kind'>;
	status: Enums<'internship_status'>;
}

export interface CharterSeed {
	key: string;
	slug: string;
	title: string;
	shortTitle?: string;
	scope: Enums<'charter_scope'>;
	territoryCode?: string;
	territoryLabel?: string;
	signedOn?: string;
	startsOn?: string;
	endsOn?: string;
	status: Enums<'charter_status'>;
	isPublic: boolean;
	/** The public installation-support form is open (published charters only). */
	intakeOpen?: boolean;
	summary: string;
	budgetTotal?: number;
	budgetNote?: string;
	source: string;
	partners: { org: string; roles: Enums<'charter_partner_role'>[]; note?: string }[];
	objectives: { code: string; title: string; description?: string }[];
	actions: ActionSeed[];
	indicators?: IndicatorSeed[];
	fundings?: FundingSeed[];
	members?: { email: string; role: Enums<'member_role'>; org?: string; communes?: string[] }[];
	internships?: InternshipSeed[];
}

export const ORGANIZATIONS: OrganizationSeed[] = [
	// Haute-Vienne (003)
	{
		key: 'ars-na',
		name: 'Agence régionale de santé Nouvelle-Aquitaine',
		shortName: 'ARS Nouvelle-Aquitaine',
		kind: 'ars',
		territoryCode: '75'
	},
	{
		key: 'cd87',
		name: 'Conseil départemental de la Haute-Vienne',
		shortName: 'Département 87',
		kind: 'departement',
		territoryCode: '87'
	},
	{
		key: 'ordre87',
		name: 'Conseil départemental de l’Ordre des médecins de la Haute-Vienne',
		shortName: 'Ordre des médecins 87',
		kind: 'ordre',
		territoryCode: '87'
	},
	{
		key: 'urps-ml-na',
		name: 'Union régionale des professionnels de santé Médecins libéraux Nouvelle-Aquitaine',
		shortName: 'URPS ML Nouvelle-Aquitaine',
		kind: 'urps',
		territoryCode: '75'
	},
	{
		key: 'adm87',
		name: 'Association départementale des maires de la Haute-Vienne',
		shortName: 'Maires 87',
		kind: 'association_maires',
		territoryCode: '87'
	},
	{ key: 'region-na', name: 'Région Nouvelle-Aquitaine', kind: 'region', territoryCode: '75' },
	{
		key: 'fac-limoges',
		name: 'Faculté de médecine de Limoges',
		shortName: 'Faculté de Limoges',
		kind: 'faculte',
		territoryCode: '87085'
	},
	// Hosts of the demo interns in Haute-Vienne
	{
		key: 'msp-saint-yrieix',
		name: 'Maison de santé pluriprofessionnelle de Saint-Yrieix-la-Perche',
		shortName: 'MSP Saint-Yrieix',
		kind: 'etablissement_sante',
		territoryCode: '87187'
	},
	{
		key: 'msp-bellac',
		name: 'Maison de santé pluriprofessionnelle de Bellac',
		shortName: 'MSP Bellac',
		kind: 'etablissement_sante',
		territoryCode: '87011'
	},
	{
		key: 'ch-saint-junien',
		name: 'Centre hospitalier de Saint-Junien',
		shortName: 'CH Saint-Junien',
		kind: 'etablissement_sante',
		territoryCode: '87154'
	},
	// Normandie (003)
	{ key: 'prefecture-normandie', name: 'Préfecture de la région Normandie', kind: 'prefecture', territoryCode: '28' },
	{
		key: 'ars-normandie',
		name: 'Agence régionale de santé Normandie',
		shortName: 'ARS Normandie',
		kind: 'ars',
		territoryCode: '28'
	},
	{ key: 'france-travail-normandie', name: 'France Travail Normandie', kind: 'france_travail', territoryCode: '28' },
	{ key: 'region-normandie', name: 'Région Normandie', kind: 'region', territoryCode: '28' },
	{ key: 'cd14', name: 'Département du Calvados', kind: 'departement', territoryCode: '14' },
	{ key: 'cd27', name: 'Département de l’Eure', kind: 'departement', territoryCode: '27' },
	{ key: 'cd50', name: 'Département de la Manche', kind: 'departement', territoryCode: '50' },
	{ key: 'cd61', name: 'Département de l’Orne', kind: 'departement', territoryCode: '61' },
	{ key: 'cd76', name: 'Département de la Seine-Maritime', kind: 'departement', territoryCode: '76' },
	{
		key: 'assurance-maladie-normandie',
		name: 'Assurance Maladie en Normandie',
		shortName: 'Assurance Maladie',
		kind: 'cpam',
		territoryCode: '28'
	},
	// Vaucluse (001)
	{ key: 'vpa', name: 'Vaucluse Provence Attractivité', shortName: 'VPA', kind: 'agence', territoryCode: '84' },
	{
		key: 'ars-paca',
		name: 'Agence régionale de santé Provence-Alpes-Côte d’Azur',
		shortName: 'ARS PACA',
		kind: 'ars',
		territoryCode: '93'
	},
	{ key: 'cd84', name: 'Département de Vaucluse', kind: 'departement', territoryCode: '84' },
	{
		key: 'ordre84',
		name: 'Conseil départemental de l’Ordre des médecins de Vaucluse',
		shortName: 'Ordre des médecins 84',
		kind: 'ordre',
		territoryCode: '84'
	},
	{ key: 'msa-alpes-vaucluse', name: 'MSA Alpes-Vaucluse', kind: 'msa', territoryCode: '84' },
	{
		key: 'cpam84',
		name: 'Caisse primaire d’assurance maladie de Vaucluse',
		shortName: 'CPAM de Vaucluse',
		kind: 'cpam',
		territoryCode: '84'
	},
	{
		key: 'region-sud',
		name: 'Région Provence-Alpes-Côte d’Azur',
		shortName: 'Région Sud',
		kind: 'region',
		territoryCode: '93'
	},
	{ key: 'cpts-cerebellum', name: 'CPTS Cerebellum', kind: 'cpts', territoryCode: '84' },
	{ key: 'mairie-carpentras', name: 'Mairie de Carpentras', kind: 'commune', territoryCode: '84031' },
	// Cholet (003)
	{ key: 'cholet-agglo', name: 'Cholet Agglomération', kind: 'epci', territoryCode: '200071678' },
	// Cotentin (002)
	{
		key: 'ca-cotentin',
		name: 'Communauté d’agglomération du Cotentin',
		shortName: 'Le Cotentin',
		kind: 'epci',
		territoryCode: '200067205'
	},
	{
		key: 'etablissements-cotentin',
		name: 'Établissements de santé du Cotentin',
		kind: 'etablissement_sante',
		territoryCode: '50'
	},
	{
		key: 'universites-medecine',
		name: 'Universités de médecine (facultés partenaires du week-end)',
		shortName: 'Universités de médecine',
		kind: 'faculte'
	},
	{
		key: 'cls-cotentin',
		name: 'Conseil local de santé du Cotentin',
		shortName: 'CLS du Cotentin',
		kind: 'autre',
		territoryCode: '200067205'
	},
	// CPTS Dropt Garonne (004)
	{ key: 'cpts-dropt-garonne', name: 'CPTS Dropt Garonne', kind: 'cpts', territoryCode: '33' },
	{
		key: 'assurance-maladie-gironde',
		name: 'Assurance Maladie – CPAM de la Gironde',
		shortName: 'CPAM de la Gironde',
		kind: 'cpam',
		territoryCode: '33'
	},
	{ key: 'fonds-europeens', name: 'Union européenne (fonds européens)', shortName: 'Fonds européens', kind: 'autre' },
	{
		key: 'collectivites-dropt',
		name: 'Collectivités locales du territoire de la CPTS Dropt Garonne',
		shortName: 'Collectivités locales',
		kind: 'autre',
		territoryCode: '33'
	},
	// Villefagnan (000)
	{ key: 'commune-villefagnan', name: 'Commune de Villefagnan', kind: 'commune', territoryCode: '16409' },
	// Ain (003)
	{ key: 'cd01', name: 'Département de l’Ain', kind: 'departement', territoryCode: '01' },
	// Mobile health services (003)
	{
		key: 'ccas-vichy',
		name: 'Centre communal d’action sociale de Vichy',
		shortName: 'CCAS de Vichy',
		kind: 'commune',
		territoryCode: '03310'
	},
	{ key: 'vichy-communaute', name: 'Vichy Communauté', kind: 'epci', territoryCode: '200071363' },
	{
		key: 'evreux-portes-de-normandie',
		name: 'Évreux Portes de Normandie',
		shortName: 'EPN',
		kind: 'epci',
		territoryCode: '200071454'
	},
	{
		key: 'appui-sante-cba',
		name: 'Association Appui Santé Caux-Bray-Albâtre',
		shortName: 'Appui Santé CBA',
		kind: 'autre',
		territoryCode: '76'
	},
	{
		key: 'cc-villes-soeurs',
		name: 'Communauté de communes des Villes Sœurs',
		shortName: 'CC des Villes Sœurs',
		kind: 'epci',
		territoryCode: '247600588'
	}
];

const HV_COORDINATOR = 'coordination.hv@example.org';

export const CHARTERS: CharterSeed[] = [
	{
		key: 'haute-vienne',
		slug: 'haute-vienne',
		title: 'Plan d’attractivité médicale de la Haute-Vienne',
		shortTitle: 'Plan Haute-Vienne',
		scope: 'departement',
		territoryCode: '87',
		territoryLabel: 'Haute-Vienne',
		signedOn: '2024-09-25',
		startsOn: '2024-09-25',
		status: 'active',
		isPublic: true,
		summary:
			'Plan signé le mercredi 25 septembre 2024, qui acte l’engagement collectif de l’ARS, du Conseil départemental de la Haute-Vienne, du Conseil départemental de l’Ordre des médecins, de l’URPS Médecins libéraux, de l’association départementale des maires, de la Région Nouvelle-Aquitaine, de la Faculté de médecine de Limoges et des élus du territoire. Il prévoit de présenter aux étudiants en médecine les spécificités et les richesses du territoire, un accompagnement personnalisé des projets d’installation, le développement de l’offre de maîtres de stage universitaires, l’information des élus sur l’arrivée de stagiaires dans leurs communes, la promotion de l’exercice coordonné et la mise en œuvre d’un Service d’accès aux soins (SAS).',
		source: '003_9d26ec9a4d619e61.txt',
		partners: [
			{ org: 'ars-na', roles: ['signatory'] },
			{ org: 'cd87', roles: ['signatory'] },
			{ org: 'ordre87', roles: ['signatory'] },
			{ org: 'urps-ml-na', roles: ['signatory'] },
			{ org: 'adm87', roles: ['signatory'] },
			{ org: 'region-na', roles: ['signatory'] },
			{ org: 'fac-limoges', roles: ['signatory'] }
		],
		objectives: [
			{ code: '1', title: 'Améliorer l’accès à un médecin traitant' },
			{
				code: '2',
				title:
					'Augmenter le nombre d’installations de médecins et le nombre de maîtres de stage dans les zones fragiles ou en risque de fragilisation'
			},
			{
				code: '3',
				title:
					'Faciliter la venue d’internes en valorisant l’environnement de travail et le cadre de vie, et développer dès la formation la logique d’équipe pluriprofessionnelle'
			}
		],
		actions: [
			{
				code: '1.1',
				objective: '1',
				title: 'Mettre en œuvre le Service d’accès aux soins (SAS)',
				description:
					'Organiser avec la médecine libérale la réponse aux demandes de soins non programmés du département.',
				lead: 'ars-na',
				contributors: ['urps-ml-na', 'ordre87'],
				startsOn: '2024-10-01',
				dueOn: '2026-12-31',
				updates: [
					{
						on: '2025-01-15',
						by: 'ars.na@example.org',
						status: 'in_progress',
						progress: 10,
						health: 'on_track',
						comment: 'Lancement du groupe projet SAS avec l’URPS et l’Ordre.'
					},
					{
						on: '2025-06-10',
						by: 'ars.na@example.org',
						status: 'in_progress',
						progress: 25,
						health: 'on_track',
						comment: 'Cahier des charges de la régulation validé.'
					},
					{
						on: '2026-10-05',
						by: 'ars.na@example.org',
						status: 'in_progress',
						progress: 40,
						health: 'at_risk',
						comment:
							'Régulation de médecine générale ouverte en semaine ; l’organisation des week-ends reste à trouver.'
					}
				]
			},
			{
				code: '1.2',
				objective: '1',
				title: 'Promouvoir les modes d’exercice en Haute-Vienne, prioritairement l’exercice coordonné',
				lead: 'urps-ml-na',
				contributors: ['ars-na', 'cd87'],
				startsOn: '2025-01-01',
				dueOn: '2027-06-30',
				updates: [
					{
						on: '2025-09-18',
						by: HV_COORDINATOR,
						status: 'in_progress',
						progress: 20,
						health: 'on_track',
						comment: 'Premières réunions d’information dans les communautés de communes.'
					},
					{
						on: '2026-04-02',
						by: HV_COORDINATOR,
						status: 'blocked',
						progress: 30,
						health: 'off_track',
						comment: 'En attente de la désignation des référents de l’URPS pour poursuivre les réunions.'
					}
				]
			},
			{
				code: '2.1',
				objective: '2',
				title: 'Accompagner de manière personnalisée les projets d’installation des médecins',
				lead: 'cd87',
				contributors: ['ars-na', 'ordre87'],
				funders: ['region-na'],
				startsOn: '2024-10-01',
				dueOn: '2027-09-30',
				updates: [
					{
						on: '2025-03-03',
						by: HV_COORDINATOR,
						status: 'in_progress',
						progress: 30,
						health: 'on_track',
						comment: 'Un interlocuteur unique désigné au Département pour les porteurs de projet.'
					},
					{
						on: '2026-09-12',
						by: 'ordre.87@example.org',
						status: 'in_progress',
						progress: 55,
						health: 'on_track',
						comment: 'Permanences communes Ordre–Département tous les mois.'
					}
				]
			},
			{
				code: '2.2',
				objective: '2',
				title: 'Développer l’offre de maîtres de stage universitaires (MSU) dans les zones fragiles',
				lead: 'fac-limoges',
				contributors: ['ordre87', 'urps-ml-na'],
				startsOn: '2024-11-01',
				dueOn: '2026-10-31',
				updates: [
					{
						on: '2025-03-01',
						by: 'fac.limoges@example.org',
						status: 'in_progress',
						progress: 15,
						health: 'on_track',
						comment: 'Campagne de recrutement de MSU lancée auprès des médecins généralistes.'
					},
					{
						on: '2026-06-20',
						by: 'fac.limoges@example.org',
						status: 'in_progress',
						progress: 25,
						health: 'off_track',
						comment: 'Recrutement plus lent que prévu dans le nord du département.'
					}
				]
			},
			{
				code: '3.1',
				objective: '3',
				title: 'Présenter aux étudiants en médecine les spécificités et les richesses du territoire',
				lead: 'fac-limoges',
				contributors: ['cd87', 'adm87'],
				recurrence: 'yearly',
				startsOn: '2025-09-01',
				dueOn: '2025-10-31',
				updates: [
					{
						on: '2025-10-15',
						by: 'fac.limoges@example.org',
						status: 'done',
						progress: 100,
						health: 'on_track',
						comment: 'Journée de présentation du territoire organisée à la faculté pour la rentrée 2025.'
					}
				]
			},
			{
				code: '3.2',
				objective: '3',
				title: 'Informer les élus de l’arrivée de stagiaires dans leurs communes',
				description:
					'Chaque élu est prévenu par e-mail de l’arrivée d’un stagiaire dans sa commune, puis sept jours avant son arrivée.',
				lead: 'adm87',
				contributors: ['cd87', 'fac-limoges'],
				startsOn: '2025-01-01',
				dueOn: '2027-01-31',
				updates: [
					{
						on: '2025-02-01',
						by: HV_COORDINATOR,
						status: 'in_progress',
						progress: 30,
						health: 'on_track',
						comment: 'Liste des élus référents constituée avec l’association des maires.'
					},
					{
						on: '2026-11-02',
						by: HV_COORDINATOR,
						status: 'in_progress',
						progress: 60,
						health: 'on_track',
						comment: 'Les élus reçoivent désormais un e-mail à chaque arrivée de stagiaire dans leur commune.'
					}
				]
			},
			{
				code: '3.3',
				objective: '3',
				title: 'Développer dès la formation la logique d’équipe pluriprofessionnelle',
				lead: 'fac-limoges',
				contributors: ['urps-ml-na'],
				startsOn: '2027-01-01',
				dueOn: '2027-12-31'
			}
		],
		indicators: [
			{
				key: 'hv-installations',
				objective: '2',
				name: 'Installations de médecins dans les zones fragiles',
				unit: 'médecins',
				direction: 'increase',
				note: 'Le plan ne fixe pas de cible chiffrée.'
			},
			{
				key: 'hv-msu',
				action: '2.2',
				name: 'Maîtres de stage universitaires dans les zones fragiles',
				unit: 'MSU',
				direction: 'increase'
			},
			{
				key: 'hv-elus-informes',
				action: '3.2',
				name: 'Arrivées de stagiaires signalées aux élus',
				unit: '%',
				target: 100,
				direction: 'increase'
			}
		],
		members: [
			{ email: HV_COORDINATOR, role: 'coordinator' },
			{ email: 'copil.hv@example.org', role: 'steering' },
			{ email: 'ars.na@example.org', role: 'partner_rep', org: 'ars-na' },
			{ email: 'ordre.87@example.org', role: 'partner_rep', org: 'ordre87' },
			{ email: 'fac.limoges@example.org', role: 'partner_rep', org: 'fac-limoges' },
			{ email: 'maire.hv@example.org', role: 'elected_official', communes: ['87187', '87011'] }
		],
		internships: [
			{
				firstName: 'Léa',
				lastName: 'Bernard',
				email: 'lea.bernard@example.org',
				profession: 'medecine',
				level: 'interne',
				specialty: 'Médecine générale',
				faculty: 'Faculté de médecine de Limoges',
				supervisor: 'Dr Hélène Faure (MSU)',
				host: 'msp-saint-yrieix',
				hostContact: 'Secrétariat de la MSP de Saint-Yrieix : 05 55 00 00 11',
				commune: '87187',
				startsOn: '2026-11-02',
				endsOn: '2027-04-30',
				housing: 'logement_communal',
				status: 'arrived'
			},
			{
				firstName: 'Hugo',
				lastName: 'Lemaire',
				email: 'hugo.lemaire@example.org',
				profession: 'medecine',
				level: 'externe',
				faculty: 'Faculté de médecine de Limoges',
				supervisor: 'Dr Hélène Faure (MSU)',
				host: 'msp-saint-yrieix',
				hostContact: 'Secrétariat de la MSP de Saint-Yrieix : 05 55 00 00 11',
				commune: '87187',
				startsOn: '2027-01-04',
				endsOn: '2027-03-26',
				housing: 'internat',
				status: 'confirmed'
			},
			{
				firstName: 'Inès',
				lastName: 'Caron',
				email: 'ines.caron@example.org',
				profession: 'medecine',
				level: 'interne',
				specialty: 'Médecine générale',
				faculty: 'Faculté de médecine de Limoges',
				supervisor: 'Dr Paul Vidal (MSU)',
				host: 'msp-bellac',
				hostContact: 'Secrétariat de la MSP de Bellac : 05 55 00 00 22',
				commune: '87011',
				startsOn: '2026-11-02',
				endsOn: '2027-04-30',
				housing: 'logement_communal',
				status: 'arrived'
			},
			{
				firstName: 'Camille',
				lastName: 'Morel',
				email: 'camille.morel@example.org',
				profession: 'medecine',
				level: 'docteur_junior',
				specialty: 'Médecine générale',
				faculty: 'Faculté de médecine de Limoges',
				supervisor: 'Dr Paul Vidal (MSU)',
				host: 'msp-bellac',
				hostContact: 'Secrétariat de la MSP de Bellac : 05 55 00 00 22',
				commune: '87011',
				startsOn: '2027-05-03',
				endsOn: '2027-10-31',
				status: 'planned'
			},
			{
				firstName: 'Thomas',
				lastName: 'Girard',
				email: 'thomas.girard@example.org',
				profession: 'medecine',
				level: 'interne',
				specialty: 'Pédiatrie',
				faculty: 'Faculté de médecine de Limoges',
				supervisor: 'Dr Anne Leroy',
				host: 'ch-saint-junien',
				commune: '87154',
				startsOn: '2026-05-04',
				endsOn: '2026-10-31',
				housing: 'logement_hospitalier',
				status: 'arrived'
			},
			{
				firstName: 'Nora',
				lastName: 'Benoît',
				email: 'nora.benoit@example.org',
				profession: 'pharmacie',
				level: 'externe',
				faculty: 'Faculté de pharmacie de Limoges',
				supervisor: 'Dr Marc Dupuis',
				host: 'ch-saint-junien',
				commune: '87154',
				startsOn: '2026-11-02',
				endsOn: '2027-01-29',
				status: 'cancelled'
			},
			{
				firstName: 'Paul',
				lastName: 'Renaud',
				email: 'paul.renaud@example.org',
				profession: 'medecine',
				level: 'interne',
				specialty: 'Médecine générale',
				faculty: 'Faculté de médecine de Limoges',
				supervisor: 'Dr Hélène Faure (MSU)',
				host: 'msp-saint-yrieix',
				hostContact: 'Secrétariat de la MSP de Saint-Yrieix : 05 55 00 00 11',
				commune: '87187',
				startsOn: '2025-05-05',
				endsOn: '2025-10-31',
				housing: 'logement_communal',
				status: 'arrived'
			}
		]
	},
	{
		key: 'normandie',
		slug: 'normandie-metiers-sante',
		title: 'Charte partenariale pour l’attractivité des métiers de la santé en Normandie',
		shortTitle: 'Charte Normandie',
		scope: 'region',
		territoryCode: '28',
		territoryLabel: 'Normandie',
		signedOn: '2024-10-08',
		startsOn: '2024-10-08',
		status: 'active',
		isPublic: true,
		summary:
			'Charte signée le 8 octobre 2024 par la préfecture de région, l’ARS Normandie, France Travail, la Région Normandie, les départements du Calvados, de l’Eure, de la Manche, de l’Orne et de la Seine-Maritime, et l’Assurance Maladie, pour faire converger l’ensemble des initiatives menées en Normandie et les intégrer dans un projet cohérent et structurant.',
		source: '003_9d26ec9a4d619e61.txt',
		partners: [
			{ org: 'prefecture-normandie', roles: ['signatory'] },
			{ org: 'ars-normandie', roles: ['signatory'] },
			{ org: 'france-travail-normandie', roles: ['signatory'] },
			{ org: 'region-normandie', roles: ['signatory'] },
			{ org: 'cd14', roles: ['signatory'] },
			{ org: 'cd27', roles: ['signatory'] },
			{ org: 'cd50', roles: ['signatory'] },
			{ org: 'cd61', roles: ['signatory'] },
			{ org: 'cd76', roles: ['signatory'] },
			{ org: 'assurance-maladie-normandie', roles: ['signatory'] }
		],
		objectives: [
			{
				code: '1',
				title: 'Informer, orienter, valoriser les métiers auprès du public jeune et des salariés en reconversion'
			},
			{ code: '2', title: 'Adapter l’appareil de formation aux besoins et développer les parcours professionnels' },
			{ code: '3', title: 'Faire évoluer les pratiques pour mieux attirer et maintenir en poste' },
			{
				code: '4',
				title: 'Baisser la sinistralité et favoriser le bien-être au travail pour retrouver de l’attractivité'
			},
			{ code: '5', title: 'Soutenir les soignants dans l’exercice de leurs fonctions' },
			{
				code: '6',
				title:
					'Disposer d’outils d’aide à la décision afin de permettre la fixation de professionnels dans nos territoires'
			}
		],
		actions: [],
		members: [{ email: 'coordination.normandie@example.org', role: 'coordinator' }]
	},
	{
		key: 'vaucluse',
		slug: 'vaucluse-sante-attractivite',
		title: 'Vaucluse Santé Attractivité',
		shortTitle: 'VSA',
		scope: 'departement',
		territoryCode: '84',
		territoryLabel: 'Vaucluse',
		startsOn: '2024-04-01',
		status: 'active',
		isPublic: false,
		summary:
			'Collectif lancé en avril 2024 par Vaucluse Provence Attractivité, l’agence départementale d’attractivité, avec l’ARS, le Département, l’Ordre des médecins, la MSA, la CPAM et la Région, pour faire venir des médecins dans le département et faciliter leur installation. Le collectif dispose d’un financement propre, réuni grâce aux contributions de l’ensemble des partenaires ; le pilotage est confié à l’agence d’attractivité, qui a engagé une cheffe de projet santé : la « porte d’entrée » des médecins, qui oriente chaque demande vers le bon partenaire (mairie, crèche, CPTS…).',
		budgetNote:
			'Budget propre réuni par les contributions des partenaires ; l’ARS et la Région en sont les deux plus gros contributeurs. Les montants ne sont pas publiés.',
		source: '001_700dc8d63f06dd43.txt',
		partners: [
			{ org: 'vpa', roles: ['lead'], note: 'Pilotage du dispositif et cheffe de projet santé' },
			{ org: 'ars-paca', roles: ['signatory', 'funder'], note: 'Un des deux plus gros contributeurs' },
			{ org: 'region-sud', roles: ['signatory', 'funder'], note: 'Un des deux plus gros contributeurs' },
			{ org: 'cd84', roles: ['signatory', 'funder'] },
			{ org: 'ordre84', roles: ['signatory', 'funder'] },
			{ org: 'msa-alpes-vaucluse', roles: ['signatory', 'funder'] },
			{ org: 'cpam84', roles: ['signatory', 'funder'] },
			{ org: 'cpts-cerebellum', roles: ['contributor'] },
			{ org: 'mairie-carpentras', roles: ['contributor'], note: 'Logement et accueil des familles' }
		],
		objectives: [{ code: '1', title: 'Faire venir des médecins dans le Vaucluse et faciliter leur installation' }],
		actions: [
			{
				code: '1.1',
				objective: '1',
				title: 'Accompagnement à l’installation des médecins',
				description:
					'Une porte d’entrée unique : la cheffe de projet reçoit la demande du médecin et la « reventile » vers les personnes et organismes concernés. Accompagnement technique et médical avec l’Ordre et les CPTS, accompagnement personnel (logement, famille, enfants).',
				lead: 'vpa',
				contributors: ['ordre84', 'cpts-cerebellum', 'cd84'],
				startsOn: '2024-04-01',
				updates: [
					{
						on: '2024-06-01',
						by: 'coordination.vaucluse@example.org',
						status: 'in_progress',
						progress: 30,
						health: 'on_track',
						comment: 'Cheffe de projet santé en poste ; premières demandes de médecins orientées.'
					}
				]
			},
			{
				code: '1.2',
				objective: '1',
				title: 'Accueil des internes',
				description:
					'Montrer aux internes qu’ils ne sont pas seuls : présentation du réseau et de l’accompagnement possible.',
				lead: 'vpa',
				contributors: ['cpts-cerebellum', 'ars-paca'],
				startsOn: '2024-04-01',
				updates: [
					{
						on: '2024-06-01',
						by: 'coordination.vaucluse@example.org',
						status: 'in_progress',
						progress: 20,
						health: 'on_track'
					}
				]
			},
			{
				code: '1.3',
				objective: '1',
				title: 'Structurer le maillage et le réseau des partenaires de l’accueil',
				lead: 'vpa',
				contributors: ['cd84', 'msa-alpes-vaucluse', 'cpam84'],
				startsOn: '2024-04-01'
			}
		],
		fundings: [
			{
				organization: 'ars-paca',
				source: 'Contribution au budget commun',
				year: 2024,
				note: 'Un des deux plus gros contributeurs ; montant non publié'
			},
			{
				organization: 'region-sud',
				source: 'Contribution au budget commun',
				year: 2024,
				note: 'Un des deux plus gros contributeurs ; montant non publié'
			},
			{ organization: 'cd84', source: 'Contribution au budget commun', year: 2024, note: 'Montant non publié' },
			{ organization: 'ordre84', source: 'Contribution au budget commun', year: 2024, note: 'Montant non publié' },
			{
				organization: 'msa-alpes-vaucluse',
				source: 'Contribution au budget commun',
				year: 2024,
				note: 'Montant non publié'
			},
			{ organization: 'cpam84', source: 'Contribution au budget commun', year: 2024, note: 'Montant non publié' }
		],
		members: [
			{ email: 'coordination.vaucluse@example.org', role: 'coordinator' },
			{ email: 'mairie.carpentras@example.org', role: 'partner_rep', org: 'mairie-carpentras' },
			{ email: 'cpts.cerebellum@example.org', role: 'partner_rep', org: 'cpts-cerebellum' }
		]
	},
	{
		key: 'cholet',
		slug: 'cholet-attractivite-medicale',
		title: 'Plan d’attractivité médicale de Cholet Agglomération',
		shortTitle: 'Plan Cholet',
		scope: 'epci',
		territoryCode: '200071678',
		territoryLabel: 'Cholet Agglomération',
		endsOn: '2026-12-31',
		status: 'active',
		isPublic: true,
		budgetTotal: 600000,
		budgetNote: 'Enveloppe de 600 000 € sur trois ans.',
		summary:
			'Après la reconnaissance de l’Ouest de Cholet Agglomération en Zone d’action complémentaire (ZAC), l’intercommunalité a lancé un plan d’attractivité médicale doté de 600 000 € sur trois ans. Trois aides financières ont été décidées en concertation avec les maires des communes concernées. Le plan court jusqu’au 31 décembre 2026, en cohérence avec la durée du zonage en ZAC.',
		source: '003_9d26ec9a4d619e61.txt',
		partners: [{ org: 'cholet-agglo', roles: ['lead', 'signatory', 'funder'] }],
		objectives: [
			{ code: '1', title: 'Attirer et maintenir des médecins généralistes dans la Zone d’action complémentaire' }
		],
		actions: [
			{
				code: '1.1',
				objective: '1',
				title: 'Aide forfaitaire à l’installation',
				description:
					'Destinée aux médecins généralistes libéraux exerçant en ambulatoire. En contrepartie, le médecin s’engage à exercer au minimum 5 ans dans la ZAC.',
				lead: 'cholet-agglo',
				dueOn: '2026-12-31',
				updates: [{ on: '2025-02-10', by: '', status: 'in_progress', progress: 50, health: 'on_track' }]
			},
			{
				code: '1.2',
				objective: '1',
				title: 'Aide au maintien des cabinets médicaux',
				description:
					'Pour les cabinets de médecine de ville exerçant en libéral et confrontés au départ d’un membre de l’équipe médicale. En contrepartie, le cabinet s’engage notamment à maintenir son activité au minimum 5 ans dans la ZAC.',
				lead: 'cholet-agglo',
				dueOn: '2026-12-31',
				updates: [{ on: '2025-02-10', by: '', status: 'in_progress', progress: 50, health: 'on_track' }]
			},
			{
				code: '1.3',
				objective: '1',
				title: 'Indemnité d’étude et de projet professionnel',
				description:
					'Pour les étudiants et internes de 3e cycle de médecine générale, d’un montant maximum annuel de 4 800 €. En contrepartie, l’étudiant s’engage notamment à exercer en tant que médecin généraliste, en libéral ou salarié, dans la ZAC, au minimum cinq ans.',
				lead: 'cholet-agglo',
				dueOn: '2026-12-31',
				updates: [{ on: '2025-02-10', by: '', status: 'in_progress', progress: 50, health: 'on_track' }]
			}
		],
		fundings: [
			{
				organization: 'cholet-agglo',
				source: 'Budget de l’agglomération',
				planned: 600000,
				note: 'Enveloppe globale du plan sur trois ans, jusqu’au 31/12/2026'
			}
		],
		// Installation support (issue 14): the coordination that follows the aids and their commitments.
		members: [{ email: 'coordination.cholet@example.org', role: 'coordinator' }]
	},
	{
		key: 'cotentin',
		slug: 'cotentin-attractivite-medicale',
		title: 'Plan d’actions d’attractivité médicale du Cotentin 2019-2020',
		shortTitle: 'Plan Cotentin',
		scope: 'epci',
		territoryCode: '200067205',
		territoryLabel: 'Communauté d’agglomération du Cotentin',
		startsOn: '2019-01-01',
		endsOn: '2020-12-31',
		status: 'closed',
		isPublic: true,
		summary:
			'Plan d’actions 2019-2020 élaboré en partenariat avec le Conseil local de santé, dans une stratégie d’attractivité médicale initiée en 2013 entre les établissements de santé du Cotentin et la communauté d’agglomération, qui détient la compétence. Il implique les médecins dans une réflexion collective sur la qualité de l’offre de soins.',
		source: '002_dcdc058e378cefbc.txt',
		partners: [
			{ org: 'ca-cotentin', roles: ['lead', 'signatory'] },
			{ org: 'etablissements-cotentin', roles: ['signatory', 'contributor'] },
			{ org: 'cls-cotentin', roles: ['contributor'] },
			{ org: 'universites-medecine', roles: ['contributor'] }
		],
		objectives: [
			{ code: '1', title: 'Faire découvrir le territoire aux jeunes médecins et leur donner envie de s’y installer' }
		],
		actions: [
			{
				code: '1.1',
				objective: '1',
				title: 'Week-end d’accueil des internes en médecine à Cherbourg-en-Cotentin',
				description:
					'Chaque année depuis 2016, fin juin ou début juillet, un week-end prolongé festif (concerts, sports nautiques, randonnée) pour faire découvrir Cherbourg-en-Cotentin aux internes. Les internes sont associés aux réflexions sur la stratégie d’attractivité médicale.',
				lead: 'ca-cotentin',
				contributors: ['etablissements-cotentin', 'universites-medecine'],
				communes: ['50129'],
				recurrence: 'yearly',
				recurringSince: 2016,
				updates: [
					{
						on: '2020-07-06',
						by: '',
						status: 'in_progress',
						progress: 50,
						health: 'on_track',
						comment: 'Édition annuelle réalisée ; l’action se poursuit chaque année.'
					}
				]
			}
		],
		indicators: [
			{
				key: 'cotentin-internes',
				action: '1.1',
				name: 'Internes accueillis au week-end',
				unit: 'internes',
				direction: 'increase',
				source: 'occurrence_participants',
				note: 'Calculé à partir des éditions du week-end (une par an depuis 2016). La source indique « une centaine d’internes » chaque année, sans décompte exact.'
			}
		]
	},
	{
		key: 'cpts-dropt-garonne',
		slug: 'cpts-dropt-garonne-accueil-internes',
		title: 'Accueil des étudiants et des internes en santé – CPTS Dropt Garonne',
		shortTitle: 'CPTS Dropt Garonne',
		scope: 'cpts',
		territoryCode: '33',
		territoryLabel: 'CPTS Dropt Garonne (Gironde)',
		status: 'active',
		isPublic: true,
		intakeOpen: true,
		summary:
			'Favoriser l’accueil des internes et renforcer l’attractivité du territoire pour de futurs professionnels de santé, sur un territoire rural marqué par des tensions d’accès aux soins : faire découvrir la réalité de l’exercice coordonné et donner envie de s’installer durablement. Actions co-financées par l’ACI (mission optionnelle accompagnement des professionnels), des fonds européens (co-living) et des financements des collectivités.',
		source: '004_cfb389caab0fa0d0.txt',
		partners: [
			{ org: 'cpts-dropt-garonne', roles: ['lead'] },
			{ org: 'ars-na', roles: ['contributor'] },
			{ org: 'assurance-maladie-gironde', roles: ['funder'] },
			{ org: 'fonds-europeens', roles: ['funder'] },
			{ org: 'collectivites-dropt', roles: ['funder', 'contributor'] }
		],
		objectives: [
			{ code: '1', title: 'Renforcer l’attractivité du territoire auprès des étudiants et internes en santé' },
			{ code: '2', title: 'Favoriser la découverte de l’exercice coordonné au sein de la CPTS' },
			{ code: '3', title: 'Créer du lien entre internes, professionnels de santé, élus et partenaires locaux' },
			{ code: '4', title: 'Encourager les projets d’installation à l’issue des études' }
		],
		actions: [
			{
				code: '3.1',
				objective: '3',
				title: 'Journées et soirées d’accueil des internes',
				description:
					'Temps d’accueil associant rencontres avec les professionnels de santé du territoire, échanges avec les maîtres de stage universitaires (MSU), présence des élus et partenaires locaux ; présentation des missions et projets de la CPTS.',
				lead: 'cpts-dropt-garonne',
				contributors: ['collectivites-dropt', 'ars-na'],
				funders: ['assurance-maladie-gironde'],
				recurrence: 'yearly',
				updates: [
					{
						on: '2026-05-20',
						by: 'cpts.dropt@example.org',
						status: 'in_progress',
						progress: 60,
						health: 'on_track',
						comment: 'Soirée d’accueil du semestre de mai réalisée ; retours très positifs des internes.'
					}
				]
			},
			{
				code: '1.1',
				objective: '1',
				title: 'Valorisation du territoire',
				description:
					'Découverte du territoire par des temps conviviaux et culturels ; mise en avant du cadre de vie rural et des ressources locales.',
				lead: 'cpts-dropt-garonne',
				contributors: ['collectivites-dropt'],
				updates: [
					{ on: '2026-05-20', by: 'cpts.dropt@example.org', status: 'in_progress', progress: 40, health: 'on_track' }
				]
			},
			{
				code: '1.2',
				objective: '1',
				title: 'Soutien à un projet de co-living pour internes',
				description:
					'Logement partagé dédié aux internes en stage sur le territoire : bâtiment financé sur fonds privés (porté par un médecin), gestion confiée à un opérateur local, zéro reste à charge pour les internes, le loyer étant couvert par la prime logement des stages en zones sous-denses.',
				lead: 'cpts-dropt-garonne',
				funders: ['fonds-europeens'],
				updates: [
					{
						on: '2026-03-10',
						by: 'cpts.dropt@example.org',
						status: 'in_progress',
						progress: 70,
						health: 'on_track',
						comment: 'Logement ouvert aux internes du semestre.'
					}
				]
			}
		],
		indicators: [
			{
				key: 'dropt-internes',
				action: '3.1',
				name: 'Nombre d’internes invités / présents lors des actions d’accueil',
				unit: 'internes',
				direction: 'increase'
			},
			{
				key: 'dropt-professionnels',
				action: '3.1',
				name: 'Nombre de professionnels de santé impliqués',
				unit: 'professionnels',
				direction: 'increase'
			},
			{
				key: 'dropt-satisfaction',
				objective: '3',
				name: 'Qualité des retours des internes (satisfaction, projection d’installation)',
				direction: 'increase'
			},
			{
				key: 'dropt-intentions',
				objective: '4',
				name: 'Évolution des intentions d’installation à moyen terme',
				direction: 'increase'
			}
		],
		fundings: [
			{
				action: '3.1',
				organization: 'assurance-maladie-gironde',
				source: 'ACI',
				note: 'Mission optionnelle accompagnement des professionnels ; montant non publié'
			},
			{
				action: '1.2',
				organization: 'fonds-europeens',
				source: 'Fonds européens',
				note: 'Dédiés au co-living ; montant non publié'
			},
			{ organization: 'collectivites-dropt', source: 'Financements des collectivités', note: 'Montant non publié' }
		],
		members: [
			{ email: 'cpts.dropt@example.org', role: 'coordinator' },
			{ email: 'ars.na@example.org', role: 'partner_rep', org: 'ars-na' }
		]
	},
	{
		key: 'villefagnan',
		slug: 'villefagnan-defi-sportif',
		title: 'Défi sportif pour attirer des professionnels de santé à Villefagnan',
		shortTitle: 'Défi sportif Villefagnan',
		scope: 'commune',
		territoryCode: '16409',
		territoryLabel: 'Villefagnan (Charente)',
		status: 'active',
		isPublic: true,
		summary:
			'Face à la pénurie de professionnels de santé, la commune de Villefagnan organise un défi sportif (course à pied, cyclisme, randonnée ou triathlon) pour promouvoir le territoire, son dynamisme et sa qualité de vie, avec visites des structures de santé, rencontres avec les acteurs locaux et moments conviviaux. Prochaine étape : pérenniser l’événement dans le calendrier annuel.',
		source: '000_e61ead798c21a73e.txt',
		partners: [{ org: 'commune-villefagnan', roles: ['lead', 'signatory'] }],
		objectives: [{ code: '1', title: 'Renforcer l’offre de soins en milieu rural en valorisant le territoire' }],
		actions: [
			{
				code: '1.1',
				objective: '1',
				title: 'Défi sportif de Villefagnan',
				description:
					'Épreuve sportive ouverte aux professionnels de santé, aux étudiants en fin de cursus et à la population, avec portes ouvertes des structures de santé locales.',
				lead: 'commune-villefagnan',
				communes: ['16409'],
				updates: [
					{
						on: '2025-06-30',
						by: '',
						status: 'done',
						progress: 100,
						health: 'on_track',
						comment: 'Première édition : plusieurs professionnels de santé ont manifesté leur intérêt pour s’installer.'
					}
				]
			},
			{
				code: '1.2',
				objective: '1',
				title: 'Pérenniser le défi sportif dans le calendrier annuel',
				lead: 'commune-villefagnan',
				communes: ['16409'],
				recurrence: 'yearly'
			}
		],
		indicators: [
			{
				key: 'villefagnan-participants',
				action: '1.1',
				name: 'Participants au défi sportif',
				unit: 'participants',
				direction: 'increase'
			},
			{
				key: 'villefagnan-interet',
				action: '1.1',
				name: 'Professionnels de santé ayant manifesté leur intérêt pour s’installer',
				unit: 'professionnels',
				direction: 'increase',
				note: 'La source indique « plusieurs » professionnels, sans nombre : aucune valeur n’est saisie.'
			}
		]
	},
	{
		key: 'ain',
		slug: 'ain-rencontres-pros-sante',
		title: 'Attractivité des professionnels de santé dans l’Ain',
		shortTitle: 'Département de l’Ain',
		scope: 'departement',
		territoryCode: '01',
		territoryLabel: 'Ain',
		status: 'active',
		isPublic: true,
		summary:
			'Le Département de l’Ain a reçu le « D d’Or de l’innovation en santé » (été 2024) pour l’organisation des Premières Rencontres des pros de santé en avril 2024 et la création d’un site Internet regroupant des informations pratiques pour les médecins intéressés par une installation.',
		source: '003_9d26ec9a4d619e61.txt',
		partners: [{ org: 'cd01', roles: ['lead', 'signatory'] }],
		objectives: [{ code: '1', title: 'Attirer durablement les professionnels de santé dans l’Ain' }],
		actions: [
			{
				code: '1.1',
				objective: '1',
				title: 'Premières Rencontres des pros de santé',
				description:
					'Rencontre ouverte à tous les professionnels de santé, aux étudiants en santé, aux élus en charge de la santé et aux partenaires, de l’Ain ou d’ailleurs, pour partager des expériences, échanger, renforcer les liens et valoriser les parcours inspirants.',
				lead: 'cd01',
				startsOn: '2024-04-01',
				dueOn: '2024-04-30',
				updates: [
					{
						on: '2024-04-30',
						by: '',
						status: 'done',
						progress: 100,
						health: 'on_track',
						comment: 'Plus de 450 professionnels de santé ont participé.'
					}
				]
			},
			{
				code: '1.2',
				objective: '1',
				title: 'Site Internet d’informations pratiques pour les médecins',
				lead: 'cd01',
				updates: [{ on: '2024-09-01', by: '', status: 'done', progress: 100, health: 'on_track' }]
			}
		],
		indicators: [
			{
				key: 'ain-participants',
				action: '1.1',
				name: 'Participants aux Rencontres des pros de santé',
				unit: 'participants',
				direction: 'increase',
				source: 'occurrence_participants',
				note: 'Calculé à partir des éditions des Rencontres (avril 2024 : plus de 450 professionnels de santé).'
			}
		]
	},
	{
		key: 'vichy',
		slug: 'vichy-mobil-sante',
		title: 'Mobil’Santé, cabinet de consultations itinérant de Vichy Communauté',
		shortTitle: 'Mobil’Santé Vichy',
		scope: 'epci',
		territoryCode: '200071363',
		territoryLabel: 'Vichy Communauté',
		status: 'active',
		isPublic: true,
		summary:
			'Lancé en 2023 et piloté par le CCAS de Vichy en lien avec les communes de l’agglomération : un bus médical qui sillonne les routes de l’agglomération avec du matériel et du personnel qualifié (infirmière, assistante sociale, psychologue). Les téléconsultations sont possibles depuis le véhicule ; le dispositif apporte aux habitants de chaque commune du territoire un accès à l’offre de soins et de prévention.',
		source: '003_9d26ec9a4d619e61.txt',
		partners: [
			{ org: 'ccas-vichy', roles: ['lead'] },
			{ org: 'vichy-communaute', roles: ['contributor'] }
		],
		objectives: [{ code: '1', title: 'Apporter l’offre de soins et de prévention aux habitants de chaque commune' }],
		actions: [
			{
				code: '1.1',
				objective: '1',
				title: 'Bus médical Mobil’Santé',
				lead: 'ccas-vichy',
				contributors: ['vichy-communaute'],
				communesOfEpci: '200071363',
				updates: [{ on: '2023-12-31', by: '', status: 'in_progress', progress: 50, health: 'on_track' }]
			}
		]
	},
	{
		key: 'evreux',
		slug: 'evreux-doctobus',
		title: 'Doctobus d’Évreux Portes de Normandie',
		shortTitle: 'Doctobus EPN',
		scope: 'epci',
		territoryCode: '200071454',
		territoryLabel: 'Évreux Portes de Normandie',
		status: 'active',
		isPublic: true,
		summary:
			'La communauté d’agglomération a investi dans un bus, le « Doctobus », pour des consultations de médecine générale dans les communes de l’agglomération les plus éloignées de l’offre de soins libérale, en complément de celle-ci. Consultations ouvertes aux patients sans médecin traitant et à ceux dont le médecin traitant est indisponible, pour limiter le recours systématique aux urgences.',
		source: '003_9d26ec9a4d619e61.txt',
		partners: [{ org: 'evreux-portes-de-normandie', roles: ['lead', 'funder'] }],
		objectives: [
			{ code: '1', title: 'Offrir des consultations de médecine générale aux habitants éloignés de l’offre de soins' }
		],
		actions: [
			{
				code: '1.1',
				objective: '1',
				title: 'Consultations de médecine générale à bord du Doctobus',
				description:
					'Les communes desservies ne sont pas précisées par la source (« les plus éloignées de l’offre de soins libérale »).',
				lead: 'evreux-portes-de-normandie',
				updates: [{ on: '2024-06-01', by: '', status: 'in_progress', progress: 50, health: 'on_track' }]
			}
		],
		indicators: [
			{
				key: 'evreux-sans-medecin',
				action: '1.1',
				name: 'Patients sans médecin traitant sur le territoire',
				unit: 'patients',
				baseline: 13000,
				direction: 'decrease',
				note: 'La source indique « plus de 13 000 » patients sans médecin traitant sur le territoire d’EPN.'
			}
		]
	},
	{
		key: 'dieppe',
		slug: 'dieppe-medicobus',
		title: 'Médicobus du territoire de santé de Dieppe',
		shortTitle: 'Médicobus Dieppe',
		scope: 'departement',
		territoryCode: '76',
		territoryLabel: 'Territoire de santé de Dieppe',
		startsOn: '2024-04-02',
		status: 'active',
		isPublic: true,
		summary:
			'Centre de santé mobile déployé à partir du 2 avril 2024, initié par l’association Appui Santé Caux-Bray-Albâtre et soutenu par l’ARS Normandie, avec le concours de partenaires institutionnels et locaux dont la Communauté de communes des Villes Sœurs. Une dizaine de médecins retraités assurent des consultations en alternance du lundi au vendredi, de 8 h 30 à 17 h 30, sur six communes, dont deux sur le territoire des Villes Sœurs.',
		source: '003_9d26ec9a4d619e61.txt',
		partners: [
			{ org: 'appui-sante-cba', roles: ['lead'] },
			{ org: 'ars-normandie', roles: ['funder'] },
			{ org: 'cc-villes-soeurs', roles: ['contributor'] }
		],
		objectives: [
			{ code: '1', title: 'Assurer des consultations de proximité dans les communes sans offre suffisante' }
		],
		actions: [
			{
				code: '1.1',
				objective: '1',
				title: 'Consultations du Médicobus sur six communes',
				description: 'Les six communes desservies ne sont pas nommées par la source.',
				lead: 'appui-sante-cba',
				contributors: ['cc-villes-soeurs'],
				funders: ['ars-normandie'],
				startsOn: '2024-04-02',
				updates: [
					{
						on: '2024-04-02',
						by: '',
						status: 'in_progress',
						progress: 50,
						health: 'on_track',
						comment: 'Démarrage des consultations.'
					}
				]
			}
		]
	}
];
