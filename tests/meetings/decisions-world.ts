/**
 * The steps of the decisions tests: members added to the fixture's charter, meetings planned by its
 * coordination (their agenda filled by the trigger), a decision read as the database holds it.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { expect } from 'vitest';
import type { DashboardFixture } from '../helpers/dashboard-fixture.ts';
import { sql } from '../helpers/env.ts';
import { newUser } from '../admin/helpers.ts';

/** A fresh user, member of the fixture's charter with this role (and organization), signed in. */
export async function addMember(fx: DashboardFixture, label: string, role: string, organizationId: string | null) {
	const user = await newUser(label);
	await sql('insert into public.charter_members (charter_id, user_id, role, organization_id) values ($1, $2, $3, $4)', [
		fx.charterId,
		user.id,
		role,
		organizationId
	]);
	return user;
}

/** A meeting planned by the coordination at 14:00 on that day. */
export async function planMeeting(
	coordinator: SupabaseClient,
	fx: DashboardFixture,
	startsOn: string,
	title: string
): Promise<string> {
	const { data, error } = await coordinator
		.from('meetings')
		.insert({ charter_id: fx.charterId, title, starts_at: `${startsOn}T14:00:00+01:00` })
		.select('id')
		.single();
	expect(error).toBeNull();
	return data!.id;
}

/** What a decision holds, read past RLS. */
export async function decisionRow(id: string) {
	const [row] = await sql<{ code: string; text: string; status: string; status_comment: string | null }>(
		'select code, text, status, status_comment from public.decisions where id = $1',
		[id]
	);
	return row;
}
