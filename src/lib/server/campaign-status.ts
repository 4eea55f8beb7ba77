/**
 * The update campaign before a meeting, as the app reads it: the coordination's board (public.campaign_board,
 * per partner organization) and the dashboard's block (public.campaign_status). The rules (which actions are
 * expected, what counts as updated) are the database's, in 20261123500200_update_campaigns.sql; here are only
 * the shapes, the totals and what the block says.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Enums } from '#lib/database.types.js';

type Client = SupabaseClient<Database>;

export interface MissingAction {
	id: string;
	code: string;
	title: string;
}

export interface BoardRow {
	organization_id: string;
	organization_name: string;
	expected: number;
	updated: number;
	latest_comment: string | null;
	latest_comment_at: string | null;
	latest_comment_author: string | null;
	latest_comment_kind: Enums<'update_kind'> | null;
	missing: MissingAction[];
}

export interface CampaignStatus {
	meetingId: string;
	meeting: { kind: Enums<'meeting_kind'>; starts_at: string };
	opensOn: string | null;
	dueOn: string;
	state: 'upcoming' | 'running' | 'ended';
	expected: number;
	updated: number;
	complete: boolean;
	missing: { organizationId: string; organizationName: string; expected: number; missing: number }[];
}

const isMissingAction = (value: unknown): value is MissingAction =>
	!!value &&
	typeof value === 'object' &&
	typeof (value as MissingAction).id === 'string' &&
	typeof (value as MissingAction).code === 'string' &&
	typeof (value as MissingAction).title === 'string';
const missingActions = (value: unknown): MissingAction[] =>
	Array.isArray(value) ? (value as unknown[]).filter(isMissingAction) : [];

/** The board's rows as the database gives them, with their missing actions typed (anything else dropped). */
export function boardRows(rows: Database['public']['Functions']['campaign_board']['Returns']): BoardRow[] {
	return rows.map((r) => ({
		...r,
		missing: missingActions(r.missing)
	}));
}

export function boardTotals(rows: Pick<BoardRow, 'expected' | 'updated'>[]): { expected: number; updated: number } {
	return rows.reduce((t, r) => ({ expected: t.expected + r.expected, updated: t.updated + r.updated }), {
		expected: 0,
		updated: 0
	});
}

/** The board of a meeting's campaign; null when the database cannot answer. */
export async function loadCampaignBoard(client: Client, meetingId: string): Promise<BoardRow[] | null> {
	const { data, error } = await client.rpc('campaign_board', { p_meeting_id: meetingId });
	return error ? null : boardRows(data ?? []);
}

type StatusRow = Database['public']['Functions']['campaign_status']['Returns'][number];

export function toCampaignStatus(row: StatusRow | undefined): CampaignStatus | null {
	if (!row || !row.meeting_id || !row.updates_due_on) return null;
	const missing = Array.isArray(row.missing) ? row.missing : [];
	return {
		meetingId: row.meeting_id,
		meeting: { kind: row.meeting_kind, starts_at: row.starts_at },
		opensOn: row.campaign_opens_on,
		dueOn: row.updates_due_on,
		state: row.state === 'upcoming' || row.state === 'running' ? row.state : 'ended',
		expected: row.expected,
		updated: row.updated,
		complete: row.complete,
		missing: missing.flatMap((m) => {
			if (!m || typeof m !== 'object' || Array.isArray(m)) return [];
			const o = m as Record<string, unknown>;
			return typeof o.organization_id === 'string' && typeof o.organization_name === 'string'
				? [
						{
							organizationId: o.organization_id,
							organizationName: o.organization_name,
							expected: Number(o.expected) || 0,
							missing: Number(o.missing) || 0
						}
					]
				: [];
		})
	};
}

/**
 * The dashboard's block: the campaign of the next planned meeting, or of the last one whose due date passed;
 * null when there is none (or the database does not answer: the dashboard shows the rest).
 */
export async function loadCampaignStatus(client: Client, charterId: string, today?: string) {
	const { data, error } = await client.rpc('campaign_status', {
		p_charter_id: charterId,
		...(today ? { p_today: today } : {})
	});
	return error ? null : toCampaignStatus(data?.[0]);
}
