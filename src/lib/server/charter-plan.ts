/**
 * A charter's plan as a spreadsheet (docs/import-template.md): the template's sheets and columns, the
 * validation of an uploaded file against the charter (unknown partner, bad date, duplicate code, progress out
 * of range...), the payload of public.import_charter_plan, and the export of a charter to the same template.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import type { Database, Enums } from '#lib/database.types.js';
import { ACTION_CODE, COMMUNE_CODE, OBJECTIVE_CODE, TERRITORY_CODE } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';
import { organizationKindLabels } from '#lib/labels.js';
import { parseSheet } from './spreadsheet/parse.js';
import { readUploads } from './spreadsheet/read.js';
import type { ParsedRow, Problem, SheetSpec, UploadedFile } from './spreadsheet/types.js';
import type { OutputRow } from './spreadsheet/write.js';

type Client = SupabaseClient<Database>;
const fr = { locale: 'fr' as const };

// --------------------------------------------------------------------------------------------- template

const STATUSES: Record<Enums<'action_status'>, string[]> = {
	planned: [m.status_planned({}, fr), 'a venir', 'prevue'],
	in_progress: [m.status_in_progress({}, fr)],
	done: [m.status_done({}, fr), 'realise', 'terminee'],
	blocked: [m.status_blocked({}, fr), 'bloque'],
	abandoned: [m.status_abandoned({}, fr), 'abandonne']
};
const HEALTHS: Record<Enums<'action_health'>, string[]> = {
	on_track: [m.health_on_track({}, fr)],
	at_risk: [m.health_at_risk({}, fr)],
	off_track: [m.health_off_track({}, fr)]
};
const RECURRENCES: Record<Enums<'action_recurrence'>, string[]> = {
	none: [m.recurrence_none({}, fr), 'non', 'aucune'],
	yearly: [m.recurrence_yearly({}, fr), 'annuel', 'chaque annee']
};
const DIRECTIONS: Record<Enums<'indicator_direction'>, string[]> = {
	increase: [m.direction_increase({}, fr), 'hausse', 'augmenter'],
	decrease: [m.direction_decrease({}, fr), 'baisse', 'diminuer']
};
const PARTNER_ROLES: Record<Enums<'charter_partner_role'>, string[]> = {
	signatory: [m.partner_role_signatory({}, fr)],
	lead: [m.partner_role_lead({}, fr)],
	funder: [m.partner_role_funder({}, fr)],
	contributor: [m.partner_role_contributor({}, fr), 'contributeur']
};
/** A label function called in French, whatever the request's language: the template is French. */
const inFrench = (label: () => string) => (label as unknown as (inputs: object, options: typeof fr) => string)({}, fr);
const KINDS = Object.fromEntries(
	Object.entries(organizationKindLabels).map(([kind, label]) => [kind, [inFrench(label)]])
) as Record<Enums<'organization_kind'>, string[]>;

const choices = (values: Record<string, string[]>) =>
	Object.values(values)
		.map((s) => s[0])
		.join(', ');

export const PLAN_SHEETS: SheetSpec[] = [
	{
		name: 'objectifs',
		title: 'Objectifs',
		description: 'Les objectifs numérotés de la charte, dans leur ordre.',
		columns: [
			{
				key: 'code',
				header: 'Code',
				aliases: ['Numéro', 'N°'],
				required: true,
				type: 'text',
				max: 20,
				description: 'Numéro de l’objectif : 1, 2 ou 2.3. Unique dans la feuille.',
				example: '1'
			},
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
	},
	{
		name: 'actions',
		title: 'Actions',
		description: 'Les actions, chacune rattachée à un objectif et pilotée par un partenaire.',
		columns: [
			{
				key: 'code',
				header: 'Code',
				aliases: ['Numéro', 'N°'],
				required: true,
				type: 'text',
				max: 20,
				description: 'Numéro de l’action : 1.1 ou 2.3.1. Unique dans la feuille.',
				example: '1.1'
			},
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
	},
	{
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
			}
		]
	},
	{
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
				description: 'Nombre, facultatif.',
				example: '12'
			},
			{ key: 'target', header: 'Cible', type: 'number', description: 'Nombre, facultatif.', example: '30' },
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
	},
	{
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
				description: 'Montant prévu en euros, facultatif.',
				example: '50000'
			},
			{
				key: 'committed',
				header: 'Engagé (€)',
				aliases: ['Engagé', 'Montant engagé'],
				type: 'number',
				min: 0,
				description: 'Montant engagé en euros, facultatif.',
				example: '30000'
			},
			{
				key: 'paid',
				header: 'Versé (€)',
				aliases: ['Versé', 'Montant versé'],
				type: 'number',
				min: 0,
				description: 'Montant versé en euros, facultatif.',
				example: '10000'
			},
			{ key: 'note', header: 'Note', type: 'text', max: 1000, description: 'Texte libre, facultatif.' }
		]
	}
];

