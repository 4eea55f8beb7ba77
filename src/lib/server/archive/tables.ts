/**
 * What a charter's archive holds, table by table: the file it goes to (`csv/<name>.csv` and `json/<name>.json`),
 * the table it is read from (as the coordinator: RLS decides), what is read with it (names of organizations and
 * people the coordinator already sees), its order (stable, for pages of 1 000 rows), and the columns left out of
 * the CSV because they are whole JSON documents (they are in the JSON file).
 *
 * Support requests, their referrals and events, internships and aid grants hold personal data of people who are
 * not members: the archive holds their counts only (counts.ts).
 */
import type { Database } from '#lib/database.types.js';

export type TableName = keyof Database['public']['Tables'];

export interface ArchiveTable {
	/** The files' name in the zip. */
	name: string;
	table: TableName;
	select: string;
	/** The charter's own column: `id` for the charter itself, `charter_id` for the others. */
	charterColumn: 'id' | 'charter_id';
	order: string[];
	/** Columns holding whole JSON documents: in the JSON file only. */
	jsonOnly?: string[];
}

export const ARCHIVE_TABLES: readonly ArchiveTable[] = [
	{ name: 'charte', table: 'charters', select: '*', charterColumn: 'id', order: ['id'] },
	{
		name: 'partenaires',
		table: 'charter_partners',
		select: '*, organization:organizations(name, short_name, kind)',
		charterColumn: 'charter_id',
		order: ['organization_id', 'role']
	},
	{
		name: 'membres',
		table: 'charter_members',
		select: '*, profile:profiles(display_name, email), organization:organizations(name, short_name)',
		charterColumn: 'charter_id',
		order: ['id']
	},
	{
		name: 'elus-communes',
		table: 'official_communes',
		select: '*, commune:communes(name)',
		charterColumn: 'charter_id',
		order: ['user_id', 'commune_code']
	},
	{ name: 'objectifs', table: 'objectives', select: '*', charterColumn: 'charter_id', order: ['id'] },
	{ name: 'actions', table: 'actions', select: '*', charterColumn: 'charter_id', order: ['id'] },
	{
		name: 'actions-partenaires',
		table: 'action_partners',
		select: '*, organization:organizations(name, short_name)',
		charterColumn: 'charter_id',
		order: ['action_id', 'organization_id']
	},
	{
		name: 'actions-communes',
		table: 'action_communes',
		select: '*, commune:communes(name)',
		charterColumn: 'charter_id',
		order: ['action_id', 'commune_code']
	},
	{ name: 'journal', table: 'action_updates', select: '*', charterColumn: 'charter_id', order: ['id'] },
	{ name: 'evenements', table: 'action_occurrences', select: '*', charterColumn: 'charter_id', order: ['id'] },
	{ name: 'indicateurs', table: 'indicators', select: '*', charterColumn: 'charter_id', order: ['id'] },
	{
		name: 'indicateurs-valeurs',
		table: 'indicator_values',
		select: '*',
		charterColumn: 'charter_id',
		order: ['id']
	},
	{
		name: 'indicateurs-cibles',
		table: 'indicator_targets',
		select: '*',
		charterColumn: 'charter_id',
		order: ['indicator_id', 'year']
	},
	{ name: 'financements', table: 'fundings', select: '*', charterColumn: 'charter_id', order: ['id'] },
	{ name: 'dispositifs-aides', table: 'aid_schemes', select: '*', charterColumn: 'charter_id', order: ['id'] },
	{ name: 'reunions', table: 'meetings', select: '*', charterColumn: 'charter_id', order: ['id'] },
	{
		name: 'reunions-participants',
		table: 'meeting_attendees',
		select: '*, profile:profiles(display_name, email), organization:organizations(name, short_name)',
		charterColumn: 'charter_id',
		order: ['id']
	},
	{
		name: 'reunions-ordre-du-jour',
		table: 'meeting_items',
		select: '*',
		charterColumn: 'charter_id',
		order: ['id']
	},
	{
		name: 'reunions-instantanes',
		table: 'meeting_snapshots',
		select: '*',
		charterColumn: 'charter_id',
		order: ['id'],
		jsonOnly: ['dashboard']
	},
	{ name: 'decisions', table: 'decisions', select: '*', charterColumn: 'charter_id', order: ['id'] },
	{
		name: 'avenants',
		table: 'charter_amendments',
		select: '*',
		charterColumn: 'charter_id',
		order: ['id'],
		jsonOnly: ['plan_before', 'plan_after']
	},
	{ name: 'documents', table: 'documents', select: '*', charterColumn: 'charter_id', order: ['id'] }
];

/** The tables the archive counts without their rows (personal data of people who are not members). */
export const COUNTED_ONLY: readonly TableName[] = [
	'support_requests',
	'support_request_communes',
	'support_request_events',
	'referrals',
	'internships',
	'aid_grants'
];

/** The tables of a charter the archive leaves out, each with its reason (the manifest says them). */
export const LEFT_OUT: Readonly<Partial<Record<TableName, string>>> = {
	invitations: 'invitations en attente : les adresses de personnes qui ne sont pas (encore) membres',
	notifications: 'la file des e-mails envoyés : des copies de ce que l’archive contient déjà',
	indicator_value_stats: 'calculée à partir des valeurs des indicateurs, qui sont dans l’archive',
	action_progress_months: 'calculée à partir du journal des actions, qui est dans l’archive'
};
