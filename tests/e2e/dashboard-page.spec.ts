import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers.ts';
import { drawnPixels, figure } from './dashboard-helpers.ts';
import { createDashboardFixture, FIXTURE_PASSWORD } from '../helpers/dashboard-fixture.ts';

test.describe('charter dashboard', () => {
	test('renders its charts for a seeded charter, with their data tables, and passes axe', async ({ page }) => {
		await signIn(page, 'coordination.hv@example.org');
		await page.goto('/chartes/haute-vienne/tableau-de-bord');
		await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
		expect(await figure(page, 'actions_total')).toBe('7');

		// chart.js draws the canvas: its screenshot holds coloured pixels.
		for (const id of ['chart-status', 'chart-trend', 'chart-partners']) {
			const pixels = await drawnPixels(page, page.locator(`#${id}-canvas`));
			expect(pixels, id).toBeGreaterThan(500);
		}
		await page.locator('#chart-status-canvas').screenshot({ path: test.info().outputPath('chart-status.png') });

		// Each chart is described for screen readers, and its data is one click away.
		const status = page.getByRole('figure', { name: 'Actions par statut' });
		await expect(status.getByRole('img')).toHaveAttribute('aria-label', /7 actions par statut/);
		await status.getByText('Voir les données (tableau)').click();
		await expect(status.getByRole('row', { name: /En cours 4/ })).toBeVisible();

		// The weather is explained in words, and in a tooltip the keyboard reaches.
		await expect(page.getByText('Comment la météo est-elle calculée ?').first()).toBeVisible();
		const why = page.getByRole('button', { name: 'Comment cette météo est-elle calculée ?' }).first();
		await why.focus();
		await page.keyboard.press('Shift+Tab');
		await page.keyboard.press('Tab');
		await expect(why).toBeFocused();
		const tip = page.locator(`#${await why.getAttribute('aria-describedby')}`);
		await expect(tip).toBeVisible();
		await expect(tip).toContainText('Compromis : un tiers des actions ou plus');
		await page.keyboard.press('Escape');
		await expect(tip).toBeHidden();

		// Alerts link to the action pages.
		await expect(page.locator('[data-alert-kind="blocked"] a').first()).toHaveAttribute(
			'href',
			/\/chartes\/haute-vienne\/actions\/[0-9a-f-]{36}$/
		);
		await expectNoAxeViolations(page);
	});

	test('filters change the URL and the figures, with or without JavaScript', async ({ page, browser }) => {
		await signIn(page, 'copil.hv@example.org');
		await expect(page).toHaveURL(/\/chartes\/haute-vienne\/tableau-de-bord$/);
		expect(await figure(page, 'actions_total')).toBe('7');

		await page.getByRole('combobox', { name: 'Objectif', exact: true }).selectOption({ index: 2 });
		await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
		await expect(page).toHaveURL(/[?&]objectif=[0-9a-f-]{36}/);
		await expect(page.locator('.headline [data-figure="actions_total"]')).toHaveAttribute('data-value', '2');
		expect(await figure(page, 'overdue')).toBe('1');
		await expect(page.getByText(/Filtré : 2 — /)).toBeVisible();
		await expect(page.locator('.objectives [data-objective]')).toHaveCount(1);

		await page.getByRole('combobox', { name: 'Statut', exact: true }).selectOption('blocked');
		await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
		await expect(page).toHaveURL(/statut=blocked/);
		await expect(page.locator('.headline [data-figure="actions_total"]')).toHaveAttribute('data-value', '0');
		await expect(page.getByText('Aucune action ne correspond à ces filtres')).toBeVisible();

		await page.getByRole('link', { name: 'Réinitialiser' }).click();
		await expect(page).toHaveURL(/\/tableau-de-bord$/);
		await expect(page.locator('.headline [data-figure="actions_total"]')).toHaveAttribute('data-value', '7');

		// The same form works as a plain GET form when scripts are off.
		const context = await browser.newContext({ javaScriptEnabled: false });
		const plain = await context.newPage();
		await plain.context().addCookies(await page.context().cookies());
		await plain.goto('/chartes/haute-vienne/tableau-de-bord');
		await plain.getByRole('combobox', { name: 'Statut', exact: true }).selectOption('in_progress');
		await plain.getByRole('button', { name: 'Appliquer les filtres' }).click();
		await expect(plain).toHaveURL(/statut=in_progress/);
		await expect(plain.locator('.headline [data-figure="actions_total"]')).toHaveAttribute('data-value', '4');
		// Without scripts, each chart's table is open: nothing is lost.
		await expect(plain.getByRole('figure', { name: 'Actions par statut' }).getByRole('table')).toBeVisible();
		await context.close();
	});

	test('indicator charts show dated values against baseline and target, and alerts name what moves away', async ({
		page
	}) => {
		const fx = await createDashboardFixture('e2e-indicators');
		await signIn(page, fx.coordinator.email, FIXTURE_PASSWORD);
		await page.goto(`/chartes/${fx.slug}/tableau-de-bord`);
		const chart = page.locator(`#chart-indicator-${fx.indicators.improving}-canvas`);
		expect(await drawnPixels(page, chart)).toBeGreaterThan(300);
		const figure = page.getByRole('figure', { name: 'Indicateur qui progresse' });
		await expect(figure).toContainText('Référence : 55 personnes');
		await expect(figure).toContainText('Cible : 30 personnes');
		await figure.getByText('Voir les données (tableau)').click();
		await expect(figure.getByRole('row', { name: /Référence 55/ })).toBeVisible();

		const indicators = page.locator('[data-alert-kind="indicator_off_track"]');
		await expect(indicators).toContainText('Indicateur qui recule');
		await expect(indicators).toContainText('Indicateur manqué');
		await expect(page.locator('[data-alert-kind="stale"]')).toContainText('Action de test 2.2');
		await expect(page.locator('[data-alert-kind="overdue"]')).toContainText('dépassée de 10 jours');
		await expectNoAxeViolations(page);

		await page.setViewportSize({ width: 375, height: 800 });
		await page.screenshot({ path: test.info().outputPath('dashboard-375.png'), fullPage: true });
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
	});

	test('a coordinator publishes and unpublishes the public page', async ({ page, browser }) => {
		const fx = await createDashboardFixture('e2e-publish');
		const visitor = await browser.newContext();
		const anonymous = await visitor.newPage();
		expect((await anonymous.goto(`/public/${fx.slug}`))?.status()).toBe(404);

		await signIn(page, fx.coordinator.email, FIXTURE_PASSWORD);
		await page.goto(`/chartes/${fx.slug}/tableau-de-bord`);
		const publication = page.getByRole('region', { name: 'Page publique' });
		await publication.getByRole('button', { name: 'Publier la charte' }).click();
		await expect(publication.getByText('La charte est publiée : sa page publique est en ligne.')).toBeVisible();
		await expect(page.getByRole('link', { name: 'Page publique' }).first()).toBeVisible();

		expect((await anonymous.goto(`/public/${fx.slug}`))?.status()).toBe(200);
		await expect(anonymous.getByRole('heading', { level: 1, name: fx.title })).toBeVisible();

		await publication.getByRole('button', { name: 'Retirer la publication' }).click();
		await expect(publication.getByText('La publication est retirée')).toBeVisible();
		expect((await anonymous.goto(`/public/${fx.slug}`))?.status()).toBe(404);
		await visitor.close();
	});
});
