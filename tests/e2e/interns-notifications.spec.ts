/**
 * Interns and elected officials, end to end on the local stack: a coordinator records and confirms a placement
 * in the browser, the notification worker inside the server sends the e-mail, the official of that commune finds
 * it in the dev mailbox (HTTP API), the official of another commune gets nothing and reads nothing through the
 * REST API. Then the official's page, one-click unsubscribe, the coordinator's sent-messages page with its resend
 * button, and erasure on request. Axe scans of every page of the feature, and screenshots at 1280 and 375 px
 * with E2E_SCREENSHOTS=1 (in .local/test-results/screenshots).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { expect, test, type Page } from '@playwright/test';
import { unsubscribeKey, unsubscribeToken } from '../../src/lib/server/notifications/unsubscribe.ts';
import { superuserPool } from '../helpers/demo.ts';
import { createWorld, WORLD_PASSWORD, type World } from '../notifications/world.ts';
import { expectNoAxeViolations, signIn, testStack, waitForMail } from './helpers.ts';

// The tests follow one placement from its creation to its erasure; each does several page loads and e-mails.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const SAINT_YRIEIX = '87187';
const BELLAC = '87011';
const shots = path.join(process.cwd(), '.local', 'test-results', 'screenshots');
const su = superuserPool();
let world: World;
let placementId = '';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const startsOn = iso(new Date(Date.now() + 45 * 86_400_000));
const endsOn = iso(new Date(Date.now() + 180 * 86_400_000));
const fr = (isoDate: string) => isoDate.split('-').reverse().join('/');

/** Screenshots to look at (E2E_SCREENSHOTS=1): they take time, so the suite does not take them by default. */
async function screenshots(page: Page, name: string): Promise<void> {
	if (!process.env.E2E_SCREENSHOTS) return;
	mkdirSync(shots, { recursive: true });
	for (const width of [1280, 375]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 900 });
}