// --------------------------------------------------------------------------------------------- payload

const text = z.string();
const nullableText = z.string().nullable();
const nullableNumber = z.number().nullable();
const nullableDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.nullable();

/** The payload of public.import_charter_plan; the preview hands it to the import step in a hidden field. */
export const planPayloadSchema = z.object({
	partners: z.array(
		z.object({
			name: text,
			short_name: nullableText,
			kind: nullableText,
			territory_code: nullableText,
			roles: z.array(text)
		})
	),
	objectives: z.array(z.object({ code: text, title: text, description: nullableText })),
	actions: z.array(
		z.object({
			code: text,
			objective: text,
			title: text,
			description: nullableText,
			lead: text,
			contributors: z.array(text),
			funders: z.array(text),
			communes: z.array(text),
			starts_on: nullableDate,
			due_on: nullableDate,
			recurrence: nullableText,
			recurring_since: nullableNumber,
			status: nullableText,
			progress: nullableNumber,
			health: nullableText
		})
	),
	indicators: z.array(
		z.object({
			name: text,
			objective: nullableText,
			action: nullableText,
			unit: nullableText,
			baseline: nullableNumber,
			target: nullableNumber,
			target_on: nullableDate,
			direction: nullableText,
			note: nullableText
		})
	),
	fundings: z.array(
		z.object({
			funder: text,
			action: nullableText,
			source: text,
			year: nullableNumber,
			planned: nullableNumber,
			committed: nullableNumber,
			paid: nullableNumber,
			note: nullableText
		})
	)
});
export type PlanPayload = z.infer<typeof planPayloadSchema>;

export interface SheetSummary {
	name: string;
	title: string;
	rows: number;
	created: number;
	updated: number;
}

export interface PlanPreview {
	sheets: SheetSummary[];
	problems: Problem[];
	payload: PlanPayload | null;
}

// --------------------------------------------------------------------------------------------- validation

const key = (value: string) => value.trim().replace(/\s+/g, ' ').toLowerCase();
const str = (v: ParsedRow['values'][string]) => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: ParsedRow['values'][string]) => (typeof v === 'number' ? v : null);
const list = (v: ParsedRow['values'][string]) => (Array.isArray(v) ? v : []);

interface CharterContext {
	objectiveCodes: Set<string>;
	actionCodes: Set<string>;
	/** Organizations already tied to the charter, by lower-case name and short name. */
	known: Map<string, string>;
	/** The whole directory, by lower-case name and by short name (short names may be shared). */
	byName: Map<string, string>;
	byShortName: Map<string, string[]>;
	byId: Map<string, { name: string; short_name: string | null }>;
}

async function charterContext(supabase: Client, charterId: string): Promise<CharterContext> {
	const [objectives, actions, partners, actionPartners, fundings, organizations] = await Promise.all([
		supabase.from('objectives').select('code').eq('charter_id', charterId),
		supabase.from('actions').select('code, lead_organization_id').eq('charter_id', charterId),
		supabase.from('charter_partners').select('organization_id').eq('charter_id', charterId),
		supabase.from('action_partners').select('organization_id').eq('charter_id', charterId),
		supabase.from('fundings').select('organization_id').eq('charter_id', charterId),
		supabase.from('organizations').select('id, name, short_name')
	]);
	const failed = [objectives, actions, partners, actionPartners, fundings, organizations].find((r) => r.error);
	if (failed?.error) throw new Error(`plan context unavailable: ${failed.error.message}`);
	const tied = new Set([
		...(partners.data ?? []).map((p) => p.organization_id),
		...(actions.data ?? []).map((a) => a.lead_organization_id),
		...(actionPartners.data ?? []).map((p) => p.organization_id),
		...(fundings.data ?? []).map((f) => f.organization_id)
	]);
	const known = new Map<string, string>();
	const byName = new Map<string, string>();
	const byShortName = new Map<string, string[]>();
	for (const o of organizations.data ?? []) {
		byName.set(key(o.name), o.id);
		if (o.short_name) byShortName.set(key(o.short_name), [...(byShortName.get(key(o.short_name)) ?? []), o.id]);
		if (tied.has(o.id)) {
			known.set(key(o.name), o.id);
			if (o.short_name && !known.has(key(o.short_name))) known.set(key(o.short_name), o.id);
		}
	}
	return {
		objectiveCodes: new Set((objectives.data ?? []).map((o) => o.code)),
		actionCodes: new Set((actions.data ?? []).map((a) => a.code)),
		known,
		byName,
		byShortName,
		byId: new Map((organizations.data ?? []).map((o) => [o.id, o]))
	};
}

