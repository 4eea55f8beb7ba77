/**
 * What a published charter offers as open data, read with the public's rights (an anon client: RLS shows a
 * published charter's plan, indicators, their values and targets, and the documents marked public; never the
 * journal, money, members or the partners of actions). The same columns as the public page, no more.
 */
import { error } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Enums } from '#lib/database.types.js';
import { todayIso } from '#lib/format.js';
import type { DcatCharter } from '#lib/open-data/dcat.js';
import { m } from '#lib/paraglide/messages.js';

type Client = SupabaseClient<Database>;

export const PUBLIC_CHARTER_COLUMNS =
	'id, slug, title, summary, territory_label, territory_code, signed_on, starts_on, ends_on, created_at, updated_at, open_data_licence';

/** A published charter as the open data read it: what the DCAT description needs, and its id. */
export interface PublicCharter extends DcatCharter {
	id: string;
}

/** A published charter by its address, as the public sees it; 404 otherwise (a draft, an unknown address). */
export async function publicCharter(client: Client, slug: string): Promise<PublicCharter> {
	const { data, error: err } = await client
		.from('charters')
		.select(PUBLIC_CHARTER_COLUMNS)
		.eq('slug', slug)
		.eq('is_public', true)
		.maybeSingle();
	if (err) error(503, m.error_charter_unavailable());
	if (!data) error(404, m.error_charter_not_found());
	return data as PublicCharter;
}

export interface PlanRow {
	objective_code: string;
	objective_title: string;
	action: {
		code: string;
		title: string;
		lead_name: string | null;
		status: Enums<'action_status'>;
		progress: number;
		due_on: string | null;
		is_overdue: boolean;
	} | null;
}

/** Each objective with its actions (an objective without action: one row with none), in the plan's order. */
export async function loadPlan(client: Client, charterId: string, today = todayIso()): Promise<PlanRow[]> {
	const [objectives, actions] = await Promise.all([
		client.from('objectives').select('id, code, title').eq('charter_id', charterId).order('position').order('code'),
		client.rpc('dashboard_actions', { p_charter_id: charterId, p_today: today })
	]);
	if (objectives.error || actions.error) error(503, m.error_charter_unavailable());
	return objectives.data.flatMap((o): PlanRow[] => {
		const own = actions.data.filter((a) => a.objective_id === o.id);
		if (own.length === 0) return [{ objective_code: o.code, objective_title: o.title, action: null }];
		return own.map((a) => ({
			objective_code: o.code,
			objective_title: o.title,
			action: {
				code: a.code,
				title: a.title,
				lead_name: a.lead_name ?? null,
				status: a.status,
				progress: a.progress,
				due_on: a.due_on ?? null,
				is_overdue: a.is_overdue
			}
		}));
	});
}

export interface OpenIndicator {
	id: string;
	name: string;
	unit: string | null;
	baseline: number | null;
	target: number | null;
	target_on: string | null;
	direction: Enums<'indicator_direction'>;
	objective_code: string | null;
	action_code: string | null;
	values: { measured_on: string; value: number; note: string | null }[];
	targets: { year: number; target: number; note: string | null }[];
}

/** The indicators with every value and every yearly target, in the plan's order. */
export async function loadIndicators(client: Client, charterId: string): Promise<OpenIndicator[]> {
	const { data, error: err } = await client
		.from('indicators')
		.select(
			`id, name, unit, baseline, target, target_on, direction, position,
			objective:objectives(code), action:actions(code),
			indicator_values(measured_on, value, note),
			indicator_targets(year, target, note)`
		)
		.eq('charter_id', charterId)
		.order('position')
		.order('name')
		.order('measured_on', { referencedTable: 'indicator_values' })
		.order('year', { referencedTable: 'indicator_targets' });
	if (err) error(503, m.error_charter_unavailable());
	const num = (v: number | string | null) => (v === null ? null : Number(v));
	return data.map((i) => ({
		id: i.id,
		name: i.name,
		unit: i.unit,
		baseline: num(i.baseline),
		target: num(i.target),
		target_on: i.target_on,
		direction: i.direction,
		objective_code: i.objective?.code ?? null,
		action_code: i.action?.code ?? null,
		values: i.indicator_values.map((v) => ({ measured_on: v.measured_on, value: Number(v.value), note: v.note })),
		targets: i.indicator_targets.map((t) => ({ year: t.year, target: Number(t.target), note: t.note }))
	}));
}

export interface PublicDocument {
	id: string;
	title: string;
	kind: Enums<'document_kind'>;
	file_name: string;
	mime_type: string;
	size: number;
	created_at: string;
}
export const PUBLIC_DOCUMENT_COLUMNS = 'id, title, kind, file_name, mime_type, size, created_at';

/** The documents a coordinator marked public, newest first. */
export async function loadPublicDocuments(client: Client, charterId: string): Promise<PublicDocument[]> {
	const { data, error: err } = await client
		.from('documents')
		.select(PUBLIC_DOCUMENT_COLUMNS)
		.eq('charter_id', charterId)
		.eq('is_public', true)
		.order('created_at', { ascending: false })
		.limit(500);
	if (err) error(503, m.error_charter_unavailable());
	return data;
}

/** The organization that publishes the charter's open data (its lead, else its first signatory). */
export async function loadPublisher(client: Client, charterId: string): Promise<string | null> {
	const { data } = await client.rpc('charter_publisher', { p_charter_id: charterId });
	return data?.[0]?.name ?? null;
}
