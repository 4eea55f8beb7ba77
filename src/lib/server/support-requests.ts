/**
 * The coordination's side of installation support: who may open the requests (coordinators only), the list
 * with its filters, and one request with its communes, referrals, journal and the organizations it may be routed
 * to. RLS stays the boundary (support_requests and its tables are the coordination's); these checks spare
 * others pages whose every button the database would refuse.
 */
import { error } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Enums } from '#lib/database.types.js';
import { orgName } from '#lib/domain/organizations.js';
import { isRequestReference } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { communeResolutionError, resolveCommunes } from '#lib/server/communes.js';
import type { Membership } from '#lib/server/memberships.js';
import { SUPPORT_NEEDS, SUPPORT_STATUSES } from './support-routing-schemas.js';

type Client = SupabaseClient<Database>;
export type SupportStatus = Enums<'support_status'>;
export type SupportNeed = Enums<'support_need'>;

/** The requests are the coordination's: a 404 for everyone else, as for a page that does not exist. */
export function requireCoordinator(membership: Membership | null): Membership {
	if (membership?.role !== 'coordinator') error(404, m.error_page_not_found());
	return membership;
}

/** In form actions: the charter, for its coordinators only. */
export async function coordinatedCharter({ locals, params }: { locals: App.Locals; params: { slug: string } }) {
	const { charter, membership } = await loadCharter(locals, params.slug);
	requireCoordinator(membership);
	return charter;
}

export interface ListFilters {
	status: SupportStatus | null;
	need: SupportNeed | null;
}

/** ?statut=…&besoin=… (plain GET form); an unknown value is no filter. */
export function parseListFilters(params: URLSearchParams): ListFilters {
	const status = params.get('statut') ?? '';
	const need = params.get('besoin') ?? '';
	return {
		status: (SUPPORT_STATUSES as readonly string[]).includes(status) ? (status as SupportStatus) : null,
		need: (SUPPORT_NEEDS as readonly string[]).includes(need) ? (need as SupportNeed) : null
	};
}

/** Open (sent or accepted) and overdue (open past its due date) referrals of a request. */
export function referralCounts(referrals: { status: string; due_on: string | null }[], today: string) {
	const open = referrals.filter((r) => r.status === 'sent' || r.status === 'accepted');
	return { open: open.length, overdue: open.filter((r) => r.due_on !== null && r.due_on < today).length };
}

/** The charter's coordinators (the request's possible owners), by name. */
export async function coordinators(supabase: Client, charterId: string) {
	const { data, error: err } = await supabase
		.from('charter_members')
		.select('user_id, profiles(display_name)')
		.eq('charter_id', charterId)
		.eq('role', 'coordinator');
	if (err) error(503, m.routing_unavailable());
	return (data ?? [])
		.map((r) => ({ id: r.user_id, name: r.profiles?.display_name ?? '—' }))
		.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

export async function loadRequestList(supabase: Client, charterId: string, filters: ListFilters, today: string) {
	let query = supabase
		.from('support_requests')
		.select(
			'id, reference, created_at, requester_first_name, requester_last_name, profession, stage, needs, status, owner_id, erased_at, support_request_communes(communes(name)), referrals(status, due_on)'
		)
		.eq('charter_id', charterId)
		.order('created_at', { ascending: false })
		.limit(1000);
	if (filters.status) query = query.eq('status', filters.status);
	if (filters.need) query = query.contains('needs', [filters.need]);
	const [rows, owners] = await Promise.all([query, coordinators(supabase, charterId)]);
	if (rows.error) error(503, m.routing_unavailable());
	const ownerName = new Map(owners.map((o) => [o.id, o.name]));
	return rows.data.map((r) => ({
		id: r.id,
		reference: r.reference,
		receivedAt: r.created_at,
		name: r.erased_at ? null : `${r.requester_first_name ?? ''} ${r.requester_last_name ?? ''}`.trim(),
		profession: r.profession,
		stage: r.stage,
		needs: r.needs,
		communes: r.support_request_communes
			.map((c) => c.communes?.name ?? '')
			.filter(Boolean)
			.sort((a, b) => a.localeCompare(b, 'fr')),
		status: r.status,
		owner: r.owner_id ? (ownerName.get(r.owner_id) ?? '—') : null,
		...referralCounts(r.referrals, today)
	}));
}

/**
 * The organizations a need may be routed to: the charter's partners and the organizations of its members, and
 * whether someone represents each in the charter (who gets the referral e-mail).
 */
export async function routingOrganizations(supabase: Client, charterId: string) {
	const [partners, members] = await Promise.all([
		supabase.from('charter_partners').select('organizations(id, name, short_name)').eq('charter_id', charterId),
		supabase
			.from('charter_members')
			.select('role, organizations(id, name, short_name)')
			.eq('charter_id', charterId)
			.not('organization_id', 'is', null)
	]);
	if (partners.error || members.error) error(503, m.routing_unavailable());
	const byId = new Map<string, { id: string; name: string; represented: boolean }>();
	for (const row of [...partners.data, ...members.data]) {
		const o = row.organizations;
		if (!o) continue;
		const represented = ('role' in row && row.role === 'partner_rep') || (byId.get(o.id)?.represented ?? false);
		byId.set(o.id, { id: o.id, name: orgName(o) ?? o.name, represented });
	}
	return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** One request of the charter with everything the coordination follows (404 when it is not the charter's). */
export async function loadRequest(supabase: Client, charterId: string, reference: string) {
	if (!isRequestReference(reference)) error(404, m.routing_request_not_found());
	// The request, its referrals and its journal in one round trip (PostgREST embeds them), then the authors' names.
	const { data, error: err } = await supabase
		.from('support_requests')
		.select(
			`*, support_request_communes(commune_code, communes(name)),
			 installed:communes!support_requests_installed_commune_code_fkey(name),
			 referrals(id, need, status, due_on, note, routed_at, answered_at, organization_id, organizations(name, short_name)),
			 support_request_events(id, kind, body, created_at, author_id, organization_id, organizations(name, short_name))`
		)
		.eq('charter_id', charterId)
		.eq('reference', reference)
		.order('routed_at', { referencedTable: 'referrals' })
		.order('created_at', { referencedTable: 'support_request_events', ascending: false })
		.maybeSingle();
	if (err) error(503, m.routing_unavailable());
	if (!data) error(404, m.routing_request_not_found());
	const { referrals, support_request_events: events, ...request } = data;
	return { request, referrals, events: await withAuthors(supabase, events) };
}

/** The journal's entries with their author's name (co-members' profiles are readable; '—' otherwise). */
export async function withAuthors<E extends { author_id: string | null }>(supabase: Client, events: E[]) {
	const ids = [...new Set(events.map((e) => e.author_id).filter((id): id is string => id !== null))];
	const { data } = ids.length ? await supabase.from('profiles').select('id, display_name').in('id', ids) : { data: [] };
	const names = new Map((data ?? []).map((p) => [p.id, p.display_name]));
	return events.map((e) => ({ ...e, author: e.author_id ? (names.get(e.author_id) ?? null) : null }));
}

/** The installation's commune (one, by code or by an unambiguous name), or an error under the field. */
export async function resolveInstalledCommune(
	supabase: Client,
	value: string
): Promise<{ code: string; name: string } | { error: string }> {
	const resolved = await resolveCommunes(supabase, value);
	const problem = communeResolutionError(resolved);
	if (problem) return { error: problem };
	if (resolved.found.length !== 1) return { error: m.routing_installed_commune_one() };
	return { code: resolved.found[0].code, name: resolved.found[0].name };
}
