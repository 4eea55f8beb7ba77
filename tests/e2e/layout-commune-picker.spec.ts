/**
 * The commune picker follows the WAI-ARIA APG combobox pattern: no option is active until ↓, ↓ activates the
 * first, Entrée selects the active one, Échap closes. A name typed and submitted without the arrows counts only
 * when exactly one commune bears it; a name that several communes bear is asked again, never guessed. Without
 * JavaScript the same field takes names or codes and the server resolves them the same way.
 * Before this fix, "Bellac", ↓, Entrée chose Peyrat-de-Bellac (the first option was already active).
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers.ts';

const URL = '/chartes/haute-vienne/stagiaires/elus';
let n = 0;
const email = () => `picker.${Date.now()}.${n++}@example.org`;

async function open(page: Page) {
	await signIn(page, 'coordination.hv@example.org');
	await page.goto(URL);
	await page.waitForLoadState('networkidle');
}

const chips = (page: Page) => page.locator('.commune-picker .chosen li');

test('↓ then Entrée selects the first suggestion, and no option is active before ↓', async ({ page }) => {
	await open(page);
	const box = page.locator('#official-communes');
	await expect(box).toHaveAttribute('role', 'combobox');
	await expect(box).toHaveAttribute('aria-controls', 'official-communes-listbox');
	await box.pressSequentially('Bellac');
	const listbox = page.locator('#official-communes-listbox');
	await expect(listbox).toHaveAttribute('role', 'listbox');
	await expect(listbox.getByRole('option').first()).toBeVisible();
	await expect(box).toHaveAttribute('aria-expanded', 'true');
	await expect(box).not.toHaveAttribute('aria-activedescendant', /.+/);
	await expect(listbox.locator('[aria-selected="true"]')).toHaveCount(0);
	const first = (await listbox.getByRole('option').first().innerText()).split('(')[0].trim();
	expect(first).toBe('Bellac');

	await box.press('ArrowDown');
	await expect(box).toHaveAttribute('aria-activedescendant', 'official-communes-option-0');
	await expect(page.locator('#official-communes-option-0')).toHaveAttribute('aria-selected', 'true');
	await box.press('Enter');
	await expect(chips(page)).toHaveCount(1);
	await expect(chips(page).first()).toContainText('Bellac');
	await expect(chips(page).first()).not.toContainText('Peyrat');
	await expect(box).toHaveAttribute('aria-expanded', 'false');

	// ↓ ↓ moves to the second, Échap closes without choosing.
	await box.pressSequentially('Bellac');
	await expect(listbox.getByRole('option').nth(1)).toBeVisible();
	await box.press('ArrowDown');
	await box.press('ArrowDown');
	await expect(box).toHaveAttribute('aria-activedescendant', 'official-communes-option-1');
	await box.press('Escape');
	await expect(box).toHaveAttribute('aria-expanded', 'false');
	await expect(box).not.toHaveAttribute('aria-activedescendant', /.+/);
	await expect(chips(page)).toHaveCount(1);
	await expectNoAxeViolations(page);
});

test('an exact name typed with Entrée, or submitted, resolves to that commune; an ambiguous one asks', async ({
	page
}) => {
	await open(page);
	const box = page.locator('#official-communes');
	await box.pressSequentially('Bellac');
	await box.press('Enter');
	await expect(chips(page)).toHaveCount(1);
	await expect(chips(page).first()).toContainText('Bellac');
	await expect(chips(page).first()).not.toContainText('Peyrat');

	// Seven communes are called Saint-Sulpice: Entrée asks instead of guessing.
	await box.pressSequentially('Saint-Sulpice');
	await box.press('Enter');
	await expect(page.locator('#official-communes-notice')).toContainText('Plusieurs communes');
	await expect(chips(page)).toHaveCount(1);

	// Submitted as typed, the server asks too, with the choices, and invites nobody.
	const address = email();
	await page.locator('#official-email').fill(address);
	await page.locator('form[action="?/inviter"] button[type="submit"]').click();
	await expect(page.locator('#official-communes-error')).toContainText('Plusieurs communes s');
	await expect(page.locator('#official-communes-error')).toContainText('46294');
	await expect(page.getByText(address)).toHaveCount(0);

	// An exact name typed and submitted without the list: that commune, and only it.
	await page.locator('#official-communes').fill('peyrat de bellac');
	await page.locator('form[action="?/inviter"] button[type="submit"]').click();
	await expect(page.locator('#official-communes-error')).toHaveCount(0);
	const row = page.getByRole('row', { name: new RegExp(address.replace(/\./g, '\\.')) });
	await expect(row).toContainText('87116');
	await expect(row).toContainText('87011');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('names are resolved by the server, ambiguous names are asked, unknown ones refused', async ({ page }) => {
		await open(page);
		const address = email();
		await page.locator('#official-email').fill(address);
		await page.locator('#official-communes').fill('Bellac, Saint-Sulpice');
		await page.locator('form[action="?/inviter"] button[type="submit"]').click();
		const error = page.locator('#official-communes-error');
		await expect(error).toContainText('Plusieurs communes s');
		await expect(error).toContainText('63399');
		await expect(page.locator('#official-communes')).toHaveValue(/Saint-Sulpice/);

		await page.locator('#official-email').fill(address);
		await page.locator('#official-communes').fill('Bellacc');
		await page.locator('form[action="?/inviter"] button[type="submit"]').click();
		await expect(error).toContainText('Bellacc');

		await page.locator('#official-email').fill(address);
		await page.locator('#official-communes').fill('Bellac');
		await page.locator('form[action="?/inviter"] button[type="submit"]').click();
		await expect(error).toHaveCount(0);
		const row = page.getByRole('row', { name: new RegExp(address.replace(/\./g, '\\.')) });
		await expect(row).toContainText('87011');
		await expect(row).not.toContainText('87116');
	});
});
