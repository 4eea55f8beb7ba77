/**
 * Unsubscribe links expire a year after the e-mail was sent: an older link (or one of the first, undated links)
 * changes nothing and says, in French or in English, that it has expired and where to choose one's e-mails after
 * signing in; a link of 364 days still works.
 */
import { createHmac } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { unsubscribeKey, unsubscribeToken } from '../../src/lib/server/notifications/unsubscribe.ts';
import { sql } from '../helpers/env.ts';
import { freshUser } from './fixtures.ts';
import { expectNoAxeViolations, testStack } from './helpers.ts';

const DAY = 86_400_000;
const key = unsubscribeKey(process.env.UNSUBSCRIBE_SECRET, testStack.serviceRoleKey);
const EXPIRED_FR = "Ce lien de désabonnement a expiré : il n'est valable qu'un an après l'envoi de l'e-mail.";
const EXPIRED_EN = 'This unsubscribe link has expired: it only works for a year after the e-mail was sent.';

let user: { id: string; email: string };
test.beforeAll(async () => {
	user = await freshUser('desabonnement');
});
test.afterAll(async () => {
	await sql('delete from auth.users where id = $1', [user.id]);
});

const preference = (topic: string) =>
	sql<{ enabled: boolean }>('select enabled from public.notification_preferences where user_id = $1 and topic = $2', [
		user.id,
		topic
	]);

const oneClick = {
	headers: { 'content-type': 'application/x-www-form-urlencoded' },
	data: 'List-Unsubscribe=One-Click'
};

test('a link older than a year has expired: it says so and changes nothing', async ({ page, request }) => {
	const old = unsubscribeToken(key, user.id, 'digest_official', new Date(Date.now() - 366 * DAY));
	await page.goto(`/desabonnement?t=${old}`);
	await expect(page.getByRole('alert')).toContainText(EXPIRED_FR);
	await expect(page.getByRole('alert')).toContainText('Connectez-vous pour choisir les e-mails que vous recevez');
	await expect(page.getByRole('button', { name: 'Me désabonner' })).toHaveCount(0);
	await expectNoAxeViolations(page);
	// Its link leads to the preferences, through the sign-in page for a visitor who is signed out.
	await page.getByRole('link', { name: 'Gérer mes préférences de notification' }).click();
	await expect(page).toHaveURL(/\/connexion\?suivant=%2Fpreferences$/);

	const response = await request.post(`/desabonnement?t=${old}`, oneClick);
	expect(response.status()).toBe(410);
	expect(await preference('digest_official')).toEqual([]);

	// One of the first links, which carried no date: expired as well.
	const data = `${user.id}.digest_official`;
	const undated = `${Buffer.from(data).toString('base64url')}.${createHmac('sha256', key).update(data).digest('base64url')}`;
	await page.goto(`/desabonnement?t=${undated}`);
	await expect(page.getByRole('alert')).toContainText(EXPIRED_FR);
	expect((await request.post(`/desabonnement?t=${undated}`, oneClick)).status()).toBe(410);
	expect(await preference('digest_official')).toEqual([]);

	// A forged link is not "expired": it is not valid.
	await page.goto(`/desabonnement?t=${old.slice(0, -2)}xx`);
	await expect(page.getByRole('alert')).toContainText("Ce lien de désabonnement n'est pas valide.");
});

test('the expired message is in English for English readers', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'en-GB' });
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: test.info().project.use.baseURL! }]);
	const page = await context.newPage();
	const old = unsubscribeToken(key, user.id, 'digest_partner', new Date(Date.now() - 400 * DAY));
	await page.goto(`/desabonnement?t=${old}`);
	await expect(page.getByRole('alert')).toContainText(EXPIRED_EN);
	await expect(page.getByRole('alert')).toContainText('Sign in to choose the e-mails you receive');
	await expect(page.getByRole('link', { name: 'Manage my notification preferences' })).toHaveAttribute(
		'href',
		'/preferences'
	);
	await context.close();
});

test('a link of 364 days still unsubscribes', async ({ page }) => {
	const recent = unsubscribeToken(key, user.id, 'digest_steering', new Date(Date.now() - 364 * DAY));
	await page.goto(`/desabonnement?t=${recent}`);
	await page.getByRole('button', { name: 'Me désabonner' }).click();
	await expect(page.getByText("C'est fait : vous ne recevrez plus ces e-mails")).toBeVisible();
	expect(await preference('digest_steering')).toEqual([{ enabled: false }]);
});
