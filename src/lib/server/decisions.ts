/**
 * The decisions register: the filters of its GET form, the rows the pages show (an overdue decision is said in
 * words), the arguments of public.record_decision, and the status change the owner's representatives make
 * (RLS and prepare_decision decide who may).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Enums } from '#lib/database.types.js';
import { isUuid } from '#lib/domain/patterns.js';
import { orgName } from '#lib/domain/organizations.js';
import { m } from '#lib/paraglide/messages.js';
import type { RecordDecision } from '#lib/schemas/decisions.js';
import { must, mustChange, refuse } from './form-action.js';

type Db = SupabaseClient<Database>;
export type DecisionStatus = Enums<'decision_status'>;
export type StatusFilter = DecisionStatus | 'all';

export interface RegisterFilters {
	status: StatusFilter;
	owner: string | null;
	meeting: string | null;
}

const STATUS_FILTERS: readonly StatusFilter[] = ['open', 'done', 'dropped', 'all'];

/** The register's filters from the query string: open decisions by default; anything unknown is ignored. */
export function parseRegisterFilters(params: URLSearchParams): RegisterFilters {
	const status = params.get('etat') ?? 'open';
	const owner = params.get('responsable') ?? '';
	const meeting = params.get('reunion') ?? '';
	return {
		status: (STATUS_FILTERS as readonly string[]).includes(status) ? (status as StatusFilter) : 'open',
		owner: isUuid(owner) ? owner : null,
		meeting: isUuid(meeting) ? meeting : null
	};
}

/** An open decision past its due date (the day in Paris). */
export function isOverdue(d: { status: string; due_on: string | null }, today: string): boolean {
	return d.status === 'open' && d.due_on !== null && d.due_on < today;
}

export interface DecisionRow {
	id: string;
	code: string;
	number: number;
	text: string;
	status: DecisionStatus;
	dueOn: string | null;
	overdue: boolean;
	ownerId: string;
	ownerName: string;
	meetingId: string;
	meetingStartsAt: string | null;
	meetingKind: Enums<'meeting_kind'> | null;
	action: { id: string; code: string; title: string } | null;
	statusComment: string | null;
	statusChangedAt: string | null;
}

export const DECISION_COLUMNS = `id, code, number, text, status, due_on, owner_organization_id, meeting_id, action_id,
	status_comment, status_changed_at, charter_id,
	owner:organizations!decisions_owner_organization_id_fkey(name, short_name),
	meeting:meetings!decisions_meeting_id_charter_id_fkey(starts_at, kind),
	action:actions!decisions_action_id_charter_id_fkey(id, code, title)`;

interface RawDecision {
	id: string;
	code: string;
	number: number;
	text: string;
	status: DecisionStatus;
	due_on: string | null;
	owner_organization_id: string;
	meeting_id: string;
	status_comment: string | null;
	status_changed_at: string | null;
	owner: { name: string; short_name: string | null } | null;
	meeting: { starts_at: string; kind: Enums<'meeting_kind'> } | null;
	action: { id: string; code: string; title: string } | null;
}

/** A row of the register as the pages show it. */
export function toDecisionRow(d: RawDecision, today: string): DecisionRow {
	return {
		id: d.id,
		code: d.code,
		number: d.number,
		text: d.text,
		status: d.status,
		dueOn: d.due_on,
		overdue: isOverdue(d, today),
		ownerId: d.owner_organization_id,
		ownerName: d.owner ? orgName(d.owner) : '—',
		meetingId: d.meeting_id,
		meetingStartsAt: d.meeting?.starts_at ?? null,
		meetingKind: d.meeting?.kind ?? null,
		action: d.action,
		statusComment: d.status_comment,
		statusChangedAt: d.status_changed_at
	};
}

/** Overdue first, then by due date (none last), then by number. */
export function byUrgency(a: DecisionRow, b: DecisionRow): number {
	if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
	if (a.dueOn !== b.dueOn) return a.dueOn === null ? 1 : b.dueOn === null ? -1 : a.dueOn.localeCompare(b.dueOn);
	return a.number - b.number;
}

/** The decisions of a charter after the register's filters, in their order of number. */
export async function loadRegister(db: Db, charterId: string, filters: RegisterFilters, today: string) {
	let query = db.from('decisions').select(DECISION_COLUMNS).eq('charter_id', charterId).order('number');
	if (filters.status !== 'all') query = query.eq('status', filters.status);
	if (filters.owner) query = query.eq('owner_organization_id', filters.owner);
	if (filters.meeting) query = query.eq('meeting_id', filters.meeting);
	const { data, error } = await query;
	if (error) return null;
	return (data as unknown as RawDecision[]).map((d) => toDecisionRow(d, today));
}

/** The open decisions owned by the given organizations in the given charters, the most urgent first. */
export async function loadOwnedOpenDecisions(
	db: Db,
	owners: { charterId: string; organizationId: string }[],
	today: string
) {
	if (owners.length === 0) return [];
	const { data, error } = await db
		.from('decisions')
		.select(`${DECISION_COLUMNS}, charter:charters!decisions_charter_id_fkey(slug, title, short_title)`)
		.eq('status', 'open')
		.in('owner_organization_id', [...new Set(owners.map((o) => o.organizationId))])
		.in('charter_id', [...new Set(owners.map((o) => o.charterId))]);
	if (error) return null;
	type WithCharter = RawDecision & {
		charter_id: string;
		charter: { slug: string; title: string; short_title: string | null } | null;
	};
	return (data as unknown as WithCharter[])
		.filter((d) => owners.some((o) => o.charterId === d.charter_id && o.organizationId === d.owner_organization_id))
		.map((d) => ({
			...toDecisionRow(d, today),
			charterSlug: d.charter?.slug ?? '',
			charterTitle: d.charter?.short_title ?? d.charter?.title ?? ''
		}))
		.sort(byUrgency);
}

/** The arguments of public.record_decision for a validated form. */
export function recordDecisionArgs(meetingId: string, d: RecordDecision) {
	return {
		p_meeting_id: meetingId,
		p_text: d.text,
		p_owner_organization_id: d.ownerOrganizationId,
		p_due_on: d.dueOn || undefined,
		p_action_id: d.link === 'existing' && d.actionId ? d.actionId : undefined,
		p_new_action:
			d.link === 'new' ? { objective_id: d.objectiveId, title: d.actionTitle, due_on: d.dueOn || null } : undefined
	};
}

/** Records a decision; returns its code. */
export async function recordDecision(db: Db, meetingId: string, d: RecordDecision): Promise<string> {
	const id = must(await db.rpc('record_decision', recordDecisionArgs(meetingId, d)));
	const row = must(await db.from('decisions').select('code').eq('id', id).single());
	return row.code;
}

/**
 * Marks a decision done (with what was done) or open again. RLS lets through the coordinators and the owner's
 * representatives; for anybody else no row changes (403).
 */
export async function setDecisionStatus(db: Db, id: string, status: 'done' | 'open', comment: string): Promise<string> {
	const rows = mustChange(
		await db
			.from('decisions')
			.update({ status, status_comment: comment || null })
			.eq('id', id)
			.neq('status', 'dropped')
			.select('code')
	);
	const code = rows[0]?.code ?? '';
	return status === 'done' ? m.decisions_marked_done({ code }) : m.decisions_reopened({ code });
}

/** The code of a decision the caller can read, or a 404 refusal. */
export async function decisionCode(db: Db, id: string): Promise<string> {
	const { data } = await db.from('decisions').select('code').eq('id', id).maybeSingle();
	if (!data) refuse(404, m.decisions_error_not_found());
	return data.code;
}
