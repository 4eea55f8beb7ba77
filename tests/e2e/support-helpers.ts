/** Steps of the installation-support specs: the coordination routing one need of a request to a partner. */
import { expect, type Page } from '@playwright/test';

/** On the request page: routes `need` to `organization`, due on `dueOn`, and waits for the confirmation. */
export async function routeNeed(page: Page, need: string, organization: string, dueOn: string): Promise<void> {
	const form = page.locator('form.route-form');
	await form.getByLabel('Besoin', { exact: true }).selectOption({ label: need });
	await form.getByLabel('Partenaire', { exact: true }).selectOption({ label: organization });
	await form.getByLabel('Réponse attendue le').fill(dueOn);
	await form.getByLabel('Note pour le partenaire').fill(`Merci de voir ce qui est possible (${need}).`);
	await form.getByRole('button', { name: 'Orienter' }).click();
	await expect(form.getByText(`Demande orientée vers ${organization}`)).toBeVisible();
}
