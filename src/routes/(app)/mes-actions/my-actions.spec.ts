import { describe, expect, it } from 'vitest';
import { ATTENTION_PREVIEW, FULL_LIST_MAX, myActionsView, type MyActionRow } from './my-actions.ts';

/** `n` actions in charter `c` (slug `c`), one objective, flags chosen by the index. */
function rows(c: string, n: number, flag: (i: number) => Partial<MyActionRow> = () => ({})): MyActionRow[] {
	return Array.from({ length: n }, (_, i) => ({
		action_id: `${c}-${i}`,
		charter_id: `id-${c}`,
		charter_slug: c,
		charter_title: `Charte ${c}`,
		objective_id: `${c}-o1`,
		objective_code: '1',
		objective_title: 'Objectif',
		objective_position: 1,
		code: `1.${i + 1}`,
		title: `Action ${i + 1}`,
		lead_organization_id: 'org',
		lead_name: 'ARS',
		status: 'in_progress',
		progress: 10,
		health: 'on_track',
		starts_on: null,
		due_on: null,
		last_activity_at: `2026-01-${String((i % 28) + 1).padStart(2, '0')}T00:00:00Z`,
		relations: ['lead'],
		is_overdue: false,
		is_stale: false,
		is_blocked: false,
		...flag(i)
	})) as MyActionRow[];
}

describe('Mes actions', () => {
	it('lists every action on one page while the list is short', () => {
		const view = myActionsView([...rows('a', 30), ...rows('b', 30)], null);
		expect(view?.mode).toBe('list');
		if (view?.mode !== 'list') return;
		expect(view.charters.map((c) => c.slug)).toEqual(['a', 'b']);
		expect(view.counts.total).toBe(60);
	});

	it('keeps one long charter on one page: there is nothing to choose', () => {
		expect(myActionsView(rows('a', FULL_LIST_MAX + 50), null)?.mode).toBe('list');
	});

	it('summarizes many actions in several charters: counts per charter, the first actions needing attention', () => {
		const all = [
			...rows('a', 80, (i) => ({ is_overdue: i % 2 === 0 })),
			...rows('b', 80, (i) => ({ is_blocked: i < 3 }))
		];
		const view = myActionsView(all, null);
		expect(view?.mode).toBe('summary');
		if (view?.mode !== 'summary') return;
		expect(view.counts).toEqual({ total: 160, overdue: 40, stale: 0, blocked: 3 });
		expect(view.summaries).toEqual([
			{ id: 'id-a', slug: 'a', title: 'Charte a', total: 80, overdue: 40, stale: 0, blocked: 0 },
			{ id: 'id-b', slug: 'b', title: 'Charte b', total: 80, overdue: 0, stale: 0, blocked: 3 }
		]);
		expect(view.attentionTotal).toBe(43);
		expect(view.attention).toHaveLength(ATTENTION_PREVIEW);
		// Overdue first, the oldest news first among them.
		expect(view.attention.every((r) => r.is_overdue)).toBe(true);
		expect(view.attention[0].last_activity_at <= view.attention[1].last_activity_at).toBe(true);
	});

	it('lists one charter in full when asked, with that charter’s figures', () => {
		const all = [...rows('a', 80), ...rows('b', 80, (i) => ({ is_stale: i < 5 }))];
		const view = myActionsView(all, 'b');
		expect(view?.mode).toBe('list');
		if (view?.mode !== 'list') return;
		expect(view.charter).toEqual({ slug: 'b', title: 'Charte b' });
		expect(view.counts).toEqual({ total: 80, overdue: 0, stale: 5, blocked: 0 });
		expect(view.charters.flatMap((c) => c.objectives.flatMap((o) => o.actions))).toHaveLength(80);
		expect(view.attention).toHaveLength(5);
	});

	it('says nothing is there for a charter that holds none of the user’s actions', () => {
		expect(myActionsView(rows('a', 5), 'z')).toBeNull();
	});
});
