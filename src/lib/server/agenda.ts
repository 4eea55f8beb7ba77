/**
 * A meeting's agenda (meeting_items): what the page shows for each item and where its title leads. The
 * proposals and the order are kept in SQL (public.propose_agenda_items, public.move_meeting_item); RLS lets
 * coordinators write and members read.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Enums } from '#lib/database.types.js';
import { m } from '#lib/paraglide/messages.js';
import { must } from './form-action.js';

type Db = SupabaseClient<Database>;

export interface AgendaItem {
	id: string;
	position: number;
	kind: Enums<'meeting_item_kind'>;
	title: string;
	notes: string | null;
	actionId: string | null;
	indicatorId: string | null;
	/** A decision to review, with its status of today (the title says it as it was when proposed). */
	decision: { id: string; meetingId: string; status: Enums<'decision_status'> } | null;
	/** Where the title leads (agendaItemHref). */
	href: string | null;
}

/** Where an item's title leads: the action, the indicator, or the decision in its meeting's register. */
export function agendaItemHref(item: Omit<AgendaItem, 'href'>, charterSlug: string): string | null {
	const base = `/chartes/${charterSlug}`;
	if (item.decision) return `${base}/reunions/${item.decision.meetingId}/decisions`;
	if (item.actionId) return `${base}/actions/${item.actionId}`;
	if (item.indicatorId) return `${base}/indicateurs/${item.indicatorId}`;
	return null;
}

/** The agenda in its order (position, then the order the items were added in). */
export async function loadAgenda(db: Db, meetingId: string, charterSlug: string): Promise<AgendaItem[] | null> {
	const { data, error } = await db
		.from('meeting_items')
		.select(
			'id, position, kind, title, notes, action_id, indicator_id, created_at, decision:decisions!meeting_items_decision_id_charter_id_fkey(id, meeting_id, status)'
		)
		.eq('meeting_id', meetingId)
		.order('position')
		.order('created_at')
		.order('id');
	if (error) return null;
	return data.map((i) =>
		withHref(
			{
				id: i.id,
				position: i.position,
				kind: i.kind,
				title: i.title,
				notes: i.notes,
				actionId: i.action_id,
				indicatorId: i.indicator_id,
				decision: i.decision ? { id: i.decision.id, meetingId: i.decision.meeting_id, status: i.decision.status } : null
			},
			charterSlug
		)
	);
}

const withHref = (item: Omit<AgendaItem, 'href'>, charterSlug: string): AgendaItem => ({
	...item,
	href: agendaItemHref(item, charterSlug)
});

/** Adds a free item at the end of the agenda. */
export async function addAgendaItem(
	db: Db,
	meeting: { id: string; charter_id: string },
	item: { title: string; notes: string }
): Promise<void> {
	const { data: last } = await db
		.from('meeting_items')
		.select('position')
		.eq('meeting_id', meeting.id)
		.order('position', { ascending: false })
		.limit(1)
		.maybeSingle();
	must(
		await db.from('meeting_items').insert({
			meeting_id: meeting.id,
			charter_id: meeting.charter_id,
			position: (last?.position ?? 0) + 1,
			kind: 'other',
			title: item.title,
			notes: item.notes || null
		})
	);
}

/** The sentence after "Ajouter les nouveaux points proposés". */
export function proposedText(count: number): string {
	return count === 0 ? m.agenda_proposed_none() : count === 1 ? m.agenda_proposed_one() : m.agenda_proposed({ count });
}
