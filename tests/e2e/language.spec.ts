/**
 * The language a person picks is the language of their e-mails too: switching to English records it on their
 * profile (profiles.locale, which the notification sender reads), and switching back records French.
 */
import { expect, test } from '@playwright/test';
import { sql } from '../helpers/env.ts';
import { freshUser, signInAs, TEST_PASSWORD } from './fixtures.ts';

test('switching the language records it for the e-mails', async ({ page }) => {
	const user = await freshUser('langue');
	try {
		await signInAs(page, user.email, TEST_PASSWORD);
		await page.goto('/chartes');
		await page.getByRole('button', { name: /english|anglais/i }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		const locale = async () =>
			(await sql<{ locale: string }>('select locale from public.profiles where id = $1', [user.id]))[0].locale;
		expect(await locale()).toBe('en');
		await page.getByRole('button', { name: /français|french/i }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
		expect(await locale()).toBe('fr');
	} finally {
		await sql('delete from auth.users where id = $1', [user.id]);
	}
});
