/**
 * English visitors (the PARAGLIDE_LOCALE cookie, as the language switch sets it) read the app's refusals in
 * English: an error page, a missing record, and a form post the database refuses with one of the schema's
 * French PT4xx messages. Read only: nothing is written.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './helpers.ts';
import { forgePost, signInAs } from './fixtures.ts';

async function inEnglish(page: Page) {
	const url = new URL(page.url());
	await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', domain: url.hostname, path: '/' }]);
}

test('a steering member reading in English gets the 403 of the administration in English', async ({ page }) => {
	await signInAs(page, 'copil.hv@example.org', DEMO_PASSWORD);
	await inEnglish(page);
	const response = await page.goto('/chartes/haute-vienne/administration');
	expect(response?.status()).toBe(403);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Access restricted');
	await expect(page.getByText("This page is for the charter's coordinators only.")).toBeVisible();
	await expect(page.getByText('réservée à la coordination')).toHaveCount(0);
});

test('a coordinator reading in English gets 404s and database refusals in English', async ({ page }) => {
	await signInAs(page, 'coordination.hv@example.org', DEMO_PASSWORD);
	await inEnglish(page);

	const missing = await page.goto('/chartes/haute-vienne/administration/financements/pas-un-identifiant');
	expect(missing?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
	const data = await page.request.get(
		'/chartes/haute-vienne/administration/financements/pas-un-identifiant/__data.json'
	);
	expect(await data.text()).toContain('Funding not found.');

	// resend_notification raises PT404 « Message introuvable. »: the form shows its English words.
	const refused = await forgePost(page, '/chartes/haute-vienne/administration/notifications?/renvoyer', {
		id: '00000000-0000-4000-8000-000000000000'
	});
	expect(refused.type).toBe('failure');
	expect(refused.status).toBe(404);
	expect(refused.data).toContain('Message not found.');
	expect(refused.data).not.toContain('introuvable');

	// A post the form itself refuses speaks English too.
	const invalid = await forgePost(page, '/chartes/haute-vienne/administration/notifications?/renvoyer', { id: 'x' });
	expect(invalid.status).toBe(400);
	expect(invalid.data).toContain('This message cannot be found');
});
