/**
 * The columns of the lists of interns that faculties send each semester (docs/internship-import.md): French
 * headers, with the spellings faculties use accepted too.
 */
import type { SheetSpec } from '../spreadsheet/types.js';

/** The columns of the file; French headers, with the spellings faculties use accepted too. */
export const INTERNSHIP_SHEET: SheetSpec = {
	name: 'stagiaires',
	title: 'Stagiaires du semestre',
	description:
		'Une ligne par stage, telle que la faculté l’envoie chaque semestre (arrivées de novembre et de mai). Les stages déjà au registre (même prénom, même nom, même date d’arrivée) sont ignorés : le même fichier peut être importé deux fois sans doublon.',
	columns: [
		{
			key: 'first_name',
			header: 'Prénom',
			required: true,
			type: 'text',
			max: 80,
			description: 'Prénom du ou de la stagiaire.',
			example: 'Léa'
		},
		{
			key: 'last_name',
			header: 'Nom',
			aliases: ['Nom de famille'],
			type: 'text',
			max: 80,
			description: 'Nom de famille (effacé douze mois après la fin du stage).',
			example: 'Bernard'
		},
		{
			key: 'email',
			header: 'E-mail',
			aliases: ['Email', 'Adresse e-mail', 'Courriel', 'Mail'],
			type: 'text',
			max: 254,
			description: 'Adresse e-mail du ou de la stagiaire, facultative.',
			example: 'lea.bernard@example.org'
		},
		{
			key: 'profession',
			header: 'Profession',
			aliases: ['Filière'],
			required: true,
			type: 'enum',
			values: {
				medecine: ['Médecine'],
				pharmacie: ['Pharmacie'],
				odontologie: ['Odontologie', 'Chirurgie dentaire', 'Dentaire'],
				maieutique: ['Maïeutique', 'Sage-femme', 'Sages-femmes'],
				kinesitherapie: ['Kinésithérapie', 'Masso-kinésithérapie'],
				soins_infirmiers: ['Soins infirmiers', 'Infirmier', 'Infirmière'],
				autre: ['Autre']
			},
			description: 'Médecine, Pharmacie, Odontologie, Maïeutique, Kinésithérapie, Soins infirmiers ou Autre.',
			example: 'Médecine'
		},
		{
			key: 'level',
			header: 'Niveau',
			required: true,
			type: 'enum',
			values: {
				externe: ['Externe', 'Étudiant hospitalier', '2e cycle', 'Deuxième cycle'],
				interne: ['Interne', '3e cycle', 'Troisième cycle'],
				docteur_junior: ['Docteur junior', 'DJ']
			},
			description: 'Externe, Interne ou Docteur junior.',
			example: 'Interne'
		},
		{
			key: 'specialty',
			header: 'Spécialité',
			aliases: ['DES'],
			type: 'text',
			max: 120,
			description: 'Spécialité préparée, facultative.',
			example: 'Médecine générale'
		},
		{
			key: 'faculty',
			header: 'Faculté',
			aliases: ['Université', 'UFR'],
			type: 'text',
			max: 160,
			description: 'Faculté d’origine.',
			example: 'Faculté de médecine de Limoges'
		},
		{
			key: 'supervisor',
			header: 'Maître de stage',
			aliases: ['MSU', 'Maître de stage universitaire', 'Tuteur'],
			type: 'text',
			max: 160,
			description: 'Maître de stage universitaire (MSU).',
			example: 'Dr Hélène Faure'
		},
		{
			key: 'host_contact',
			header: 'Contact de la structure d’accueil',
			aliases: ["Contact de la structure d'accueil", 'Contact structure', 'Contact du lieu de stage'],
			type: 'text',
			max: 200,
			description:
				'Qui la commune appelle pour l’accueil : téléphone ou adresse du secrétariat de la structure (pas celle du stagiaire). Les élus le voient.',
			example: 'Secrétariat de la MSP : 05 55 00 00 00'
		},
		{
			key: 'host',
			header: 'Structure d’accueil',
			aliases: ["Structure d'accueil", 'Lieu de stage', 'Terrain de stage', 'Structure'],
			required: true,
			type: 'text',
			max: 200,
			description:
				'Nom ou nom court de l’organisation qui accueille, tel qu’il figure dans l’annuaire des organisations.',
			example: 'MSP Saint-Yrieix'
		},
		{
			key: 'commune',
			header: 'Commune',
			aliases: ['Code INSEE', 'Code commune', 'Commune (code INSEE)', 'INSEE'],
			required: true,
			type: 'text',
			max: 200,
			description: 'Code INSEE de la commune du stage, ou son nom quand aucune autre commune de France ne le porte.',
			example: '87187'
		},
		{
			key: 'starts_on',
			header: 'Arrivée',
			aliases: ['Date d’arrivée', "Date d'arrivée", 'Début', 'Date de début'],
			required: true,
			type: 'date',
			description: 'Date d’arrivée, JJ/MM/AAAA.',
			example: '02/11/2026'
		},
		{
			key: 'ends_on',
			header: 'Fin',
			aliases: ['Date de fin'],
			required: true,
			type: 'date',
			description: 'Date de fin du stage, JJ/MM/AAAA.',
			example: '30/04/2027'
		},
		{
			key: 'housing',
			header: 'Hébergement',
			aliases: ['Logement'],
			type: 'enum',
			values: {
				co_living: ['Co-living', 'Colocation'],
				internat: ['Internat'],
				logement_communal: ['Logement communal'],
				logement_hospitalier: ['Logement hospitalier'],
				logement_personnel: ['Logement personnel'],
				autre: ['Autre']
			},
			description: 'Co-living, Internat, Logement communal, Logement hospitalier, Logement personnel ou Autre.',
			example: 'Logement communal'
		},
		{
			key: 'housing_note',
			header: 'Précision sur l’hébergement',
			aliases: ["Précision sur l'hébergement", 'Adresse du logement'],
			type: 'text',
			max: 300,
			description: 'Adresse ou précision utile à l’accueil.',
			example: 'Studio au-dessus de la mairie'
		},
		{
			key: 'status',
			header: 'Statut',
			type: 'enum',
			values: {
				planned: ['Prévu'],
				confirmed: ['Confirmé'],
				arrived: ['Sur place', 'Arrivé', 'Arrivée', 'Arrivé·e'],
				cancelled: ['Annulé']
			},
			description: 'Prévu si vide. Un stage importé « Confirmé » prévient aussitôt par e-mail les élus de sa commune.',
			example: 'Prévu'
		}
	]
};