async function mailsTo(address: string): Promise<{ ID: string; Subject: string }[]> {
	const res = await fetch(`${testStack.mailboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${address}`)}`);
	return ((await res.json()) as { messages: { ID: string; Subject: string }[] }).messages;
}

function restClient() {
	return createClient(testStack.apiUrl, testStack.anonKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
	});
}

test.beforeAll(async () => {
	world = await createWorld(su, [[SAINT_YRIEIX], [BELLAC]]);
});

test.afterAll(async () => {
	await world?.remove();
	await su.end();
});

test('a coordinator confirms a placement: the official of that commune gets the e-mail, the other nothing', async ({
	page
}) => {
	const [official, other] = world.officials;
	await signIn(page, world.coordinator.email, WORLD_PASSWORD);
	await page.goto(`/chartes/${world.slug}/stagiaires`);
	await expect(page.getByRole('heading', { level: 1, name: 'Registre des stages' })).toBeVisible();
	await page.getByRole('link', { name: 'Ajouter un stage' }).click();

	await expect(page.getByRole('heading', { level: 1, name: 'Ajouter un stage' })).toBeVisible();
	await expectNoAxeViolations(page);
	// French errors next to the fields, without losing what was typed.
	await page.getByLabel('Prénom').fill('Capucine');
	await page.getByRole('button', { name: 'Enregistrer le stage' }).click();
	await expect(page.getByText('Choisissez la commune du stage.')).toBeVisible();
	await expect(page.getByText("Indiquez la date d'arrivée.")).toBeVisible();
	await expect(page.getByLabel('Prénom')).toHaveValue('Capucine');
	await screenshots(page, 'interns-form-errors');

	await page.getByLabel('Nom', { exact: true }).fill('Lemoine');
	await page.getByLabel('Adresse e-mail du ou de la stagiaire').fill('capucine.lemoine@example.com');
	await page.getByLabel('Profession').selectOption('medecine');
	await page.getByLabel('Niveau').selectOption('interne');
	await page.getByLabel('Spécialité').fill('Médecine générale');
	await page.getByLabel('Faculté').fill('Faculté de médecine de Limoges');
	await page.getByLabel('Maître de stage', { exact: true }).fill('Dr Hélène Faure');
	await page.getByLabel("Structure d'accueil", { exact: true }).selectOption({ label: world.hostName });
	// The commune picker: a few letters of the name, then the commune from the list.
	const picker = page.getByRole('combobox', { name: 'Commune du stage' });
	await picker.fill('Saint-Yrieix-la');
	// The most populated match comes first: ↓ makes it the active option, Entrée picks it (APG combobox).
	await expect(page.getByRole('option', { name: /Saint-Yrieix-la-Perche \(87187/ })).toBeVisible();
	await picker.press('ArrowDown');
	await picker.press('Enter');
	await expect(page.getByRole('button', { name: 'Retirer Saint-Yrieix-la-Perche' })).toBeVisible();
	await page.getByLabel("Date d'arrivée").fill(startsOn);
	await page.getByLabel('Date de fin').fill(endsOn);
	await page.getByLabel('Hébergement', { exact: true }).selectOption('logement_communal');
	await page.getByRole('button', { name: 'Enregistrer le stage' }).click();

	await expect(page.getByText('Stage enregistré.')).toBeVisible();
	await expect(page.getByRole('list', { name: /Commune du stage/ })).toContainText('Saint-Yrieix-la-Perche');
	placementId = page.url().split('/').pop()!.split('?')[0];
	await expectNoAxeViolations(page);
	await screenshots(page, 'interns-edit');

	await page.goto(`/chartes/${world.slug}/stagiaires`);
	const row = page.getByRole('row', { name: /Capucine/ });
	await expect(row.getByText('Prévu')).toBeVisible();
	const since = new Date();
	await row.getByRole('button', { name: 'Confirmer le stage de Capucine' }).click();
	await expect(
		page.getByText('Stage de Capucine confirmé : les élus de la commune sont prévenus par e-mail.')
	).toBeVisible();
	await expect(page.getByRole('row', { name: /Capucine/ }).getByText('Confirmé')).toBeVisible();
	await expectNoAxeViolations(page);
	await screenshots(page, 'interns-register');

	// The worker inside the server sends it; the official finds it in the mailbox.
	const mail = await waitForMail(official.email, since, 20_000);
	expect(mail.subject).toBe(`Arrivée en stage à Saint-Yrieix-la-Perche le ${fr(startsOn)}`);
	expect(mail.text).toContain('Prénom : Capucine');
	expect(mail.text).toContain(`Dates : du ${fr(startsOn)} au ${fr(endsOn)}`);
	expect(mail.text).toContain(`Structure d'accueil : ${world.hostName}`);
	expect(mail.text).toContain('Hébergement : Logement communal');
	for (const secret of ['Lemoine', 'capucine.lemoine@example.com', 'Hélène Faure'])
		expect(mail.text).not.toContain(secret);
	expect(mail.html).toContain('Capucine');

	// The official of the other commune: no e-mail, and the REST API shows them nothing of it.
	await new Promise((r) => setTimeout(r, 1500));
	expect(await mailsTo(other.email)).toEqual([]);
	const otherClient = restClient();
	expect(
		(await otherClient.auth.signInWithPassword({ email: other.email, password: WORLD_PASSWORD })).error
	).toBeNull();
	const direct = await otherClient.from('internships').select('*').eq('id', placementId);
	expect(direct.error).toBeNull();
	expect(direct.data).toEqual([]);
	const byName = await otherClient.from('internships').select('id').eq('intern_first_name', 'Capucine');
	expect(byName.data).toEqual([]);
	const theirArrivals = await otherClient.rpc('official_arrivals');
	expect((theirArrivals.data as { internship_id: string }[]).map((r) => r.internship_id)).not.toContain(placementId);
	// ...while the official of Saint-Yrieix sees the arrival (without the personal data they do not need).
	const officialClient = restClient();
	await officialClient.auth.signInWithPassword({ email: official.email, password: WORLD_PASSWORD });
	const arrivals = (await officialClient.rpc('official_arrivals')).data as Record<string, unknown>[];
	expect(arrivals.find((r) => r.internship_id === placementId)).toMatchObject({ intern_first_name: 'Capucine' });
	expect(JSON.stringify(arrivals)).not.toContain('Lemoine');
});

