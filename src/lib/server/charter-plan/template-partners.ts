/** The template's sheets around the plan: the partners, and what the charter measures and who funds it. */
import type { SheetSpec } from '../spreadsheet/types.js';
import { choices, DIRECTIONS, KINDS, PARTNER_ROLES } from './values.js';

export const PARTNERS_SHEET: SheetSpec = {
	name: 'partenaires',
	title: 'Partenaires',
	description:
		'Les organisations de la charte. Une organisation absente de l’annuaire est créée si son type est indiqué.',
	columns: [
		{
			key: 'name',
			header: 'Organisation',
			aliases: ['Nom', 'Partenaire'],
			required: true,
			type: 'text',
			max: 200,
			description: 'Nom complet de l’organisation (ou son nom court si elle est déjà dans l’annuaire).',
			example: 'Agence régionale de santé Nouvelle-Aquitaine'
		},
		{
			key: 'short_name',
			header: 'Nom court',
			aliases: ['Sigle'],
			type: 'text',
			max: 40,
			description: 'Nom court, facultatif.',
			example: 'ARS Nouvelle-Aquitaine'
		},
		{
			key: 'kind',
			header: 'Type',
			type: 'enum',
			values: KINDS,
			description: `Obligatoire pour une organisation nouvelle. Une de : ${choices(KINDS)}.`,
			example: KINDS.ars[0]
		},
		{
			key: 'territory_code',
			header: 'Code territoire',
			aliases: ['Territoire'],
			type: 'text',
			max: 9,
			description: 'Code INSEE (région, département, commune) ou SIREN, facultatif.',
			example: '75'
		},
		{
			key: 'roles',
			header: 'Rôles',
			aliases: ['Rôle'],
			type: 'list',
			values: PARTNER_ROLES,
			description: `Rôles dans la charte, séparés par des points-virgules : ${choices(PARTNER_ROLES)}.`,
			example: `${PARTNER_ROLES.signatory[0]}; ${PARTNER_ROLES.funder[0]}`
		},
		{
			key: 'emails',
			header: 'E-mails des représentants',
			aliases: ['E-mails', 'E-mail', 'Courriels', 'Courriel', 'Adresses e-mail', 'Contacts', 'Représentants'],
			type: 'list',
			separator: ',',
			description:
				'Adresses e-mail des représentants de l’organisation, séparées par des virgules : chacune reçoit une invitation à rejoindre la charte à l’import.',
			example: 'marie.durand@ars.sante.fr, paul.martin@ars.sante.fr'
		}
	]
};

export const INDICATORS_SHEET: SheetSpec = {
	name: 'indicateurs',
	title: 'Indicateurs',
	description: 'Ce que la charte mesure, rattaché à la charte, à un objectif ou à une action.',
	columns: [
		{
			key: 'name',
			header: 'Nom',
			aliases: ['Indicateur'],
			required: true,
			type: 'text',
			max: 300,
			description: 'Nom de l’indicateur.',
			example: 'Maîtres de stage universitaires'
		},
		{
			key: 'objective',
			header: 'Objectif',
			type: 'text',
			max: 20,
			description: 'Code de l’objectif mesuré, facultatif.',
			example: '2'
		},
		{
			key: 'action',
			header: 'Action',
			type: 'text',
			max: 20,
			description: 'Code de l’action mesurée, facultatif.',
			example: '2.2'
		},
		{ key: 'unit', header: 'Unité', type: 'text', max: 40, description: 'Unité, facultative.', example: 'MSU' },
		{
			key: 'baseline',
			header: 'Valeur de référence',
			aliases: ['Référence'],
			type: 'number',
			decimals: 2,
			description: 'Nombre, facultatif (2 décimales au plus).',
			example: '12'
		},
		{
			key: 'target',
			header: 'Cible',
			type: 'number',
			decimals: 2,
			description: 'Nombre, facultatif (2 décimales au plus).',
			example: '30'
		},
		{
			key: 'target_on',
			header: 'Date cible',
			type: 'date',
			description: 'Date à laquelle atteindre la cible, au format 22/11/2026.',
			example: '31/12/2027'
		},
		{
			key: 'direction',
			header: 'Sens',
			aliases: ['Sens souhaité'],
			type: 'enum',
			values: DIRECTIONS,
			description: `Une de : ${choices(DIRECTIONS)}. Vide : à la hausse.`,
			example: DIRECTIONS.increase[0]
		},
		{ key: 'note', header: 'Note', type: 'text', max: 2000, description: 'Texte libre, facultatif.' }
	]
};

export const FUNDINGS_SHEET: SheetSpec = {
	name: 'financements',
	title: 'Financements',
	description: 'Qui finance quoi, par action ou pour la charte entière, en euros.',
	columns: [
		{
			key: 'funder',
			header: 'Financeur',
			required: true,
			type: 'text',
			max: 200,
			choicesFrom: { sheet: 'partenaires', column: 'name' },
			description: 'Nom (ou nom court) de l’organisation, telle qu’écrite dans la feuille partenaires.',
			example: 'Région Nouvelle-Aquitaine'
		},
		{
			key: 'action',
			header: 'Action',
			type: 'text',
			max: 20,
			description: 'Code de l’action financée ; vide pour une contribution à la charte entière.',
			example: '2.1'
		},
		{
			key: 'source',
			header: 'Source',
			required: true,
			type: 'text',
			max: 80,
			description: 'Origine des fonds : ACI, FEDER, fonds propres...',
			example: 'Fonds propres'
		},
		{
			key: 'year',
			header: 'Année',
			type: 'integer',
			min: 2000,
			maxValue: 2100,
			description: 'Année, facultative.',
			example: '2026'
		},
		{
			key: 'planned',
			header: 'Prévu (€)',
			aliases: ['Prévu', 'Montant prévu'],
			type: 'number',
			min: 0,
			decimals: 2,
			description: 'Montant prévu en euros, facultatif.',
			example: '50000'
		},
		{
			key: 'committed',
			header: 'Engagé (€)',
			aliases: ['Engagé', 'Montant engagé'],
			type: 'number',
			min: 0,
			decimals: 2,
			description: 'Montant engagé en euros, facultatif.',
			example: '30000'
		},
		{
			key: 'paid',
			header: 'Versé (€)',
			aliases: ['Versé', 'Montant versé'],
			type: 'number',
			min: 0,
			decimals: 2,
			description: 'Montant versé en euros, facultatif.',
			example: '10000'
		},
		{ key: 'note', header: 'Note', type: 'text', max: 1000, description: 'Texte libre, facultatif.' }
	]
};
