import { expect, test } from '@playwright/test';
import { signIn } from './helpers.ts';
import { drawnPixels } from './dashboard-helpers.ts';
import { createDashboardFixture, FIXTURE_PASSWORD } from '../helpers/dashboard-fixture.ts';

/** The day `days` before today, as ISO (yyyy-mm-dd) and as the page writes it (dd/mm/yyyy). */
function daysAgo(days: number): { iso: string; shown: string } {
	const d = new Date();
	d.setUTCHours(12, 0, 0, 0);
	d.setUTCDate(d.getUTCDate() - days);
	const iso = d.toISOString().slice(0, 10);
	const [y, mo, da] = iso.split('-');
	return { iso, shown: `${da}/${mo}/${y}` };
}

const count = (text: string, part: string) => text.split(part).length - 1;

test.describe('a light dashboard page', () => {
	test('works without JavaScript, and sends each indicator point once', async ({ page, browser }) => {
		const fx = await createDashboardFixture('e2e-light');
		await signIn(page, fx.coordinator.email, FIXTURE_PASSWORD);
		const url = `/chartes/${fx.slug}/tableau-de-bord`;

		// The HTML as sent: the improving indicator's first measure (200 days ago) is once in the hydration data (an
		// ISO date in its points' array) and once in its data table (dd/mm/yyyy); no point is an {on, value} object.
		const html = await (await page.request.get(url)).text();
		const first = daysAgo(200);
		expect(count(html, `"${first.iso}"`)).toBe(1);
		expect(count(html, first.shown)).toBe(1);
		expect(html).not.toMatch(/on:"\d{4}-\d{2}-\d{2}",value:/);
		// One data table per chart: no hidden copy.
		const article = html.slice(html.indexOf(`id="indicateur-${fx.indicators.improving}"`));
		expect(count(article.slice(0, article.indexOf('</article>')), '<table')).toBe(1);

		// Without scripts, every section is rendered and every chart's table is open.
		const context = await browser.newContext({ javaScriptEnabled: false });
		await context.addCookies(await page.context().cookies());
		const plain = await context.newPage();
		await plain.goto(url);
		for (const name of ["Points d'attention", 'Indicateurs', 'Objectifs']) {
			await expect(plain.getByRole('heading', { level: 2, name, exact: false }).first()).toBeVisible();
		}
		const figure = plain.getByRole('figure', { name: 'Indicateur qui progresse' });
		await expect(figure.getByRole('table')).toBeVisible();
		await expect(figure.getByRole('row', { name: new RegExp(`${first.shown} 50`) })).toBeVisible();
		await expect(plain.getByRole('figure', { name: 'Actions par statut' }).getByRole('table')).toBeVisible();
		await context.close();

		// With scripts, a chart below the fold is drawn once it is scrolled to, its table folded away.
		await page.goto(url);
		const canvas = page.locator(`#chart-indicator-${fx.indicators.improving}-canvas`);
		expect(await drawnPixels(page, canvas)).toBeGreaterThan(300);
		await expect(page.getByRole('figure', { name: 'Indicateur qui progresse' }).getByRole('table')).toBeHidden();
	});
});