test('the official finds the arrival on “Ma commune” and unsubscribes in one click', async ({ page, request }) => {
	const [official, other] = world.officials;
	await signIn(page, official.email, WORLD_PASSWORD);
	await expect(page).toHaveURL(/\/ma-commune$/);
	await expect(page.getByRole('link', { name: 'Ma commune' })).toHaveAttribute('aria-current', 'page');
	const row = page.getByRole('row', { name: /Capucine/ });
	await expect(row).toContainText(fr(startsOn));
	await expect(row).toContainText(world.hostName);
	await expect(row).toContainText('Logement communal');
	await expect(page.getByText('Lemoine')).toHaveCount(0);
	await expectNoAxeViolations(page);
	await screenshots(page, 'interns-ma-commune');

	// The link of the e-mail: a confirmation page, then unsubscribed.
	const mail = await waitForMail(official.email, new Date(0));
	const link = mail.text.match(/https?:\/\/\S+\/desabonnement\?t=[\w.-]+/)![0];
	await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
	await expect(page.getByText('Ne plus recevoir : Arrivées de stagiaires dans mes communes ?')).toBeVisible();
	await expectNoAxeViolations(page);
	await screenshots(page, 'interns-unsubscribe');
	await page.getByRole('button', { name: 'Me désabonner' }).click();
	await expect(page.getByText("C'est fait : vous ne recevrez plus ces e-mails")).toBeVisible();
	const [pref] = await su.query(
		'select enabled from public.notification_preferences where user_id = $1 and topic = $2',
		[official.id, 'internship_events']
	);
	expect(pref).toEqual({ enabled: false });

	// The preferences page shows it off, and turns it on again.
	await page.goto('/preferences');
	const box = page.getByLabel('Arrivées de stagiaires dans mes communes');
	await expect(box).not.toBeChecked();
	await expectNoAxeViolations(page);
	await screenshots(page, 'interns-preferences');
	await box.check();
	await page.getByRole('button', { name: 'Enregistrer mes préférences' }).click();
	await expect(page.getByText('Vos préférences sont enregistrées.')).toBeVisible();
	await expect(
		su.query('select enabled from public.notification_preferences where user_id = $1 and topic = $2', [
			official.id,
			'internship_events'
		])
	).resolves.toEqual([{ enabled: true }]);

	// RFC 8058: the mail client's one-click POST, without a browser, an Origin or a session.
	const key = unsubscribeKey(process.env.UNSUBSCRIBE_SECRET, testStack.serviceRoleKey);
	const token = unsubscribeToken(key, other.id, 'digest_official');
	const oneClick = await request.post(`/desabonnement?t=${token}`, {
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		data: 'List-Unsubscribe=One-Click'
	});
	expect(oneClick.status()).toBe(200);
	await expect(
		su.query('select enabled from public.notification_preferences where user_id = $1 and topic = $2', [
			other.id,
			'digest_official'
		])
	).resolves.toEqual([{ enabled: false }]);
	// A forged token changes nothing.
	const forged = await request.post(`/desabonnement?t=${token.slice(0, -2)}xx`, {
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		data: 'List-Unsubscribe=One-Click'
	});
	expect(forged.status()).toBe(400);
});

test('the coordinator sees the sent e-mail, resends it, and erases the intern’s data on request', async ({ page }) => {
	const [official] = world.officials;
	await signIn(page, world.coordinator.email, WORLD_PASSWORD);
	await page.goto(`/chartes/${world.slug}/administration/notifications`);
	await expect(page.getByRole('heading', { level: 1, name: 'Messages envoyés' })).toBeVisible();
	const row = page.getByRole('row', { name: new RegExp(official.email.replace('.', '\\.')) });
	await expect(row.getByText('Envoyé', { exact: true })).toBeVisible();
	await expect(row).toContainText(`Arrivée en stage à Saint-Yrieix-la-Perche le ${fr(startsOn)}`);
	await expectNoAxeViolations(page);
	await screenshots(page, 'interns-notifications');

	const since = new Date();
	await row.getByRole('button', { name: /^Renvoyer à / }).click();
	await expect(page.getByText("Le message est remis dans la file d'envoi")).toBeVisible();
	const again = await waitForMail(official.email, since, 20_000);
	expect(again.text).toContain('Prénom : Capucine');

	await page.goto(`/chartes/${world.slug}/stagiaires/${placementId}`);
	await page.getByRole('button', { name: 'Effacer les données personnelles' }).click();
	await expect(page.getByText("Cochez la case pour confirmer l'effacement.")).toBeVisible();
	await page.getByLabel(/Je confirme l'effacement définitif/).check();
	await page.getByRole('button', { name: 'Effacer les données personnelles' }).click();
	await expect(page.getByText('Les données personnelles du ou de la stagiaire ont été effacées.')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'Stage anonymisé' })).toBeVisible();
	const [intern] = await su.query(
		'select intern_first_name, intern_last_name, intern_email from public.internships where id = $1',
		[placementId]
	);
	expect(intern).toEqual({ intern_first_name: null, intern_last_name: null, intern_email: null });
	await page.goto(`/chartes/${world.slug}/stagiaires`);
	await expect(page.getByText('Données effacées').first()).toBeVisible();
});

test('the seeded plan: register, official’s page and sent messages pass axe at both widths', async ({ page }) => {
	await signIn(page, 'coordination.hv@example.org');
	await page.goto('/chartes/haute-vienne/stagiaires?periode=tous');
	await expect(page.getByRole('table', { name: /Stages de la charte/ })).toBeVisible();
	await page.getByText(/Afficher le décompte/).click();
	await expectNoAxeViolations(page);
	await screenshots(page, 'seed-register');
	await page.getByRole('link', { name: /Trier par Commune/ }).click();
	await expect(page.getByRole('columnheader', { name: /Commune/ }).first()).toHaveAttribute('aria-sort', 'ascending');
	await page.goto('/chartes/haute-vienne/administration/notifications');
	await expectNoAxeViolations(page);
	await screenshots(page, 'seed-notifications');

	await page.context().clearCookies();
	await signIn(page, 'maire.hv@example.org');
	await expect(page).toHaveURL(/\/ma-commune$/);
	await expect(page.getByRole('row', { name: /Léa/ })).toBeVisible();
	await expect(page.getByText('Thomas')).toHaveCount(0); // Saint-Junien is not one of their communes
	await expectNoAxeViolations(page);
	await screenshots(page, 'seed-ma-commune');
});
