/**
 * Requests for installation support coming in: through the charter's public form (anonymous, checked here, then
 * stored with the service role by public.submit_support_request, which also writes the acknowledgement and the
 * coordinators' notices to the outbox in the same transaction), and recorded by a coordinator (RLS, the user's
 * own client). The routes stay thin over these functions.
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { SuperValidated } from 'sveltekit-superforms';
import { SUPABASE_SERVICE_ROLE_KEY, SUPPORT_RETENTION_MONTHS } from '$app/env/private';
import type { Database } from '#lib/database.types.js';
import { m } from '#lib/paraglide/messages.js';
import {
	recordedRow,
	submissionPayload,
	type PublicRequest,
	type RecordedRequest
} from '#lib/schemas/support-request.js';
import { communeResolutionError, resolveCommunes, type CommuneHit } from './communes.js';
import { loadCharter } from './charter-access.js';
import { dbRefusal, refuse } from './form-action.js';
import { supabaseAdmin } from './supabase-admin.js';
import { checkFormToken, formToken, formTokenKey, supportFormPosts } from './support-intake-guard.js';

type Client = SupabaseClient<Database>;

/** Months after closure before a requester's data is erased (SUPPORT_RETENTION_MONTHS, 24 by default). */
export const supportRetentionMonths = (): number => SUPPORT_RETENTION_MONTHS;

let key: Buffer | undefined;
const tokenKey = () => (key ??= formTokenKey(SUPABASE_SERVICE_ROLE_KEY));

export interface IntakeCharter {
	id: string;
	slug: string;
	title: string;
	short_title: string | null;
}

/** The published charter whose form is open, as anyone reads it; a 404 otherwise. */
export async function openIntakeCharter(supabase: Client, slug: string): Promise<IntakeCharter> {
	const { data, error: err } = await supabase
		.from('charters')
		.select('id, slug, title, short_title, is_public, intake_open')
		.eq('slug', slug)
		.maybeSingle();
	if (err) error(503, m.error_charter_unavailable());
	if (!data || !data.is_public || !data.intake_open) error(404, m.intake_error_closed());
	return { id: data.id, slug: data.slug, title: data.title, short_title: data.short_title };
}

/** The hidden opening time of a form shown now. */
export const openedAtToken = (charterId: string): string => formToken(tokenKey(), charterId);

/**
 * A new form chooses nothing for the person: the profession, the stage (and the channel) start empty, so that
 * the "—" choice shows and a request never goes with the first value of a list by accident.
 */
export function blankChoices(data: { profession: string; stage: string; channel?: string }): void {
	data.profession = '';
	data.stage = '';
	if ('channel' in data) data.channel = '';
}

type AnyForm = SuperValidated<PublicRequest | RecordedRequest, App.Superforms.Message>;

/**
 * Resolves the communes field (codes, or names typed without JavaScript) and shows what is unknown or ambiguous
 * under it. Returns the communes found (named, for the picker to show them again).
 */
export async function checkRequestCommunes(supabase: Client, form: AnyForm): Promise<CommuneHit[]> {
	if (form.errors.communes?.length || !form.data.communes.trim()) return [];
	const resolved = await resolveCommunes(supabase, form.data.communes);
	const problem = communeResolutionError(resolved);
	if (problem) {
		form.valid = false;
		form.errors.communes = [problem];
		return resolved.found;
	}
	form.data.communes = resolved.found.map((c) => c.code).join(', ');
	return resolved.found;
}

/** The bot checks and the per-address limit; each refusal is a 4xx with its message, and nothing is stored. */
export async function guardPublicPost(
	form: { data: PublicRequest },
	charterId: string,
	event: Pick<RequestEvent, 'getClientAddress'>
) {
	const { website, openedAt } = form.data;
	// A refused post can be sent again from the same page, 3 seconds on at the earliest.
	form.data.openedAt = openedAtToken(charterId);
	if (website.trim() !== '') refuse(400, m.intake_error_bot());
	const verdict = checkFormToken(tokenKey(), charterId, openedAt);
	if (verdict === 'tampered') refuse(400, m.intake_error_tampered());
	if (verdict === 'too_fast') refuse(400, m.intake_error_too_fast());
	if (verdict === 'expired') refuse(400, m.intake_error_expired());
	const hit = await supportFormPosts.hit(`ip:${event.getClientAddress()}`);
	if (!hit.allowed)
		refuse(429, m.intake_error_rate_limited({ minutes: String(Math.max(1, Math.ceil(hit.retryAfterSeconds / 60))) }));
}

/** Stores a request of the public form (service role); returns its reference. */
export async function submitPublicRequest(charterId: string, d: PublicRequest): Promise<string> {
	const codes = d.communes ? d.communes.split(/\s*,\s*/).filter(Boolean) : [];
	const { data, error: err } = await supabaseAdmin()
		.rpc('submit_support_request', { p_charter_id: charterId, p_request: submissionPayload(d, codes) })
		.single();
	if (err) {
		if (err.code === 'PT404') refuse(404, m.intake_error_closed());
		const refusal = dbRefusal(err, { fallback: m.intake_error_unavailable() });
		throw refusal;
	}
	return data.reference;
}

/** The charter of the recording page, for its coordinators only (403 for the other members). */
export async function coordinatedCharter(locals: App.Locals, slug: string) {
	const { charter, membership } = await loadCharter(locals, slug);
	if (membership?.role !== 'coordinator') error(403, m.intake_record_forbidden());
	return charter;
}

/** Records a request as the coordinator (RLS), with its communes; returns its reference. */
export async function recordRequest(
	supabase: Client,
	charterId: string,
	userId: string,
	d: RecordedRequest
): Promise<string> {
	const inserted = await supabase
		.from('support_requests')
		.insert(recordedRow(d, charterId, userId))
		.select('id, reference')
		.single();
	if (inserted.error) {
		if (inserted.error.code === '23503' && d.occurrenceId)
			refuse(409, m.intake_record_occurrence_unknown(), 'occurrenceId');
		throw dbRefusal(inserted.error, { fallback: m.intake_error_unavailable() });
	}
	const codes = d.communes ? d.communes.split(/\s*,\s*/).filter(Boolean) : [];
	if (codes.length) {
		const linked = await supabase
			.from('support_request_communes')
			.insert(codes.map((code) => ({ request_id: inserted.data.id, charter_id: charterId, commune_code: code })));
		if (linked.error) {
			// Nothing half-saved: the request goes with its communes or not at all.
			await supabase.from('support_requests').delete().eq('id', inserted.data.id);
			throw dbRefusal(linked.error, { fallback: m.intake_error_unavailable() });
		}
	}
	return inserted.data.reference;
}
