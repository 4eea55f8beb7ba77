/**
 * Steps of the installation-support specs: filling the public form with the keyboard, and the coordination routing
 * a need of a request to a partner and recording the installation.
 */
import { expect, type Page } from '@playwright/test';
import { tabTo } from './helpers.ts';

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

/** With the keyboard: Tab to the field labelled `label`, then type `text`. */
export async function typeInto(page: Page, label: string | RegExp, text: string): Promise<void> {
	await tabTo(page, page.getByLabel(label, { exact: typeof label === 'string' }));
	await page.keyboard.type(text);
}

/** With the keyboard: Tab to the select labelled `label`, then the arrow keys until `value` is chosen. */
export async function chooseWithKeys(page: Page, label: string, value: string): Promise<void> {
	const select = page.getByLabel(label, { exact: true });
	await tabTo(page, select);
	for (let i = 0; i < 12 && (await select.inputValue()) !== value; i++) await page.keyboard.press('ArrowDown');
	await expect(select).toHaveValue(value);
}

/** On the request page: records the installation on `day` in Carpentras, in self-employed practice. */
export async function markInstalled(page: Page, day: string): Promise<void> {
	// Hydration sets the form's fields from its state: wait for it before choosing.
	await page.waitForLoadState('networkidle');
	const status = page.locator('form.status-form');
	await status.getByLabel('Statut de la demande').selectOption({ label: 'Installation réalisée' });
	await status.getByLabel("Date d'installation").fill(day);
	const commune = status.getByRole('combobox', { name: "Commune d'installation" });
	await commune.pressSequentially('Carpentras');
	await page.locator('#installed-commune-listbox').getByRole('option').first().waitFor();
	await commune.press('ArrowDown');
	await commune.press('Enter');
	await status.getByLabel("Mode d'exercice").selectOption({ label: 'Exercice libéral' });
	await status.getByRole('button', { name: 'Enregistrer le statut' }).click();
	await expect(status.getByText('Statut enregistré.')).toBeVisible();
}
