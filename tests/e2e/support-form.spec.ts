/**
 * The public form "Vous souhaitez vous installer ?" in Chromium: reached from the charter's public page, filled in
 * and sent with the keyboard alone (axe clean before and after), the reference shown, and the acknowledgement in
 * the professional's mailbox in the language they chose; the same without JavaScript, with a refusal first; and a
 * charter that has not opened its form shows no link and answers 404.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { sql } from '../helpers/env.ts';
import { expectNoAxeViolations, waitForMail, tabTo } from './helpers.ts';
import { chooseWithKeys, typeInto } from './support-helpers.ts';

let charter: { id: string; slug: string; title: string };
let closed: { id: string; slug: string };

test.beforeAll(async () => {
	const tag = randomUUID().slice(0, 8);
	const [open] = await sql<{ id: string; slug: string; title: string }>(
		`insert into public.charters (slug, title, scope_level, status, is_public, intake_open)
		 values ($1, $2, 'departement', 'active', true, true) returning id, slug, title`,
		[`test-installation-${tag}`, `Charte d'installation ${tag}`]
	);
	charter = open;
	const [shut] = await sql<{ id: string; slug: string }>(
		`insert into public.charters (slug, title, scope_level, status, is_public, intake_open)
		 values ($1, $2, 'departement', 'active', true, false) returning id, slug`,
		[`test-installation-fermee-${tag}`, `Charte fermée ${tag}`]
	);
	closed = shut;
});

test.afterAll(async () => {
	await sql('delete from public.charters where id = any($1)', [[charter.id, closed.id]]);
});

const storedFor = async (email: string) =>
	sql<{ reference: string; requester_locale: string; needs: string[]; consent: boolean; communes: string[] }>(
		`select r.reference, r.requester_locale, r.needs::text[] as needs, r.consent_at is not null as consent,
		   array(select commune_code from public.support_request_communes c where c.request_id = r.id) as communes
		 from public.support_requests r where r.charter_id = $1 and r.requester_email = $2`,
		[charter.id, email]
	);

test('a professional fills in the public form with the keyboard alone and gets the reference by e-mail', async ({
	page
}) => {
	const email = `kbd.${randomUUID().slice(0, 8)}@example.com`;
	const since = new Date();
	await page.goto(`/public/${charter.slug}`);
	const link = page.getByRole('link', { name: /Vous souhaitez vous installer/ });
	await tabTo(page, link);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`/public/${charter.slug}/installation$`));
	await expect(page.getByRole('heading', { level: 1, name: 'Vous souhaitez vous installer ?' })).toBeVisible();
	await expect(page.getByText(/24 mois après la clôture de la demande/)).toBeVisible();
	await expectNoAxeViolations(page);
	// The honeypot is out of the way of the keyboard.
	await expect(page.locator('#intake-website')).toHaveAttribute('tabindex', '-1');

	await typeInto(page, 'Prénom *', 'Inès');
	await typeInto(page, 'Nom *', 'Clavier');
	await typeInto(page, 'Adresse e-mail', email);
	// A select moves to its option with the arrow keys.
	await chooseWithKeys(page, 'Langue des messages', 'en');
	await chooseWithKeys(page, 'Profession *', 'medecine');
	await chooseWithKeys(page, 'Où en êtes-vous ? *', 'interne');
	await typeInto(page, 'Votre projet', 'Installation en maison de santé pluriprofessionnelle.');
	await tabTo(page, page.getByRole('checkbox', { name: 'Logement' }));
	await page.keyboard.press('Space');
	await tabTo(page, page.getByRole('checkbox', { name: 'Locaux professionnels' }));
	await page.keyboard.press('Space');
	await tabTo(page, page.getByRole('combobox', { name: /Communes envisagées/ }));
	await page.keyboard.type('Marmande');
	await expect(page.getByRole('option', { name: /Marmande/ }).first()).toBeVisible();
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('Enter');
	await tabTo(page, page.getByRole('checkbox', { name: /J'accepte que mes données/ }));
	await page.keyboard.press('Space');
	await tabTo(page, page.getByRole('button', { name: 'Envoyer ma demande' }));
	await page.keyboard.press('Enter');

	await expect(page).toHaveURL(/\/installation\/envoyee\?reference=/);
	const shown = await page.getByText(/^Sa référence : \d{4}-\d{4}$/).textContent();
	const reference = shown!.replace('Sa référence : ', '');
	await expect(page.getByRole('heading', { name: 'Et maintenant ?' })).toBeVisible();
	await expectNoAxeViolations(page);

	const [row] = await storedFor(email);
	expect(row).toEqual({
		reference,
		requester_locale: 'en',
		needs: ['logement', 'locaux'],
		consent: true,
		communes: ['47157']
	});
	const mail = await waitForMail(email, since);
	expect(mail.subject).toBe(`Your support request ${reference} has been received`);
	expect(mail.text).toContain('Hello Inès,');
	expect(mail.text).toContain('- Housing\n- Premises');
});

test('without JavaScript: a missing consent is refused next to the box, then the request goes', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	const email = `nojs.${randomUUID().slice(0, 8)}@example.com`;
	await page.goto(`/public/${charter.slug}/installation`);
	await page.getByLabel('Prénom *').fill('Noé');
	await page.getByLabel('Nom *', { exact: true }).fill('Sansjs');
	await page.getByLabel('Adresse e-mail').fill(email);
	await page.getByLabel('Profession *').selectOption('maieutique');
	await page.getByLabel('Où en êtes-vous ? *').selectOption('en_exercice');
	await page.getByRole('checkbox', { name: "Garde d'enfants" }).check();
	await page.getByLabel(/Communes envisagées/).fill('Marmande, 33063');
	await page.waitForTimeout(3_100);

	const refused = page.waitForResponse((r) => r.request().method() === 'POST');
	await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
	expect((await refused).status()).toBe(400);
	await expect(page.locator('#intake-consent-error')).toHaveText(
		'Cochez la case de consentement : sans elle, la demande ne peut pas être envoyée.'
	);
	await expect(page.getByText("La demande n'est pas envoyée : corrigez les champs signalés.")).toBeVisible();
	expect(await storedFor(email)).toEqual([]);

	// What was typed is still there; the consent box is all that is missing.
	await expect(page.getByLabel('Adresse e-mail')).toHaveValue(email);
	await page.getByRole('checkbox', { name: /J'accepte que mes données/ }).check();
	await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
	await expect(page).toHaveURL(/\/installation\/envoyee\?reference=/);
	const [row] = await storedFor(email);
	await expect(page.getByText(`Sa référence : ${row.reference}`)).toBeVisible();
	expect(row.communes.sort()).toEqual(['33063', '47157']);
	expect(row.needs).toEqual(['garde_enfants']);
	await context.close();
});

test('an empty form shows each error next to its field, axe clean', async ({ page }) => {
	await page.goto(`/public/${charter.slug}/installation`);
	await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
	await expect(page.getByText("La demande n'est pas envoyée : corrigez les champs signalés.")).toBeVisible();
	await expect(page.locator('#intake-first-name-error')).toHaveText('Indiquez votre prénom.');
	await expect(page.locator('#intake-profession-error')).toHaveText('Choisissez votre profession.');
	await expect(page.locator('#intake-consent-error')).toContainText('Cochez la case de consentement');
	await expect(page.getByLabel('Prénom *')).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(page);
});

test('a charter that has not opened its form shows no link, and its form is a 404', async ({ page }) => {
	await page.goto(`/public/${closed.slug}`);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByRole('link', { name: /Vous souhaitez vous installer/ })).toHaveCount(0);
	const answer = await page.goto(`/public/${closed.slug}/installation`);
	expect(answer?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();
});
