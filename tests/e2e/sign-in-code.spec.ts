/**
 * Sign-in that survives link scanners (issue 13): mail filters in public administrations open every link of a
 * message before the person does. The link's page verifies the token only when the person presses its button,
 * and the e-mail's 6-digit code signs in too (verifyOtp with type email), with or without JavaScript.
 */
import { expect, test, type Page } from '@playwright/test';
import { codeOf, confirmLinkOf, expectNoAxeViolations, openEmailLink, waitForMail } from './helpers.ts';
import { freshUser } from './fixtures.ts';

async function askForLink(page: Page, email: string) {
	await page.goto('/connexion?suivant=%2Fchartes');
	const since = new Date(Date.now() - 1000);
	const form = page.locator('form[action="?/lien"]');
	await form.getByLabel('Adresse e-mail').fill(email);
	await form.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
	await expect(page.getByText('un lien de connexion et un code viennent de lui être envoyés')).toBeVisible();
	return waitForMail(email, since);
}

test('a link scanner opening the e-mail’s link first does not spend it', async ({ page, request }) => {
	const user = await freshUser('scanner', 'Solène Scanner');
	const mail = await askForLink(page, user.email);
	const link = confirmLinkOf(mail.text);
	// What Safe Links and the like do: GET the link (and follow its redirects), with no cookie of the person's.
	expect((await request.get(link)).status()).toBe(200);
	expect((await fetch(link, { redirect: 'follow' })).status).toBe(200);

	// Then the person opens it: a page with one button, which signs them in.
	await page.goto(link);
	await expect(page.getByRole('heading', { level: 1, name: 'Se connecter' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Me connecter' }).click();
	await expect(page).toHaveURL(/\/chartes$/);
	await expect(page.getByText(/Solène Scanner/).first()).toBeVisible();
});

test('the auth e-mails hold the link and the code, and no developer line', async ({ page }) => {
	const user = await freshUser('sans.ligne');
	const mail = await askForLink(page, user.email);
	expect(mail.text).toMatch(/\/auth\/confirm\?token_hash=/);
	expect(mail.text).toMatch(/saisir ce code : \d{6}/);
	for (const part of [mail.text, mail.html]) {
		expect(part).not.toContain('/auth/v1/verify');
		expect(part).not.toContain('service d’authentification');
	}
});

test('the 6-digit code signs in without JavaScript; a wrong code is refused next to the field', async ({ browser }) => {
	const user = await freshUser('code.sans.js', 'Corentin Code');
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	const mail = await askForLink(page, user.email);
	const code = codeOf(mail.text);

	// The code form comes next, with the address already filled in.
	const form = page.locator('form[action="?/code"]');
	await expect(form.getByLabel('Adresse e-mail')).toHaveValue(user.email);
	const wrong = code === '000000' ? '111111' : '000000';
	await form.getByLabel('Code à 6 chiffres').fill(wrong);
	await form.getByRole('button', { name: 'Valider le code' }).click();
	await expect(page.locator('form[action="?/code"]')).toContainText("Ce code n'est pas valable pour cette adresse");
	await page.locator('form[action="?/code"]').getByLabel('Code à 6 chiffres').fill('12');
	await page.locator('form[action="?/code"]').getByRole('button', { name: 'Valider le code' }).click();
	await expect(page.getByText('Le code se compose de 6 chiffres')).toBeVisible();

	// Typed with a space, as people copy it.
	await page
		.locator('form[action="?/code"]')
		.getByLabel('Code à 6 chiffres')
		.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
	await page.locator('form[action="?/code"]').getByRole('button', { name: 'Valider le code' }).click();
	await expect(page).toHaveURL(/\/chartes$/);
	await expect(page.getByText(/Corentin Code/).first()).toBeVisible();

	// The code is spent, and so is the link of the same e-mail.
	await context.clearCookies();
	await openEmailLink(page, confirmLinkOf(mail.text));
	await expect(page).toHaveURL(/\/connexion\?erreur=lien/);
	await context.close();
});

test('“J’ai déjà reçu un code” opens the code form without sending another e-mail', async ({ page }) => {
	await page.goto('/connexion');
	await page.getByRole('link', { name: "J'ai déjà reçu un code" }).click();
	await expect(page.locator('form[action="?/code"]').getByLabel('Code à 6 chiffres')).toBeVisible();
	await expectNoAxeViolations(page);
});

test('a link that is not ours lands on the sign-in page with an explanation, not on an error', async ({ page }) => {
	await page.goto('/auth/confirm?token_hash=%27%3Bdrop&type=email&next=%2Fchartes');
	await expect(page).toHaveURL(/\/connexion\?erreur=lien&suivant=%2Fchartes/);
	await expect(page.getByRole('alert')).toContainText(/n.est plus valable/);
});