async function unknownCommunes(supabase: Client, codes: string[]): Promise<Set<string>> {
	const unique = [...new Set(codes)];
	const found = new Set<string>();
	for (let i = 0; i < unique.length; i += 300) {
		const { data, error } = await supabase
			.from('communes')
			.select('code')
			.in('code', unique.slice(i, i + 300));
		if (error) throw new Error(`commune lookup failed: ${error.message}`);
		for (const c of data ?? []) found.add(c.code);
	}
	return new Set(unique.filter((c) => !found.has(c)));
}

/** Reads, parses and checks an upload against the charter; the payload is set only when nothing is wrong. */
export async function previewPlan(supabase: Client, charterId: string, files: UploadedFile[]): Promise<PlanPreview> {
	const read = await readUploads(files, PLAN_SHEETS);
	const problems: Problem[] = [...read.problems];
	const parsed = new Map<string, ParsedRow[]>();
	for (const sheet of read.sheets) {
		const result = parseSheet(sheet);
		parsed.set(sheet.spec.name, result.rows);
		problems.push(...result.problems);
	}
	const ctx = await charterContext(supabase, charterId);
	const rowsOf = (name: string) => parsed.get(name) ?? [];
	const column = (sheet: string, k: string) =>
		PLAN_SHEETS.find((s) => s.name === sheet)!.columns.find((c) => c.key === k)!.header;
	const error = (sheet: string, row: number, k: string | null, message: string) =>
		problems.push({ level: 'error', sheet, row, column: k ? column(sheet, k) : null, message });

	// ----- partenaires: every organization named here becomes known to the other sheets.
	const known = new Map(ctx.known);
	const partners: PlanPayload['partners'] = [];
	const seenPartners = new Map<string, number>();
	for (const r of rowsOf('partenaires')) {
		const name = str(r.values.name);
		if (!name) continue;
		const k = key(name);
		if (seenPartners.has(k)) {
			error('partenaires', r.row, 'name', m.admin_plan_duplicate_partner({ name, row: seenPartners.get(k)! }));
			continue;
		}
		seenPartners.set(k, r.row);
		const shortName = str(r.values.short_name);
		const territory = str(r.values.territory_code)?.toUpperCase() ?? null;
		if (territory && !TERRITORY_CODE.test(territory))
			error('partenaires', r.row, 'territory_code', m.admin_error_territory_code());
		let id = ctx.byName.get(k);
		if (!id) {
			const byShort = ctx.byShortName.get(k) ?? [];
			if (byShort.length > 1) error('partenaires', r.row, 'name', m.admin_plan_ambiguous_partner({ name }));
			id = byShort[0];
		}
		if (!id && !str(r.values.kind)) error('partenaires', r.row, 'kind', m.admin_plan_new_partner_kind({ name }));
		known.set(k, id ?? `new:${k}`);
		if (shortName) known.set(key(shortName), id ?? `new:${k}`);
		// The other sheets may name it by its directory name or short name as well.
		const directory = id ? ctx.byId.get(id) : undefined;
		if (directory && id) {
			known.set(key(directory.name), id);
			if (directory.short_name) known.set(key(directory.short_name), id);
		}
		partners.push({
			name,
			short_name: shortName,
			kind: str(r.values.kind),
			territory_code: territory,
			roles: list(r.values.roles)
		});
	}
	const checkOrganization = (sheet: string, row: number, k: string, name: string) => {
		if (!known.has(key(name))) error(sheet, row, k, m.admin_plan_unknown_partner({ name }));
	};

	// ----- objectifs
	const objectiveCodes = new Set(ctx.objectiveCodes);
	const objectives: PlanPayload['objectives'] = [];
	const seenObjectives = new Map<string, number>();
	let objectivesCreated = 0;
	for (const r of rowsOf('objectifs')) {
		const code = str(r.values.code);
		if (!code) continue;
		if (!OBJECTIVE_CODE.test(code)) {
			error('objectifs', r.row, 'code', m.admin_error_objective_code());
			continue;
		}
		if (seenObjectives.has(code)) {
			error('objectifs', r.row, 'code', m.admin_plan_duplicate_code({ code, row: seenObjectives.get(code)! }));
			continue;
		}
		seenObjectives.set(code, r.row);
		if (!ctx.objectiveCodes.has(code)) objectivesCreated++;
		objectiveCodes.add(code);
		const title = str(r.values.title);
		if (title && title.length < 2) error('objectifs', r.row, 'title', m.admin_error_too_short({ min: 2 }));
		objectives.push({ code, title: title ?? '', description: str(r.values.description) });
	}

	// ----- actions
	const actionCodes = new Set(ctx.actionCodes);
	const actions: PlanPayload['actions'] = [];
	const seenActions = new Map<string, number>();
	let actionsCreated = 0;
	const communeCells: { row: number; codes: string[] }[] = [];
	for (const r of rowsOf('actions')) {
		const code = str(r.values.code);
		if (!code) continue;
		if (!ACTION_CODE.test(code)) {
			error('actions', r.row, 'code', m.admin_error_action_code());
			continue;
		}
		if (seenActions.has(code)) {
			error('actions', r.row, 'code', m.admin_plan_duplicate_code({ code, row: seenActions.get(code)! }));
			continue;
		}
		seenActions.set(code, r.row);
		if (!ctx.actionCodes.has(code)) actionsCreated++;
		actionCodes.add(code);
		const objective = str(r.values.objective);
		if (objective && !objectiveCodes.has(objective))
			error('actions', r.row, 'objective', m.admin_plan_unknown_objective({ code: objective }));
		const lead = str(r.values.lead);
		if (lead) checkOrganization('actions', r.row, 'lead', lead);
		for (const name of list(r.values.contributors)) checkOrganization('actions', r.row, 'contributors', name);
		for (const name of list(r.values.funders)) checkOrganization('actions', r.row, 'funders', name);
		const communes = list(r.values.communes).map((c) => c.toUpperCase());
		const malformed = communes.filter((c) => !COMMUNE_CODE.test(c));
		if (malformed.length)
			error('actions', r.row, 'communes', m.admin_plan_bad_communes({ codes: malformed.join(', ') }));
		else communeCells.push({ row: r.row, codes: communes });
		const status = str(r.values.status);
		const progress = num(r.values.progress);
		if (status === 'done' && progress !== null && progress !== 100)
			error('actions', r.row, 'progress', m.admin_plan_done_needs_100());
		const startsOn = str(r.values.starts_on);
		const dueOn = str(r.values.due_on);
		if (startsOn && dueOn && dueOn < startsOn) error('actions', r.row, 'due_on', m.admin_plan_due_before_start());
		const title = str(r.values.title);
		if (title && title.length < 2) error('actions', r.row, 'title', m.admin_error_too_short({ min: 2 }));
		actions.push({
			code,
			objective: objective ?? '',
			title: title ?? '',
			description: str(r.values.description),
			lead: lead ?? '',
			contributors: list(r.values.contributors),
			funders: list(r.values.funders),
			communes,
			starts_on: startsOn,
			due_on: dueOn,
			recurrence: str(r.values.recurrence),
			recurring_since: num(r.values.recurring_since),
			// A "done" action without a progress is complete.
			status,
			progress: status === 'done' && progress === null ? 100 : progress,
			health: str(r.values.health)
		});
	}
	const unknown = await unknownCommunes(
		supabase,
		communeCells.flatMap((c) => c.codes)
	);
	for (const cell of communeCells) {
		const missing = cell.codes.filter((c) => unknown.has(c));
		if (missing.length)
			error('actions', cell.row, 'communes', m.admin_plan_unknown_communes({ codes: missing.join(', ') }));
	}

	// ----- indicateurs
	const indicators: PlanPayload['indicators'] = [];
	const seenIndicators = new Map<string, number>();
	for (const r of rowsOf('indicateurs')) {
		const name = str(r.values.name);
		if (!name) continue;
		const objective = str(r.values.objective);
		const action = str(r.values.action);
		if (objective && !objectiveCodes.has(objective))
			error('indicateurs', r.row, 'objective', m.admin_plan_unknown_objective({ code: objective }));
		if (action && !actionCodes.has(action))
			error('indicateurs', r.row, 'action', m.admin_plan_unknown_action({ code: action }));
		const k = `${key(name)}|${objective ?? ''}|${action ?? ''}`;
		if (seenIndicators.has(k))
			error('indicateurs', r.row, 'name', m.admin_plan_duplicate_indicator({ name, row: seenIndicators.get(k)! }));
		seenIndicators.set(k, r.row);
		indicators.push({
			name,
			objective,
			action,
			unit: str(r.values.unit),
			baseline: num(r.values.baseline),
			target: num(r.values.target),
			target_on: str(r.values.target_on),
			direction: str(r.values.direction),
			note: str(r.values.note)
		});
	}

	// ----- financements
	const fundings: PlanPayload['fundings'] = [];
	const seenFundings = new Map<string, number>();
	for (const r of rowsOf('financements')) {
		const funder = str(r.values.funder);
		const source = str(r.values.source);
		if (!funder || !source) continue;
		checkOrganization('financements', r.row, 'funder', funder);
		const action = str(r.values.action);
		if (action && !actionCodes.has(action))
			error('financements', r.row, 'action', m.admin_plan_unknown_action({ code: action }));
		const year = num(r.values.year);
		const k = `${key(funder)}|${action ?? ''}|${key(source)}|${year ?? ''}`;
		if (seenFundings.has(k))
			error('financements', r.row, 'source', m.admin_plan_duplicate_funding({ row: seenFundings.get(k)! }));
		seenFundings.set(k, r.row);
		fundings.push({
			funder,
			action,
			source,
			year,
			planned: num(r.values.planned),
			committed: num(r.values.committed),
			paid: num(r.values.paid),
			note: str(r.values.note)
		});
	}

	problems.sort(
		(a, b) =>
			PLAN_SHEETS.findIndex((s) => s.name === a.sheet) - PLAN_SHEETS.findIndex((s) => s.name === b.sheet) ||
			(a.row ?? 0) - (b.row ?? 0)
	);
	const count = (name: string) => rowsOf(name).length;
	const sheets: SheetSummary[] = PLAN_SHEETS.filter((s) => parsed.has(s.name)).map((s) => ({
		name: s.name,
		title: s.title,
		rows: count(s.name),
		created: s.name === 'objectifs' ? objectivesCreated : s.name === 'actions' ? actionsCreated : 0,
		updated:
			s.name === 'objectifs'
				? objectives.length - objectivesCreated
				: s.name === 'actions'
					? actions.length - actionsCreated
					: 0
	}));
	const valid = !problems.some((p) => p.level === 'error');
	return {
		sheets,
		problems,
		payload: valid ? { partners, objectives, actions, indicators, fundings } : null
	};
}

