import { expect, test } from '@playwright/test';
import { confirmLinkOf, expectNoAxeViolations, openEmailLink, signIn, waitForMail } from './helpers.ts';

test.describe('sign-in', () => {
	test('the sign-in page has no accessibility violations', async ({ page }) => {
		await page.goto('/connexion');
		await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
		await expectNoAxeViolations(page);
	});

	test('a demo account signs in with a magic link read from the mailbox', async ({ page }) => {
		const email = 'copil.hv@example.org';
		const since = new Date(Date.now() - 1000);
		await page.goto('/connexion');
		const form = page.locator('form[action="?/lien"]');
		await form.getByLabel('Adresse e-mail').fill(email);
		await form.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
		await expect(page.getByText(`un lien de connexion et un code viennent de lui être envoyés`)).toBeVisible();

		const mail = await waitForMail(email, since);
		const link = confirmLinkOf(mail.text);
		await openEmailLink(page, link);
		// A steering member of one charter lands on its dashboard.
		await expect(page).toHaveURL(/\/chartes\/haute-vienne\/tableau-de-bord$/);
		await expect(page.getByText('Session : Bernard Lefèvre')).toBeVisible();

		// The link works once only.
		await page.context().clearCookies();
		await openEmailLink(page, link);
		await expect(page).toHaveURL(/\/connexion\?erreur=lien/);
		await expect(page.getByRole('alert')).toContainText(/n.est plus valable/);
	});

	test('a demo account signs in with its password, survives a reload and signs out', async ({ page }) => {
		await signIn(page, 'coordination.hv@example.org');
		await expect(page).toHaveURL(/\/chartes\/haute-vienne$/);
		await page.reload();
		await expect(page.getByText('Session : Claire Martin')).toBeVisible();
		const cookies = await page.context().cookies();
		const session = cookies.filter((c) => c.name.startsWith('sb-'));
		expect(session.length).toBeGreaterThan(0);
		expect(session.every((c) => c.httpOnly && c.sameSite === 'Lax')).toBe(true);

		await page.getByRole('button', { name: 'Se déconnecter' }).click();
		await expect(page).toHaveURL(/\/connexion\?deconnecte/);
		expect((await page.context().cookies()).filter((c) => c.name.startsWith('sb-') && c.value)).toEqual([]);
		await page.goto('/chartes');
		await expect(page).toHaveURL(/\/connexion\?suivant=%2Fchartes/);
	});

	test('a wrong password is refused with a clear message', async ({ page }) => {
		await page.goto('/connexion');
		const form = page.locator('form[action="?/motdepasse"]');
		await form.getByLabel('Adresse e-mail').fill('ordre.87@example.org');
		await form.getByLabel('Mot de passe').fill('mauvais-mot-de-passe');
		await form.getByRole('button', { name: 'Se connecter' }).click();
		await expect(page.getByText('Adresse e-mail ou mot de passe incorrect.')).toBeVisible();
		await expect(page).toHaveURL(/\/connexion/);
	});
});
