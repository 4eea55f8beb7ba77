/**
 * A charter's plan as a spreadsheet (docs/import-template.md): the template's sheets and columns. The objectives
 * and actions sheets are here, the partners, indicators and fundings sheets in ./template-partners.ts.
 */
import type { ColumnSpec, SheetSpec } from '../spreadsheet/types.js';
import { choices, HEALTHS, RECURRENCES, STATUSES } from './values.js';
import { FUNDINGS_SHEET, INDICATORS_SHEET, PARTNERS_SHEET } from './template-partners.js';

/** The numbered code that identifies an objective or an action in its sheet. */
const codeColumn = (description: string, example: string): ColumnSpec => ({
	key: 'code',
	header: 'Code',
	aliases: ['Numéro', 'N°'],
	required: true,
	type: 'text',
	max: 20,
	description,
	example
});

export const OBJECTIVES_SHEET: SheetSpec = {
	name: 'objectifs',
	title: 'Objectifs',
	description: 'Les objectifs numérotés de la charte, dans leur ordre.',
	columns: [
		codeColumn('Numéro de l’objectif : 1, 2 ou 2.3. Unique dans la feuille.', '1'),
		{
			key: 'title',
			header: 'Titre',
			aliases: ['Intitulé', 'Objectif'],
			required: true,
			type: 'text',
			max: 300,
			description: 'Intitulé de l’objectif.',
			example: 'Améliorer l’accès à un médecin traitant'
		},
		{ key: 'description', header: 'Description', type: 'text', max: 5000, description: 'Texte libre, facultatif.' }
	]
};

export const ACTIONS_SHEET: SheetSpec = {
	name: 'actions',
	title: 'Actions',
	description: 'Les actions, chacune rattachée à un objectif et pilotée par un partenaire.',
	columns: [
		codeColumn('Numéro de l’action : 1.1 ou 2.3.1. Unique dans la feuille.', '1.1'),
		{
			key: 'objective',
			header: 'Objectif',
			required: true,
			type: 'text',
			max: 20,
			description: 'Code de l’objectif (feuille objectifs ou déjà dans la charte).',
			example: '1'
		},
		{
			key: 'title',
			header: 'Titre',
			aliases: ['Intitulé', 'Action'],
			required: true,
			type: 'text',
			max: 300,
			description: 'Intitulé de l’action.',
			example: 'Mettre en œuvre le Service d’accès aux soins'
		},
		{ key: 'description', header: 'Description', type: 'text', max: 10000, description: 'Texte libre, facultatif.' },
		{
			key: 'lead',
			header: 'Pilote',
			required: true,
			type: 'text',
			max: 200,
			choicesFrom: { sheet: 'partenaires', column: 'name' },
			description: 'Nom (ou nom court) de l’organisation pilote, telle qu’écrite dans la feuille partenaires.',
			example: 'ARS Nouvelle-Aquitaine'
		},
		{
			key: 'contributors',
			header: 'Contributeurs',
			aliases: ['Partenaires contributeurs', 'Partenaires'],
			type: 'list',
			description: 'Organisations contributrices, séparées par des points-virgules.',
			example: 'URPS ML Nouvelle-Aquitaine; Ordre des médecins 87'
		},
		{
			key: 'funders',
			header: 'Financeurs',
			type: 'list',
			description: 'Organisations qui financent l’action, séparées par des points-virgules.'
		},
		{
			key: 'communes',
			header: 'Communes (codes INSEE)',
			aliases: ['Communes', 'Codes INSEE'],
			type: 'list',
			separator: ',',
			description: 'Codes INSEE des communes concernées, séparés par des virgules. Vide : tout le territoire.',
			example: '87085, 87187'
		},
		{
			key: 'starts_on',
			header: 'Début',
			aliases: ['Date de début'],
			type: 'date',
			description: 'Date de début, au format 22/11/2026.',
			example: '01/10/2024'
		},
		{
			key: 'due_on',
			header: 'Échéance',
			aliases: ['Date d’échéance', 'Fin', 'Date de fin'],
			type: 'date',
			description: 'Date d’échéance, au format 22/11/2026 ; postérieure au début.',
			example: '31/12/2026'
		},
		{
			key: 'recurrence',
			header: 'Récurrence',
			type: 'enum',
			values: RECURRENCES,
			description: `Une de : ${choices(RECURRENCES)}. Vide : ponctuelle.`,
			example: RECURRENCES.none[0]
		},
		{
			key: 'recurring_since',
			header: 'Depuis (année)',
			aliases: ['Depuis'],
			type: 'integer',
			min: 1900,
			maxValue: 2100,
			description: 'Pour une action annuelle : l’année de sa première édition.',
			example: '2016'
		},
		{
			key: 'status',
			header: 'Statut',
			type: 'enum',
			values: STATUSES,
			description: `Une de : ${choices(STATUSES)}. Vide : à venir.`,
			example: STATUSES.in_progress[0]
		},
		{
			key: 'progress',
			header: 'Avancement (%)',
			aliases: ['Avancement'],
			type: 'integer',
			min: 0,
			maxValue: 100,
			description: 'Nombre entier de 0 à 100 ; 100 pour une action réalisée.',
			example: '40'
		},
		{
			key: 'health',
			header: 'Santé',
			aliases: ['Météo'],
			type: 'enum',
			values: HEALTHS,
			description: `Une de : ${choices(HEALTHS)}. Vide : dans les temps.`,
			example: HEALTHS.on_track[0]
		}
	]
};

/** The sheets of the template, in the order of the workbook (and of the problems listed). */
export const PLAN_SHEETS: SheetSpec[] = [
	OBJECTIVES_SHEET,
	ACTIONS_SHEET,
	PARTNERS_SHEET,
	INDICATORS_SHEET,
	FUNDINGS_SHEET
];
