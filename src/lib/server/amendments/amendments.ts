/**
 * Reading and writing a charter's amendments, as the signed-in user (RLS decides: members read, coordinators
 * write). A draft's difference is against the plan of today; a signed amendment's against the plan it kept
 * when it was signed.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Tables } from '#lib/database.types.js';
import {
	EMPTY_PLAN,
	changeCount,
	diffPlans,
	parsePlan,
	summarizeDiff,
	type CharterPlan,
	type PlanDiff
} from '#lib/amendments/plan-diff.js';
import { must } from '#lib/server/form-action.js';

type Client = SupabaseClient<Database>;
export type AmendmentRow = Tables<'charter_amendments'>;

export class AmendmentsUnavailable extends Error {}

/** The plan as the caller reads it today (public.charter_plan). */
export async function currentPlan(supabase: Client, charterId: string): Promise<CharterPlan> {
	const { data, error } = await supabase.rpc('charter_plan', { p_charter_id: charterId });
	if (error) throw new AmendmentsUnavailable(error.message);
	return parsePlan(data) ?? EMPTY_PLAN;
}

/** What an amendment changed (signed), or changes so far (a draft, against `today`). */
export function amendmentDiff(amendment: AmendmentRow, today: CharterPlan | null): PlanDiff {
	const before = parsePlan(amendment.plan_before) ?? EMPTY_PLAN;
	const after = amendment.signed_on ? (parsePlan(amendment.plan_after) ?? EMPTY_PLAN) : (today ?? before);
	return diffPlans(before, after);
}

export interface AmendmentListRow {
	id: string;
	number: number;
	title: string;
	signedOn: string | null;
	changes: number;
	summary: string;
}

export async function loadAmendments(supabase: Client, charterId: string): Promise<AmendmentListRow[]> {
	const { data, error } = await supabase
		.from('charter_amendments')
		.select('*')
		.eq('charter_id', charterId)
		.order('number', { ascending: false });
	if (error) throw new AmendmentsUnavailable(error.message);
	// The plan of today is read once, and only when a draft needs it.
	const today = data.some((a) => !a.signed_on) ? await currentPlan(supabase, charterId) : null;
	return data.map((a) => {
		const diff = amendmentDiff(a, today);
		return {
			id: a.id,
			number: a.number,
			title: a.title,
			signedOn: a.signed_on,
			changes: changeCount(diff),
			summary: summarizeDiff(diff)
		};
	});
}

export async function loadAmendment(supabase: Client, charterId: string, number: number) {
	const { data, error } = await supabase
		.from('charter_amendments')
		.select('*')
		.eq('charter_id', charterId)
		.eq('number', number)
		.maybeSingle();
	if (error) throw new AmendmentsUnavailable(error.message);
	return data;
}

/** The organizations that joined the charter by this amendment. */
export async function loadJoined(supabase: Client, charterId: string, amendmentId: string) {
	const { data, error } = await supabase
		.from('charter_partners')
		.select('signed_on, organization:organizations(id, name)')
		.eq('charter_id', charterId)
		.eq('amendment_id', amendmentId);
	if (error) throw new AmendmentsUnavailable(error.message);
	return data
		.filter((p) => p.organization)
		.map((p) => ({ id: p.organization!.id, name: p.organization!.name, signedOn: p.signed_on }))
		.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** The organizations that may join: the directory, but those already signatories. */
export async function loadJoinable(supabase: Client, charterId: string) {
	const [orgs, signatories] = await Promise.all([
		supabase.from('organizations').select('id, name, short_name').order('name'),
		supabase.from('charter_partners').select('organization_id').eq('charter_id', charterId).eq('role', 'signatory')
	]);
	if (orgs.error || signatories.error) throw new AmendmentsUnavailable('organizations');
	const signed = new Set(signatories.data.map((s) => s.organization_id));
	return orgs.data.filter((o) => !signed.has(o.id));
}

/** Opens a draft: the database numbers it and keeps the plan as it stands. */
export async function openAmendment(
	supabase: Client,
	charterId: string,
	d: { title: string; summary: string }
): Promise<number> {
	const row = must(
		await supabase
			.from('charter_amendments')
			// number and plan_before are the trigger's (prepare_amendment): what is sent here is replaced.
			.insert({ charter_id: charterId, title: d.title, summary: d.summary || null, number: 1, plan_before: {} })
			.select('number')
			.single()
	);
	return row.number;
}

/** Deletes a draft (the policy keeps signed amendments): whether one was deleted, or the database failed. */
export async function deleteDraft(supabase: Client, amendmentId: string): Promise<'deleted' | 'none' | 'failed'> {
	const { data, error } = await supabase
		.from('charter_amendments')
		.delete()
		.eq('id', amendmentId)
		.is('signed_on', null)
		.select('id');
	if (error) return 'failed';
	return data.length > 0 ? 'deleted' : 'none';
}
