/**
 * The elected official's pages: a placement whose end date has passed reads "Stage terminé" (not "Arrivé·e" or
 * "Sur place"), no word carries a point médian, and the charters page shows neither the "Créer une charte"
 * button nor the cross-charter figures (delays, budget), which are the partners' business.
 */
import { expect, test } from '@playwright/test';
import { sql } from '../helpers/env.ts';
import { expectNoAxeViolations, signIn } from './helpers.ts';

test('Ma commune: finished placements read "Stage terminé", current ones keep their status', async ({ page }) => {
	const [finished] = await sql<{ n: string }>(
		`select count(*) as n from public.internships i
		   join public.official_communes o on o.commune_code = i.commune_code and o.charter_id = i.charter_id
		   join auth.users u on u.id = o.user_id
		  where u.email = 'maire.hv@example.org' and i.ends_on < current_date and i.status <> 'cancelled'`
	);
	expect(Number(finished.n)).toBeGreaterThan(0);
	await signIn(page, 'maire.hv@example.org');
	await page.goto('/ma-commune');
	const past = page.locator('table').filter({ has: page.getByText('Stages terminés') });
	await expect(past.locator('[data-status="finished"]')).toHaveCount(Number(finished.n));
	await expect(past.getByText('Stage terminé').first()).toBeVisible();
	await expect(past.locator('[data-status="arrived"], [data-status="confirmed"]')).toHaveCount(0);
	const upcoming = page.locator('table').filter({ has: page.getByText('Stages à venir et en cours') });
	await expect(upcoming.locator('[data-status="finished"]')).toHaveCount(0);
	await expect(page.locator('main')).not.toContainText('·e');
	await expectNoAxeViolations(page);

	// On a phone, the same placements as cards.
	await page.setViewportSize({ width: 390, height: 800 });
	await expect(page.locator('ul.cards [data-status="finished"]')).toHaveCount(Number(finished.n));
});

test('the charters page shows an elected official no creation button and no cross-charter figures', async ({
	page
}) => {
	await signIn(page, 'maire.hv@example.org');
	await page.goto('/chartes');
	await expect(page.getByRole('heading', { name: 'Mes chartes' })).toBeVisible();
	await expect(page.getByRole('link', { name: /Créer une charte/ })).toHaveCount(0);
	await expect(page.getByRole('heading', { name: "Vue d'ensemble de mes chartes" })).toHaveCount(0);
	await expect(page.getByText('Budget prévu')).toHaveCount(0);
	await expect(page.getByText('Votre rôle : Élu ou élue')).toBeVisible();

	// The coordination still gets them.
	await page.context().clearCookies();
	await signIn(page, 'coordination.hv@example.org');
	await page.goto('/chartes');
	await expect(page.getByRole('heading', { name: "Vue d'ensemble de mes chartes" })).toBeVisible();
});

test('Ma commune shows whom to call about the welcome: the supervisor and the host structure’s contact', async ({
	page
}) => {
	const rows = await sql<{ first: string; supervisor: string | null; contact: string | null }>(
		`select i.intern_first_name as first, i.supervisor_name as supervisor, i.host_contact as contact
		   from public.internships i
		   join public.official_communes o on o.commune_code = i.commune_code and o.charter_id = i.charter_id
		   join auth.users u on u.id = o.user_id
		  where u.email = 'maire.hv@example.org' and i.host_contact is not null and i.supervisor_name is not null
		    and i.ends_on >= current_date and i.status <> 'cancelled'`
	);
	expect(rows.length).toBeGreaterThan(0);
	await signIn(page, 'maire.hv@example.org');
	await page.goto('/ma-commune');
	for (const row of rows) {
		const line = page.locator('table tbody tr').filter({ hasText: row.first });
		await expect(line).toContainText(`Maître de stage : ${row.supervisor}`);
		await expect(line).toContainText(`Contact de la structure : ${row.contact}`);
	}
	// Never the intern's last name or e-mail.
	const [intern] = await sql<{ last: string; email: string }>(
		`select intern_last_name as last, intern_email as email from public.internships where intern_first_name = $1 limit 1`,
		[rows[0].first]
	);
	await expect(page.locator('main')).not.toContainText(intern.email);
	await expect(page.locator('main')).not.toContainText(intern.last);
	await page.setViewportSize({ width: 390, height: 800 });
	await expect(page.locator('ul.cards li').filter({ hasText: rows[0].first }).first()).toContainText(rows[0].contact!);
});
