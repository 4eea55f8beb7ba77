/**
 * What the coordination and the partners write on a request, with the user's own client (RLS and the
 * triggers decide): the status and outcome, the routing of a need to a partner (a referral and its journal
 * entry, which the partner reads), the partner's answer (the trigger stamps answered_at) and notes.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Enums, TablesUpdate } from '#lib/database.types.js';
import { formatDate } from '#lib/format.js';
import { label, referralStatusLabels, supportNeedLabels, supportStatusLabels } from '#lib/labels.js';
import { m } from '#lib/paraglide/messages.js';
import { must, mustChange } from '#lib/server/form-action.js';
import type { StatusForm } from './support-routing-schemas.js';

type Client = SupabaseClient<Database>;

/** The columns a status form writes (the trigger clears the installation's fields for any other status). */
export function statusUpdate(d: StatusForm, communeCode: string | null): TablesUpdate<'support_requests'> {
	const installed = d.status === 'installed';
	return {
		status: d.status,
		installed_on: installed ? d.installedOn : null,
		installed_commune_code: installed ? communeCode : null,
		installed_mode: installed && d.installedMode !== '' ? d.installedMode : null,
		outcome_note: d.outcomeNote === '' ? null : d.outcomeNote
	};
}

/** The journal's line for a status change: the status, and where and when for an installation. */
export function statusLine(d: StatusForm, communeName: string | null): string {
	const status = label(supportStatusLabels, d.status);
	if (d.status === 'installed')
		return m.routing_status_line_installed({ status, date: formatDate(d.installedOn), commune: communeName ?? '—' });
	return d.outcomeNote ? `${status} — ${d.outcomeNote}` : status;
}

interface Request {
	id: string;
	charter_id: string;
}

export async function writeEvent(
	supabase: Client,
	request: Request,
	event: { kind: Enums<'support_event_kind'>; body: string | null; organizationId: string | null }
) {
	must(
		await supabase.from('support_request_events').insert({
			request_id: request.id,
			charter_id: request.charter_id,
			kind: event.kind,
			body: event.body,
			organization_id: event.organizationId
		})
	);
}

/** Routes a need to an organization: the referral (its e-mails follow, in SQL) and the journal's entry. */
export async function routeNeed(
	supabase: Client,
	request: Request,
	d: { need: Enums<'support_need'>; organizationId: string; dueOn: string; note: string },
	organizationName: string
) {
	must(
		await supabase.from('referrals').insert({
			request_id: request.id,
			charter_id: request.charter_id,
			organization_id: d.organizationId,
			need: d.need,
			due_on: d.dueOn,
			note: d.note === '' ? null : d.note
		}),
		{ unique: { field: 'organizationId', text: m.routing_route_duplicate({ organization: organizationName }) } }
	);
	const line = m.routing_routed_line({
		need: label(supportNeedLabels, d.need),
		organization: organizationName,
		date: formatDate(d.dueOn)
	});
	await writeEvent(supabase, request, {
		kind: 'routed',
		body: d.note ? `${line}\n${d.note}` : line,
		organizationId: d.organizationId
	});
}

/** The partner's answer: the referral's status (answered_at is the database's) and the journal's entry. */
export async function answerReferral(
	supabase: Client,
	referral: { id: string; request_id: string; charter_id: string; organization_id: string },
	decision: Enums<'referral_status'>,
	body: string
) {
	mustChange(await supabase.from('referrals').update({ status: decision }).eq('id', referral.id).select('id'));
	const status = label(referralStatusLabels, decision);
	await writeEvent(
		supabase,
		{ id: referral.request_id, charter_id: referral.charter_id },
		{ kind: 'answer', body: body ? `${status} — ${body}` : status, organizationId: referral.organization_id }
	);
}
