/**
 * public.report_action_details as each caller sees it: members read each action's contributors, latest comment
 * and journal since a date; outsiders read nothing; anon may not call it.
 */
import { describe, expect, it } from 'vitest';
import { ids, signInAs } from '../helpers/demo.ts';
import { anonClient, sql } from '../helpers/env.ts';
import type { ActionDetail } from '../../src/lib/server/report/content.ts';

const HV = ids.charter('haute-vienne');

describe('report_action_details', () => {
	it('gives a member every action with its contributors, latest comment and the state on the date', async () => {
		const copil = await signInAs('copil.hv@example.org');
		const { data: rows, error } = await copil.rpc('report_action_details', { p_charter_id: HV, p_since: '2026-09-02' });
		expect(error).toBeNull();
		const data = rows as ActionDetail[] | null;
		const expected = await sql<{ id: string; comment: string | null; since: number; contributors: number }>(
			`select a.id,
			   (select u.comment from public.action_updates u where u.action_id = a.id and u.comment is not null
			    order by u.created_at desc limit 1) as comment,
			   (select count(*)::int from public.action_updates u where u.action_id = a.id
			    and u.created_at >= '2026-09-02'::timestamp at time zone 'Europe/Paris') as since,
			   (select count(*)::int from public.action_partners ap where ap.action_id = a.id and ap.role = 'contributor') as contributors
			 from public.actions a where a.charter_id = $1 and a.archived_at is null`,
			[HV]
		);
		expect(data).toHaveLength(expected.length);
		for (const e of expected) {
			const row = data!.find((r) => r.action_id === e.id)!;
			expect(row.latest_comment).toBe(e.comment);
			expect(row.updates_since).toBe(e.since);
			expect(row.contributors).toHaveLength(e.contributors);
		}
		// The state before the date: 1.1 went from 25 % to 40 % on 05/10/2026.
		const sas = data!.find((r) => r.action_id === ids.action('haute-vienne', '1.1'))!;
		expect([sas.status_before, sas.progress_before]).toEqual(['in_progress', 25]);
		// Without a date, no journal count.
		const { data: plain } = await copil.rpc('report_action_details', { p_charter_id: HV });
		expect((plain as ActionDetail[]).every((r) => r.updates_since === null)).toBe(true);
	});

	it('shows an outsider nothing and refuses anon', async () => {
		const outsider = await signInAs('coordination.normandie@example.org');
		const { data: rows, error } = await outsider.rpc('report_action_details', {
			p_charter_id: HV,
			p_since: '2026-09-02'
		});
		expect(error).toBeNull();
		const data = rows as ActionDetail[] | null;
		// Haute-Vienne is published: an outsider may read its actions, never their journal or partners.
		expect(data!.length).toBeGreaterThan(0);
		for (const row of data!) {
			expect(row.latest_comment).toBeNull();
			expect(row.updates_since).toBe(0);
			expect(row.contributors).toEqual([]);
		}
		const anon = await anonClient().rpc('report_action_details', { p_charter_id: HV });
		expect(anon.error?.code).toBe('42501');
	});
});
