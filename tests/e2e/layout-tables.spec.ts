/**
 * Mes actions: at 1280 and 1440 px every table fits its frame (before this fix the objectives' tables cut the
 * "Points d'attention" column, with no sign that they scrolled); the action comes first and the attention column
 * second. On a phone each row is a card whose fields are named. A table that must scroll says so. Axe stays clean.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers.ts';

for (const account of ['coordination.hv@example.org', 'ars.na@example.org']) {
	test(`Mes actions fits at 1280 and 1440 px and becomes cards on a phone, as ${account}`, async ({ page }) => {
		await signIn(page, account);
		for (const width of [1280, 1440]) {
			await page.setViewportSize({ width, height: 900 });
			await page.goto('/mes-actions');
			const frames = page.locator('main .table-wrap');
			expect(await frames.count()).toBeGreaterThan(1);
			const cut = await frames.evaluateAll((els) =>
				els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent?.slice(0, 60))
			);
			expect(cut, `tables cut at ${width} px`).toEqual([]);
			for (const header of await page.locator('main thead tr').all()) {
				const cells = await header.locator('th').allInnerTexts();
				expect(cells[0]).toBe('Action');
				expect(cells[1]).toBe("Points d'attention");
			}
			// The last column is within the window.
			const right = await page
				.locator('main thead th:last-child')
				.evaluateAll((els) => Math.max(...els.map((e) => e.getBoundingClientRect().right)));
			expect(right).toBeLessThanOrEqual(width);
		}
		await expectNoAxeViolations(page);

		await page.setViewportSize({ width: 390, height: 800 });
		await page.goto('/mes-actions');
		const firstRow = page.locator('main .table-wrap.cards tbody tr').first();
		await expect(firstRow).toBeVisible();
		expect(await firstRow.evaluate((tr) => getComputedStyle(tr).display)).toBe('block');
		expect(
			await page
				.locator('main thead')
				.first()
				.evaluate((t) => t.getBoundingClientRect().height)
		).toBeLessThan(2);
		const labels = await firstRow
			.locator('td[data-label]')
			.evaluateAll((tds) => tds.map((td) => getComputedStyle(td, '::before').content));
		expect(labels).toContain('"Statut : "');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await expectNoAxeViolations(page);
	});
}

test('a table wider than its frame says that it scrolls and can be reached with the keyboard', async ({ page }) => {
	await signIn(page, 'coordination.hv@example.org');
	await page.setViewportSize({ width: 390, height: 800 });
	await page.goto('/chartes/haute-vienne/administration/membres');
	const region = page.locator('.table-wrap[role="region"]').first();
	await expect(region).toBeVisible();
	await expect(region).toHaveAttribute('tabindex', '0');
	await expect(region).toHaveAttribute('aria-label', /.+/);
	await expect(page.getByText('faites-le défiler horizontalement').first()).toBeVisible();
	await page.setViewportSize({ width: 1440, height: 900 });
	await expect(page.locator('.table-wrap[role="region"]')).toHaveCount(0);
	await expect(page.getByText('faites-le défiler horizontalement').first()).toBeHidden();
});
