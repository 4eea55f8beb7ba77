/**
 * The yearly targets of an indicator, on its administration page: set one (a year that has one takes the new
 * value), remove one. RLS lets coordinators only; the database checks the year (2000-2100) again.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.js';
import { isUuid } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';
import { removeTargetSchema, targetSchema } from '#lib/schemas/targets.js';
import { formAction, must, mustChange, refuse } from './form-action.js';

type Event = RequestEvent<{ slug: string; id: string }>;

export interface IndicatorTarget {
	year: number;
	target: number;
	note: string | null;
}

export async function loadTargets(supabase: SupabaseClient<Database>, indicatorId: string): Promise<IndicatorTarget[]> {
	const data = must(
		await supabase.from('indicator_targets').select('year, target, note').eq('indicator_id', indicatorId).order('year')
	);
	return data.map((t) => ({ year: t.year, target: Number(t.target), note: t.note }));
}

export const saveTargetAction = formAction<typeof targetSchema, Event>(
	targetSchema,
	{ id: 'target' },
	async (d, { event: { locals, params } }) => {
		if (!isUuid(params.id)) refuse(404, m.error_indicator_not_found());
		const { data: indicator } = await locals.supabase
			.from('indicators')
			.select('id, charter_id')
			.eq('id', params.id)
			.maybeSingle();
		if (!indicator) refuse(404, m.error_indicator_not_found());
		must(
			await locals.supabase
				.from('indicator_targets')
				.upsert(
					{
						indicator_id: indicator.id,
						charter_id: indicator.charter_id,
						year: d.year as number,
						target: d.target as number,
						note: d.note === '' ? null : d.note
					},
					{ onConflict: 'indicator_id,year' }
				)
				.select('year')
		);
		return m.targets_saved({ year: String(d.year) });
	}
);

export const removeTargetAction = formAction<typeof removeTargetSchema, Event>(
	removeTargetSchema,
	{ id: 'remove-target', invalid: () => m.targets_not_found() },
	async (d, { event: { locals, params } }) => {
		if (!isUuid(params.id)) refuse(404, m.error_indicator_not_found());
		mustChange(
			await locals.supabase
				.from('indicator_targets')
				.delete()
				.eq('indicator_id', params.id)
				.eq('year', d.year)
				.select('year')
		);
		return m.targets_removed({ year: String(d.year) });
	}
);
