import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers.ts';
import { drawnPixels } from './dashboard-helpers.ts';

test.describe('cross-charter view', () => {
	test('one row per charter with its figures, sortable with and without JavaScript', async ({ page, browser }) => {
		await signIn(page, 'ars.na@example.org');
		await page.goto('/chartes');
		const table = page.getByRole('table', { name: 'Chiffres clés de mes chartes' });
		await expect(table.locator('tbody tr')).toHaveCount(2);
		const hv = table.locator('tr[data-charter="haute-vienne"]');
		await expect(hv.locator('[data-col="actions"]')).toHaveText('7');
		await expect(hv.getByRole('link', { name: 'Plan Haute-Vienne' })).toHaveAttribute(
			'href',
			'/chartes/haute-vienne/tableau-de-bord'
		);
		// The page keeps its lists of charters.
		await expect(page.getByRole('heading', { name: 'Mes chartes', exact: true })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Chartes publiées' })).toBeVisible();

		const order = () =>
			table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-charter')));
		const progress = table.getByRole('columnheader', { name: /Avancement/ });
		await progress.getByRole('link').click();
		await expect(page).toHaveURL(/tri=avancement&ordre=asc/);
		await expect(progress).toHaveAttribute('aria-sort', 'ascending');
		expect(await order()).toEqual(['haute-vienne', 'cpts-dropt-garonne-accueil-internes']);
		await progress.getByRole('link').click();
		await expect(page).toHaveURL(/tri=avancement&ordre=desc/);
		await expect(progress).toHaveAttribute('aria-sort', 'descending');
		expect(await order()).toEqual(['cpts-dropt-garonne-accueil-internes', 'haute-vienne']);
		await expectNoAxeViolations(page);

		const context = await browser.newContext({ javaScriptEnabled: false });
		await context.addCookies(await page.context().cookies());
		const plain = await context.newPage();
		await plain.goto('/chartes?tri=retard&ordre=desc');
		const rows = await plain
			.locator('tbody tr[data-charter]')
			.evaluateAll((trs) => trs.map((r) => r.getAttribute('data-charter')));
		expect(rows).toEqual(['haute-vienne', 'cpts-dropt-garonne-accueil-internes']);
		await context.close();
	});
});

test.describe('public pages', () => {
	test('a published charter is readable signed out: progress, objectives, actions, indicators', async ({ page }) => {
		const response = await page.goto('/public/ain-rencontres-pros-sante');
		expect(response?.status()).toBe(200);
		await expect(
			page.getByRole('heading', { level: 1, name: 'Attractivité des professionnels de santé dans l’Ain' })
		).toBeVisible();
		await expect(page.locator('.headline [data-figure="actions_total"]')).toHaveAttribute('data-value', '2');
		await expect(page.getByRole('row', { name: /Premières Rencontres des pros de santé/ })).toBeVisible();
		// The Ain's one measured value is charted.
		const chart = page.getByRole('figure', { name: 'Participants aux Rencontres des pros de santé' });
		expect(await drawnPixels(page, chart.locator('canvas'))).toBeGreaterThan(50);
		await chart.getByText('Voir les données (tableau)').click();
		await expect(chart.getByRole('row', { name: /30\/04\/2024 450/ })).toBeVisible();
		// No money, no journal, no members.
		await expect(page.getByText('Financements')).toHaveCount(0);
		await expect(page.getByText('Dernières mises à jour')).toHaveCount(0);
		await expectNoAxeViolations(page);
	});

	test('the Haute-Vienne public page shows no comment nor person, and passes axe', async ({ page }) => {
		await page.goto('/public/haute-vienne');
		await expect(page.getByRole('heading', { level: 2, name: 'Objectifs et actions' })).toBeVisible();
		await expect(page.getByText('Cahier des charges de la régulation validé.')).toHaveCount(0);
		await expect(page.getByText('Sophie Durand')).toHaveCount(0);
		await expect(page.getByText("Les indicateurs n'ont pas encore de valeur publiée.")).toBeVisible();
		await expectNoAxeViolations(page);
		await page.setViewportSize({ width: 375, height: 800 });
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
	});

	test('an unpublished or unknown charter returns 404', async ({ page }) => {
		expect((await page.goto('/public/vaucluse-sante-attractivite'))?.status()).toBe(404);
		await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
		expect((await page.goto('/public/charte-qui-n-existe-pas'))?.status()).toBe(404);
	});

	test('the charter pages link to the public page when it is published', async ({ page }) => {
		await signIn(page, 'coordination.hv@example.org');
		await page.goto('/chartes/haute-vienne');
		await page.getByRole('link', { name: 'Page publique' }).click();
		await expect(page).toHaveURL(/\/public\/haute-vienne$/);
		// A coordinator sees the publication switch on the public page too.
		await expect(page.getByRole('button', { name: 'Retirer la publication' })).toBeVisible();
	});
});
