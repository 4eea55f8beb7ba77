/**
 * Choosing the address of a new charter: an address already taken, here by a draft charter the person cannot
 * see, is refused without saying that a charter holds it, whose it is, or whether it is published.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { sql } from '../helpers/env.ts';
import { freshUser, grantCharterCreation, signInAs, TEST_PASSWORD } from './fixtures.ts';

const hidden = {
	slug: `brouillon-${randomUUID().slice(0, 8)}`,
	title: `Charte confidentielle ${randomUUID().slice(0, 8)}`
};
let user: { id: string; email: string };

test.beforeAll(async () => {
	user = await freshUser('adresse');
	await grantCharterCreation(user.id);
	await sql(
		`insert into public.charters (slug, title, scope_level, status, is_public) values ($1, $2, 'departement', 'draft', false)`,
		[hidden.slug, hidden.title]
	);
});
test.afterAll(async () => {
	await sql('delete from public.charters where slug = $1 or created_by = $2', [hidden.slug, user.id]);
	await sql('delete from auth.users where id = $1', [user.id]);
});

for (const javaScript of [true, false]) {
	test(`a taken address is "not available", nothing more (JavaScript ${javaScript ? 'on' : 'off'})`, async ({
		browser
	}) => {
		const context = await browser.newContext({ javaScriptEnabled: javaScript });
		const page = await context.newPage();
		await signInAs(page, user.email, TEST_PASSWORD);
		await page.goto('/chartes/nouvelle');
		if (javaScript) await page.waitForLoadState('networkidle');
		await page.getByLabel('Intitulé', { exact: true }).fill(`Mon plan ${Date.now()}`);
		await page.getByLabel('Adresse de la charte (facultatif)').fill(hidden.slug);
		await page.getByRole('button', { name: 'Créer la charte' }).click();
		const field = page.getByLabel('Adresse de la charte (facultatif)');
		await expect(field).toHaveAttribute('aria-invalid', 'true');
		// The answer, and every error on the page: the address is not available, and nothing about who has it.
		await expect(page.locator('#charter-slug-error')).toHaveText(
			"Cette adresse n'est pas disponible : choisissez-en une autre."
		);
		await expect(page.locator('.field-error, .notice, [role="alert"]')).toHaveText([
			"Cette adresse n'est pas disponible : choisissez-en une autre."
		]);
		await expect(page).toHaveURL(/\/chartes\/nouvelle$/);
		expect(await page.locator('main').innerText()).not.toContain(hidden.title);
		expect(await sql('select 1 from public.charters where created_by = $1', [user.id])).toEqual([]);
		await context.close();
	});
}

test('someone without the right to create charters sees no button, and the form answers 403 with whom to ask', async ({
	page
}) => {
	const other = await freshUser('sans-droit');
	try {
		await signInAs(page, other.email, TEST_PASSWORD);
		await page.goto('/chartes');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Créer une charte' })).toHaveCount(0);
		const response = await page.goto('/chartes/nouvelle');
		expect(response?.status()).toBe(403);
		await expect(
			page
				.getByText('habilitées par l’administration de la plateforme')
				.or(page.getByText("habilitées par l'administration de la plateforme"))
		).toBeVisible();
	} finally {
		await sql('delete from auth.users where id = $1', [other.id]);
	}
});
