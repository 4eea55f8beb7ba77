/**
 * Data the browser tests of issue 4 create and own: charters with unique titles, fresh users, and a few
 * demo accounts added to those charters for the length of a test file. The seeded charters are only read.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { serviceClient, sql, uniqueEmail } from '../helpers/env.ts';
import { DEMO_ACCOUNTS } from '../../scripts/demo-accounts.ts';

export const TEST_PASSWORD = 'mot-de-passe-de-test-2026';

export const demoId = (email: string) => {
	const account = DEMO_ACCOUNTS.find((a) => a.email === email);
	if (!account) throw new Error(`no demo account ${email}`);
	return account.id;
};

export async function organizationId(name: string): Promise<string> {
	const [row] = await sql<{ id: string }>('select id from public.organizations where name = $1 or short_name = $1', [
		name
	]);
	if (!row) throw new Error(`no organization ${name}`);
	return row.id;
}

/** A confirmed account with a password, for roles whose demo account other suites rely on. */
export async function freshUser(label: string, displayName = `Test ${label}`): Promise<{ id: string; email: string }> {
	const email = uniqueEmail(label);
	const { data, error } = await serviceClient().auth.admin.createUser({
		email,
		password: TEST_PASSWORD,
		email_confirm: true,
		user_metadata: { display_name: displayName }
	});
	if (error) throw error;
	return { id: data.user.id, email };
}

/** The right to create charters, as a platform administrator grants it (npm run admin:creators). */
export async function grantCharterCreation(userId: string): Promise<void> {
	await sql('insert into public.charter_creators (user_id) values ($1) on conflict do nothing', [userId]);
}

export interface TestCharter {
	id: string;
	slug: string;
	title: string;
	actions: Record<string, string>;
	objectives: Record<string, string>;
	drop: () => Promise<void>;
}

export interface CharterSpec {
	title: string;
	coordinatorId: string;
	members?: { userId: string; role: 'steering' | 'partner_rep' | 'elected_official'; organization?: string }[];
	partners?: string[];
	objectives?: { code: string; title: string }[];
	actions?: { code: string; objective: string; title: string; lead: string; contributors?: string[] }[];
	indicators?: { name: string; action: string; unit?: string }[];
}

/** Writes a charter directly in the database (superuser), its creator becoming coordinator by trigger. */
export async function createCharter(spec: CharterSpec): Promise<TestCharter> {
	const slug = `e2e-${randomUUID().slice(0, 8)}`;
	const title = `${spec.title} ${slug}`;
	const [charter] = await sql<{ id: string }>(
		`insert into public.charters (slug, title, scope_level, status, created_by)
		 values ($1, $2, 'departement', 'active', $3) returning id`,
		[slug, title, spec.coordinatorId]
	);
	for (const name of spec.partners ?? []) {
		await sql(`insert into public.charter_partners (charter_id, organization_id, role) values ($1, $2, 'signatory')`, [
			charter.id,
			await organizationId(name)
		]);
	}
	for (const member of spec.members ?? []) {
		await sql(
			`insert into public.charter_members (charter_id, user_id, role, organization_id) values ($1, $2, $3, $4)`,
			[charter.id, member.userId, member.role, member.organization ? await organizationId(member.organization) : null]
		);
	}
	const objectives: Record<string, string> = {};
	for (const [i, o] of (spec.objectives ?? []).entries()) {
		const [row] = await sql<{ id: string }>(
			`insert into public.objectives (charter_id, code, title, position) values ($1, $2, $3, $4) returning id`,
			[charter.id, o.code, o.title, i + 1]
		);
		objectives[o.code] = row.id;
	}
	const actions: Record<string, string> = {};
	for (const [i, a] of (spec.actions ?? []).entries()) {
		const [row] = await sql<{ id: string }>(
			`insert into public.actions (charter_id, objective_id, code, title, lead_organization_id, position, starts_on, due_on)
			 values ($1, $2, $3, $4, $5, $6, current_date - 30, current_date + 300) returning id`,
			[charter.id, objectives[a.objective], a.code, a.title, await organizationId(a.lead), i + 1]
		);
		actions[a.code] = row.id;
		for (const c of a.contributors ?? []) {
			await sql(
				`insert into public.action_partners (action_id, charter_id, organization_id, role) values ($1, $2, $3, 'contributor')`,
				[row.id, charter.id, await organizationId(c)]
			);
		}
	}
	for (const indicator of spec.indicators ?? []) {
		await sql(
			`insert into public.indicators (charter_id, action_id, name, unit, target) values ($1, $2, $3, $4, 100)`,
			[charter.id, actions[indicator.action], indicator.name, indicator.unit ?? null]
		);
	}
	return {
		id: charter.id,
		slug,
		title,
		actions,
		objectives,
		drop: async () => void (await sql('delete from public.charters where id = $1', [charter.id]))
	};
}

/** Signs in with the password form and waits until the app has hydrated the landing page. */
export async function signInAs(page: Page, email: string, password: string): Promise<void> {
	await page.goto('/connexion');
	await page.waitForLoadState('networkidle');
	const form = page.locator('form[action="?/motdepasse"]');
	await form.getByLabel('Adresse e-mail').fill(email);
	await form.getByLabel('Mot de passe').fill(password);
	await form.getByRole('button', { name: 'Se connecter' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
}

/**
 * Posts a SvelteKit form action from inside the page, as a forged request would (the page's origin, the
 * user's cookies), and returns the action's result.
 */
export async function forgePost(
	page: Page,
	action: string,
	fields: Record<string, string>
): Promise<{ type: string; status?: number; data?: string }> {
	return page.evaluate(
		async ({ action, fields }) => {
			const body = new FormData();
			for (const [k, v] of Object.entries(fields)) body.append(k, v);
			const res = await fetch(action, {
				method: 'POST',
				body,
				headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
			});
			return res.json();
		},
		{ action, fields }
	);
}

export async function journalCount(actionId: string): Promise<number> {
	const [row] = await sql<{ n: number }>('select count(*)::int as n from public.action_updates where action_id = $1', [
		actionId
	]);
	return row.n;
}
