/**
 * The main flows with the keyboard alone: no click, no mouse. Tab moves the focus, Enter and Space activate,
 * typing fills fields and picks options.
 */
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, tabTo } from './helpers.ts';

test('a partner representative signs in and records progress with the keyboard only', async ({ page }) => {
	await page.goto('/connexion');
	// The first Tab reaches the skip link, which jumps to the content.
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeFocused();

	const form = page.locator('form[action="?/motdepasse"]');
	await tabTo(page, form.getByLabel('Adresse e-mail'));
	await page.keyboard.type('ordre.87@example.org');
	await page.keyboard.press('Tab');
	await expect(form.getByLabel('Mot de passe')).toBeFocused();
	await page.keyboard.type(DEMO_PASSWORD);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/mes-actions/);

	// Open the first action the organization works on.
	const actionLink = page.locator('main a[href*="/actions/"]').first();
	const actionTitle = (await actionLink.textContent())?.trim() ?? '';
	await tabTo(page, actionLink);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/actions\//);

	const update = page.locator('form[action="?/avancement"]');
	const comment = `Saisi au clavier ${Date.now()}`;
	await tabTo(page, update.getByLabel(/Avancement/));
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type('35');
	await tabTo(page, update.getByLabel(/Commentaire/));
	await page.keyboard.type(comment);
	await tabTo(page, update.getByRole('button', { name: /Enregistrer/ }));
	await page.keyboard.press('Enter');
	await expect(page.getByText('Mise à jour enregistrée')).toBeVisible();
	await expect(page.getByText(comment).first()).toBeVisible();
	expect(actionTitle.length).toBeGreaterThan(0);
});

test('a steering member filters the dashboard with the keyboard only', async ({ page }) => {
	await page.goto('/connexion');
	const form = page.locator('form[action="?/motdepasse"]');
	await tabTo(page, form.getByLabel('Adresse e-mail'));
	await page.keyboard.type('copil.hv@example.org');
	await page.keyboard.press('Tab');
	await page.keyboard.type(DEMO_PASSWORD);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/chartes\/haute-vienne\/tableau-de-bord/);

	const status = page.getByLabel('Statut', { exact: true });
	await tabTo(page, status);
	// A native select takes its value from the keyboard: the first letters of an option pick it.
	await page.keyboard.type('Bloq');
	await expect(status).toHaveValue('blocked');
	await tabTo(page, page.getByRole('button', { name: 'Appliquer les filtres' }));
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/statut=blocked/);
	await expect(page.locator('main')).toContainText('Bloquée');
});
