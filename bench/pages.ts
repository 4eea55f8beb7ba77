/**
 * Every page the issue sets a target for, through the whole path (SvelteKit → PostgREST → Postgres with RLS),
 * one request at a time after a warm-up, from the app's Server-Timing header:
 *  - the dashboard of echelle-001 (200 actions) as a partner representative (u11) and a coordinator (u1);
 *  - the cross-charter view `/chartes` of the same two (both are in 20 charters);
 *  - *Mes actions* of u11 (20 charters);
 *  - the meeting page of echelle-001's last held meeting and of its next planned one, and its decisions
 *    register, as its coordinator;
 *  - the dashboard of the 2 000-action charter `echelle-grande` as its coordinator.
 * A page whose data the data set lacks (no meeting, no decision, no big charter) is skipped with a note.
 */
import type pg from 'pg';
import { COORDINATOR, PARTNER, SLUG, signIn, timePage } from './lib.ts';

export const GRANDE_SLUG = 'echelle-grande';
export const GRANDE_COORDINATOR = 'grande-coord@echelle.example.org';

export interface PageResult {
	label: string;
	/** Null when the data set has nothing to show on the page. */
	times: number[] | null;
	note?: string;
}
export type PageResults = Record<string, PageResult>;

export async function measurePages(db: pg.Pool, charterId: string, today: string): Promise<PageResults> {
	const out: PageResults = {};
	const cookies = { coordinator: await signIn(COORDINATOR), partner: await signIn(PARTNER) };
	for (const who of ['partner', 'coordinator'] as const) {
		const label = who === 'partner' ? 'partner representative' : 'coordinator';
		out[`dashboard-${who}`] = {
			label: `dashboard, ${label}`,
			times: await timePage(`/chartes/${SLUG}/tableau-de-bord`, cookies[who], `dashboard-${who}`)
		};
		out[`overview-${who}`] = {
			label: `cross-charter view, ${label}`,
			times: await timePage('/chartes', cookies[who], `overview-${who}`)
		};
	}
	out['mes-actions'] = {
		label: 'Mes actions, partner representative (20 charters)',
		times: await timePage('/mes-actions', cookies.partner, 'mes-actions')
	};

	// The meetings of echelle-001: the last one held and the next one planned.
	const meeting = async (status: string, order: 'asc' | 'desc') =>
		(
			await db.query<{ id: string; items: number }>(
				`select m.id, (select count(*)::int from public.meeting_items i where i.meeting_id = m.id) as items
				 from public.meetings m where m.charter_id = $1 and m.status = $2
				   and ($2 <> 'planned' or m.starts_at >= $3::date)
				 order by m.starts_at ${order} limit 1`,
				[charterId, status, today]
			)
		).rows[0];
	for (const [key, label, found] of [
		['meeting-held', 'meeting page, last held meeting, coordinator', await meeting('held', 'desc')],
		['meeting-next', 'meeting page, next planned meeting, coordinator', await meeting('planned', 'asc')]
	] as const) {
		out[key] = found
			? {
					label: `${label} (${found.items} items)`,
					times: await timePage(`/chartes/${SLUG}/reunions/${found.id}`, cookies.coordinator, key)
				}
			: { label, times: null, note: `no data: ${SLUG} has no such meeting in the data set` };
	}
	const [{ decisions }] = (
		await db.query<{ decisions: number }>(
			'select count(*)::int as decisions from public.decisions where charter_id = $1',
			[charterId]
		)
	).rows;
	out.decisions = decisions
		? {
				label: `decisions register, coordinator (${decisions} decisions)`,
				times: await timePage(`/chartes/${SLUG}/decisions`, cookies.coordinator, 'decisions')
			}
		: { label: 'decisions register', times: null, note: `no data: ${SLUG} has no decision in the data set` };

	const grande = (
		await db.query<{ actions: number }>(
			`select count(*)::int as actions from public.actions a join public.charters c on c.id = a.charter_id
			 where c.slug = $1 and a.archived_at is null`,
			[GRANDE_SLUG]
		)
	).rows[0];
	const grandeUser = (await db.query('select 1 from auth.users where email = $1', [GRANDE_COORDINATOR])).rowCount;
	out.grande =
		grande?.actions && grandeUser
			? {
					label: `dashboard, ${grande.actions} actions (${GRANDE_SLUG}), coordinator`,
					times: await timePage(`/chartes/${GRANDE_SLUG}/tableau-de-bord`, await signIn(GRANDE_COORDINATOR), 'grande')
				}
			: {
					label: `dashboard of ${GRANDE_SLUG}`,
					times: null,
					note: `no data: no charter ${GRANDE_SLUG} with its coordinator ${GRANDE_COORDINATOR} in the data set`
				};
	return out;
}
