/**
 * "Mes actions" and the attention flags, computed in Postgres (public.my_actions, public.action_attention)
 * and filtered by RLS. Seeded data, read only.
 */
import { describe, expect, test } from 'vitest';
import { anonClient, sql } from '../helpers/env.ts';
import { signedIn } from '../admin/helpers.ts';

const DEMO = 'charte-demo-2026';

describe('my actions', () => {
	test('a partner representative gets the actions their organization leads or contributes to, with flags', async () => {
		const client = await signedIn('fac.limoges@example.org', DEMO);
		const { data, error } = await client.rpc('my_actions');
		expect(error).toBeNull();
		const byCode = new Map(data!.map((r: { code: string }) => [r.code, r]));
		expect([...byCode.keys()].sort()).toEqual(['2.2', '3.1', '3.2', '3.3']);
		expect(byCode.get('2.2')).toMatchObject({
			relations: ['lead'],
			is_overdue: true,
			is_stale: true,
			is_blocked: false
		});
		expect(byCode.get('3.2')).toMatchObject({ relations: ['contributor'], lead_name: 'Maires 87' });
		// Done, or not started yet: nothing to flag.
		expect(byCode.get('3.1')).toMatchObject({ status: 'done', is_overdue: false, is_stale: false });
		expect(byCode.get('3.3')).toMatchObject({ status: 'planned', is_stale: false });
		// Grouped by charter and objective, in the plan's order.
		expect(data!.map((r: { objective_code: string }) => r.objective_code)).toEqual(['2', '3', '3', '3']);
	});

	test('a representative present in several charters gets them all; a coordinator gets every action of theirs', async () => {
		const ars = await signedIn('ars.na@example.org', DEMO);
		const { data: arsRows } = await ars.rpc('my_actions');
		const slugs = new Set(arsRows!.map((r: { charter_slug: string }) => r.charter_slug));
		expect(slugs).toEqual(new Set(['haute-vienne', 'cpts-dropt-garonne-accueil-internes']));
		const blocked = arsRows!.find(
			(r: { code: string; charter_slug: string }) => r.charter_slug === 'haute-vienne' && r.code === '1.2'
		);
		expect(blocked).toMatchObject({ is_blocked: true, relations: ['contributor'] });

		const coordinator = await signedIn('coordination.hv@example.org', DEMO);
		const { data: all } = await coordinator.rpc('my_actions');
		expect(all!.every((r: { relations: string[] }) => r.relations.includes('coordinator'))).toBe(true);
		expect(all!.length).toBe(7);
	});

	test('a steering member has no actions of their own, and anonymous callers get none', async () => {
		const steering = await signedIn('copil.hv@example.org', DEMO);
		const { data } = await steering.rpc('my_actions');
		expect(data).toEqual([]);
		// Refused outright, or an empty list: never an action.
		const { data: anonymous, error } = await anonClient().rpc('my_actions');
		expect(error ? error.code : anonymous).toEqual(error ? '42501' : []);
	});

	test('the attention view follows RLS: an unpublished charter stays hidden from non-members', async () => {
		const [vaucluse] = await sql<{ id: string; n: number }>(
			`select c.id, (select count(*)::int from public.actions a where a.charter_id = c.id) as n
			 from public.charters c where c.slug = 'vaucluse-sante-attractivite'`
		);
		expect(vaucluse.n).toBeGreaterThan(0);
		const official = await signedIn('maire.hv@example.org', DEMO);
		const hidden = await official.from('action_attention').select('action_id').eq('charter_id', vaucluse.id);
		expect(hidden.data).toEqual([]);
		const vaucluseCoordinator = await signedIn('coordination.vaucluse@example.org', DEMO);
		const shown = await vaucluseCoordinator.from('action_attention').select('action_id').eq('charter_id', vaucluse.id);
		expect(shown.data!.length).toBe(vaucluse.n);
	});

	test('my_actions flags each action as the attention view does, for every account with actions', async () => {
		// The rules live in private.is_overdue and private.is_stale; my_actions applies them to the rows it read.
		for (const email of ['coordination.hv@example.org', 'ars.na@example.org', 'fac.limoges@example.org']) {
			const client = await signedIn(email, DEMO);
			const { data: rows } = await client.rpc('my_actions');
			expect(rows!.length).toBeGreaterThan(0);
			const { data: view } = await client
				.from('action_attention')
				.select('action_id, last_activity_at, is_overdue, is_stale, is_blocked')
				.in(
					'action_id',
					rows!.map((r: { action_id: string }) => r.action_id)
				);
			const expected = new Map(view!.map((v) => [v.action_id, v]));
			for (const r of rows!) {
				const { action_id, last_activity_at, is_overdue, is_stale, is_blocked } = r;
				expect({ action_id, last_activity_at, is_overdue, is_stale, is_blocked }, email).toEqual(
					expected.get(action_id)
				);
			}
		}
	});
});
