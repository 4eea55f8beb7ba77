/**
 * The partner's side of installation support: the requests referred to their organization, as
 * public.referred_requests() shows them (masked by need and acceptance), overdue ones first, and one referral
 * with its journal (RLS keeps the entries of their own organization only).
 */
import { error } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { isUuid } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';
import type { Membership } from '#lib/server/memberships.js';
import { withAuthors } from './support-requests.js';

type Client = SupabaseClient<Database>;
export type ReferredRow = Database['public']['Functions']['referred_requests']['Returns'][number];

/** The page is for partner representatives: a 404 for everyone else. */
export function requirePartner(memberships: Membership[]): Membership[] {
	const reps = memberships.filter((ms) => ms.role === 'partner_rep' && ms.organizationId);
	if (reps.length === 0) error(404, m.error_page_not_found());
	return reps;
}

/** Open (sent or accepted) past its due date, on a request still followed. */
export const isOverdue = (r: Pick<ReferredRow, 'referral_status' | 'due_on' | 'request_status'>, today: string) =>
	(r.referral_status === 'sent' || r.referral_status === 'accepted') &&
	r.request_status !== 'installed' &&
	r.request_status !== 'abandoned' &&
	r.due_on !== null &&
	r.due_on < today;

/** Overdue first (oldest due date first), then the SQL's order (open first, by due date). */
export function sortReferred<T extends ReferredRow>(rows: T[], today: string): (T & { overdue: boolean })[] {
	return rows
		.map((r, i) => ({ ...r, overdue: isOverdue(r, today), i }))
		.sort(
			(a, b) =>
				Number(b.overdue) - Number(a.overdue) ||
				(a.overdue ? (a.due_on ?? '').localeCompare(b.due_on ?? '') : 0) ||
				a.i - b.i
		)
		.map(({ i: _i, ...r }) => r as T & { overdue: boolean });
}

/** Rows of the partner's list per page: the open ones come first (the SQL's order), so page 1 is the work. */
export const REFERRALS_PER_PAGE = 50;

/** The page number of `?page=`: a whole number from 1, else 1. */
export function pageNumber(raw: string | null): number {
	const n = Number(raw);
	return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

/**
 * One page of the referrals of the user's organizations, with their total and the overdue count (counted by
 * public.referred_counts, no rows sent for them).
 */
export async function loadReferred(supabase: Client, today: string, page = 1) {
	const from = (page - 1) * REFERRALS_PER_PAGE;
	// The page's rows and the counts are two calls at the same time; the function computes only the page's rows.
	const [rows, counts] = await Promise.all([
		supabase.rpc('referred_requests', { p_limit: REFERRALS_PER_PAGE, p_offset: from }),
		referredCounts(supabase, today)
	]);
	if (rows.error || !counts) error(503, m.routing_unavailable());
	return {
		rows: sortReferred(rows.data ?? [], today),
		total: counts.total,
		overdue: counts.overdue,
		pages: Math.max(1, Math.ceil(counts.total / REFERRALS_PER_PAGE))
	};
}

/** How many referrals the user's organizations have, and how many are overdue; null when the database fails. */
async function referredCounts(supabase: Client, today: string): Promise<{ total: number; overdue: number } | null> {
	const { data, error: err } = await supabase.rpc('referred_counts', { p_today: today }).maybeSingle();
	if (err || !data) return null;
	return { total: Number(data.total) || 0, overdue: Number(data.overdue) || 0 };
}

/** How many referrals of the user's organizations are overdue (the Mes actions block): counted, not listed. */
export async function overdueCount(supabase: Client, today: string): Promise<number> {
	return (await referredCounts(supabase, today))?.overdue ?? 0;
}

export async function loadReferral(supabase: Client, id: string) {
	if (!isUuid(id)) error(404, m.routing_referral_not_found());
	const { data, error: err } = await supabase.rpc('referred_requests').eq('referral_id', id).maybeSingle();
	if (err) error(503, m.routing_unavailable());
	if (!data) error(404, m.routing_referral_not_found());
	const events = await supabase
		.from('support_request_events')
		.select('id, kind, body, created_at, author_id, organization_id, organizations(name, short_name)')
		.eq('request_id', data.request_id)
		.order('created_at', { ascending: false });
	if (events.error) error(503, m.routing_unavailable());
	return { referral: data, events: await withAuthors(supabase, events.data) };
}

/** In form actions: the referral as its partner may change it (RLS: 404 for anyone else). */
export async function partnerReferral({ locals, params }: { locals: App.Locals; params: { referral: string } }) {
	if (!isUuid(params.referral)) error(404, m.routing_referral_not_found());
	const { data } = await locals.supabase.rpc('referred_requests').eq('referral_id', params.referral).maybeSingle();
	if (!data) error(404, m.routing_referral_not_found());
	return {
		id: data.referral_id,
		request_id: data.request_id,
		charter_id: data.charter_id,
		organization_id: data.organization_id,
		status: data.referral_status,
		erased: data.erased
	};
}