// --------------------------------------------------------------------------------------------- export

/** The charter's plan as rows of the template's sheets (archived objectives and actions left out). */
export async function exportPlan(supabase: Client, charterId: string): Promise<Record<string, OutputRow[]>> {
	const [objectives, actions, partners, indicators, fundings] = await Promise.all([
		supabase
			.from('objectives')
			.select('id, code, title, description, position')
			.eq('charter_id', charterId)
			.is('archived_at', null),
		supabase
			.from('actions')
			.select(
				`id, code, title, description, starts_on, due_on, recurrence, recurring_since, status, progress, health, position,
				objective:objectives(code, position, archived_at),
				lead:organizations!actions_lead_organization_id_fkey(id, name, short_name, kind, territory_code),
				action_partners(role, organization:organizations(id, name, short_name, kind, territory_code)),
				action_communes(commune_code)`
			)
			.eq('charter_id', charterId)
			.is('archived_at', null),
		supabase
			.from('charter_partners')
			.select('role, organization:organizations(id, name, short_name, kind, territory_code)')
			.eq('charter_id', charterId),
		supabase
			.from('indicators')
			.select(
				'name, unit, baseline, target, target_on, direction, note, position, objective:objectives(code), action:actions(code)'
			)
			.eq('charter_id', charterId),
		supabase
			.from('fundings')
			.select(
				'source, year, planned_amount, committed_amount, paid_amount, note, organization:organizations(id, name, short_name, kind, territory_code), action:actions(code)'
			)
			.eq('charter_id', charterId)
	]);
	const failed = [objectives, actions, partners, indicators, fundings].find((r) => r.error);
	if (failed?.error) throw new Error(`export failed: ${failed.error.message}`);

	const byCode = (a: string, b: string) => a.localeCompare(b, 'fr', { numeric: true });
	type Org = { id: string; name: string; short_name: string | null; kind: string; territory_code: string | null };
	const organizations = new Map<string, { org: Org; roles: string[] }>();
	const touch = (org: Org | null, role?: string) => {
		if (!org) return;
		const entry = organizations.get(org.id) ?? { org, roles: [] };
		if (role && !entry.roles.includes(role)) entry.roles.push(role);
		organizations.set(org.id, entry);
	};
	for (const p of partners.data ?? []) touch(p.organization, p.role);

	const liveActions = (actions.data ?? [])
		.filter((a) => a.objective && !a.objective.archived_at)
		.sort(
			(a, b) =>
				(a.objective?.position ?? 0) - (b.objective?.position ?? 0) ||
				byCode(a.objective?.code ?? '', b.objective?.code ?? '') ||
				a.position - b.position ||
				byCode(a.code, b.code)
		);
	for (const a of liveActions) {
		touch(a.lead);
		for (const p of a.action_partners) touch(p.organization);
	}
	for (const f of fundings.data ?? []) touch(f.organization);

	const roleOrder = ['signatory', 'lead', 'funder', 'contributor'];
	return {
		objectifs: [...(objectives.data ?? [])]
			.sort((a, b) => a.position - b.position || byCode(a.code, b.code))
			.map((o) => ({ code: o.code, title: o.title, description: o.description })),
		actions: liveActions.map((a) => ({
			code: a.code,
			objective: a.objective?.code ?? '',
			title: a.title,
			description: a.description,
			lead: a.lead?.name ?? '',
			contributors: a.action_partners
				.filter((p) => p.role === 'contributor' && p.organization)
				.map((p) => p.organization!.name)
				.sort(),
			funders: a.action_partners
				.filter((p) => p.role === 'funder' && p.organization)
				.map((p) => p.organization!.name)
				.sort(),
			communes: a.action_communes.map((c) => c.commune_code).sort(),
			starts_on: a.starts_on,
			due_on: a.due_on,
			recurrence: a.recurrence,
			recurring_since: a.recurring_since,
			status: a.status,
			progress: a.progress,
			health: a.health
		})),
		partenaires: [...organizations.values()]
			.sort((a, b) => a.org.name.localeCompare(b.org.name, 'fr'))
			.map(({ org, roles }) => ({
				name: org.name,
				short_name: org.short_name,
				kind: org.kind,
				territory_code: org.territory_code,
				roles: roles.sort((a, b) => roleOrder.indexOf(a) - roleOrder.indexOf(b))
			})),
		indicateurs: [...(indicators.data ?? [])]
			.sort((a, b) => a.position - b.position)
			.map((i) => ({
				name: i.name,
				objective: i.objective?.code ?? null,
				action: i.action?.code ?? null,
				unit: i.unit,
				baseline: i.baseline,
				target: i.target,
				target_on: i.target_on,
				direction: i.direction,
				note: i.note
			})),
		financements: [...(fundings.data ?? [])]
			.sort(
				(a, b) =>
					byCode(a.action?.code ?? '', b.action?.code ?? '') ||
					(a.organization?.name ?? '').localeCompare(b.organization?.name ?? '', 'fr') ||
					a.source.localeCompare(b.source, 'fr') ||
					(a.year ?? 0) - (b.year ?? 0)
			)
			.map((f) => ({
				funder: f.organization?.name ?? '',
				action: f.action?.code ?? null,
				source: f.source,
				year: f.year,
				planned: f.planned_amount,
				committed: f.committed_amount,
				paid: f.paid_amount,
				note: f.note
			}))
	};
}
