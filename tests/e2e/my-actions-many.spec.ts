/**
 * *Mes actions* for someone whose organization has many actions in several charters (an ARS sits in twenty): the
 * page summarizes (the figures, the first 20 actions needing attention, one line per charter) and each charter's
 * full list is one link away, with and without JavaScript. A short list stays on one page (the other specs).
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { sql } from '../helpers/env.ts';
import { createAccount, expectNoAxeViolations, signIn } from './helpers.ts';

const run = randomUUID().slice(0, 8);
const email = `nombreuses-${run}@example.com`;
const CHARTERS = 3;
const ACTIONS = 40; // 120 in all: above the one-page limit (100)
const OVERDUE = 25; // in the first charter

test.beforeAll(async () => {
	await createAccount(email, 'Représentante multi-chartes');
	const [{ id: org }] = await sql<{ id: string }>(
		`insert into public.organizations (name, kind) values ($1, 'autre') returning id`,
		[`Organisation nombreuses ${run}`]
	);
	for (let c = 1; c <= CHARTERS; c++) {
		const [{ id: charter }] = await sql<{ id: string }>(
			`insert into public.charters (slug, title, scope_level, status) values ($1, $2, 'departement', 'active') returning id`,
			[`nombreuses-${run}-${c}`, `Charte nombreuses ${run} n° ${c}`]
		);
		await sql(`insert into public.objectives (charter_id, code, title) values ($1, '1', 'Objectif unique')`, [charter]);
		await sql(
			`insert into public.actions (charter_id, objective_id, code, title, lead_organization_id, position, due_on)
			 select $1, (select id from public.objectives where charter_id = $1), '1.' || n, 'Action ' || n, $2, n,
			   case when $3 and n <= $4 then current_date - 10 end
			 from generate_series(1, $5::int) n`,
			[charter, org, c === 1, OVERDUE, ACTIONS]
		);
		await sql(
			`insert into public.charter_members (charter_id, user_id, organization_id, role)
			 select $1, u.id, $2, 'partner_rep' from auth.users u where u.email = $3`,
			[charter, org, email]
		);
	}
});

test.afterAll(async () => {
	await sql(`delete from public.charters where slug like $1`, [`nombreuses-${run}-%`]);
	await sql(`delete from auth.users where email = $1`, [email]);
	await sql(`delete from public.organizations where name = $1`, [`Organisation nombreuses ${run}`]);
});

test('many actions in several charters: a summary per charter, then one charter in full', async ({ page }) => {
	await signIn(page, email);
	await page.goto('/mes-actions');
	await expect(page.getByRole('listitem').filter({ hasText: 'Actions suivies' })).toContainText('120');
	// The first 20 of the 25 overdue actions, and where the others are.
	const attention = page.getByRole('table', { name: 'À traiter en priorité' });
	await expect(attention.locator('tbody tr')).toHaveCount(20);
	await expect(page.getByText('Les 20 premières sur 25.')).toBeVisible();
	const byCharter = page.getByRole('table', { name: 'Par charte' });
	await expect(byCharter.locator('tbody tr')).toHaveCount(CHARTERS);
	await expect(byCharter.getByRole('row', { name: new RegExp(`n° 1 ${ACTIONS} ${OVERDUE} 0 0`) })).toBeVisible();
	await expectNoAxeViolations(page);

	await byCharter.getByRole('link', { name: `Charte nombreuses ${run} n° 2` }).click();
	await expect(page).toHaveURL(new RegExp(`/mes-actions\\?charte=nombreuses-${run}-2$`));
	await expect(page.getByText(`Vos actions dans la charte « Charte nombreuses ${run} n° 2 ».`)).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: 'Actions suivies' })).toContainText(String(ACTIONS));
	await expect(page.getByRole('link', { name: /^1\.\d+ Action \d+$/ })).toHaveCount(ACTIONS);
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: 'Toutes mes chartes' }).click();
	await expect(page).toHaveURL(/\/mes-actions$/);

	// A charter that holds none of the user's actions: said, with a 404.
	const response = await page.goto('/mes-actions?charte=haute-vienne');
	expect(response?.status()).toBe(404);
	await expect(page.getByText("Aucune de vos actions n'est dans cette charte.")).toBeVisible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('the summary and a charter’s list are plain links', async ({ page }) => {
		await signIn(page, email);
		await page.goto('/mes-actions');
		await page
			.getByRole('table', { name: 'Par charte' })
			.getByRole('link', { name: `Charte nombreuses ${run} n° 3` })
			.click();
		await expect(page.getByRole('link', { name: /^1\.\d+ Action \d+$/ })).toHaveCount(ACTIONS);
	});
});
