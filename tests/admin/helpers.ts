/**
 * Test fixtures of the coordinators' suites: fresh users (never the demo accounts for data a test changes),
 * and charters each test creates and owns.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, serviceClient, sql, uniqueEmail } from '../helpers/env.ts';

export const PASSWORD = 'mot-de-passe-de-test-2026';

/** A confirmed user with a password, signed in. */
export async function newUser(label = 'user'): Promise<{ id: string; email: string; client: SupabaseClient }> {
	const email = uniqueEmail(label);
	const { data, error } = await serviceClient().auth.admin.createUser({
		email,
		password: PASSWORD,
		email_confirm: true,
		user_metadata: { display_name: `Test ${label}` }
	});
	if (error) throw error;
	return { id: data.user.id, email, client: await signedIn(email) };
}

export async function signedIn(email: string, password = PASSWORD): Promise<SupabaseClient> {
	const client = anonClient();
	const { error } = await client.auth.signInWithPassword({ email, password });
	if (error) throw error;
	return client;
}

/** A charter created by `client`'s user, who becomes its coordinator (trigger). */
export async function newCharter(
	client: SupabaseClient,
	userId: string,
	title = 'Charte de test'
): Promise<{ id: string; slug: string }> {
	const slug = `test-${randomUUID().slice(0, 8)}`;
	// The right to create charters, as a platform administrator grants it (npm run admin:creators).
	await sql('insert into public.charter_creators (user_id) values ($1) on conflict do nothing', [userId]);
	const { error } = await client
		.from('charters')
		.insert({ slug, title: `${title} ${slug}`, scope_level: 'departement', created_by: userId });
	if (error) throw error;
	const [row] = await sql<{ id: string }>('select id from public.charters where slug = $1', [slug]);
	return { id: row.id, slug };
}

export async function dropCharter(id: string): Promise<void> {
	await sql('delete from public.charters where id = $1', [id]);
}
